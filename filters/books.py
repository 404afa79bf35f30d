"""Books as LLaMA cleaned them (section 2.1): Project Gutenberg's header and licence removed,
and books with more than 90% content overlap removed (shingles, MinHash LSH, then a real
overlap measure; the Beam stage is pipelines/near_dedup.py)."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from filters.document import Document
from filters.step import Outcome, Step

_START = re.compile(r"^\*{3}\s*START OF (THE|THIS) PROJECT GUTENBERG E-?BOOK.*$",
                    re.IGNORECASE | re.MULTILINE)  # fmt: skip
_END = re.compile(
    r"^(\*{3}\s*END OF (THE|THIS) PROJECT GUTENBERG E-?BOOK.*|End of (the )?Project Gutenberg"
    r".*|\*\*\*END\*THE SMALL PRINT.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_TITLE = re.compile(r"^Title:\s*(.+)$", re.MULTILINE)
_PRODUCED_BY = re.compile(r"\A\s*(Produced by|E-text prepared by|Transcribed by)[^\n]*"
                          r"(\n[^\n]+)*\n\s*\n", re.IGNORECASE)  # fmt: skip


def strip_gutenberg(text: str) -> tuple[str, str | None]:
    """The book between Project Gutenberg's START and END markers (and without its "Produced
    by" credit), and the title from the header; texts without markers come back unchanged."""
    start = _START.search(text)
    if not start:
        return text, None
    title = _TITLE.search(text, 0, start.start())
    end = _END.search(text, start.end())
    body = text[start.end() : end.start() if end else len(text)]
    body = _PRODUCED_BY.sub("", body, count=1)
    return body.strip("\n"), title.group(1).strip() if title else None


class StripGutenberg(Step):
    """Remove the Gutenberg header and licence footer; records `title` when the header has one."""

    name = "strip_boilerplate"

    def apply(self, doc: Document) -> Outcome:
        body, title = strip_gutenberg(doc.text)
        if title:
            doc.meta["title"] = title
        doc.text = body
        return doc if body.strip() else self.reject(doc, "empty_after_boilerplate")


SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")


def shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 64-bit hashes of the text's word `size`-grams, over lowercased words with
    punctuation and layout ignored (so re-wrapping, line endings and quote styles do not count)."""
    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}
    hashes = [int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little")
              for g in grams if g]  # fmt: skip
    return np.unique(np.array(hashes, dtype=np.uint64))


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the larger book's shingles found in the other: |A ∩ B| / max(|A|, |B|).

    This is ">90% content overlap" read so that a re-rendering of a book (different wrapping,
    front matter, a few edits) counts, while half of a book, fully contained in the whole,
    does not (containment of the smaller would call it a duplicate; Jaccard misses renderings
    that differ a little more, as measured on ../shared/data/books/pairs.jsonl)."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / max(len(a), len(b))


def minhash_bands(
    shingles: np.ndarray, num_perm: int = 128, bands: int = 32, seed: int = 1
) -> list[bytes]:
    """LSH band keys of the book's MinHash signature (datasketch): `bands` bands of
    num_perm/bands rows. Books sharing any band are candidate near-duplicates; with 32 bands of
    4 rows, pairs with Jaccard 0.8 become candidates with probability 1 - 5e-8."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=num_perm, seed=seed, hashfunc=_low_32_bits)
    minhash.update_batch(shingles.tolist())
    rows = num_perm // bands
    values = minhash.hashvalues.astype("<u8")
    return [bytes([band]) + values[band * rows : (band + 1) * rows].tobytes()
            for band in range(bands)]  # fmt: skip


def _low_32_bits(value: int) -> int:
    """datasketch's default (affine 32-bit) scheme takes 32-bit hashes of the items."""
    return value & 0xFFFFFFFF
