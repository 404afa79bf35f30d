"""Throughput per core of the tokenizer stage's encoding (Beam: read the cleaned Parquet,
SentencePiece, write token shards) next to the same work as a plain loop (read the Parquet,
`Tokenizer.encode` on lists of 256 documents, write one sorted Parquet file per source).

Input: the cleaned output of the shipped samples of four sources (each run once through its
pipeline), written `--copies` times under other ids. The tokenizer is trained once on the
samples, as the stage does, and not timed.

    .venv/bin/python -m bench.bench_tokens [--copies 20] [--rounds 2]

Prints a Markdown table for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from apache_beam.options.pipeline_options import PipelineOptions

from bench.cli_run import measured_run
from filters.tokenizer import Tokenizer, train_tokenizer
from pipelines.config import load_config
from pipelines.local_runner import LocalRunner
from pipelines.tokens import (
    ENCODED_COLUMNS,
    cleaned_sources,
    encode_sources,
    encoded_columns,
    training_sample,
)
from pipelines.write import table_parquet_bytes

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "tokens"
SOURCES = ("github", "wikipedia", "arxiv", "stackexchange")
LIST_SIZE = 256  # documents per encode call, as the stage's DoFn gathers them


def cleaned_samples() -> Path:
    """The shipped samples' cleaned output (made once)."""
    base = WORK / "samples"
    for source in SOURCES:
        if not (base / "clean" / source).exists():
            measured_run(["--source", source, "--output", str(base)])
    return base


def copied_output(base: Path, copies: int) -> Path:
    """An output folder whose clean Parquet holds every sample document `copies` times, each
    copy under its own ids."""
    target = WORK / f"x{copies}"
    shutil.rmtree(target, ignore_errors=True)
    for source, paths in cleaned_sources(str(base), load_config()).items():
        table = pa.concat_tables(pq.read_table(path) for path in paths)
        folder = target / "clean" / source
        folder.mkdir(parents=True)
        for copy in range(copies):
            ids = pc.binary_join_element_wise(table["id"], pa.scalar(f"copy{copy}"), "#")
            copied = table.set_column(table.schema.get_field_index("id"), "id", ids)
            pq.write_table(copied, folder / f"part-{copy:05d}-of-{copies:05d}.parquet")
    return target


def bare_loop(output: Path, model_path: Path) -> tuple[int, float]:
    """Documents encoded and the CPU seconds to read, encode and write them in plain Python."""
    tokenizer = Tokenizer(model_path)
    started = time.process_time()
    count = 0
    for source, paths in cleaned_sources(str(output), load_config()).items():
        table = pa.concat_tables(pq.read_table(path, columns=["id", "text"]) for path in paths)
        texts = table["text"].to_pylist()
        arrays = []
        for start in range(0, len(texts), LIST_SIZE):
            arrays += tokenizer.encode(texts[start : start + LIST_SIZE])
        rows = [{"id": doc_id, "source": source, "n_tokens": len(a), "tokens": a}
                for doc_id, a in zip(table["id"].to_pylist(), arrays, strict=True)]  # fmt: skip
        encoded = pa.table(encoded_columns(rows, ENCODED_COLUMNS), schema=ENCODED_COLUMNS)
        (WORK / f"bare-{source}.parquet").write_bytes(table_parquet_bytes(encoded))
        count += len(texts)
    return count, time.process_time() - started


def pipeline_run(output: Path, model_path: Path) -> tuple[int, float]:
    """Documents encoded and the CPU seconds of the stage's Beam pipeline (in_memory, in this
    process)."""
    config = load_config()
    sources = cleaned_sources(str(output), config)
    started = time.process_time()
    encoded = encode_sources(sources, str(model_path), str(output),
                             config.tokenizer.encoded_shards, PipelineOptions([]),
                             LocalRunner())  # fmt: skip
    return sum(counts["documents"] for counts in encoded.values()), time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    config = load_config()
    base = cleaned_samples()
    model_path = WORK / "tokenizer.model"
    lines, _ = training_sample(cleaned_sources(str(base), config), config)
    info = train_tokenizer(lines, model_path, config.tokenizer.vocab_size)
    one, many = copied_output(base, 1), copied_output(base, args.copies)
    bare_cpu = small_cpu = large_cpu = float("inf")
    # This machine's speed drifts: alternate the measurements and keep the best of each.
    for _ in range(args.rounds):
        small_docs, cpu = pipeline_run(one, model_path)
        small_cpu = min(small_cpu, cpu)
        docs, cpu = bare_loop(many, model_path)
        bare_cpu = min(bare_cpu, cpu)
        large_docs, cpu = pipeline_run(many, model_path)
        large_cpu = min(large_cpu, cpu)
    texts = [
        pq.read_table(path, columns=["text"])["text"]
        for paths in cleaned_sources(str(many), config).values()
        for path in paths
    ]
    chars = sum(pc.sum(pc.utf8_length(text)).as_py() for text in texts)  # fmt: skip
    bare_rate = docs / bare_cpu
    marginal = (large_docs - small_docs) / (large_cpu - small_cpu)
    print(f"tokenizer: {info['vocab_size']} pieces; input {docs} documents, {chars / 1e6:.1f}M "
          "characters\n")  # fmt: skip
    print("| what | documents | docs/s per core | M chars/s per core |")
    print("|---|---:|---:|---:|")
    print(f"| bare: read Parquet, encode lists of {LIST_SIZE}, write Parquet | {docs} | "
          f"{bare_rate:,.0f} | {chars / bare_cpu / 1e6:.2f} |")  # fmt: skip
    print(f"| pipeline (Beam, in_memory), marginal over a 1-copy run | {large_docs} | "
          f"{marginal:,.0f} | {chars / docs * marginal / 1e6:.2f} |")  # fmt: skip
    print(f"\nratio: {marginal / bare_rate:.2f}x; fixed cost of the 1-copy run "
          f"{small_cpu:.1f} CPU-s")  # fmt: skip


if __name__ == "__main__":
    main()
