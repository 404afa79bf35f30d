"""Books as LLaMA used them (section 2.1): Project Gutenberg and Books3, one document per book,
Gutenberg boilerplate removed, books with more than 90% content overlap removed."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import BinaryIO

import pyarrow as pa
from pydantic import Field

from corpora.compression import file_name, open_decompressed
from corpora.input_paths import relative_path
from corpora.schema import columns
from corpora.settings import SourceSettings
from filters.books import StripGutenberg
from filters.document import Document, Rejection
from filters.step import GlobalStage, Step

SOURCE = "books"
READ_STEP = "read"
MAX_BOOK_BYTES = 64 * 1024 * 1024  # 10x the longest books; anything larger is not one book

COLUMNS = columns(
    ("title", pa.string()),
)


class Settings(SourceSettings):
    """mixture.yaml `sources.books`: when two books are near duplicates."""

    overlap_threshold: float = Field(gt=0, le=1)
    reverse_overlap_threshold: float = Field(ge=0, le=1)


def decode_book(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as older Gutenberg files are; line
    endings normalised to LF."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def book_id(path: str, root: str | None) -> str:
    """A book's id: its path below the inputs' common folder `root` (its file name when no root
    is known), without `.gz` or `.bz2`: unique across folders, the same on every machine."""
    return relative_path(path, root).removesuffix(".gz").removesuffix(".bz2")


def read_file(
    stream: BinaryIO, path: str, root: str | None = None
) -> Iterator[Document | Rejection]:
    """One plain-text book (plain or compressed), with the id `book_id(path, root)`."""
    name = file_name(path)
    stem = name.removesuffix(".gz").removesuffix(".bz2")
    doc = Document(
        book_id(path, root),
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


def reader(
    settings: Settings, input_root: str | None = None
) -> Callable[[BinaryIO, str], Iterator[Document | Rejection]]:
    """The read function; `input_root`, the folder all of the run's inputs are under (set by
    the pipeline), makes the ids paths below it."""
    return functools.partial(read_file, root=input_root)


def recipe(settings: Settings, model_dir: str) -> list[Step | GlobalStage]:
    """Gutenberg boilerplate off, then near-duplicate books removed over the whole input."""
    near_dedup = GlobalStage(
        "near_dedup",
        {
            "threshold": settings.overlap_threshold,
            "reverse_threshold": settings.reverse_overlap_threshold,
        },
    )
    return [StripGutenberg(), near_dedup]
