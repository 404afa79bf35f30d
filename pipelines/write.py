"""Deterministic, crash-safe Parquet output: shard by a keyed hash of `id`, sort by `id` inside a
shard, write to a temporary name and rename, so a file under its final name is always complete
and the same input gives the same bytes whatever the runner or worker count. Rows wait for their
shard parked in files (pipelines/park.py), not in the runner's memory."""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
from collections import defaultdict
from typing import Any

import apache_beam as beam
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from filters.document import Document, Rejection
from pipelines.batching import BatchedDoFn
from pipelines.files import remove_stale, write_atomically
from pipelines.park import clear, group_of, park, unpark

_SHARD_KEY = b"llama-corpus/shard"

REJECTED_COLUMNS = pa.schema(
    [
        ("id", pa.string()),
        ("step", pa.string()),
        ("reason", pa.string()),
        ("text", pa.string()),
        ("source_file", pa.string()),
        ("url", pa.string()),
        ("detail", pa.string()),
        ("meta", pa.string()),
    ]
)


def shard_of(doc_id: str, num_shards: int) -> int:
    """The shard of a document: a keyed BLAKE2b of its id (never Python's salted `hash()`)."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), key=_SHARD_KEY, digest_size=8).digest()
    return int.from_bytes(digest, "big") % num_shards


def shard_name(index: int, num_shards: int) -> str:
    return f"part-{index:05d}-of-{num_shards:05d}.parquet"


def document_row(doc: Document, schema: pa.Schema) -> dict[str, Any]:
    """A document as a row of `schema`: id, text, source, then matching `meta` fields."""
    fields = {"id": doc.id, "text": doc.text, "source": doc.source}
    return {name: fields.get(name, doc.meta.get(name)) for name in schema.names}


def rejection_row(rejection: Rejection) -> dict[str, Any]:
    """A rejected document as a row for inspection: which step, why, its text, and its scalar
    metadata as JSON (language, perplexity, scores... as far as the run got)."""
    doc = rejection.document
    return {
        "id": doc.id,
        "step": rejection.step,
        "reason": rejection.reason,
        "text": doc.text,
        "source_file": doc.meta.get("source_file"),
        "url": doc.meta.get("url"),
        "detail": doc.meta.get("detail"),
        "meta": json.dumps(
            {
                k: v
                for k, v in sorted(doc.meta.items())
                if isinstance(v, (str, int, float, bool)) and k != "detail"
            },
            ensure_ascii=False,
        ),
    }


def parquet_bytes(rows: list[dict[str, Any]], schema: pa.Schema) -> bytes:
    """Rows sorted by id as one Parquet file's bytes (zstd, no wall-clock metadata)."""
    return table_parquet_bytes(pa.Table.from_pylist(rows, schema=schema))


def table_parquet_bytes(table: pa.Table) -> bytes:
    """A table's rows sorted by id (a stable sort) as one Parquet file's bytes. The sorted
    table is one chunk, so the bytes do not depend on how the rows arrived in pieces."""
    ordered = table.take(pc.sort_indices(table["id"])).combine_chunks()
    sink = io.BytesIO()
    pq.write_table(ordered, sink, compression="zstd")
    return sink.getvalue()


def _ipc_bytes(table: pa.Table) -> bytes:
    """A table in Arrow's stream format: written and read back at memory speed."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


PARK_FOLDER = ".tmp-parked"  # under the output folder; cleared with the other temporaries


class _ParkByShard(BatchedDoFn):
    """Rows in, `(shard, path)` out: each list's rows of one shard parked as an Arrow table, so
    the shard's writer concatenates columns instead of unpickling row dicts."""

    def __init__(self, park_dir: str, schema: pa.Schema, num_shards: int) -> None:
        self._park_dir = park_dir
        self._schema = schema
        self._num_shards = num_shards

    def chars(self, row: dict[str, Any]) -> int:
        """A row's text and binary fields (text, or token arrays), by length."""
        return sum(len(value) for value in row.values() if isinstance(value, (str, bytes)))

    def process_list(self, batch: list[dict[str, Any]]):
        by_shard: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in batch:
            by_shard[shard_of(row["id"], self._num_shards)].append(row)
        for shard, rows in sorted(by_shard.items()):
            table = _ipc_bytes(pa.Table.from_pylist(rows, schema=self._schema))
            yield shard, park(table, self._park_dir, group_of(row["id"] for row in rows))


class _WriteShard(beam.DoFn):
    def __init__(self, directory: str, schema: pa.Schema, num_shards: int) -> None:
        self._directory = directory
        self._schema = schema
        self._num_shards = num_shards

    def process(self, keyed):
        index, parked = keyed
        tables = [pa.ipc.open_stream(unpark(path)).read_all() for path in parked]
        path = FileSystems.join(self._directory, shard_name(index, self._num_shards))
        write_atomically(path, table_parquet_bytes(pa.concat_tables(tables)))
        yield path


def _finalize(_, written: list[str], directory: str, schema: pa.Schema, num_shards: int):
    """Write the shards no document fell into (empty, same schema) and delete files of earlier
    runs that are not part of this output (other shard counts, temporaries of crashed runs)."""
    expected = {FileSystems.join(directory, shard_name(i, num_shards)) for i in range(num_shards)}
    for path in sorted(expected - set(written)):
        write_atomically(path, parquet_bytes([], schema))
    clear(FileSystems.join(directory, PARK_FOLDER))
    remove_stale(
        directory,
        {posixpath.basename(p) for p in expected},
        lambda name: name.startswith("part-") and name.endswith(".parquet"),
    )
    return sorted(expected)


class WriteParquetShards(beam.PTransform):
    """Write row dicts to `directory/part-NNNNN-of-MMMMM.parquet`; outputs the shard paths once
    every shard is in place."""

    def __init__(self, directory: str, schema: pa.Schema, num_shards: int) -> None:
        super().__init__()
        if num_shards < 1:
            raise ValueError("num_shards must be at least 1")
        self._directory = directory
        self._schema = schema
        self._num_shards = num_shards

    def expand(self, rows):
        n = self._num_shards
        park_dir = FileSystems.join(self._directory, PARK_FOLDER)
        written = (
            rows
            | "Park by shard" >> beam.ParDo(_ParkByShard(park_dir, self._schema, n))
            | "Group shards" >> beam.GroupByKey()
            | "Write shards" >> beam.ParDo(_WriteShard(self._directory, self._schema, n))
        )
        return (
            rows.pipeline
            | "Finalize trigger" >> beam.Create([None])
            | "Finalize"
            >> beam.FlatMap(
                _finalize,
                beam.pvalue.AsList(written),
                directory=self._directory,
                schema=self._schema,
                num_shards=n,
            )
        )
