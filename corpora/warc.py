"""A streaming, forgiving WARC/1.x record reader (plain or gzip, one record at a time).

Common Crawl WARC and WET files are multi-member gzip streams of records: a version line, header
lines, a blank line, `Content-Length` bytes of block, then CRLF CRLF. Real files break in every
way (truncated downloads, bad lengths, garbage between records), so problems are yielded as
values, and the reader re-synchronises on the next version line instead of giving up.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import BinaryIO

MAX_HEADER_LINE = 64 * 1024
MAX_HEADER_LINES = 256
MAX_BLOCK_BYTES = 64 * 1024 * 1024  # any record type without a bound of its own
_COPY_CHUNK = 1024 * 1024


@dataclass(slots=True)
class WarcRecord:
    """One record: its headers (names as written) and its raw block bytes."""

    headers: dict[str, str]
    block: bytes

    @property
    def type(self) -> str:
        return self.headers.get("WARC-Type", "")

    def header(self, name: str, default: str = "") -> str:
        """Look a header up case-insensitively, as the WARC spec requires."""
        value = self.headers.get(name)
        if value is not None:
            return value
        lowered = name.lower()
        for key, val in self.headers.items():
            if key.lower() == lowered:
                return val
        return default


@dataclass(slots=True, frozen=True)
class WarcProblem:
    """Something in the file that is not a usable record: `reason` is short and countable."""

    reason: str
    detail: str


def iter_records(
    stream: BinaryIO, limits: Mapping[str, int] | None = None
) -> Iterator[WarcRecord | WarcProblem]:
    """Yield the records of a WARC stream, with a `WarcProblem` for each thing that went wrong.

    A damaged header or length skips to the next `WARC/` version line; a truncated or corrupt
    compressed stream ends the iteration with one final problem. `limits` bounds the block of
    each record type (`{"conversion": 4 << 20}`; others MAX_BLOCK_BYTES): a block over its
    bound is read past unheld and yields `record_too_large`.
    """
    try:
        yield from _iter_records(stream, limits or {})
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        yield WarcProblem("truncated_or_corrupt_compression", f"{type(exc).__name__}: {exc}")


class _PushbackStream:
    """A binary stream with `unread()`, so bytes read past a record boundary can be given back."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._pending = b""

    def unread(self, data: bytes) -> None:
        self._pending = data + self._pending

    def readline(self, limit: int) -> bytes:
        if self._pending:
            end = self._pending.find(b"\n", 0, limit)
            cut = end + 1 if end >= 0 else min(limit, len(self._pending))
            line, self._pending = self._pending[:cut], self._pending[cut:]
            if line.endswith(b"\n") or len(line) >= limit:
                return line
            return line + self._stream.readline(limit - len(line))
        return self._stream.readline(limit)

    def read(self, size: int) -> bytes:
        head, self._pending = self._pending[:size], self._pending[size:]
        return head + self._stream.read(size - len(head)) if len(head) < size else head


def _iter_records(raw: BinaryIO, limits: Mapping[str, int]) -> Iterator[WarcRecord | WarcProblem]:
    stream = _PushbackStream(raw)
    line = stream.readline(MAX_HEADER_LINE)
    while line:
        if not line.strip():
            line = stream.readline(MAX_HEADER_LINE)
            continue
        if not line.startswith(b"WARC/"):
            yield WarcProblem("corrupt_record", f"expected a WARC version line, got {line[:60]!r}")
            line = _skip_to_version_line(stream)
            continue
        headers, problem = _read_headers(stream)
        if problem is not None:
            yield problem
            line = _skip_to_version_line(stream)
            continue
        length_text = next((v for k, v in headers.items() if k.lower() == "content-length"), None)
        try:
            length = int(length_text) if length_text is not None else -1
        except ValueError:
            length = -1
        if length < 0:
            yield WarcProblem("corrupt_record", f"bad Content-Length {length_text!r}")
            line = _skip_to_version_line(stream)
            continue
        limit = limits.get(headers.get("WARC-Type", ""), MAX_BLOCK_BYTES)
        if length > limit:
            skipped = _skip_bytes(stream, length)
            yield WarcProblem("record_too_large", f"{length} bytes > {limit}")
            if skipped < length:
                return
            line = stream.readline(MAX_HEADER_LINE)
            continue
        block = stream.read(length)
        if len(block) < length:
            yield WarcProblem("truncated_record", f"block has {len(block)} of {length} bytes")
            return
        block, line, junk_after = _realign(stream, block, limit)
        if len(block) > limit:  # a Content-Length too short, and the rest too long
            yield WarcProblem("record_too_large", f"over {limit} bytes")
            if line and not line.startswith(b"WARC/"):
                line = _skip_to_version_line(stream)
            continue
        yield WarcRecord(headers, block)
        if junk_after:
            yield WarcProblem("corrupt_record", "unreadable bytes after a record")


def _realign(stream: _PushbackStream, block: bytes, limit: int) -> tuple[bytes, bytes, bool]:
    """Check that the block ends where the record does, and fix it when its Content-Length is
    wrong (hand-edited or line-ending-converted files).

    A correct block is followed by blank lines, then a version line or the end of the file. If
    not, a version line already inside the block cuts it there; otherwise text that follows is
    taken as the rest of the block (a stated length too short), and anything else as damage.
    Returns the block, the next record's version line (or b''), and whether bytes were skipped.
    """
    line = stream.readline(MAX_HEADER_LINE)
    following = b""
    while line and not line.strip():
        if len(following) < MAX_HEADER_LINE:  # blank lines carry nothing: keep a few
            following += line
        line = stream.readline(MAX_HEADER_LINE)
    if not line or line.startswith(b"WARC/"):
        return block, line, False
    following += line
    cut = block.find(b"\nWARC/")
    if cut >= 0:
        stream.unread(block[cut + 1 :] + following)
        return block[: cut + 1], stream.readline(MAX_HEADER_LINE), False
    extra = bytearray(following)
    line = stream.readline(MAX_HEADER_LINE)
    while line and not line.startswith(b"WARC/") and len(block) + len(extra) <= limit:
        extra += line
        line = stream.readline(MAX_HEADER_LINE)
    if _looks_like_text(bytes(extra)):
        return block + bytes(extra).rstrip(b"\r\n"), line, False
    return block, line, True


def _looks_like_text(data: bytes) -> bool:
    """Whether bytes after a block read like more of a text record rather than damage."""
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_headers(stream: _PushbackStream) -> tuple[dict[str, str], WarcProblem | None]:
    headers: dict[str, str] = {}
    for _ in range(MAX_HEADER_LINES):
        line = stream.readline(MAX_HEADER_LINE)
        if not line:
            return headers, WarcProblem("truncated_record", "file ends inside record headers")
        if not line.endswith(b"\n"):
            return headers, WarcProblem("corrupt_record", "header line too long")
        if not line.strip():
            return headers, None
        name, sep, value = line.decode("utf-8", errors="replace").partition(":")
        if not sep:
            detail = f"header line without colon {line[:60]!r}"
            return headers, WarcProblem("corrupt_record", detail)
        headers[name.strip()] = value.strip()
    return headers, WarcProblem("corrupt_record", "too many header lines")


def _skip_to_version_line(stream: _PushbackStream) -> bytes:
    """Read forward to the next line that starts a record; return it (or b'' at end of file)."""
    while True:
        line = stream.readline(MAX_HEADER_LINE)
        if not line or line.startswith(b"WARC/"):
            return line


def _skip_bytes(stream: _PushbackStream, count: int) -> int:
    skipped = 0
    while skipped < count:
        chunk = stream.read(min(_COPY_CHUNK, count - skipped))
        if not chunk:
            break
        skipped += len(chunk)
    return skipped
