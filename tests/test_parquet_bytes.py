"""One Parquet shard's bytes: sorted by id, bounded row groups, independent of how rows came."""

import io
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines import write
from pipelines.write import table_parquet_bytes

BOOK = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "books" / "gutenberg"


def _paragraph_table(seed: int, chunks: int) -> pa.Table:
    """The sample books' paragraphs as rows under shuffled ids, in `chunks` pieces."""
    paragraphs = [p.strip() for f in sorted(BOOK.glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]  # fmt: skip
    rows = [{"id": f"book/{i:05d}", "text": text} for i, text in enumerate(paragraphs)]
    random.Random(seed).shuffle(rows)
    size = -(-len(rows) // chunks)
    return pa.concat_tables(pa.Table.from_pylist(rows[i : i + size])
                            for i in range(0, len(rows), size))  # fmt: skip


def test_shard_bytes_do_not_depend_on_row_order_or_chunks():
    one = table_parquet_bytes(_paragraph_table(seed=1, chunks=1))
    assert table_parquet_bytes(_paragraph_table(seed=2, chunks=7)) == one


def test_row_groups_are_bounded_by_text_and_rows_in_id_order(monkeypatch):
    monkeypatch.setattr(write, "ROW_GROUP_BYTES", 4_000)
    monkeypatch.setattr(write, "ROW_GROUP_ROWS", 25)
    table = _paragraph_table(seed=3, chunks=5)
    parquet = pq.ParquetFile(io.BytesIO(table_parquet_bytes(table)))
    ids, groups = [], parquet.metadata.num_row_groups
    assert groups > table.num_rows // 25
    for index in range(groups):
        group = parquet.read_row_group(index)
        texts = group["text"].to_pylist()
        assert len(texts) <= 25
        assert len(texts) == 1 or sum(len(t.encode()) for t in texts) <= 4_000
        ids += group["id"].to_pylist()
    assert ids == sorted(table["id"].to_pylist())


def _write_by_size(folder: Path, rows: list[dict], shard_bytes: int) -> dict[str, bytes]:
    import apache_beam as beam

    from pipelines.local_runner import LocalRunner
    from pipelines.write import WriteParquetShards

    schema = pa.schema([("id", pa.string()), ("text", pa.string())])
    with beam.Pipeline(runner=LocalRunner()) as pipeline:
        _ = (pipeline | beam.Create(rows)
             | WriteParquetShards(str(folder), schema, shard_bytes=shard_bytes))  # fmt: skip
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("shards", [4, 1])  # one shard: its parked lists are its pieces
def test_shards_by_size_hold_every_row_once_whatever_the_split_gathers(
    tmp_path, monkeypatch, shards
):
    rows = _paragraph_table(seed=4, chunks=1).to_pylist()
    total = sum(map(write.element_size, rows))  # the text of every string field
    whole = _write_by_size(tmp_path / "whole", rows, shard_bytes=-(-total // shards))
    monkeypatch.setattr(write._ParkTables, "max_items", 8)  # many small parked lists
    monkeypatch.setattr(write._SplitParked, "max_chars", 2_000)  # split a few at a time
    small = _write_by_size(tmp_path / "small", rows, shard_bytes=-(-total // shards))
    assert small == whole
    assert list(whole) == [write.shard_name(i, shards) for i in range(shards)]
    seen = []
    for index, data in enumerate(whole.values()):
        ids = pq.read_table(io.BytesIO(data))["id"].to_pylist()
        assert ids == sorted(ids) and {write.shard_of(i, shards) for i in ids} == {index}
        seen += ids
    assert sorted(seen) == sorted(row["id"] for row in rows)
    if shards == 1:
        assert whole[write.shard_name(0, 1)] == table_parquet_bytes(pa.Table.from_pylist(rows))
