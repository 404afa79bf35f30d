"""GitHub as LLaMA used it (section 2.1): the public GitHub dataset on BigQuery, files of
Apache, BSD and MIT licensed projects, filtered by line length and alphanumeric share (RedPajama's
heuristics) and then of generated files, minified bundles and data tables, licence headers
removed by regular expressions, deduplicated at file level by exact match."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

import pyarrow.parquet as pq
from pydantic import Field

from corpora.compression import file_name, open_decompressed, peek_head, peekable
from corpora.decoding import RECORD_BYTES
from corpora.jsonl import JsonLine, iter_json_lines
from corpora.rows import GitHubRow, checked
from corpora.settings import SourceSettings
from filters.code import (
    CodeQuality,
    ExtensionFilter,
    LicenseFilter,
    MachineMade,
    StripLicenseHeader,
)
from filters.document import Document, Rejection
from filters.step import GlobalStage, Step

SOURCE = "github"
READ_STEP = "read"
MAX_FILE_CHARS = 1_000_000  # larger "source files" are data dumps; the reader drops them


class Settings(SourceSettings):
    """mixture.yaml `sources.github`: the licences kept (lowercase SPDX-style names)."""

    licenses: list[str] = Field(min_length=1)


def read_file(stream: BinaryIO, path: str) -> Iterator[Document | Rejection]:
    """Rows shaped like BigQuery's `github_repos` export (repo_name, path, license, content,
    binary, ...), as JSON lines (plain or gzip) or Parquet."""
    name = file_name(path)
    data = open_decompressed(stream)
    buffered = peekable(data)
    head = peek_head(buffered, 4)
    if head is None:
        lines = iter([JsonLine(None, "truncated_or_corrupt_compression")])
    elif head == b"PAR1":
        lines = (JsonLine(row) for row in _parquet_rows(buffered))
    else:
        lines = iter_json_lines(buffered, RECORD_BYTES["github_row"])
    for number, line in enumerate(lines):
        yield _to_document(line, name, number)


def _parquet_rows(stream: BinaryIO) -> Iterator[dict]:
    columns = ["repo_name", "path", "license", "content", "binary"]
    parquet = pq.ParquetFile(io.BytesIO(stream.read()))
    present = [c for c in columns if c in parquet.schema_arrow.names]
    for batch in parquet.iter_batches(batch_size=1024, columns=present):
        yield from batch.to_pylist()


def _to_document(line: JsonLine, name: str, number: int) -> Document | Rejection:
    """A row checked against the export's shape (corpora/rows.py), as a document."""
    row = checked(GitHubRow, line.record) if line.record is not None else line.reason
    if isinstance(row, str):
        return Rejection(Document(f"{name}#{number:07d}", SOURCE, "", {"source_file": name}),
                         READ_STEP, row)  # fmt: skip
    repo, path, content = row.repo_name, row.path, row.content
    doc_id = f"{repo}/{path}" if repo and path else f"{name}#{number:07d}"
    meta = {"source_file": name, "repo_name": repo, "path": path, "license": row.license}
    if line.invalid_bytes:
        meta["invalid_bytes"] = line.invalid_bytes
    doc = Document(doc_id, SOURCE, content or "", meta)
    if row.binary or "\x00" in doc.text:
        return Rejection(doc, READ_STEP, "binary")
    if not content or not content.strip():
        return Rejection(doc, READ_STEP, "no_content")
    if len(content) > MAX_FILE_CHARS:
        return Rejection(doc, READ_STEP, "file_too_large")
    return doc


def reader(
    settings: Settings, input_root: str | None = None
) -> Callable[[BinaryIO, str], Iterator[Document | Rejection]]:
    """The read function (no options)."""
    return read_file


def recipe(settings: Settings, model_dir: str) -> list[Step | GlobalStage]:
    """Licence, extension and RedPajama's quality filters, then machine-made files (generated,
    minified, data tables) while their headers still say so, licence headers removed, then one
    copy of each file content over the whole input (the smallest `repo/path` survives)."""
    return [
        LicenseFilter(frozenset(settings.licenses)),
        ExtensionFilter(),
        CodeQuality(),
        MachineMade(),
        StripLicenseHeader(),
        GlobalStage("exact_dedup"),
    ]
