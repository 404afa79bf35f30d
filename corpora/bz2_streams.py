"""Files made of many bzip2 streams one after another, as Wikimedia writes its
`pages-articles-multistream` dumps: a first stream holding the XML head (`<mediawiki>` and
`<siteinfo>`), then streams of 100 whole pages each, then one holding `</mediawiki>`. Each
stream starts byte-aligned with `BZh`, its block size digit and the block magic (the digits of
pi, 0x314159265359), a ten-byte mark that random compressed bits repeat about once in 2**77
bytes, so stream starts can be found in the bytes themselves, from any offset: the file can be
read in byte ranges (corpora/byte_ranges.py) without its index file."""

from __future__ import annotations

import bz2
import re
from collections.abc import Iterable, Iterator

STREAM_START = re.compile(rb"BZh[1-9]\x31\x41\x59\x26\x53\x59")


def first_stream(head: bytes) -> tuple[bytes, int] | None:
    """The decompressed text of the stream at the start of `head` and where the next one
    starts, when `head` holds that whole stream and the next one's start; else None."""
    if not STREAM_START.match(head):
        return None
    decompressor = bz2.BZ2Decompressor()
    try:
        text = decompressor.decompress(head)
    except (OSError, EOFError, ValueError):
        return None
    end = len(head) - len(decompressor.unused_data)
    if not decompressor.eof or not STREAM_START.match(head, end):
        return None
    return text, end


def streams(data: bytes) -> Iterator[tuple[int, bytes | None]]:
    """(offset in `data`, decompressed text) of each stream of `data`, which starts at a stream
    start; the text is None for a stream that does not decompress whole (truncated or
    corrupt), and the streams after it are read all the same."""
    view = memoryview(data)
    starts = [found.start() for found in STREAM_START.finditer(data)] + [len(data)]
    for start, end in zip(starts, starts[1:], strict=False):
        decompressor = bz2.BZ2Decompressor()
        try:
            text = decompressor.decompress(view[start:end])
        except (OSError, EOFError, ValueError):
            text = None
        if not decompressor.eof or decompressor.unused_data:
            text = None
        yield start, text


def multistream(parts: Iterable[bytes]) -> bytes:
    """Each part compressed as a stream of its own, the streams concatenated."""
    return b"".join(bz2.compress(part, 9) for part in parts)
