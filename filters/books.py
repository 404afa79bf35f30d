"""Books as LLaMA cleaned them (section 2.1): Project Gutenberg's header and licence removed,
and books with more than 90% content overlap removed (shingles, MinHash LSH, then a real
overlap measure; the Beam stage is pipelines/near_dedup.py)."""

from __future__ import annotations

import functools
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
_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits: underscores (_italics_) split too
_GRAM_MULTIPLIER = np.uint64(0x100000001B3)  # odd: a gram's hash is a polynomial of its words'
_ROMAN_DIGITS = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
    (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman_numeral(number: int) -> str:
    """`number` (1 to 3999) as a lowercase roman numeral."""
    letters = []
    for value, digit in _ROMAN_DIGITS:
        count, number = divmod(number, value)
        letters.append(digit * count)
    return "".join(letters)


_ROMAN_NUMERALS = frozenset(_roman_numeral(number) for number in range(1, 4000))


def content_words(text: str) -> list[str]:
    """The words near dedup compares, in text order: lowercased, split at anything that is not
    a letter or digit, without tokens holding a digit (line, page, verse and paragraph numbers
    such as `1:1`, `12.`, `[3]`) and without roman numerals standing alone (chapter and
    section numbers; the pronoun I goes with them). Case, punctuation, wrapping and these
    references are how a book is rendered, not what it says; dropping them from both books
    alike costs a true match nothing."""
    return [word for word in _WORD.findall(text.lower())
            if word.isalpha() and word not in _ROMAN_NUMERALS]  # fmt: skip


def _hash64(word: str) -> int:
    """A word's 64-bit hash, the same on every machine and run."""
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """64-bit hashes of the `size`-grams of the book's content words, in text order (one per
    position; a repeated gram repeats its hash). A text shorter than `size` words is one gram,
    a text without words has none. Each distinct word is hashed once; a gram's hash is a
    polynomial of its words' hashes, computed for all positions at once."""
    words = content_words(text)
    if not words:
        return np.empty(0, dtype=np.uint64)
    vocabulary: dict[str, int] = {}
    ids = np.fromiter((vocabulary.setdefault(word, len(vocabulary)) for word in words),
                      dtype=np.intp, count=len(words))  # fmt: skip
    word_hashes = np.fromiter(map(_hash64, vocabulary), dtype=np.uint64, count=len(vocabulary))
    hashes = word_hashes[ids]
    count = max(1, len(words) - size + 1)
    grams = np.zeros(count, dtype=np.uint64)
    for offset in range(min(size, len(words))):
        grams *= _GRAM_MULTIPLIER
        grams += hashes[offset : offset + count]
    return grams


def _found_in(shingles: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Which of the shingles the other book also has: both sorted, then a binary search (three
    times faster than np.isin on books)."""
    order = np.argsort(shingles)
    ordered = shingles[order]
    candidates = np.sort(other)
    nearest = np.minimum(np.searchsorted(candidates, ordered), len(candidates) - 1)
    found = np.empty(len(shingles), dtype=bool)
    found[order] = candidates[nearest] == ordered
    return found


def coverage(shingles: np.ndarray, other: np.ndarray, size: int = SHINGLE_WORDS) -> float:
    """Share of a book's content words that stand in one of its `size`-grams the other book
    also has: how much of the book is found in the other, in passages of `size` words or more.
    A word inserted by one rendering (a headword line, a reference) costs that word only,
    where a share of grams would lose the `size` grams around it."""
    if len(shingles) == 0 or len(other) == 0:
        return 0.0
    shared = _found_in(shingles, other)
    covered = np.zeros(len(shingles) + size - 1, dtype=bool)
    for offset in range(size):
        covered[offset : offset + len(shingles)] |= shared
    return int(np.count_nonzero(covered)) / len(covered)


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """How much two books share, from their shingle hashes: `(contained, reverse)`, the share
    of the more-contained book found in the other and the share of the other found in it.

    A re-rendering, a copy with a few cuts or additions and a revised edition have both
    high; an excerpt, the first half or one story of an anthology is contained but its book
    is not found in it (reverse low); distinct books have both low."""
    a_in_b, b_in_a = coverage(a, b), coverage(b, a)
    return max(a_in_b, b_in_a), min(a_in_b, b_in_a)


def is_near_duplicate(shares: tuple[float, float], threshold: float, reverse: float) -> bool:
    """LLaMA's "more than 90% content overlap" as decided here: more than `threshold` of one
    book is in the other, and at least `reverse` of the other is in it (not an excerpt)."""
    contained, found_back = shares
    return contained > threshold and found_back >= reverse


def _permutation(name: str) -> tuple[np.uint64, np.uint64]:
    """The multiplier (odd) and offset of one MinHash permutation, derived from `name`."""
    key = hashlib.blake2b(name.encode(), digest_size=16).digest()
    multiplier, offset = int.from_bytes(key[:8], "little") | 1, int.from_bytes(key[8:], "little")
    return np.uint64(multiplier), np.uint64(offset)


class MinHasher:
    """MinHash LSH band keys of shingle hashes. Its `num_perm` random permutations, the maps
    x -> (a x + b) mod 2^64 with odd a, are made once when it is built (one per worker, never
    per book). A book's signature is, per permutation, the top 32 bits of its smallest mapped
    hash; `bands` bands of num_perm/bands rows each make a key. With 32 bands of 4 rows, books
    whose shingle sets have Jaccard 0.5 share a key with probability 0.87, at 0.7 with 0.9998."""

    def __init__(self, num_perm: int = 128, bands: int = 32, seed: int = 1) -> None:
        if num_perm % bands:
            raise ValueError(f"{num_perm} permutations do not split into {bands} bands")
        self._rows = num_perm // bands
        self._bands = bands
        self._permutations = [_permutation(f"minhash {seed} {n}") for n in range(num_perm)]

    def signature(self, shingles: np.ndarray) -> np.ndarray:
        """The book's MinHash signature, one unsigned 32-bit value per permutation."""
        mapped = np.empty_like(shingles)
        smallest = np.empty(len(self._permutations), dtype=np.uint64)
        for n, (multiplier, offset) in enumerate(self._permutations):
            np.multiply(shingles, multiplier, out=mapped)
            mapped += offset
            smallest[n] = mapped.min()
        return (smallest >> np.uint64(32)).astype("<u4")

    def band_keys(self, shingles: np.ndarray) -> list[bytes]:
        """The book's LSH band keys; books sharing one are candidate near duplicates. A book
        without shingles has none (it is nobody's duplicate)."""
        if len(shingles) == 0:
            return []
        values = self.signature(shingles)
        rows = self._rows
        return [bytes([band]) + values[band * rows : (band + 1) * rows].tobytes()
                for band in range(self._bands)]  # fmt: skip


@functools.cache
def _shared_minhasher(num_perm: int, bands: int, seed: int) -> MinHasher:
    return MinHasher(num_perm, bands, seed)


def minhash_bands(
    shingles: np.ndarray, num_perm: int = 128, bands: int = 32, seed: int = 1
) -> list[bytes]:
    """The band keys of `MinHasher(num_perm, bands, seed)`, built once per process."""
    return _shared_minhasher(num_perm, bands, seed).band_keys(shingles)
