"""One Parquet shard's bytes: sorted by id, bounded row groups, independent of how rows came."""

import io
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

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
