"""One large Posts.xml read by one worker and by two (byte ranges, pipelines/read_files.py):
whole-process wall and CPU time and peak memory, the two alternating, and the ratio pair by
pair; then the same at 4x the size, for the memory.

    .venv/bin/python -m bench.bench_ranges [--mb 200] [--rounds 3] [--factor 4]

The file is the shipped cooking.stackexchange.com Posts.xml, its rows repeated under new ids
until it holds `--mb` megabytes, as StackOverflow's is one file of about 100 GB. Both runs read
it with `input.split_bytes` at its default (64 MiB); the one-worker run is the local runner in
`multi_processing` mode with one worker, so the two differ only in the worker count.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SITE = "cooking.stackexchange.com"
WORK = ROOT / "bench" / "work" / "ranges"
SAMPLE = ROOT / "corpora" / "samples" / "stackexchange" / SITE / "Posts.xml"
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


def run(path: Path, workers: int, out: Path) -> dict[str, float]:
    """One run under /usr/bin/time: wall and CPU seconds, and the peak RSS of the largest
    process of this run (the runner or a worker)."""
    shutil.rmtree(out, ignore_errors=True)
    command = ["/usr/bin/time", "-f", "%e %U %S %M", sys.executable, "-m", "pipelines.run",
               "--source", "stackexchange", "--input", str(path), "--output", str(out),
               "--direct_running_mode=multi_processing", f"--direct_num_workers={workers}",
               "--quiet"]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    wall, user, system, peak_kb = result.stderr.strip().splitlines()[-1].split()
    return {"wall_s": float(wall), "cpu_s": float(user) + float(system),
            "peak_rss_mb": int(peak_kb) / 1024}  # fmt: skip


def compare(path: Path, rounds: int) -> list[dict]:
    """1 and 2 workers in turn, `rounds` times; each pair's figures."""
    pairs = []
    for _ in range(rounds):
        one = run(path, 1, WORK / "out-1")
        two = run(path, 2, WORK / "out-2")
        pairs.append({"one": one, "two": two, "ratio": two["wall_s"] / one["wall_s"]})
    return pairs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--factor", type=int, default=4)
    args = parser.parse_args(argv)
    print("| input MB | workers | wall s (median) | CPU s (median) | peak RSS MB (largest process) "
          "| wall ratio 2/1 workers, pair by pair |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---|")
    for megabytes in (args.mb, args.mb * args.factor):
        path = build_posts(megabytes, WORK / f"in-{megabytes}")
        size = path.stat().st_size / 1024 / 1024
        pairs = compare(path, args.rounds if megabytes == args.mb else 1)
        ratios = ", ".join(f"{p['ratio']:.2f}" for p in pairs)
        for key, workers in (("one", 1), ("two", 2)):
            wall = statistics.median(p[key]["wall_s"] for p in pairs)
            cpu = statistics.median(p[key]["cpu_s"] for p in pairs)
            peak = max(p[key]["peak_rss_mb"] for p in pairs)
            print(f"| {size:.0f} | {workers} | {wall:.1f} | {cpu:.1f} | {peak:.0f} | "
                  f"{ratios if workers == 2 else ''} |")  # fmt: skip
        shutil.rmtree(path.parent.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
