"""C4 (Raffel et al. 2020) as LLaMA used it: the released C4 JSON lines, or C4 built from
CommonCrawl WET files with the TFDS rules. URL dedup (newest page), page rules, line dedup,
the sentence minimum again, English by language ID, the bad-words list."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from pydantic import Field

from corpora import commoncrawl
from corpora.compression import file_name, open_decompressed, peek_head, peekable
from corpora.decoding import RECORD_BYTES
from corpora.jsonl import iter_json_lines, starts_like_json_lines
from corpora.rows import C4Row, checked
from corpora.settings import SourceSettings
from filters.c4 import BadWords, C4LineFilter, MinSentences
from filters.document import Document, Rejection
from filters.langid import LanguageID
from filters.step import GlobalStage, Step

SOURCE = "c4"
READ_STEP = "read"


class Settings(SourceSettings):
    """mixture.yaml `sources.c4`."""

    lid_threshold: float = Field(ge=0, le=1)


def read_file(stream: BinaryIO, path: str) -> Iterator[Document | Rejection]:
    """Documents of a released C4 file (JSON lines with text, url, timestamp; plain or gzip),
    or of a CommonCrawl WET/WARC file, told apart by their first byte."""
    name = file_name(path)
    data = open_decompressed(stream)
    buffered = peekable(data)
    head = peek_head(buffered, 3)
    if head is None:
        doc = Document(f"{name}#file", SOURCE, "", {"source_file": name})
        yield Rejection(doc, READ_STEP, "truncated_or_corrupt_compression")
        return
    if starts_like_json_lines(head):
        yield from _read_json_lines(buffered, name)
        return
    for outcome in commoncrawl.read_file(buffered, name, min_length=0):
        doc = outcome.document if isinstance(outcome, Rejection) else outcome
        doc.source = SOURCE
        doc.meta["timestamp"] = doc.meta.get("date")
        yield outcome


def _read_json_lines(stream: BinaryIO, name: str) -> Iterator[Document | Rejection]:
    """Each line checked against C4's row shape (corpora/rows.py) before it is a document."""
    for number, line in enumerate(iter_json_lines(stream, RECORD_BYTES["c4_row"])):
        doc = Document(f"{name}#{number:07d}", SOURCE, "", {"source_file": name})
        row = checked(C4Row, line.record) if line.record is not None else line.reason
        if isinstance(row, str):
            yield Rejection(doc, READ_STEP, row)
            continue
        doc.text = row.text.replace("\x00", "")
        doc.meta["url"] = row.url
        doc.meta["timestamp"] = row.timestamp
        if line.invalid_bytes:
            doc.meta["invalid_bytes"] = line.invalid_bytes
        yield doc


def reader(
    settings: Settings, input_root: str | None = None
) -> Callable[[BinaryIO, str], Iterator[Document | Rejection]]:
    """The read function (C4 reading takes no options)."""
    return read_file


def recipe(settings: Settings, model_dir: str) -> list[Step | GlobalStage]:
    """TFDS's order: newest page per URL, page rules, line dedup over the whole input (each
    line kept once, as TFDS's `dedupe_lines`), the sentence minimum again, English, bad
    words."""
    return [
        GlobalStage("url_dedup"),
        C4LineFilter(),
        GlobalStage("line_dedup", {"scope": "global", "keep": "one"}),
        MinSentences(),
        LanguageID(languages=["en"], threshold=settings.lid_threshold),
        BadWords(language="en"),
    ]
