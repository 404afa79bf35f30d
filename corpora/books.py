"""Books as LLaMA used them (section 2.1): Project Gutenberg and Books3, one document per book,
Gutenberg boilerplate removed, books with more than 90% content overlap removed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import pyarrow as pa

from corpora.compression import file_name, open_decompressed
from corpora.schema import columns
from filters.books import StripGutenberg
from filters.document import Document, Rejection
from filters.step import GlobalStage, Step

SOURCE = "books"
READ_STEP = "read"
MAX_BOOK_BYTES = 64 * 1024 * 1024  # 10x the longest books; anything larger is not one book

COLUMNS = columns(
    ("title", pa.string()),
)


def decode_book(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as older Gutenberg files are; line
    endings normalised to LF."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_file(stream: BinaryIO, path: str) -> Iterator[Document | Rejection]:
    """One plain-text book (plain or compressed); its id is the file name without `.gz`."""
    name = file_name(path)
    stem = name.removesuffix(".gz").removesuffix(".bz2")
    doc = Document(
        stem,
        SOURCE,
        "",
        {"source_file": name, "title": stem.removesuffix(".txt").replace("-", " ")},
    )
    try:
        data = open_decompressed(stream).read(MAX_BOOK_BYTES + 1)
    except (EOFError, OSError) as exc:
        doc.meta["detail"] = f"{type(exc).__name__}: {exc}"
        yield Rejection(doc, READ_STEP, "truncated_or_corrupt_compression")
        return
    if len(data) > MAX_BOOK_BYTES:
        yield Rejection(doc, READ_STEP, "book_too_large")
        return
    if b"\x00" in data[:65536]:
        yield Rejection(doc, READ_STEP, "not_text")
        return
    doc.text = decode_book(data)
    yield doc if doc.text.strip() else Rejection(doc, READ_STEP, "empty")


def reader(config: dict[str, Any]) -> Callable[[BinaryIO, str], Iterator[Document | Rejection]]:
    """The read function (no options)."""
    return read_file


def recipe(config: dict[str, Any], model_dir: str) -> list[Step | GlobalStage]:
    """Gutenberg boilerplate off, then near-duplicate books removed over the whole input."""
    return [StripGutenberg(),
            GlobalStage("near_dedup", {"threshold": config["overlap_threshold"]})]  # fmt: skip
