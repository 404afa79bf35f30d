"""Which pages of a Wikipedia dump are articles: disambiguation pages are lists of links to
articles, not articles, and are recognised by the templates each wiki marks them with
(filters/data/wikipedia_disambiguation.json) or the Disambiguator extension's magic word."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

_TEMPLATE_NAME = re.compile(r"\{\{\s*([^{}|\n]{1,80}?)\s*(?=\||\}\})")
_DISAMBIG_MAGIC_WORD = "__DISAMBIG__"


@functools.cache
def _markers() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    data = resources.files("filters").joinpath("data/wikipedia_disambiguation.json")
    table = json.loads(data.read_text(encoding="utf-8"))
    names = {lang: frozenset(found) for lang, found in table["names"].items()}
    suffixes = {lang: tuple(found) for lang, found in table["suffixes"].items()}
    return names, suffixes


def _template_name(raw: str) -> str:
    name = " ".join(raw.replace("_", " ").split()).lower()
    return name.removeprefix("template:").strip()


def is_disambiguation(wikitext: str, language: str) -> bool:
    """Whether the page is a disambiguation page of the wiki in `language`: it uses one of the
    wiki's disambiguation templates (or the names every wiki shares) or `__DISAMBIG__`."""
    if _DISAMBIG_MAGIC_WORD in wikitext:
        return True
    names, suffixes = _markers()
    wanted = names.get("*", frozenset()) | names.get(language, frozenset())
    endings = suffixes.get(language, ())
    for found in _TEMPLATE_NAME.finditer(wikitext):
        name = _template_name(found.group(1))
        if name in wanted or (endings and name.endswith(endings)):
            return True
    return False
