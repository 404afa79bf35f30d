"""One large uncompressed file of records read in byte ranges, so that several workers share it.

A range [start, stop) owns the records that *start* in it: it begins at the first record start
at or after `start` (at 0, with the file's prologue), and its last record runs on to the first
record start at or after `stop`. Record starts are found in the bytes themselves (`<row ` in a
Posts.xml, which in UTF-8 can never fall inside a multi-byte character; a bzip2 stream's start
mark), or known beforehand (a tar's member headers, listed once by walking the headers), so a
split point can land anywhere: inside a record, on a boundary, inside a character. The ranges
of a file cover its records exactly once.

Within a range, records are read in blocks of about `block_bytes` cut at record starts. Each
block is claimed by its first and its last byte before it is read (the claim callback: Beam's
offset tracker), so a runner that splits the range while it is being read takes only blocks
that were not claimed, and the two sides still meet at a record start.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

SCAN_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class Block:
    """Bytes [start, end) of the file: whole records, with the prologue when `start` is 0."""

    start: int
    end: int


def next_record_start(stream: BinaryIO, offset: int, boundary: re.Pattern[bytes]) -> int | None:
    """The offset of the first record start at or after `offset`, or None when none follows."""
    overlap = 16  # longer than any boundary match, so one spanning two reads is found
    position = offset
    stream.seek(position)
    carried = b""
    while True:
        data = stream.read(SCAN_BYTES)
        if not data:
            return None
        window = carried + data
        found = boundary.search(window)
        if found:
            return position - len(carried) + found.start()
        carried = window[-overlap:]
        position += len(data)


def starts_in(stream: BinaryIO, boundary: re.Pattern[bytes]) -> Callable[[int], int | None]:
    """Record starts found in the bytes by `boundary`, for `blocks`."""
    return lambda offset: next_record_start(stream, offset, boundary)


def starts_among(starts: Sequence[int]) -> Callable[[int], int | None]:
    """Record starts known beforehand (sorted offsets, as a tar's member headers), for
    `blocks`."""

    def next_start(offset: int) -> int | None:
        at = bisect.bisect_left(starts, offset)
        return starts[at] if at < len(starts) else None

    return next_start


def blocks(
    start: int,
    next_start: Callable[[int], int | None],
    block_bytes: int,
    claim: Callable[[int], bool],
    current_stop: Callable[[], int],
    size: int,
) -> Iterator[Block]:
    """The blocks of records that start in [start, current_stop()), each claimed by its first
    and last byte before it is given out; reading ends where a claim fails (the rest of the
    range went to another reader), and a last failed claim past the stop marks the range done.
    The stop may shrink while reading (a runner's split). `next_start(offset)` is the first
    record start at or after `offset`."""
    first = 0 if start == 0 else next_start(start)
    while first is not None and first < current_stop():
        if not claim(first):
            return
        wanted = next_start(first + block_bytes)
        owned_end = min(size if wanted is None else wanted, current_stop())
        while owned_end - 1 > first and not claim(owned_end - 1):
            owned_end = current_stop()  # split meanwhile, after `first`: own up to the split
        end = wanted if owned_end == wanted else next_start(owned_end)
        yield Block(first, size if end is None else end)
        first = end
    claim(size if first is None else first)  # fails, past the stop: the range is done


def read_block(stream: BinaryIO, block: Block) -> bytes:
    """The bytes of one block."""
    stream.seek(block.start)
    return stream.read(block.end - block.start)
