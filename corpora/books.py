"""Books as LLaMA used them (section 2.1): Project Gutenberg and Books3, one document per book,
Gutenberg boilerplate removed, books with more than 90% content overlap removed."""

from __future__ import annotations

import functools
import posixpath
import tarfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from pydantic import Field

from corpora.compression import file_name, open_decompressed
from corpora.decoding import RECORD_BYTES, Decoded, decode, read_bounded
from corpora.input_paths import relative_path
from corpora.settings import SourceSettings
from corpora.tar_members import TarRanges, holds_tar, read_tar
from filters.books import StripGutenberg
from filters.document import Document, Rejection
from filters.step import GlobalStage, Step

SOURCE = "books"
READ_STEP = "read"
MAX_BOOK_BYTES = RECORD_BYTES["book"]


class Settings(SourceSettings):
    """mixture.yaml `sources.books`: when two books are near duplicates."""

    overlap_threshold: float = Field(gt=0, le=1)
    reverse_overlap_threshold: float = Field(ge=0, le=1)


def decode_book(data: bytes) -> str:
    """A book's text as the reader decodes it (corpora/decoding.py with Windows-1252 for lines
    that were never UTF-8; LF line ends); empty when the bytes are not text."""
    decoded = decode(data, legacy=True)
    return decoded.text if isinstance(decoded, Decoded) else ""


def book_id(path: str, root: str | None) -> str:
    """A book's id: its path below the inputs' common folder `root` (its file name when no root
    is known), without `.gz` or `.bz2`: unique across folders, the same on every machine."""
    return relative_path(path, root).removesuffix(".gz").removesuffix(".bz2")


def read_file(
    stream: BinaryIO, path: str, root: str | None = None
) -> Iterator[Document | Rejection]:
    """One plain-text book (plain or compressed) with the id `book_id(path, root)`, or a tar of
    books (plain or compressed, as Books3 is distributed): each file member is a book whose id
    is the tar's id, `/`, and the member's path. A book over MAX_BOOK_BYTES is
    `record_too_large`, found before it is held; bytes that are not text are `not_text` or
    `invalid_utf8` (corpora/decoding.py). An empty or blank file yields nothing: it holds no
    book (the pipeline counts the file `empty_file`)."""
    name = file_name(path)
    content = open_decompressed(stream)
    if holds_tar(content):
        yield from read_tar(content, path, functools.partial(_tar_book, root=root), _broken_tar)
        return
    stem = name.removesuffix(".gz").removesuffix(".bz2")
    doc = _book(book_id(path, root), name, stem)
    yield from _read_book(doc, content, empty_reason=None)


def _book(doc_id: str, source_file: str, stem: str) -> Document:
    title = stem.removesuffix(".txt").removesuffix(".epub").replace("-", " ")
    return Document(doc_id, SOURCE, "", {"source_file": source_file, "title": title})


def _read_book(
    doc: Document, content: BinaryIO, empty_reason: str | None
) -> Iterator[Document | Rejection]:
    """The book in `content` (decompressed), or why it is not one; an empty or blank book is
    dropped as `empty_reason`, or yields nothing when that is None."""
    try:
        data = read_bounded(content, MAX_BOOK_BYTES)
    except (EOFError, OSError, zlib.error) as exc:
        doc.meta["detail"] = f"{type(exc).__name__}: {exc}"
        yield Rejection(doc, READ_STEP, "truncated_or_corrupt_compression")
        return
    if data is None:
        yield Rejection(doc, READ_STEP, "record_too_large")
        return
    decoded = decode(data, legacy=True)
    if isinstance(decoded, str):
        yield Rejection(doc, READ_STEP, decoded)
        return
    if not decoded.text or decoded.text.isspace():
        if empty_reason is not None:
            yield Rejection(doc, READ_STEP, empty_reason)
        return
    if decoded.invalid or decoded.removed or decoded.encoding != "utf-8":
        doc.meta.update(encoding=decoded.encoding, invalid_bytes=decoded.invalid,
                        removed_bytes=decoded.removed)  # fmt: skip
    doc.text = decoded.text
    yield doc


def _tar_book(
    archive: tarfile.TarFile,
    member: tarfile.TarInfo,
    problem: str | None,
    path: str,
    root: str | None = None,
) -> Iterator[Document | Rejection]:
    """A member of a tar of books: a file is a book (a `.gz` or `.bz2` one decompressed); a
    folder is nothing; anything else is a counted drop: `corrupt_member`, `link_member`,
    `not_a_file` (devices, fifos), `empty_member`, and the reasons a book file has."""
    if member.isdir():
        return
    member_path = member.name.lstrip("/").removesuffix(".gz").removesuffix(".bz2")
    tar_id = book_id(path, root).removesuffix(".tar")
    doc = _book(f"{tar_id}/{member_path}", file_name(path), posixpath.basename(member_path))
    doc.meta["member"] = member.name
    if problem is not None:
        yield Rejection(doc, READ_STEP, problem)
    elif member.issym() or member.islnk():
        yield Rejection(doc, READ_STEP, "link_member")
    elif not member.isfile():
        yield Rejection(doc, READ_STEP, "not_a_file")
    else:
        yield from _read_book(doc, open_decompressed(archive.extractfile(member)), "empty_member")


def _broken_tar(lost_id: str, path: str, detail: str) -> Rejection:
    doc = Document(lost_id, SOURCE, "", {"source_file": file_name(path), "detail": detail})
    return Rejection(doc, READ_STEP, "corrupt_tar")


def reader(
    settings: Settings, input_root: str | None = None
) -> Callable[[BinaryIO, str], Iterator[Document | Rejection]]:
    """The read function; `input_root`, the folder all of the run's inputs are under (set by
    the pipeline), makes the ids paths below it."""
    return functools.partial(read_file, root=input_root)


def range_reader(settings: Settings, input_root: str | None = None) -> TarRanges:
    """How this source's files are read in byte ranges: an uncompressed tar of books by
    member offsets."""
    return TarRanges(functools.partial(_tar_book, root=input_root), _broken_tar)


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
