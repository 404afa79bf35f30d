"""Throughput of the CommonCrawl pipeline per core, next to the bare libraries doing the same
work in tight loops on the same documents, and the pipeline's peak memory.

    .venv/bin/python -m bench.bench_commoncrawl [--copies 40]

Input: the real WET file ../shared/data/web/warc/eval-pages.warc.wet.gz (the shipped sample when
absent), written `--copies` times into one WET file with distinct URLs. Results go to stdout as a
Markdown table; paste into bench/RESULTS.md with the command line.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import time
from pathlib import Path

from bench.cli_run import measured_run
from corpora.commoncrawl import read_file
from corpora.compression import open_decompressed
from corpora.warc import WarcRecord, iter_records
from filters.document import Document
from filters.fasttext_util import installed_lid_model, load_fasttext
from filters.line_dedup import line_hashes
from filters.normalize import normalize_for_lm
from filters.perplexity import LMFiles

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
REAL_WET = ROOT.parent / "shared" / "data" / "web" / "warc" / "eval-pages.warc.wet.gz"
SAMPLE_WET = ROOT / "corpora" / "samples" / "commoncrawl" / "sample-00000.warc.wet.gz"


def build_input(copies: int, files: int) -> list[Path]:
    """WET files holding `copies` copies of every record in all, each under its own URL, copy k
    in file k mod `files`. Every line of copy k ends with a short letter tag of k, so copies are
    not line duplicates of each other (digits would be: dedup normalises them to 0)."""
    source = REAL_WET if REAL_WET.exists() else SAMPLE_WET
    records = [
        r
        for r in iter_records(open_decompressed(source.open("rb")))
        if isinstance(r, WarcRecord) and r.type == "conversion"
    ]
    WORK.mkdir(parents=True, exist_ok=True)
    paths = [WORK / f"bench-{copies}-{i:02d}-of-{files:02d}.warc.wet.gz" for i in range(files)]
    chunks: list[list[bytes]] = [[] for _ in paths]
    for copy in range(copies):
        tag = f" q{_letters(copy)}".encode() if copy else b""
        for record in records:
            block = b"\n".join(
                line + tag if line.strip() else line for line in record.block.split(b"\n")
            )
            headers = dict(record.headers)
            headers["WARC-Target-URI"] = f"{headers.get('WARC-Target-URI', '')}#copy{copy}"
            headers["Content-Length"] = str(len(block))
            head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
            chunks[copy % files].append(f"WARC/1.0\r\n{head}\r\n".encode() + block + b"\r\n\r\n")
    for path, chunk in zip(paths, chunks, strict=True):
        path.write_bytes(gzip.compress(b"".join(chunk), compresslevel=1, mtime=0))
    return paths


def _letters(number: int) -> str:
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out = chr(ord("a") + digit) + out
        if number == 0:
            return out


def read_all(paths: list[Path]) -> list[Document]:
    """Every document of the WET files, through the pipeline's own reader: the floor of the
    read stage, which no pipeline can skip."""
    docs = []
    for path in paths:
        with path.open("rb") as raw:
            docs += [
                d for d in read_file(io.BufferedReader(raw), path.name) if isinstance(d, Document)
            ]
    return docs


def bare_rows(paths: list[Path], model_dir: Path) -> list[dict]:
    """One round of the bare floor: reading, then the recipe's three stages."""
    reading = timed(
        "bare: our WET reader (gunzip, WARC records, documents)",
        lambda: read_all(paths),
        0,
        0,
    )
    docs = reading["result"]
    reading["docs"] = len(docs)
    reading["docs_per_cpu_s"] = len(docs) / reading["cpu_s"]
    reading["mb_per_cpu_s"] = sum(len(d.text.encode()) for d in docs) / 1e6 / reading["cpu_s"]
    return [reading, *bare_recipe(docs, model_dir)]


def timed(label: str, work, count: int, nbytes: int) -> dict:
    started = time.process_time()
    result = work()
    seconds = time.process_time() - started
    return {
        "what": label,
        "docs": count,
        "cpu_s": seconds,
        "result": result,
        "docs_per_cpu_s": count / seconds,
        "mb_per_cpu_s": nbytes / 1e6 / seconds,
    }


def bare_recipe(docs: list[Document], model_dir: Path) -> list[dict]:
    """The same funnel as the pipeline, as tight loops over the bare libraries: line hashing and
    an in-memory first-occurrence set, fastText on what is left, SentencePiece + KenLM on the
    English documents. Each row is one stage on exactly the documents that reach it."""
    import kenlm
    import sentencepiece

    lid = load_fasttext(installed_lid_model())
    files = LMFiles.under(model_dir / "lm", "en")
    sp = sentencepiece.SentencePieceProcessor(model_file=str(files.sentencepiece))
    lm = kenlm.Model(str(files.kenlm))

    def dedup(texts):
        seen: set[bytes] = set()
        out = []
        for text in texts:
            lines = text.split("\n")
            keep = []
            for number, digest in line_hashes(text):
                if digest not in seen:
                    seen.add(digest)
                    keep.append(lines[number])
            if keep:
                out.append("\n".join(keep))
        return out

    def language(texts):
        labels, scores = lid.predict([t.replace("\n", " ") for t in texts], k=1)
        return [
            t
            for t, label, score in zip(texts, labels, scores, strict=True)
            if label[0] == "__label__en" and score[0] >= 0.5
        ]

    def perplexity(texts):
        for text in texts:
            lines = [normalize_for_lm(line) for line in text.split("\n") if line.strip()]
            for pieces in sp.encode(lines, out_type=str):
                lm.score(" ".join(pieces))

    def size(texts):
        return sum(len(t.encode()) for t in texts)

    texts = [d.text for d in docs]
    rows = [
        timed(
            "bare: normalise + SHA-1 + first-occurrence set",
            lambda: dedup(texts),
            len(texts),
            size(texts),
        )
    ]
    deduped = rows[-1]["result"]
    rows.append(
        timed(
            "bare: fastText lid.176 predict (one batch)",
            lambda: language(deduped),
            len(deduped),
            size(deduped),
        )
    )
    english = rows[-1]["result"]
    rows.append(
        timed(
            "bare: normalise + SentencePiece + KenLM score",
            lambda: perplexity(english),
            len(english),
            size(english),
        )
    )
    return rows


def extraction(warc: Path) -> list[dict]:
    """HTML to text on the real WARC: each library in a tight loop that reads the WARC as it
    must (gunzip, records, HTTP parsing, charset detection), then our reader with it (which
    also prefers the HTTP header's charset and cleans the lines)."""
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    from corpora.http_payload import parse_response

    bodies = [
        parse_response(r.block).body
        for r in iter_records(open_decompressed(warc.open("rb")))
        if isinstance(r, WarcRecord) and r.type == "response"
    ]
    nbytes = sum(len(b) for b in bodies)

    def bare(extract):
        def loop():
            for record in iter_records(open_decompressed(warc.open("rb"))):
                if isinstance(record, WarcRecord) and record.type == "response":
                    body = parse_response(record.block).body
                    extract(bytes_to_str(body, detect_encoding(body)))

        return loop

    def ours(extractor):
        return lambda: list(read_file(warc.open("rb"), warc.name, extractor=extractor))

    resiliparse = bare(lambda page: extract_plain_text(HTMLTree.parse(page), main_content=True))
    return [
        timed("bare: WARC + HTTP + charset, trafilatura.extract", bare(trafilatura.extract),
              len(bodies), nbytes),
        timed("reader: WARC -> documents, trafilatura", ours("trafilatura"), len(bodies), nbytes),
        timed("bare: WARC + HTTP + charset, resiliparse extract_plain_text", resiliparse,
              len(bodies), nbytes),
        timed("reader: WARC -> documents, resiliparse", ours("resiliparse"), len(bodies), nbytes),
    ]  # fmt: skip


def pipeline_run(pattern: str, mode_args: list[str]) -> dict:
    out = WORK / "out"
    run = measured_run(["--source", "commoncrawl", "--input", pattern, "--output", str(out),
                        "--force", *mode_args])  # fmt: skip
    run["stats"] = json.loads((out / "stats" / "commoncrawl.json").read_text())
    run["docs"] = run["stats"]["documents_in"]
    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    paths = build_input(args.copies, args.files)
    pattern = str(WORK / f"bench-{args.copies}-*-of-{args.files:02d}.warc.wet.gz")
    model_dir = WORK / "out" / "models"
    # The models are made once, untimed, so every run uses the same: the quality LM with its
    # cut-offs set on the real pages' English text (as cc_net's are percentiles of web pages,
    # so about 60% of the English pages go on to the classifier), then a small run trains the
    # Wikipedia-reference classifier on first use.
    shutil.rmtree(model_dir, ignore_errors=True)
    pages = REAL_WET if REAL_WET.exists() else SAMPLE_WET
    measured_run(["--stage", "quality-models", "--output", str(WORK / "out"),
                  "--cutoff-sample", str(pages)])  # fmt: skip
    pipeline_run(str(SAMPLE_WET), [])

    modes = {
        "in_memory, 1 worker": [],
        "multi_processing, 2 workers": [
            "--direct_running_mode=multi_processing",
            "--direct_num_workers=2",
        ],
    }
    # This machine's speed drifts by 2x over minutes (shared cores): the bare loops and the
    # pipeline runs alternate for several rounds, and each keeps its best round.
    best_rows: list[dict] = []
    runs: dict[str, dict] = {}
    startup: dict = {}
    for _ in range(args.rounds):
        rows = bare_rows(paths, model_dir)
        if best_rows:
            rows = [
                min(pair, key=lambda r: r["cpu_s"]) for pair in zip(best_rows, rows, strict=True)
            ]
        best_rows = rows
        candidate = pipeline_run(str(SAMPLE_WET), [])
        startup = min(startup, candidate, key=lambda r: r["cpu_s"]) if startup else candidate
        for mode, mode_args in modes.items():
            run = pipeline_run(pattern, mode_args)
            runs[mode] = min(runs[mode], run, key=lambda r: r["cpu_s"]) if mode in runs else run
    rows = best_rows
    docs = rows[0]["result"]
    floor = len(docs) / sum(r["cpu_s"] for r in rows)
    first = next(iter(runs.values()))
    print(
        f"input: {len(paths)} WET files, {first['docs']} documents, "
        f"{sum(p.stat().st_size for p in paths) / 1e6:.1f} MB gzip\n"
    )
    print("| what | docs in | docs/s per core | MB/s per core |")
    print("|---|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['what']} | {r['docs']} | {r['docs_per_cpu_s']:,.0f} | {r['mb_per_cpu_s']:.1f} |"
        )
    print(
        f"| **bare floor**: the four in sequence, per input document | {len(docs)} "
        f"| **{floor:,.0f}** | |"
    )
    for mode, run in runs.items():
        per_cpu = run["docs"] / run["cpu_s"]
        print(
            f"| **pipeline**, {mode} (read, dedup, LID, LM, Parquet, Beam start-up) "
            f"| {run['docs']} | **{per_cpu:,.0f}** | |"
        )
    print()
    for mode, run in runs.items():
        per_cpu = run["docs"] / run["cpu_s"]
        marginal = (run["docs"] - startup["docs"]) / (run["cpu_s"] - startup["cpu_s"])
        print(
            f"- pipeline {mode}: wall {run['wall_s']:.1f}s ({run['docs'] / run['wall_s']:,.0f}"
            f" docs/s), CPU {run['cpu_s']:.1f}s, peak RSS {run['peak_rss_mb']:.0f} MB, "
            f"{per_cpu / floor:.2f}x the bare floor per core; marginal (less the sample run's "
            f"start-up and model loads) {marginal:,.0f} docs/s per core, {marginal / floor:.2f}x"
        )
    print(
        f"- fixed cost of one run (start-up, model loads, 34-document sample): CPU "
        f"{startup['cpu_s']:.1f}s"
    )
    funnel = ", ".join(f"{s['name']} {s['in']}" for s in first["stats"]["stages"])
    print(f"- funnel (documents entering each stage): {funnel}")
    warc = REAL_WET.with_name("eval-pages.warc.gz")
    if warc.exists():
        print(f"\nHTML extraction on {warc.name}:\n")
        print("| what | pages/s per core | HTML MB/s per core |")
        print("|---|---:|---:|")
        for r in extraction(warc):
            print(f"| {r['what']} | {r['docs_per_cpu_s']:,.0f} | {r['mb_per_cpu_s']:.1f} |")
    print(
        f"\n(machine: {os.cpu_count()} cores; OPENBLAS_CORETYPE="
        f"{os.environ.get('OPENBLAS_CORETYPE', '-')})"
    )


if __name__ == "__main__":
    main()
