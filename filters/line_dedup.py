"""Line-level hashing for CCNet's line deduplication, and the array operations of its global
stage (the Beam wiring is in pipelines/line_dedup.py).

Occurrences of lines travel as packed NumPy records rather than one element per line, so a
corpus of billions of lines costs array sorts, not billions of per-element round trips.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np

from filters.normalize import normalize_for_dedup

HASH_BYTES = 8  # cc_net keeps the first 8 bytes of the SHA-1 of the normalised line
_DOC_KEY = b"llama-corpus/line-dedup"

# One line occurrence: its hash, the 64-bit key of its document, its line number, and the
# group its document is stored with until the stage's decisions are made (28 bytes).
OCCURRENCE = np.dtype([("digest", "<u8"), ("doc", "<u8"), ("line", "<u4"), ("group", "<u8")])
# A line to remove from a document (of a group).
REMOVAL = np.dtype([("group", "<u8"), ("doc", "<u8"), ("line", "<u4")])


def line_hash(line: str, salt: bytes = b"") -> bytes:
    """The dedup key of one line: the first 8 bytes of SHA-1 over its normalised UTF-8 form
    (after `salt`, which scopes dedup, e.g. to one input file)."""
    normalized = normalize_for_dedup(line).encode("utf-8", errors="surrogatepass")
    return hashlib.sha1(salt + normalized).digest()[:HASH_BYTES]


def line_hashes(text: str, salt: bytes = b"") -> list[tuple[int, bytes]]:
    """(line number, hash) for every non-blank line of `text`. A line of only punctuation hashes
    as the empty string, so it survives once, as in cc_net."""
    return [(n, line_hash(line, salt)) for n, line in enumerate(text.split("\n")) if line.strip()]


def document_key(doc_id: str) -> int:
    """A 64-bit keyed hash of a document id: the survivor order of line dedup, and how a
    document finds its removals within its group."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), key=_DOC_KEY, digest_size=16).digest()
    return int.from_bytes(digest[:8], "little")  # the survivor order of earlier versions


def occurrences(doc_id: str, text: str, salt: bytes = b"", group: int = 0) -> np.ndarray:
    """The line occurrences of one document (stored in `group`) as OCCURRENCE records."""
    hashes = line_hashes(text, salt)
    records = np.empty(len(hashes), dtype=OCCURRENCE)
    records["digest"] = [int.from_bytes(digest, "little") for _, digest in hashes]
    records["doc"] = document_key(doc_id)
    records["line"] = [number for number, _ in hashes]
    records["group"] = group
    return records


def split_first(records: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first occurrence of each line hash, first meaning the smallest (document key, line
    number), as OCCURRENCE records; and every other occurrence, the lines to remove, as REMOVAL
    records. Independent of input order.

    Applied to one batch, the others are removals whatever the rest of the corpus holds, so
    only the firsts need to meet the other batches'."""
    if len(records) == 0:
        return records[:0], np.empty(0, dtype=REMOVAL)
    ranked = records[np.lexsort((records["line"], records["doc"], records["digest"]))]
    later = np.empty(len(ranked), dtype=bool)
    later[0] = False
    later[1:] = ranked["digest"][1:] == ranked["digest"][:-1]
    removed = ranked[later]
    out = np.empty(len(removed), dtype=REMOVAL)
    for name in REMOVAL.names:
        out[name] = removed[name]
    return ranked[~later], out


def lines_to_remove(removals: Iterable[np.ndarray]) -> dict[int, set[int]]:
    """The line numbers to remove per document key, from arrays of REMOVAL records."""
    by_document: dict[int, set[int]] = {}
    for records in removals:
        for _, doc, line in records.tolist():
            by_document.setdefault(doc, set()).add(line)
    return by_document


def keep_lines(text: str, removed: set[int]) -> tuple[str, int, list[int]]:
    """The text without blank lines and the lines numbered in `removed`; how many non-blank
    lines it had; and the numbers of the lines kept (CCNet's `line_ids`: positions in the text
    as it was, counted from 0)."""
    lines = [(n, line) for n, line in enumerate(text.split("\n")) if line.strip()]
    kept = [(n, line) for n, line in lines if n not in removed]
    return "\n".join(line for _, line in kept), len(lines), [n for n, _ in kept]
