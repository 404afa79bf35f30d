"""Deterministic, crash-safe Parquet output: shard by a keyed hash of `id`, sort by `id` inside a
shard, write to a temporary name and rename, so a file under its final name is always complete
and the same input gives the same bytes whatever the runner or worker count. Rows wait for their
shard parked in files (pipelines/park.py), not in the runner's memory.

The number of shards is fixed, or follows from the output's size: as many as it takes for each
to hold about `shard_bytes` of text (at least one). Inside a file, row groups are bounded by
rows and by text bytes, so any reader can split a file across workers."""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import apache_beam as beam
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from corpora.schema import REJECTED_SCHEMA, output_row
from filters.document import Document, Rejection
from pipelines.accounting import utf8_size
from pipelines.batching import BatchedDoFn
from pipelines.files import remove_stale, write_atomically
from pipelines.park import clear, group_of, park_bytes, unpark_bytes

_SHARD_KEY = b"llama-corpus/shard"

REJECTED_COLUMNS = REJECTED_SCHEMA


def shard_of(doc_id: str, num_shards: int) -> int:
    """The shard of a document: a keyed BLAKE2b of its id (never Python's salted `hash()`)."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), key=_SHARD_KEY, digest_size=8).digest()
    return int.from_bytes(digest, "big") % num_shards


def shard_name(index: int, num_shards: int) -> str:
    return f"part-{index:05d}-of-{num_shards:05d}.parquet"


def document_columns(docs: list[Document], schema: pa.Schema) -> dict[str, list]:
    """Documents as the columns of the shared output schema (corpora/schema.py)."""
    return row_columns([output_row(d.id, d.text, d.source, d.meta) for d in docs], schema)


def row_columns(rows: list[dict[str, Any]], schema: pa.Schema) -> dict[str, list]:
    """Row dicts as the columns of `schema` (a missing field is null)."""
    return {name: [row.get(name) for row in rows] for name in schema.names}


def rejection_row(rejection: Rejection) -> dict[str, Any]:
    """A rejected document as a row of the shared schema, then which step dropped it, why, and
    what the reader or step said (`detail`), and every scalar value it had (`meta_json`)."""
    doc = rejection.document
    row = output_row(doc.id, doc.text, doc.source, doc.meta)
    scalars = {key: value for key, value in sorted(doc.meta.items())
               if isinstance(value, str | int | float | bool) and key != "detail"}  # fmt: skip
    row.update(step=rejection.step, reason=rejection.reason, detail=doc.meta.get("detail"),
               meta_json=json.dumps(scalars, ensure_ascii=False))  # fmt: skip
    return row


ROW_GROUP_ROWS = 100_000
ROW_GROUP_BYTES = 128 * 1024 * 1024  # of text (or of tokens' bytes)


def table_parquet_bytes(table: pa.Table) -> bytes:
    """A table's rows sorted by id (a stable sort) as one Parquet file's bytes (zstd, no
    wall-clock metadata), in row groups of at most ROW_GROUP_ROWS rows and about
    ROW_GROUP_BYTES of text. Each row group is taken in sorted order from one chunk, so the
    bytes do not depend on how the rows arrived in pieces, and beside the table only one row
    group's sorted copy is in memory at a time."""
    whole = table.combine_chunks()  # a take across many small chunks costs about half again
    order = pc.sort_indices(whole["id"])
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, whole.schema, compression="zstd") as writer:
        for start, stop in row_groups(whole, order):
            group = whole.take(order.slice(start, stop - start))
            writer.write_table(group, row_group_size=stop - start or 1)
    return sink.getvalue()


def row_groups(table: pa.Table, order: pa.Array) -> list[tuple[int, int]]:
    """[start, stop) ranges of `order` (row indices of `table`) whose rows number at most
    ROW_GROUP_ROWS and whose text adds up to at most ROW_GROUP_BYTES (a single larger row is a
    group of its own); one empty group for no rows."""
    if "text" not in table.column_names or table.num_rows == 0:
        return [(i, min(i + ROW_GROUP_ROWS, table.num_rows))
                for i in range(0, max(table.num_rows, 1), ROW_GROUP_ROWS)]  # fmt: skip
    sizes = pc.binary_length(table["text"].cast(pa.binary())).fill_null(0).to_numpy()
    sizes = sizes[order.to_numpy()]
    groups, start, size = [], 0, 0
    for row, row_size in enumerate(sizes):
        if row > start and (row - start >= ROW_GROUP_ROWS or size + row_size > ROW_GROUP_BYTES):
            groups.append((start, row))
            start, size = row, 0
        size += int(row_size)
    groups.append((start, table.num_rows))
    return groups


def shard_count(total_bytes: int, shard_bytes: int) -> int:
    """How many shards hold `total_bytes` at about `shard_bytes` each (at least one)."""
    return max(1, -(-total_bytes // shard_bytes))


def element_size(element: Document | dict[str, Any]) -> int:
    """The bytes an element adds to a shard: a document's text, a row's text fields."""
    if isinstance(element, Document):
        return utf8_size(element.text)
    return sum(utf8_size(v) for v in element.values() if isinstance(v, str))


def _park_table(table: pa.Table, directory: str, group: int) -> str:
    """Park `table` in Arrow's stream format (written and read back at memory speed), the
    stream's buffer written as it is; returns the path."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return park_bytes(memoryview(sink.getvalue()), directory, group, "arrow")


def _unpark_combined(paths: list[str]) -> pa.Table:
    """Tables parked with `_park_table`, read back as one table of one chunk: the parked
    buffers are freed once it is built, before any sort or split copies it again."""
    tables = [pa.ipc.open_stream(unpark_bytes(path)).read_all() for path in paths]
    return pa.concat_tables(tables).combine_chunks()


PARK_FOLDER = ".tmp-parked"  # under the output folder; cleared with the other temporaries
SPLIT_BYTES = 16 * 1024 * 1024  # of text: parked tables split by shard together


def _park_by_shard(table: pa.Table, num_shards: int, park_dir: str) -> Iterator[tuple[int, str]]:
    """The rows of `table` parked per shard, as one Arrow table each: `(shard, path)` pairs."""
    ids = table["id"].to_pylist()
    by_shard: dict[int, list[int]] = defaultdict(list)
    for index, element_id in enumerate(ids):
        by_shard[shard_of(element_id, num_shards)].append(index)
    for shard, indices in sorted(by_shard.items()):
        group = group_of(ids[i] for i in indices)
        yield shard, _park_table(table.take(indices), park_dir, group)


class _ParkTables(BatchedDoFn):
    """Documents or rows in; each list made into one Arrow table by `columns`. With the shard
    count (a side input), the table's rows of each shard are parked: `(shard, path)` out, so a
    shard's writer concatenates columns instead of unpickling rows. Without it, the whole
    table is parked: `(path, text bytes)` out, for `_SplitParked` once the count is known,
    so the rows wait on disk rather than in the runner. Counts what it receives in `counter`."""

    def __init__(self, park_dir: str, schema: pa.Schema, columns,
                 counter: tuple[str, str] | None) -> None:  # fmt: skip
        self._park_dir = park_dir
        self._schema = schema
        self._num_shards = None  # the count arrives with the elements, when it is given
        self._columns = columns
        self._counter_name = counter
        self._counter = None

    def process(self, element, num_shards: int | None = None):
        self._num_shards = num_shards  # known before any list is gathered, at bundle end too
        return super().process(element)

    def setup(self) -> None:
        if self._counter_name:
            self._counter = Metrics.counter(*self._counter_name)

    def chars(self, element: Document | dict[str, Any]) -> int:
        """A document's text; a row's text and binary fields (text, or token arrays)."""
        if isinstance(element, Document):
            return len(element.text)
        return sum(len(value) for value in element.values() if isinstance(value, (str, bytes)))

    def process_list(self, batch: list):
        if self._counter:
            self._counter.inc(len(batch))
        table = pa.table(self._columns(batch, self._schema), schema=self._schema)
        if self._num_shards is not None:
            yield from _park_by_shard(table, self._num_shards, self._park_dir)
            return
        group = group_of(table["id"].to_pylist())
        path = _park_table(table, FileSystems.join(self._park_dir, "batches"), group)
        yield path, sum(map(element_size, batch))


class _SplitParked(BatchedDoFn):
    """Parked tables' `(path, text bytes)` in, gathered up to SPLIT_BYTES of text; their rows
    parked per shard out, as `(shard, path)`. Splitting one gathered table rather than each
    parked list keeps the pieces a shard is made of few and large: one list of a few hundred
    documents cut into as many pieces as there are shards made files of a few kilobytes, as
    many as lists times shards (82,000 at 900 MB of text in 16 MiB shards), and a writer held
    each piece's table at once. With one shard the parked tables go to it as they are."""

    max_items = 4096  # parked lists; the text is the bound that counts
    max_chars = SPLIT_BYTES

    def __init__(self, park_dir: str) -> None:
        self._park_dir = park_dir
        self._num_shards = None

    def process(self, parked: tuple[str, int], num_shards: int):
        self._num_shards = num_shards
        return super().process(parked)

    def chars(self, parked: tuple[str, int]) -> int:
        return parked[1]

    def process_list(self, batch: list[tuple[str, int]]):
        if self._num_shards == 1:  # every row is shard 0's: the parked tables are its pieces
            for path, _ in batch:
                yield 0, path
            return
        table = _unpark_combined([path for path, _ in batch])
        yield from _park_by_shard(table, self._num_shards, self._park_dir)


class _WriteShard(beam.DoFn):
    def __init__(self, directory: str, schema: pa.Schema) -> None:
        self._directory = directory
        self._schema = schema

    def process(self, keyed, num_shards: int):
        index, parked = keyed
        whole = _unpark_combined(parked)
        path = FileSystems.join(self._directory, shard_name(index, num_shards))
        write_atomically(path, table_parquet_bytes(whole))
        del whole
        pa.default_memory_pool().release_unused()  # a shard's pages, not kept for the next one
        yield path


def _finalize(_, written: list[str], num_shards: int, directory: str, schema: pa.Schema):
    """Write the shards no document fell into (empty, same schema) and delete files of earlier
    runs that are not part of this output (other shard counts, temporaries of crashed runs)."""
    expected = {FileSystems.join(directory, shard_name(i, num_shards)) for i in range(num_shards)}
    for path in sorted(expected - set(written)):
        write_atomically(path, table_parquet_bytes(schema.empty_table()))
    clear(FileSystems.join(directory, PARK_FOLDER))
    remove_stale(
        directory,
        {posixpath.basename(p) for p in expected},
        lambda name: name.startswith("part-") and name.endswith(".parquet"),
    )
    return sorted(expected)


@dataclass(frozen=True)
class Sharding:
    """How many files a writer makes: a fixed count, or as many as `shard_bytes` each."""

    num_shards: int | None = None
    shard_bytes: int | None = None


class WriteParquetShards(beam.PTransform):
    """Write elements to `directory/part-NNNNN-of-MMMMM.parquet`; outputs the shard paths once
    every shard is in place. The count is `num_shards`, or with `shard_bytes` as many as give
    each shard about that much text. `columns` makes a list of elements into the schema's
    columns (row dicts by default; `document_columns` for documents); `counter`, a
    (namespace, name) pair, counts the elements written."""

    def __init__(
        self,
        directory: str,
        schema: pa.Schema,
        num_shards: int | None = None,
        columns=row_columns,
        counter: tuple[str, str] | None = None,
        shard_bytes: int | None = None,
        sharding: Sharding | None = None,
    ) -> None:
        super().__init__()
        if sharding is not None:
            num_shards, shard_bytes = sharding.num_shards, sharding.shard_bytes
        if (num_shards is None) == (shard_bytes is None):
            raise ValueError("give either num_shards or shard_bytes")
        if (num_shards or shard_bytes) < 1:
            raise ValueError("num_shards and shard_bytes must be at least 1")
        self._directory = directory
        self._schema = schema
        self._num_shards = num_shards
        self._shard_bytes = shard_bytes
        self._columns = columns
        self._counter = counter

    def expand(self, rows):
        park_dir = FileSystems.join(self._directory, PARK_FOLDER)
        park = _ParkTables(park_dir, self._schema, self._columns, self._counter)
        if self._num_shards is not None:
            count = beam.pvalue.AsSingleton(
                rows.pipeline | "Shards" >> beam.Create([self._num_shards])
            )
            by_shard = rows | "Park by shard" >> beam.ParDo(park, count)
        else:
            # The count follows from the total size, known only once every row is in: the
            # rows are parked as they come (in the stage that makes them) and split by shard
            # after, so they do not wait for the count in the runner's memory.
            parked = rows | "Park" >> beam.ParDo(park)
            count = beam.pvalue.AsSingleton(
                parked
                | "Sizes" >> beam.MapTuple(lambda _, size: size)
                | "Total size" >> beam.CombineGlobally(sum)
                | "Shards" >> beam.Map(shard_count, self._shard_bytes)
            )
            by_shard = parked | "Split by shard" >> beam.ParDo(_SplitParked(park_dir), count)
        written = (
            by_shard
            | "Group shards" >> beam.GroupByKey()
            | "Write shards" >> beam.ParDo(_WriteShard(self._directory, self._schema), count)
        )
        return (
            rows.pipeline
            | "Finalize trigger" >> beam.Create([None])
            | "Finalize"
            >> beam.FlatMap(
                _finalize,
                beam.pvalue.AsList(written),
                count,
                directory=self._directory,
                schema=self._schema,
            )
        )
