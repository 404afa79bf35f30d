"""Open a byte stream as its decompressed content, recognising gzip and bzip2 by magic bytes."""

from __future__ import annotations

import bz2
import gzip
import io
import zlib
from typing import BinaryIO


def file_name(path: str) -> str:
    """The last component of a local path or URL (`gs://b/crawl/x.warc.gz` -> `x.warc.gz`)."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def peekable(stream: BinaryIO) -> io.BufferedReader:
    """`stream` itself when it is an `io.BufferedReader` (it can peek), else `stream` wrapped
    in one."""
    return stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)


def open_decompressed(raw: BinaryIO) -> BinaryIO:
    """Wrap `raw` so reads return decompressed bytes (gzip, bzip2) or the bytes as they are.

    No read-ahead buffer is added on top of the decompressor, so a truncated stream still
    yields everything before the damage.
    """
    buffered = peekable(raw)
    magic = buffered.peek(3)[:3]
    if magic[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=buffered, mode="rb")
    if magic == b"BZh":
        return bz2.BZ2File(buffered, mode="rb")
    return buffered


def peek_head(stream: io.BufferedReader, size: int) -> bytes | None:
    """The first `size` bytes of a (decompressed) stream without consuming them, or None when
    its compression is broken already there (a truncated or corrupt gzip / bzip2 start)."""
    try:
        return stream.peek(size)[:size]
    except (EOFError, OSError, zlib.error):
        return None
