"""CCNet's text normalisation, used for line-dedup hashing and before language-model scoring.

The punctuation table and the non-printing range are those of cc_net's `text_normalizer.py`
(facebookresearch/cc_net); the code is ours.
"""

from __future__ import annotations

import re
import unicodedata

# cc_net's UNICODE_PUNCT: full-width and typographic punctuation -> ASCII equivalent.
_UNICODE_PUNCT = {
    "，": ",", "。": ".", "、": ",", "„": '"', "”": '"', "“": '"', "«": '"', "»": '"',
    "１": '"', "」": '"', "「": '"', "《": '"', "》": '"', "´": "'", "∶": ":", "：": ":",
    "？": "?", "！": "!", "（": "(", "）": ")", "；": ";", "–": "-", "—": " - ", "．": ". ",
    "～": "~", "’": "'", "…": "...", "━": "-", "〈": "<", "〉": ">", "【": "[", "】": "]",
    "％": "%", "►": "-",
}  # fmt: skip
_NON_PRINTING = "".join(map(chr, [*range(0, 32), *range(127, 160)]))

# Regular expressions beat str.translate with a dict by about 5x on real web lines.
_PUNCT_RE = re.compile(f"[{re.escape(''.join(_UNICODE_PUNCT))}]")
_NON_PRINTING_RE = re.compile(f"[{re.escape(_NON_PRINTING)}]")
_PUNCT_OR_NON_PRINTING_RE = re.compile(f"[{re.escape(''.join(_UNICODE_PUNCT) + _NON_PRINTING)}]")
_DIGIT_RE = re.compile(r"\d")
_ASCII_DIGITS_AS_ZERO = bytes.maketrans(b"0123456789", b"0" * 10)
_ASCII_NON_PRINTING = _NON_PRINTING[:-32].encode("ascii")  # 0-31 and 127
# Non-spacing marks (category Mn) of the planes where they occur: 0, 1 and 14.
_DROP_MARKS = str.maketrans(
    dict.fromkeys(
        (
            cp
            for plane in (0, 1, 14)
            for cp in range(plane << 16, (plane + 1) << 16)
            if unicodedata.category(chr(cp)) == "Mn"
        ),
        None,
    )
)


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


def strip_accents(text: str) -> str:
    """Drop combining marks after canonical decomposition (é -> e), as CCNet does for its LMs.
    Only the runs of non-ASCII characters are looked up (a page is mostly ASCII)."""
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed
    return _NON_ASCII_RE.sub(_drop_marks, decomposed)


def _drop_marks(run: re.Match) -> str:
    return run.group().translate(_DROP_MARKS)


def normalize_for_dedup(line: str) -> str:
    """Key under which two lines count as the same: stripped, lowercased, digits as 0, and
    unicode punctuation and non-printing characters removed (cc_net `normalize_for_dedup`)."""
    line = line.strip()
    if not line:
        return line
    return _PUNCT_OR_NON_PRINTING_RE.sub("", _DIGIT_RE.sub("0", line.lower()))


def dedup_key(line: str) -> bytes:
    """`normalize_for_dedup(line)` as UTF-8: for an ASCII line, by byte tables (the only
    characters it changes there are digits and control characters)."""
    line = line.strip()
    if line.isascii():
        return line.lower().encode("ascii").translate(_ASCII_DIGITS_AS_ZERO, _ASCII_NON_PRINTING)
    return normalize_for_dedup(line).encode("utf-8", errors="surrogatepass")


def normalize_for_lm(line: str) -> str:
    """Text as CCNet's language models saw it: lowercased, accents stripped, digits as 0,
    unicode punctuation mapped to ASCII, non-printing characters removed (cc_net `normalize`)."""
    line = line.strip()
    if not line:
        return line
    line = strip_accents(line.lower())
    line = _PUNCT_RE.sub(lambda match: _UNICODE_PUNCT[match.group()], _DIGIT_RE.sub("0", line))
    return _NON_PRINTING_RE.sub("", line)
