"""Line-level hashing for CCNet's global line deduplication (the Beam stage is in pipelines/)."""

from __future__ import annotations

import hashlib

from filters.normalize import normalize_for_dedup

HASH_BYTES = 8  # cc_net keeps the first 8 bytes of the SHA-1 of the normalised line


def line_hash(line: str) -> bytes:
    """The dedup key of one line: the first 8 bytes of SHA-1 over its normalised UTF-8 form."""
    return _digest(normalize_for_dedup(line))


def _digest(normalized: str) -> bytes:
    return hashlib.sha1(normalized.encode("utf-8", errors="surrogatepass")).digest()[:HASH_BYTES]


def line_hashes(text: str) -> list[tuple[int, bytes]]:
    """(line number, hash) for every line of `text` that is not blank after normalisation."""
    hashes = []
    for number, line in enumerate(text.split("\n")):
        normalized = normalize_for_dedup(line)
        if normalized:
            hashes.append((number, _digest(normalized)))
    return hashes


def keep_lines(text: str, keep: set[int]) -> str:
    """The text with only the lines whose numbers are in `keep`, in their original order."""
    return "\n".join(line for number, line in enumerate(text.split("\n")) if number in keep)
