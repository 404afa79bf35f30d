"""C4's page cleaning (Raffel et al. 2020), with the numbers of the TFDS reference
implementation (`tensorflow_datasets/text/c4_utils.py`): line filters, page filters, the
sentence minimum and the bad-words list. The code is ours."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from importlib import resources
from itertools import islice

from filters.document import Document
from filters.step import Outcome, Step

MAX_PAGE_CHARS = 190_000
MAX_WORD_CHARS = 1000
MIN_WORDS_PER_LINE = 5
MIN_SENTENCES = 3
END_MARKS = (".", "?", "!", '"')
ELLIPSIS = "..."
POLICY_PHRASES = ("terms of use", "privacy policy", "cookie policy", "uses cookies",
                  "use of cookies", "use cookies")  # fmt: skip
_CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]", re.IGNORECASE)
# TFDS splits sentences with NLTK's punkt model (a download); a punctuation rule stands in.
# A match starts only where a run of marks starts, and its quantifiers never give back, so a
# long run of marks not followed by a space costs one pass, not one per position (quadratic).
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"')\]]*+(?=\s|$)")


def count_sentences(text: str, up_to: int | None = None) -> int:
    """Sentences in `text`: runs of text ending in . ! or ? (and closing quotes or brackets);
    with `up_to`, counting stops there (enough to know a page has that many)."""
    return sum(1 for _ in islice(_SENTENCE_END.finditer(text), up_to))


class C4LineFilter(Step):
    """TFDS `clean_page`: per line, drop lines with a word over 1000 characters, remove citation
    markers, keep only lines ending in terminal punctuation (not an ellipsis) with at least 5
    words and without "javascript" or policy phrases; drop the page on "lorem ipsum" or a curly
    bracket, or when fewer than 3 sentences remain. Counts removed lines per rule in `meta`."""

    name = "c4_rules"

    def apply(self, doc: Document) -> Outcome:
        if len(doc.text) > MAX_PAGE_CHARS:
            return self.reject(doc, "page_too_long")
        kept: list[str] = []
        removed = {"too_long_word": 0, "no_end_mark": 0, "too_few_words": 0,
                   "javascript": 0, "policy": 0}  # fmt: skip
        sentences = 0
        for raw in doc.text.splitlines():
            line = raw.strip()
            if not line:
                continue
            if any(len(word) > MAX_WORD_CHARS for word in line.split()):
                removed["too_long_word"] += 1
                continue
            line = _CITATION.sub("", line)
            if not line.endswith(END_MARKS) or line.endswith(ELLIPSIS):
                removed["no_end_mark"] += 1
                continue
            if len(line.split()) < MIN_WORDS_PER_LINE:
                removed["too_few_words"] += 1
                continue
            lower = line.lower()
            if "lorem ipsum" in lower:
                return self.reject(doc, "lorem_ipsum")
            if "javascript" in lower:
                removed["javascript"] += 1
                continue
            if "{" in line:
                return self.reject(doc, "curly_bracket")
            if any(phrase in lower for phrase in POLICY_PHRASES):
                removed["policy"] += 1
                continue
            if sentences < MIN_SENTENCES:
                sentences += count_sentences(line, MIN_SENTENCES - sentences)
            kept.append(line)
        doc.meta["c4_lines_removed"] = removed
        if sentences < MIN_SENTENCES:
            return self.reject(doc, "too_few_sentences")
        doc.text = "\n".join(kept)
        return doc


class MinSentences(Step):
    """Re-check C4's 3-sentence minimum (after line dedup shortened pages)."""

    name = "min_sentences"

    def __init__(self, minimum: int = MIN_SENTENCES) -> None:
        self.minimum = minimum

    def apply(self, doc: Document) -> Outcome:
        if count_sentences(doc.text, self.minimum) < self.minimum:
            return self.reject(doc, "too_few_sentences")
        return doc


def load_badwords(language: str = "en") -> tuple[frozenset[str], dict[str, str]]:
    """The bad-words list C4 used (LDNOOBW, shipped as package data in filters/data/ldnoobw)
    for `language`, and what it is (name and SHA-256). A missing list is an error naming it:
    the filter never falls back to another list."""
    data = resources.files("filters").joinpath(f"data/ldnoobw/{language}.txt")
    try:
        raw = data.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"no LDNOOBW bad-words list for {language!r} (filters/data/ldnoobw/{language}.txt)"
        ) from None
    words = frozenset(w.strip().lower() for w in raw.decode("utf-8").splitlines() if w.strip())
    return words, {"name": f"LDNOOBW {language}", "sha256": hashlib.sha256(raw).hexdigest()}


_WORD = re.compile(r"\w+")


class BadWords(Step):
    """Drop a page containing any listed word or phrase as whole words (TFDS's bad-words
    filter: a lowercase word-boundary match).

    The match is one regular expression of every entry; it runs only on the pages that hold
    every word of some entry (each word of a match is a whole word of the page). The entries
    that are one word are looked up in the page's set of words directly, which is the same
    test: most pages are settled by the set, without the expression's scan."""

    name = "badwords"

    def __init__(self, words: Iterable[str] | None = None, language: str = "en") -> None:
        self._words = frozenset(words) if words is not None else None
        self.language = language
        self.word_list = {"name": "given"} if words is not None else None
        self._pattern: re.Pattern[str] | None = None

    def setup(self) -> None:
        if self._pattern is not None:
            return
        if self._words is None:
            self._words, self.word_list = load_badwords(self.language)
        alternatives = "|".join(sorted((re.escape(w) for w in self._words), key=len, reverse=True))
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        self._single = frozenset(w for w in self._words if _WORD.fullmatch(w))
        self._others = [(w, tuple(_WORD.findall(w))) for w in sorted(self._words - self._single)]

    def _may_match(self, lowered: str) -> bool:
        """Whether `lowered` holds every word of some entry of more than one (or an entry
        without words, such as an emoji, as a substring)."""
        words = set(_WORD.findall(lowered))
        if not self._single.isdisjoint(words):
            return True
        return any(all(w in words for w in parts) if parts else entry in lowered
                   for entry, parts in self._others)  # fmt: skip

    def describe(self) -> dict:
        """Which word list the step used (name and SHA-256)."""
        return {"word_list": self.word_list or load_badwords(self.language)[1]}

    def apply(self, doc: Document) -> Outcome:
        self.setup()
        lowered = doc.text.lower()
        if self._may_match(lowered) and self._pattern.search(lowered):
            return self.reject(doc, "bad_words")
        return doc
