"""Wall time and peak memory of whole runs on hostile inputs, one per class of bad input (huge
single-line records in every source's format, wikitext that nests or never closes, LaTeX that
fans out or recurses, XML broken near its start, wrong-typed fields), each run through the CLI
as a user runs it, on the local runner.

    .venv/bin/python -m bench.bench_hostile [--only NAME ...]

Goal (issue: bad input never blows up a run): every run under 60 s and 1.5 GB of peak resident
memory. Prints a Markdown table for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import io
import json
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"
WORK = ROOT / "bench" / "work" / "hostile"
MB = 1024 * 1024
GOAL_SECONDS, GOAL_MB = 60, 1536


def _wet_record(uri: str, text: bytes) -> bytes:
    header = (
        f"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Length: {len(text)}\r\n\r\n"
    )
    return header.encode() + text + b"\r\n\r\n"


def _wiki_dump(pages: list[tuple[str, bytes]]) -> bytes:
    body = b"".join(
        b"<page><title>"
        + title.encode()
        + b"</title><ns>0</ns><id>"
        + str(n).encode()
        + b"</id><revision><timestamp>2024-01-01T00:00:00Z</timestamp><text>"
        + text
        + b"</text></revision></page>\n"
        for n, (title, text) in enumerate(pages, 1)
    )
    return b"<mediawiki>\n" + body + b"</mediawiki>\n"


def _article(topic: str) -> bytes:
    sentence = f"The {topic} is described in many sources and studied by naturalists. "
    return (sentence * 12).encode()


def _tar(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _latex(body: str, preamble: str = "") -> bytes:
    return (
        f"\\documentclass{{article}}{preamble}\\begin{{document}}\\section{{Introduction}}"
        f"{body}\\end{{document}}"
    ).encode()


def _arxiv_bombs() -> bytes:
    fan = {"main.tex": _latex("\\input{l1}")}
    for level in range(1, 7):
        fan[f"l{level}.tex"] = f"\\input{{l{level + 1}}}\n".encode() * 10
    fan["l7.tex"] = b"Filler words in the last file of the tree.\n" * 4
    loop = _latex("The yield rose by a third. " + "\\a" * 2000, "\\def\\a{\\a\\a}")
    good = _latex("Wrens nest early in wet springs. " * 40)
    return _tar(
        {
            "2301/2301.00001.gz": gzip.compress(good),
            "2301/2301.00002.gz": gzip.compress(_tar(fan)),
            "2301/2301.00003.gz": gzip.compress(loop),
        }
    )


def _cases() -> dict[str, tuple[str, str, Callable[[], bytes]]]:
    """name: (source, file name, its bytes)."""
    text_100mb = b"lorem " * (100 * MB // 6)
    line_50mb = b"spam " * (50 * MB // 5)
    wet_sample = gzip.decompress(
        (SAMPLES / "commoncrawl" / "sample-00000.warc.wet.gz").read_bytes()
    )
    posts = (SAMPLES / "stackexchange" / "cooking.stackexchange.com" / "Posts.xml").read_bytes()
    nested = b"{{" * 2000 + b"x" + b"}}" * 2000
    openers = b"{{a|{{{b|[[c|{{d|" * 220_000  # 3.6 MB that never closes
    return {
        "commoncrawl: 50 MB one-line WET record among the sample's pages": (
            "commoncrawl",
            "big.warc.wet.gz",
            lambda: gzip.compress(_wet_record("https://big.example/", line_50mb) + wet_sample),
        ),
        "commoncrawl: 100 MB record": (
            "commoncrawl",
            "huge.warc.wet.gz",
            lambda: gzip.compress(_wet_record("https://huge.example/", text_100mb)),
        ),
        "c4: 100 MB row": (
            "c4",
            "huge.json.gz",
            lambda: gzip.compress(
                b'{"text": "' + text_100mb + b'", "url": "https://a.example/"}\n'
            ),
        ),
        "c4: wrong-typed fields (timestamp a number, url a list)": (
            "c4",
            "typed.json.gz",
            lambda: gzip.compress(
                b'{"text": "A page.", "timestamp": 5, "url": ["x"]}\n'
                + gzip.decompress((SAMPLES / "c4" / "c4-sample.json.gz").read_bytes())
            ),
        ),
        "github: 100 MB file": (
            "github",
            "huge.jsonl.gz",
            lambda: gzip.compress(
                b'{"repo_name": "a/b", "path": "x.py", "license": "mit", '
                b'"content": "' + text_100mb + b'"}\n'
            ),
        ),
        "wikipedia: 100 MB page": (
            "wikipedia",
            "enwiki-huge-pages-articles.xml.bz2",
            lambda: bz2.compress(_wiki_dump([("Big", text_100mb)])),
        ),
        "wikipedia: 2,000 nested templates, then good pages": (
            "wikipedia",
            "enwiki-nested-pages-articles.xml.bz2",
            lambda: bz2.compress(
                _wiki_dump(
                    [("Nested", nested)] + [(f"Bird {n}", _article(f"bird {n}")) for n in range(20)]
                )
            ),
        ),
        "wikipedia: 3.6 MB of openers that never close": (
            "wikipedia",
            "enwiki-openers-pages-articles.xml.bz2",
            lambda: bz2.compress(_wiki_dump([("Openers", openers), ("Wren", _article("wren"))])),
        ),
        "wikipedia: an invalid byte in the first page": (
            "wikipedia",
            "enwiki-broken-pages-articles.xml.bz2",
            lambda: bz2.compress(
                _wiki_dump(
                    [("Bad", b"\xff\xfe broken" + _article("owl"))]
                    + [(f"Bird {n}", _article(f"bird {n}")) for n in range(20)]
                )
            ),
        ),
        "books: 50 MB one-line book": ("books", "big.txt", lambda: line_50mb),
        "books: 100 MB book": ("books", "huge.txt", lambda: text_100mb),
        "arxiv: include fan-out, \\def\\a{\\a\\a}, a good paper": (
            "arxiv",
            "arXiv_src_2301_001.tar",
            _arxiv_bombs,
        ),
        "arxiv: 100 MB paper": (
            "arxiv",
            "huge.tex",
            lambda: b"\\documentclass{article}\\section{A}" + text_100mb,
        ),
        "stackexchange: an unclosed row near the start": (
            "stackexchange",
            "Posts.xml",
            lambda: posts.replace(b"<row ", b'<row Broken="x ', 1),
        ),
        "stackexchange: 100 MB post": (
            "stackexchange",
            "Posts.xml",
            lambda: (
                b'<posts>\n  <row Id="1" PostTypeId="1" Title="t" Body="'
                + text_100mb
                + b'" />\n</posts>\n'
            ),
        ),
    }


def measure(number: int, name: str, source: str, file_name: str, make: Callable[[], bytes]) -> dict:
    """One CLI run over the case's file: wall seconds, peak RSS (MB), rc and the read step."""
    folder = WORK / f"case-{number:02d}"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "in").mkdir(parents=True)
    path = folder / "in" / file_name
    path.write_bytes(make())
    out = folder / "out"
    command = [
        "/usr/bin/time",
        "-f",
        "%e %M",
        sys.executable,
        "-m",
        "pipelines.run",
        "--source",
        source,
        "--input",
        str(path),
        "--output",
        str(out),
        "--quiet",
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    wall, peak_kb = result.stderr.strip().splitlines()[-1].split()
    stats = (
        json.loads((out / "stats" / f"{source}.json").read_text()) if result.returncode == 0 else {}
    )
    read = next((s for s in stats.get("stages", []) if s["name"] == "read"), {})
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "case": name,
        "input_mb": round(path.stat().st_size / MB, 1) if path.exists() else None,
        "rc": result.returncode,
        "traceback": "Traceback" in result.stderr,
        "wall_s": float(wall),
        "peak_rss_mb": round(int(peak_kb) / 1024),
        "kept": stats.get("documents_out"),
        "read_dropped": read.get("dropped", {}),
    }


def main(argv: list[str] | None = None) -> int:
    """Run every case (or those named); print the table; 1 if a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="cases whose name contains one of these")
    args = parser.parse_args(argv)
    rows = []
    for number, (name, (source, file_name, make)) in enumerate(_cases().items()):
        if args.only and not any(word in name for word in args.only):
            continue
        rows.append(measure(number, name, source, file_name, make))
        print(json.dumps(rows[-1]), file=sys.stderr)
    print("| case | rc | wall s | peak RSS MB | kept | read drops |")
    print("|---|---:|---:|---:|---:|---|")
    missed = False
    for row in rows:
        drops = ", ".join(f"{k} {v}" for k, v in sorted(row["read_dropped"].items())) or "none"
        print(
            f"| {row['case']} | {row['rc']} | {row['wall_s']:.1f} | {row['peak_rss_mb']} | "
            f"{row['kept']} | {drops} |"
        )
        missed |= row["rc"] != 0 or row["traceback"] or row["wall_s"] > GOAL_SECONDS
        missed |= row["peak_rss_mb"] > GOAL_MB
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
