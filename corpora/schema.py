"""Output columns: the four every source writes, then the source's own (DESIGN.md)."""

from __future__ import annotations

import pyarrow as pa

BASE = [("id", pa.string()), ("text", pa.string()), ("source", pa.string()),
        ("source_file", pa.string())]  # fmt: skip


def columns(*extra: tuple[str, pa.DataType]) -> pa.Schema:
    """The schema of a source's clean output: id, text, source, source_file, then `extra`."""
    return pa.schema([*BASE, *extra])
