"""The `tokenizer` stage: train the LLaMA BPE tokenizer on a sample of the cleaned sources drawn
by their mixture shares, then encode every cleaned document with it (Beam), written under
<output>/tokens/encoded/<source>/ for the `mix` stage."""

from __future__ import annotations

import json

import apache_beam as beam
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from apache_beam.io.filesystems import FileSystems

from filters import model_files
from filters.keyed import keyed_fraction
from filters.tokenizer import Tokenizer, adopt_tokenizer, export_hugging_face, train_tokenizer
from pipelines.accounting import CountingDoFn, counter_totals
from pipelines.batching import BatchedDoFn
from pipelines.config import Recipe
from pipelines.files import matching, read_parquet, write_atomically
from pipelines.write import WriteParquetShards

ENCODED_COLUMNS = pa.schema([("id", pa.string()), ("source", pa.string()),
                             ("n_tokens", pa.int64()),
                             ("tokens", pa.list_(pa.int32()))])  # fmt: skip
TOKENIZER_NAME = "tokenizer.model"
TOKENIZER_REPORT = "tokenizer_report.json"  # our figures; never named like a library's file
HF_TOKENIZER = "hf-tokenizer"  # the Hugging Face tokenizer folder beside the .model


def encoded_columns(rows: list[dict], schema: pa.Schema) -> dict[str, list | pa.Array]:
    """Encoded rows as columns, the token arrays as one list column built from their offsets
    (ten times faster than converting arrays one by one)."""
    columns = {name: [row[name] for row in rows] for name in schema.names if name != "tokens"}
    arrays = [row["tokens"] for row in rows]
    offsets = np.zeros(len(arrays) + 1, dtype=np.int32)
    np.cumsum([len(a) for a in arrays], out=offsets[1:])
    values = np.concatenate(arrays).astype(np.int32) if arrays else np.empty(0, np.int32)
    columns["tokens"] = pa.ListArray.from_arrays(pa.array(offsets), pa.array(values))
    return columns


def cleaned_sources(output_dir: str, config: Recipe) -> dict[str, list[str]]:
    """Cleaned Parquet files per source: the sources of mixture.yaml whose run finished (its
    stats are written last; a run that was stopped has none)."""
    found = {}
    for source in config.source_names:
        if not FileSystems.exists(FileSystems.join(output_dir, "stats", f"{source}.json")):
            continue
        pattern = FileSystems.join(output_dir, "clean", source, "part-*.parquet")
        paths = matching([pattern])
        if paths:
            found[source] = paths
    return found


def training_sample(sources: dict[str, list[str]], config: Recipe) -> tuple[list[str], dict]:
    """Lines of a deterministic sample: each source contributes about its (renormalised) share of
    `sample_chars`, documents chosen by a keyed hash of their id and the seed."""
    settings, seed = config.tokenizer, config.seed
    shares = {s: config.source(s).share for s in sources}
    total_share = sum(shares.values())
    lines: list[str] = []
    report = {}
    for source, paths in sorted(sources.items()):
        table = pa.concat_tables(read_parquet(p, columns=["id", "text"]) for p in paths)
        chars = pc.sum(pc.utf8_length(table["text"])).as_py() or 0
        budget = settings.sample_chars * shares[source] / total_share
        rate = min(1.0, budget / chars) if chars else 0.0
        taken = 0
        for doc_id, text in zip(table["id"].to_pylist(), table["text"].to_pylist(), strict=True):
            if keyed_fraction(doc_id, seed, "tokenizer-sample") < rate:
                lines.extend(line for line in text.split("\n") if line.strip())
                taken += len(text)
        report[source] = {"documents": table.num_rows, "chars": chars, "sampled_chars": taken}
    return lines, report


class _Encode(BatchedDoFn, CountingDoFn):
    def __init__(self, model_path: str, source: str) -> None:
        super().__init__("tokens")
        self._model_path = model_path
        self._corpus = source  # the counters' namespace is "tokens"
        self._tokenizer: Tokenizer | None = None

    def setup(self) -> None:
        super().setup()
        self._tokenizer = Tokenizer(self._model_path)

    def chars(self, row: dict) -> int:
        return len(row["text"])

    def process_list(self, batch: list[dict]):
        arrays = self._tokenizer.encode([row["text"] for row in batch])
        source = self._corpus
        for row, tokens in zip(batch, arrays, strict=True):
            self._counters.metric(source, "documents", 1)
            self._counters.metric(source, "tokens", len(tokens))
            yield {"id": row["id"], "source": source, "n_tokens": len(tokens), "tokens": tokens}


def encode_sources(
    sources: dict[str, list[str]],
    model_path: str,
    output_dir: str,
    num_shards: int,
    options,
    runner,
) -> dict[str, dict[str, int]]:
    """Encode every cleaned document of every source; returns documents and tokens per source."""
    pipeline = beam.Pipeline(runner=runner, options=options)
    for source, paths in sorted(sources.items()):
        (
            pipeline
            | f"Files {source}" >> beam.Create(paths)
            | f"Read {source}" >> beam.io.ReadAllFromParquet(columns=["id", "text"])
            | f"Encode {source}" >> beam.ParDo(_Encode(model_path, source))
            | f"Write {source}" >> WriteParquetShards(
                FileSystems.join(output_dir, "tokens", "encoded", source), ENCODED_COLUMNS,
                num_shards, columns=encoded_columns)
        )  # fmt: skip
    result = pipeline.run()
    result.wait_until_finish()
    totals = counter_totals(result, "tokens")
    return {source: {"documents": totals.get(f"{source}|metric|documents", 0),
                     "tokens": totals.get(f"{source}|metric|tokens", 0)}
            for source in sorted(sources)}  # fmt: skip


def run_tokenizer_stage(config: Recipe, output_dir: str, model_dir: str, options, runner) -> dict:
    """Train the tokenizer (or take the one the recipe names) and encode the cleaned outputs;
    returns and writes its report."""
    sources = cleaned_sources(output_dir, config)
    if not sources:
        raise FileNotFoundError(f"no cleaned output under {output_dir}/clean: run sources first")
    model_path = model_files.join(model_dir, TOKENIZER_NAME)
    settings = config.tokenizer
    if settings.model:
        info = adopt_tokenizer(settings.model, model_path)
        sample: dict = {}
        print(f"tokenizer: {info['vocab_size']} pieces, given ({settings.model}) -> {model_path}")
        hugging_face = {"skipped": "the model was given (tokenizer.model): no conversion made"}
    else:
        lines, sample = training_sample(sources, config)
        info = train_tokenizer(lines, model_path, settings.vocab_size, settings.threads)
        print(
            f"tokenizer: {info['vocab_size']} pieces (asked {info['requested_vocab_size']}) "
            f"from {sum(s['sampled_chars'] for s in sample.values()):,} sampled characters -> "
            f"{model_path}"
        )
        hf_folder = model_files.join(model_dir, HF_TOKENIZER)
        hugging_face = export_hugging_face(model_path, hf_folder)
        print(f"  WARNING: {hugging_face['warning']}" if "warning" in hugging_face else
              f"  Hugging Face tokenizer -> {hf_folder}/")  # fmt: skip
    encoded = encode_sources(sources, model_path, output_dir, settings.encoded_shards,
                             options, runner)  # fmt: skip
    report = {"tokenizer": info, "sample": sample, "encoded": encoded,
              "hugging_face": hugging_face}  # fmt: skip
    write_atomically(
        model_files.join(model_dir, TOKENIZER_REPORT),
        (json.dumps(report, indent=2, sort_keys=True) + "\n").encode(),
    )
    for source, counts in encoded.items():
        print(f"  {source:<14} {counts['documents']:>8} documents {counts['tokens']:>12,} tokens")
    return report
