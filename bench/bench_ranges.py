"""One large file read by one worker and by two (byte ranges, pipelines/read_files.py):
whole-process wall and CPU time and peak memory, the two alternating, and the ratio pair by
pair; then the same at 4x the size, for the memory.

    .venv/bin/python -m bench.bench_ranges [--format posts] [--mb 200] [--rounds 3] [--factor 4]
    .venv/bin/python -m bench.bench_ranges --format multistream --mb 12 --split-mb 2 --shard-mb 16

`posts`: the shipped cooking.stackexchange.com Posts.xml, its rows repeated under new ids until
it holds `--mb` megabytes, as StackOverflow's is one file of about 100 GB. `multistream`: the
shipped English Wikipedia sample dump's pages repeated under new ids (and a first line naming
the copy, so that none is a duplicate) as a pages-articles-multistream dump of about `--mb`
megabytes of bzip2, 100 pages a stream, as Wikimedia writes them. Both runs read the file in
ranges of `--split-mb` (`input.split_bytes`, default 64) and written in shards of `--shard-mb`
of text (`output.shard_bytes`, default 512: a worker sorts one shard in memory, so its memory
grows with the output up to that size); the one-worker run is the local runner in
`multi_processing` mode with one worker, so the two differ only in the worker count.
"""

from __future__ import annotations

import argparse
import bz2
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from corpora.bz2_streams import multistream

ROOT = Path(__file__).resolve().parent.parent

SITE = "cooking.stackexchange.com"
WORK = ROOT / "bench" / "work" / "ranges"
SAMPLE = ROOT / "corpora" / "samples" / "stackexchange" / SITE / "Posts.xml"
WIKI_SAMPLE = ROOT / "corpora" / "samples" / "wikipedia" / "enwiki-sample-pages-articles.xml.bz2"
ROW_IDS = re.compile(rb'(\b(?:Id|ParentId)=")(\d+)"')


def renumbered(rows: bytes, shift: int) -> bytes:
    """The rows with `shift` added to every post id and parent id."""
    return ROW_IDS.sub(lambda m: m[1] + str(int(m[2]) + shift).encode() + b'"', rows)


def build_posts(megabytes: int, folder: Path) -> Path:
    """A Posts.xml of about `megabytes` MB: the sample's rows, copy after copy, renumbered."""
    head, rest = SAMPLE.read_bytes().split(b"<posts>\n", 1)
    rows, tail = rest.rsplit(b"</posts>", 1)
    path = folder / SITE / "Posts.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    copies = max(1, megabytes * 1024 * 1024 // len(rows))
    with path.open("wb") as out:
        out.write(head + b"<posts>\n")
        for copy in range(copies):
            out.write(renumbered(rows, (copy + 1) * 1_000_000))
        out.write(b"</posts>" + tail)
    return path


def renumbered_page(page: bytes, shift: int) -> bytes:
    """A Wikipedia page with its id (the first `<id>`) moved up by `shift`, and (when moved,
    and not a redirect) a first paragraph naming the copy in letters (dedup reads every digit
    as 0), so that no copy is an exact duplicate of another."""
    page = re.sub(rb"<id>(\d+)</id>", lambda m: b"<id>%d</id>" % (shift + int(m[1])), page, count=1)
    tag = bytes(97 + int(digit) for digit in str(shift))
    first = rb"\1Copy " + tag + rb" of the page.\n\n"
    return re.sub(rb"(<text[^>]*>)(?!#)", first, page, count=1) if shift else page


def multistream_dump(dump: bytes, pages_per_stream: int, copies: int = 1) -> bytes:
    """A single-stream dump's XML as a multistream dump (the head, streams of pages, the
    end); with `copies`, its pages repeated under new ids."""
    xml = bz2.decompress(dump)
    head, rest = xml.split(b"</siteinfo>", 1)
    pages = re.findall(rb"<page>.*?</page>\s*", rest, re.S)
    many = [renumbered_page(page, copy * 10**6) for copy in range(copies) for page in pages]
    size = pages_per_stream
    groups = [b"".join(many[i : i + size]) for i in range(0, len(many), size)]
    return multistream([head + b"</siteinfo>\n", *groups, b"</mediawiki>\n"])


def build_multistream(megabytes: int, folder: Path) -> Path:
    """A multistream dump of about `megabytes` MB of bzip2."""
    sample = WIKI_SAMPLE.read_bytes()
    one = len(multistream_dump(sample, 100, copies=20)) / 20
    path = folder / "enwiki-20240101-pages-articles-multistream.xml.bz2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(multistream_dump(sample, 100, copies=max(1, int(megabytes * 2**20 / one))))
    return path


FORMATS = {"posts": ("stackexchange", build_posts), "multistream": ("wikipedia", build_multistream)}


def run(path: Path, workers: int, out: Path, source: str, config: Path) -> dict[str, float]:
    """One run under /usr/bin/time: wall and CPU seconds, the peak RSS of the largest process
    of this run, and the peaks (VmHWM, polled) of the runner and of its largest worker."""
    shutil.rmtree(out, ignore_errors=True)
    command = ["/usr/bin/time", "-f", "%e %U %S %M", sys.executable, "-m", "pipelines.run",
               "--source", source, "--input", str(path), "--output", str(out),
               "--config", str(config), "--direct_running_mode=multi_processing",
               f"--direct_num_workers={workers}", "--quiet"]  # fmt: skip
    peaks: dict[int, tuple[str, int]] = {}
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        while process.poll() is None:
            under_time = _descendants(process.pid)[1:]  # its one child, the runner, first
            for pid in under_time:
                peaks[pid] = _peak_kb(pid, pid == under_time[0]) or peaks.get(pid, ("", 0))
            time.sleep(0.25)
        errors.seek(0)
        stderr = errors.read()
    if process.returncode:
        sys.exit(f"failed ({process.returncode}): {' '.join(command[4:])}\n{stderr[-3000:]}")
    wall, user, system, peak_kb = stderr.strip().splitlines()[-1].split()
    by_role = {role: max((kb for r, kb in peaks.values() if r == role), default=0) / 1024
               for role in ("runner", "worker")}  # fmt: skip
    return {"wall_s": float(wall), "cpu_s": float(user) + float(system),
            "peak_rss_mb": int(peak_kb) / 1024, "runner_mb": by_role["runner"],
            "worker_mb": by_role["worker"]}  # fmt: skip


def _descendants(root: int) -> list[int]:
    """`root` and the processes under it, parents before children, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop(0)
        found.append(pid)
        todo += sorted(children.get(pid, []))
    return found


def _peak_kb(pid: int, is_runner: bool) -> tuple[str, int] | None:
    """(`runner`, `worker` (a Python process under the runner: a worker, or the zygote the
    workers are forked from) or "", its VmHWM in kB)."""
    try:
        program = Path(f"/proc/{pid}/exe").resolve().name
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    role = "runner" if is_runner else "worker" if program.startswith("python") else ""
    peak = re.search(r"VmHWM:\s+(\d+) kB", status)
    return (role, int(peak.group(1))) if peak else None


def compare(path: Path, rounds: int, source: str, config: Path) -> list[dict]:
    """1 and 2 workers in turn, `rounds` times; each pair's figures."""
    pairs = []
    for _ in range(rounds):
        one = run(path, 1, WORK / "out-1", source, config)
        two = run(path, 2, WORK / "out-2", source, config)
        pairs.append({"one": one, "two": two, "ratio": two["wall_s"] / one["wall_s"]})
    return pairs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--format", choices=sorted(FORMATS), default="posts")
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--split-mb", type=int, default=64)
    parser.add_argument("--shard-mb", type=int, default=512, help="output.shard_bytes in MiB")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--factor", type=int, default=4)
    args = parser.parse_args(argv)
    source, build = FORMATS[args.format]
    recipe = yaml.safe_load((ROOT / "mixture.yaml").read_text(encoding="utf-8"))
    recipe["input"]["split_bytes"] = args.split_mb * 2**20
    recipe["output"]["shard_bytes"] = args.shard_mb * 2**20
    WORK.mkdir(parents=True, exist_ok=True)
    config = WORK / "ranges.yaml"
    config.write_text(yaml.safe_dump(recipe), encoding="utf-8")
    print(
        "| input MB | workers | wall s (median) | CPU s (median) | peak RSS MB (largest process) "
        "| runner peak MB | largest worker peak MB | wall ratio 2/1 workers, pair by pair |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    for megabytes in (args.mb, args.mb * args.factor):
        path = build(megabytes, WORK / f"in-{megabytes}")
        size = path.stat().st_size / 1024 / 1024
        pairs = compare(path, args.rounds if megabytes == args.mb else 1, source, config)
        ratios = ", ".join(f"{p['ratio']:.2f}" for p in pairs)
        for key, workers in (("one", 1), ("two", 2)):
            wall = statistics.median(p[key]["wall_s"] for p in pairs)
            cpu = statistics.median(p[key]["cpu_s"] for p in pairs)
            peak, runner, worker = (max(p[key][f] for p in pairs)
                                    for f in ("peak_rss_mb", "runner_mb", "worker_mb"))  # fmt: skip
            print(f"| {size:.0f} | {workers} | {wall:.1f} | {cpu:.1f} | {peak:.0f} | "
                  f"{runner:.0f} | {worker:.0f} | {ratios if workers == 2 else ''} |")  # fmt: skip
        shutil.rmtree(WORK / f"in-{megabytes}", ignore_errors=True)


if __name__ == "__main__":
    main()
