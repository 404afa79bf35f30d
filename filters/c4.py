"""C4's page cleaning (Raffel et al. 2020), with the numbers of the TFDS reference
implementation (`tensorflow_datasets/text/c4_utils.py`): line filters, page filters, the
sentence minimum and the bad-words list. The code is ours."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

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


def count_sentences(text: str) -> int:
    """Sentences in `text`: runs of text ending in . ! or ? (and closing quotes or brackets)."""
    return sum(1 for _ in _SENTENCE_END.finditer(text))


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
            sentences += count_sentences(line)
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
        if count_sentences(doc.text) < self.minimum:
            return self.reject(doc, "too_few_sentences")
        return doc


def load_badwords(language: str = "en") -> tuple[frozenset[str], str]:
    """The bad-words list C4 used (LDNOOBW, installed by scripts/install.sh from its npm
    package) for `language`, else better_profanity's English list; and which one it is."""
    import sys

    ldnoobw = Path(sys.prefix) / "share" / "ldnoobw" / f"{language}.json"
    if ldnoobw.is_file():
        return frozenset(w.lower() for w in json.loads(ldnoobw.read_text("utf-8"))), "ldnoobw"
    import better_profanity

    wordlist = Path(better_profanity.__file__).with_name("profanity_wordlist.txt")
    words = [w.strip().lower() for w in wordlist.read_text("utf-8").splitlines() if w.strip()]
    return frozenset(words), "better_profanity"


class BadWords(Step):
    """Drop a page containing any listed word or phrase as whole words (TFDS's bad-words
    filter: a lowercase word-boundary match)."""

    name = "badwords"

    def __init__(self, words: Iterable[str] | None = None, language: str = "en") -> None:
        self._words = frozenset(words) if words is not None else None
        self.language = language
        self.list_name = "given" if words is not None else None
        self._pattern: re.Pattern[str] | None = None

    def setup(self) -> None:
        if self._pattern is not None:
            return
        if self._words is None:
            self._words, self.list_name = load_badwords(self.language)
        alternatives = "|".join(sorted((re.escape(w) for w in self._words), key=len, reverse=True))
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    def apply(self, doc: Document) -> Outcome:
        self.setup()
        if self._pattern.search(doc.text.lower()):
            return self.reject(doc, "bad_words")
        return doc
