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
_NON_PRINTING = [*range(0, 32), *range(127, 160)]

_REPLACE_PUNCT = str.maketrans({**_UNICODE_PUNCT, **dict.fromkeys(map(chr, _NON_PRINTING), "")})
_REMOVE_PUNCT_AND_NON_PRINTING = str.maketrans(
    dict.fromkeys([*_UNICODE_PUNCT, *map(chr, _NON_PRINTING)], "")
)
_DIGIT_RE = re.compile(r"\d")


def strip_accents(text: str) -> str:
    """Drop combining marks after canonical decomposition (é -> e), as CCNet does for its LMs."""
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def normalize_for_dedup(line: str) -> str:
    """Key under which two lines count as the same: stripped, lowercased, digits as 0, and
    unicode punctuation and non-printing characters removed (cc_net `normalize_for_dedup`)."""
    line = line.strip()
    if not line:
        return line
    return _DIGIT_RE.sub("0", line.lower()).translate(_REMOVE_PUNCT_AND_NON_PRINTING)


def normalize_for_lm(line: str) -> str:
    """Text as CCNet's language models saw it: lowercased, accents stripped, digits as 0,
    unicode punctuation mapped to ASCII, non-printing characters removed (cc_net `normalize`)."""
    line = line.strip()
    if not line:
        return line
    line = strip_accents(line.lower())
    return _DIGIT_RE.sub("0", line).translate(_REPLACE_PUNCT)
