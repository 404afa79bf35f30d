"""Line-level hashing for CCNet's line deduplication, and the array operations of its global
stage (the Beam wiring is in pipelines/line_dedup.py).

Two rules, the anchors' own:
- `none` is cc_net's (mine.py's `dedup` step, "even removing the first occurrence" as its
  dedup.py says of the paper's method): a line whose normalised form occurs in two documents or
  more is removed from every one of them, so boilerplate leaves no copy behind; a line repeated
  inside a single document keeps its first occurrence.
- `one` is C4's (TFDS `dedupe_lines`): each line survives once in the whole corpus, in the
  document of the smallest key (a keyed hash of its id), at its first line there.
Neither depends on document order.

Occurrences of lines travel as packed NumPy records rather than one element per line, so a
corpus of billions of lines costs array sorts, not billions of per-element round trips.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import numpy as np

from filters.normalize import dedup_key

HASH_BYTES = 8  # cc_net keeps the first 8 bytes of the SHA-1 of the normalised line
_DOC_KEY = b"llama-corpus/line-dedup"

# One line occurrence: its hash, the 64-bit key of its document and its line number (20 bytes).
OCCURRENCE = np.dtype([("digest", "<u8"), ("doc", "<u8"), ("line", "<u4")])
# A line hash held by a group of documents: by how many of them, and its first occurrence
# there, the smallest (document key, line number) (32 bytes).
HELD = np.dtype(
    [("digest", "<u8"), ("group", "<u8"), ("docs", "<u4"), ("doc", "<u8"), ("line", "<u4")]
)
KEEP = ("none", "one")  # how many of a line's occurrences in several documents stay
DIGEST = np.dtype("<u8")


def line_hash(line: str, salt: bytes = b"") -> bytes:
    """The dedup key of one line: the first 8 bytes of SHA-1 over its normalised UTF-8 form
    (after `salt`, which scopes dedup, e.g. to one input file)."""
    return hashlib.sha1(salt + dedup_key(line)).digest()[:HASH_BYTES]


def line_hashes(text: str, salt: bytes = b"") -> list[tuple[int, bytes]]:
    """(line number, hash) for every non-blank line of `text`. A line of only punctuation hashes
    as the empty string, as in cc_net, so it goes wherever two documents have one."""
    return [(n, line_hash(line, salt)) for n, line in enumerate(text.split("\n")) if line.strip()]


def document_key(doc_id: str) -> int:
    """A 64-bit keyed hash of a document id: how a document finds its removals within its
    group."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), key=_DOC_KEY, digest_size=16).digest()
    return int.from_bytes(digest[:8], "little")


def occurrences(doc_id: str, text: str, salt: bytes = b"") -> np.ndarray:
    """The line occurrences of one document as OCCURRENCE records."""
    hashes = line_hashes(text, salt)
    records = np.empty(len(hashes), dtype=OCCURRENCE)
    records["digest"] = [int.from_bytes(digest, "little") for _, digest in hashes]
    records["doc"] = document_key(doc_id)
    records["line"] = [number for number, _ in hashes]
    return records


def _documents_per_digest(ranked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For OCCURRENCE records sorted as `_by_digest` sorts them: the distinct digests, and in
    how many documents each is."""
    if len(ranked) == 0:
        return ranked["digest"], np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(~_later(ranked, "digest"))
    first_in_document = (~_later(ranked, "digest", "doc")).astype(np.int64)
    return ranked["digest"][starts], np.add.reduceat(first_in_document, starts)


def _by_digest(records: np.ndarray) -> np.ndarray:
    """Records sorted by digest, then document key, then line number."""
    return records[np.lexsort((records["line"], records["doc"], records["digest"]))]


def _later(ranked: np.ndarray, *fields: str) -> np.ndarray:
    """For records sorted by `fields` first: whether each has the same `fields` as the one
    before it."""
    later = np.zeros(len(ranked), dtype=bool)
    if len(ranked) > 1:
        later[1:] = np.logical_and.reduce([ranked[f][1:] == ranked[f][:-1] for f in fields])
    return later


def held(records: np.ndarray, group: int) -> np.ndarray:
    """What a group of documents tells the rest of the corpus: each line hash its OCCURRENCE
    `records` hold, with how many of its documents hold it and its first occurrence, as HELD
    records."""
    ranked = _by_digest(records)
    firsts = ranked[~_later(ranked, "digest")]
    _, docs = _documents_per_digest(ranked)
    out = np.empty(len(firsts), dtype=HELD)
    out["digest"], out["group"], out["docs"] = firsts["digest"], group, docs
    out["doc"], out["line"] = firsts["doc"], firsts["line"]
    return out


def duplicates_to_tell(records: np.ndarray, keep: str = "none") -> Iterator[tuple[int, np.ndarray]]:
    """From the HELD records of every group for some hashes: (group, digests) for each group
    that must remove every occurrence of hashes it cannot judge alone. With `keep="none"`, the
    groups holding in a single document a hash that two documents or more hold (a group
    holding it in two knows); with `keep="one"`, every group but the one holding the first
    occurrence."""
    if len(records) == 0:
        return
    if keep == "none":
        digests, inverse = np.unique(records["digest"], return_inverse=True)
        totals = np.bincount(inverse, weights=records["docs"], minlength=len(digests))
        told = records[(totals[inverse] >= 2) & (records["docs"] == 1)]
    else:
        ranked = _by_digest(records)
        told = ranked[_later(ranked, "digest")]
    for group in np.unique(told["group"]):
        yield int(group), told["digest"][told["group"] == group]


def lines_to_remove(
    records: np.ndarray, told: np.ndarray, keep: str = "none"
) -> dict[int, set[int]]:
    """The line numbers to remove per document key, for one group's OCCURRENCE `records` and the
    digests it was `told` to remove: every occurrence of those, and of a hash the group holds
    in two documents (`keep="none"`) or every occurrence but the group's first (`keep="one"`),
    and every repeat of a hash inside one document."""
    if len(records) == 0:
        return {}
    ranked = _by_digest(records)
    if keep == "none":
        digests, docs = _documents_per_digest(ranked)
        told = np.union1d(digests[docs >= 2], told)
        repeated = _later(ranked, "digest", "doc")
    else:
        repeated = _later(ranked, "digest")
    removed = ranked[repeated | np.isin(ranked["digest"], told)]
    by_document: dict[int, set[int]] = {}
    for _, doc, line in removed.tolist():
        by_document.setdefault(doc, set()).add(line)
    return by_document


def keep_lines(text: str, removed: set[int]) -> tuple[str, int, list[int]]:
    """The text without blank lines and the lines numbered in `removed`; how many non-blank
    lines it had; and the numbers of the lines kept (CCNet's `line_ids`: positions in the text
    as it was, counted from 0)."""
    lines = [(n, line) for n, line in enumerate(text.split("\n")) if line.strip()]
    kept = [(n, line) for n, line in lines if n not in removed]
    return "\n".join(line for _, line in kept), len(lines), [n for n, _ in kept]
