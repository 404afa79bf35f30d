"""The `mix` stage: repeat each source's encoded documents to reach LLaMA's sampling shares
within their epochs (mixture.yaml), shuffle across sources by keyed hashes, and write sharded
Megatron indexed datasets (`.bin` + `.idx`) with a manifest, under <output>/tokens/."""

from __future__ import annotations

import hashlib
import io
import json
import math

import apache_beam as beam
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from filters import model_files
from filters.keyed import keyed_fraction
from filters.megatron import encode_indexed_dataset
from filters.mixture import MixtureError, copies, plan_mixture
from filters.tokenizer import Tokenizer
from pipelines.accounting import CountingDoFn, counter_totals
from pipelines.config import Recipe
from pipelines.files import matching, read_parquet, remove_stale, write_atomically
from pipelines.tokens import TOKENIZER_NAME

SHARD_PREFIX = "shard-"


def shard_stem(index: int, count: int) -> str:
    return f"{SHARD_PREFIX}{index:05d}-of-{count:05d}"


def available_tokens(output_dir: str) -> dict[str, list[str]]:
    """Encoded Parquet files per source."""
    pattern = FileSystems.join(output_dir, "tokens", "encoded", "*", "part-*.parquet")
    paths = matching([pattern])
    by_source: dict[str, list[str]] = {}
    for path in paths:
        by_source.setdefault(path.rstrip("/").split("/")[-2], []).append(path)
    return by_source


class _Repeat(CountingDoFn):
    """Each document of a batch of encoded rows, as many times as the plan says, keyed by its
    shard and shuffle order; its tokens travel as the shard's dtype's bytes."""

    def __init__(self, repeats: dict[str, float], seed: int, num_shards: int, dtype: str) -> None:
        super().__init__("mix")
        self._repeats = repeats
        self._seed = seed
        self._num_shards = num_shards
        self._dtype = dtype

    def process(self, table: pa.Table):
        for batch in table.to_batches():
            yield from self._repeat(batch)

    def _repeat(self, batch: pa.RecordBatch):
        tokens = batch.column("tokens")
        values = tokens.flatten().to_numpy().astype(self._dtype)
        offsets = tokens.offsets.to_numpy() - tokens.offsets[0].as_py()
        ids, sources = batch.column("id").to_pylist(), batch.column("source").to_pylist()
        for row, (doc_id, source) in enumerate(zip(ids, sources, strict=True)):
            data = values[offsets[row] : offsets[row + 1]].tobytes()
            for copy in range(copies(doc_id, self._repeats[source], self._seed)):
                instance = f"{source}/{doc_id}#{copy}"
                order = keyed_fraction(instance, self._seed, "shuffle")
                shard = int(keyed_fraction(instance, self._seed, "shard") * self._num_shards)
                self._counters.metric(source, "documents", 1)
                self._counters.metric(source, "tokens", offsets[row + 1] - offsets[row])
                yield shard, (order, instance, source, doc_id, copy, data)


class _WriteShard(beam.DoFn):
    def __init__(self, directory: str, num_shards: int, dtype: str) -> None:
        self._directory = directory
        self._num_shards = num_shards
        self._dtype = dtype

    def process(self, keyed):
        index, items = keyed
        ordered = sorted(items, key=lambda item: (item[0], item[1]))
        arrays = [np.frombuffer(item[-1], dtype=self._dtype) for item in ordered]
        data, index_bytes = encode_indexed_dataset(arrays, self._dtype)
        stem = FileSystems.join(self._directory, shard_stem(index, self._num_shards))
        write_atomically(f"{stem}.bin", data)
        write_atomically(f"{stem}.idx", index_bytes)
        write_atomically(f"{stem}.parquet", provenance_bytes(ordered))
        yield index


PROVENANCE = pa.schema([("sequence", pa.int64()), ("id", pa.string()), ("source", pa.string()),
                        ("epoch", pa.int32())])  # fmt: skip


def provenance_bytes(ordered: list[tuple]) -> bytes:
    """The shard's sidecar: for each sequence of its .idx, in order, the document's id, source
    and epoch (0 for its first copy in the mixture, 1 for its second, ...)."""
    table = pa.table({"sequence": list(range(len(ordered))),
                      "id": [item[3] for item in ordered], "source": [item[2] for item in ordered],
                      "epoch": [item[4] for item in ordered]}, schema=PROVENANCE)  # fmt: skip
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


SHARE_TOLERANCE = 0.1  # relative: a source's share in the mixture may be 10% off its target


def run_mix_stage(
    config: Recipe,
    output_dir: str,
    model_dir: str,
    options,
    runner,
    num_shards: int | None = None,
    allow_partial: bool = False,
) -> dict:
    """Plan, repeat, shuffle and write the token shards; returns and writes the manifest.
    A source of the recipe without tokens, or with too few to reach its share within its
    epochs, stops the stage before it writes anything, unless `allow_partial`."""
    settings, seed = config.mix, config.seed
    encoded = available_tokens(output_dir)
    if not encoded:
        raise FileNotFoundError("no encoded documents: run `--stage tokenizer` first")
    documents = {
        source: pa.concat_tables(read_parquet(p, columns=["id", "n_tokens"]) for p in paths)
        for source, paths in encoded.items()
    }
    tokens_per_source = {s: pc.sum(t["n_tokens"]).as_py() or 0 for s, t in documents.items()}
    shares = {s: config.source(s).share for s in config.source_names}
    plan = plan_mixture(
        tokens_per_source,
        shares,
        {s: config.source(s).epochs for s in config.source_names},
        settings.total_tokens,
    )
    for source, entry in plan.items():  # what the keyed copies will give, known before writing
        table = documents[source]
        entry["expected_tokens"] = sum(
            copies(doc_id, entry["repeats"], seed) * n
            for doc_id, n in zip(
                table["id"].to_pylist(), table["n_tokens"].to_pylist(), strict=True
            )
        )
    problems = mixture_problems(plan, shares, tokens_per_source)
    if problems and not allow_partial:
        raise MixtureError(
            f"mix: shares off the recipe by more than {SHARE_TOLERANCE:.0%}: "
            + ", ".join(f"{source} {problem}" for source, problem in problems.items())
            + ". Add data to those sources and rerun them and --stage tokenizer, or pass "
            "--allow-partial-mixture to mix what there is"
        )
    expected = sum(p["available_tokens"] * p["repeats"] for p in plan.values())
    shards = num_shards or max(1, math.ceil(expected / settings.shard_tokens))
    tokenizer_path = model_files.join(model_dir, TOKENIZER_NAME)
    dtype = np.dtype(Tokenizer(tokenizer_path).dtype).name
    directory = FileSystems.join(output_dir, "tokens")

    pipeline = beam.Pipeline(runner=runner, options=options)
    files = [p for source in plan for p in encoded[source]]
    (
        pipeline
        | "Encoded files" >> beam.Create(files)
        | "Read encoded" >> beam.io.ReadAllFromParquetBatched(columns=["id", "source", "tokens"])
        | "Repeat" >> beam.ParDo(_Repeat({s: p["repeats"] for s, p in plan.items()}, seed,
                                         shards, dtype))
        | "Group shards" >> beam.GroupByKey()
        | "Write shards" >> beam.ParDo(_WriteShard(directory, shards, dtype))
    )  # fmt: skip
    result = pipeline.run()
    result.wait_until_finish()
    totals = counter_totals(result, "mix")
    _complete_shard_set(directory, shards, dtype)
    manifest = _manifest(plan, totals, shards, tokenizer_path, seed, dtype)
    manifest["table_1"] = {s: {"share": shares[s], "epochs": config.source(s).epochs}
                           for s in config.source_names}  # fmt: skip
    manifest["partial"] = problems
    for source in config.source_names:
        entry = manifest["sources"].setdefault(source, {
            "documents": 0, "tokens": 0, "target_share": 0.0, "realized_share": 0.0,
            "configured_epochs": config.source(source).epochs, "realized_epochs": 0.0,
        })  # fmt: skip
        entry["table_share"] = shares[source]
        entry["note"] = problems.get(source, "")
    manifest["tokenizer"]["path"] = _relative(str(tokenizer_path), output_dir)
    write_atomically(
        FileSystems.join(directory, "manifest.json"),
        (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode(),
    )
    _print_summary(manifest, directory)
    return manifest


def mixture_problems(
    plan: dict[str, dict], shares: dict[str, float], tokens: dict[str, int]
) -> dict[str, str]:
    """Where the mixture departs from the recipe, by source: a share but no tokens, or a share
    in the mixture (its documents repeated within its epochs, whole documents only) more than
    SHARE_TOLERANCE (relative) away from its target."""
    problems = {}
    total = sum(entry["expected_tokens"] for entry in plan.values()) or 1
    for source, share in shares.items():
        entry = plan.get(source)
        if share > 0 and (entry is None or not tokens.get(source)):
            problems[source] = f"0 of {share:g}: no encoded tokens"
            continue
        if entry is None:
            continue
        realized = entry["expected_tokens"] / total
        if abs(realized - entry["target_share"]) > SHARE_TOLERANCE * entry["target_share"]:
            why = "capped at its epochs" if entry["capped"] else "too few documents"
            problems[source] = f"{realized:.3f} of {entry['target_share']:.3f}: {why}"
    return problems


def _complete_shard_set(directory: str, shards: int, dtype: str) -> None:
    """Shards of other shard counts (earlier runs) and temporaries of crashed runs are not part
    of this mixture; absent shards (no document hashed there) are written empty so the set is
    complete."""
    expected = {shard_stem(i, shards) for i in range(shards)}
    remove_stale(
        directory,
        {f"{stem}{ext}" for stem in expected for ext in (".bin", ".idx", ".parquet")},
        lambda name: name.startswith(SHARD_PREFIX),
    )
    for stem in sorted(expected):
        path = FileSystems.join(directory, stem)
        if not FileSystems.exists(f"{path}.idx"):
            data, index = encode_indexed_dataset([], dtype)
            write_atomically(f"{path}.bin", data)
            write_atomically(f"{path}.idx", index)
            write_atomically(f"{path}.parquet", provenance_bytes([]))


def _relative(path: str, root: str) -> str:
    """`path` relative to the output folder, so manifests of two runs compare equal."""
    prefix = root.rstrip("/") + "/"
    return path[len(prefix) :] if path.startswith(prefix) else path


def _sha256(path: str) -> str:
    return hashlib.sha256(model_files.local(path).read_bytes()).hexdigest()


def _manifest(plan, totals, shards, tokenizer_path, seed, dtype) -> dict:
    mixed = {s: totals.get(f"{s}|metric|tokens", 0) for s in plan}
    all_tokens = sum(mixed.values()) or 1
    per_source = {}
    for source, entry in plan.items():
        per_source[source] = {
            "documents": totals.get(f"{source}|metric|documents", 0),
            "available_tokens": entry["available_tokens"],
            "tokens": mixed[source],
            "target_share": entry["target_share"],
            "realized_share": round(mixed[source] / all_tokens, 6),
            "configured_epochs": entry["configured_epochs"],
            "realized_epochs": round(mixed[source] / entry["available_tokens"], 4),
            "shortfall_tokens": round(max(0.0, entry["wanted_tokens"] - mixed[source])),
        }  # fmt: skip
    return {
        "seed": seed,
        "dtype": dtype,
        "total_tokens": sum(mixed.values()),
        "tokenizer": {"path": str(tokenizer_path), "sha256": _sha256(tokenizer_path)},
        "sources": per_source,
        "shards": [shard_stem(i, shards) for i in range(shards)],
        "format": "Megatron-LM indexed dataset (MMIDIDX v1), one document per sequence, EOS "
                  "at the end of each",
    }  # fmt: skip


def _print_summary(manifest: dict, directory: str) -> None:
    print(
        f"mix: {manifest['total_tokens']:,} tokens in {len(manifest['shards'])} shard(s) "
        f"-> {directory}/"
    )
    for source, entry in sorted(manifest["sources"].items()):
        print(
            f"  {source:<14} share {entry['realized_share']:.3f} (Table 1 "
            f"{entry['table_share']:.3f})  epochs {entry['realized_epochs']:.2f} "
            f"(configured {entry['configured_epochs']})  {entry['note']}"
        )
    if manifest["partial"]:
        print(f"  PARTIAL MIXTURE: {len(manifest['partial'])} source(s) off their share by "
              f"more than {SHARE_TOLERANCE:.0%} (notes above)")  # fmt: skip
    print(f"  manifest: {directory}/manifest.json")
