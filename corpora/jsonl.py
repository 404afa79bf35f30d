"""JSON lines read defensively: one object per line, or the reason a line is not one. Sizes and
decoding follow corpora/decoding.py: a UTF-16 file is read as UTF-8, a line over the bound is
skipped without being held, and a few invalid bytes in a line are U+FFFD, counted."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from corpora.decoding import as_utf8, bounded_lines, decode


@dataclass(slots=True, frozen=True)
class JsonLine:
    """One non-blank line: its object, or the reason it has none (`record_too_large`,
    `invalid_utf8`, `not_text`, `malformed_json`, `malformed_record` for valid JSON that is not
    an object); `invalid_bytes` counts byte sequences read as U+FFFD."""

    record: dict[str, Any] | None
    reason: str | None = None
    invalid_bytes: int = 0


def iter_json_lines(stream: BinaryIO, max_line_bytes: int) -> Iterator[JsonLine]:
    """Each non-blank line of `stream` as a JsonLine, lines longer than `max_line_bytes` as
    `record_too_large`; a compressed stream that breaks (truncated, a bad checksum) ends with
    one `truncated_or_corrupt_compression`, after every line read before the damage."""
    try:
        yield from _json_lines(stream, max_line_bytes)
    except (EOFError, OSError, zlib.error):
        yield JsonLine(None, "truncated_or_corrupt_compression")


def _json_lines(stream: BinaryIO, max_line_bytes: int) -> Iterator[JsonLine]:
    for line in bounded_lines(as_utf8(stream), max_line_bytes):
        if line is None:
            yield JsonLine(None, "record_too_large")
            continue
        if not line.strip():
            continue
        decoded = decode(line)
        if isinstance(decoded, str):
            yield JsonLine(None, decoded)
            continue
        try:
            record = json.loads(decoded.text)
        except ValueError:
            yield JsonLine(None, "malformed_json")
            continue
        if not isinstance(record, dict):
            yield JsonLine(None, "malformed_record")
            continue
        yield JsonLine(record, invalid_bytes=decoded.invalid)


def starts_like_json_lines(head: bytes) -> bool:
    """Whether a file's first bytes are JSON lines: an object (or blank space) first, in UTF-8,
    UTF-8 with a BOM, or UTF-16 (a BOM, or a NUL byte beside the first character)."""
    return (
        head[:1] in (b"{", b"[", b" ", b"\n", b"\r", b"\t", b"\x00")
        or head[:2]
        in (
            b"\xff\xfe",
            b"\xfe\xff",
        )
        or head[:3] == b"\xef\xbb\xbf"
    )
