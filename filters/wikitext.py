"""Wikitext to clean prose, with mwparserfromhell: links keep their text; templates, references,
tables, comments, file and category links, interlanguage links and the reference sections go.
Also extracts the external URLs an article cites (for the Wikipedia-reference classifier)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from filters.document import Document
from filters.step import Outcome, Step
from filters.urls import normalize_url

# Canonical (English) names that every wiki accepts beside its localised ones.
FILE_NAMESPACES = ("file", "image", "media")
CATEGORY_NAMESPACES = ("category",)
# Tags whose whole content is apparatus, not prose.
_DROPPED_TAGS = {"ref", "references", "table", "gallery", "math", "timeline", "score",
                 "imagemap", "syntaxhighlight", "source", "graph", "mapframe", "templatedata",
                 "noinclude", "hiero", "chem", "ce", "poem"}  # fmt: skip
_LINE_BREAK_TAGS = {"hr", "li", "dd", "dt", "p"}
# Sections after which an article is only apparatus (lowercase titles, per language).
REFERENCE_SECTIONS = {
    "references", "notes", "footnotes", "citations", "sources", "bibliography", "further reading",
    "external links", "see also", "einzelnachweise", "anmerkungen", "weblinks", "literatur",
    "siehe auch", "quellen", "notes et références", "références", "liens externes",
    "voir aussi", "bibliographie", "източници", "бележки", "външни препратки", "вижте също",
    "литература", "referencias", "enlaces externos", "véase también", "note", "bibliografia",
    "collegamenti esterni", "voci correlate", "referências", "ligações externas", "ver também",
    "bronnen", "externe links", "zie ook", "przypisy", "linki zewnętrzne", "zobacz też",
    "примечания", "ссылки", "см. также", "примітки", "джерела", "посилання",
    "referenser", "externa länkar", "se även", "reference", "externí odkazy",
    "související články", "referencer", "eksterne henvisninger", "se også", "hivatkozások",
    "források", "külső hivatkozások",
    "referències", "enllaços externs", "vegeu també", "referințe", "legături externe",
    "vezi și", "viri", "zunanje povezave", "glej tudi", "izvori", "vanjske poveznice", "vidi još",
    "референце", "спољашње везе", "види још",
}  # fmt: skip
_HEADING = "\x00"  # marks heading lines (then a level character) while rendering only
_LANGUAGE_PREFIX = re.compile(r"^[a-z]{2,3}(-[a-z]{2,8})*$")
# Possessive quantifiers and a match only at the start of a run of blanks: linear on crafted
# lines (a long run of spaces that ends in no punctuation was quadratic).
_EMPTY_BRACKETS = re.compile(r"\(\s*+[,;:]?\s*+\)")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<![ \t])[ \t]++([,.;:!?])")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")


class WikitextCleaner:
    """Renders wikitext as plain text; namespace aliases come from the dump's siteinfo."""

    def __init__(self, file_aliases: Iterable[str] = (), category_aliases: Iterable[str] = ()):
        self._dropped_prefixes = {
            name.lower() for name in (*FILE_NAMESPACES, *CATEGORY_NAMESPACES, *file_aliases,
                                      *category_aliases)
        }  # fmt: skip

    def clean(self, wikitext: str) -> str:
        """Plain prose of an article: one paragraph or heading per line."""
        code = mwparserfromhell.parse(wikitext)
        text = self._render(code, top_level=True)
        lines: list[str] = []
        for line in text.split("\n"):
            line = _SPACES.sub(" ", _SPACE_BEFORE_PUNCT.sub(r"\1", _EMPTY_BRACKETS.sub("", line)))
            line = line.strip()
            if not any(ch.isalnum() for ch in line):
                continue
            level = _heading_level(line)
            while lines and level and level <= _heading_level(lines[-1]):
                lines.pop()  # a heading whose section held only apparatus
            lines.append(line)
        while lines and _heading_level(lines[-1]):
            lines.pop()
        return "\n".join(line[2:] if _heading_level(line) else line for line in lines)

    def _render(self, code: Wikicode, top_level: bool = False) -> str:
        out: list[str] = []
        skipping_level = 0  # inside a reference section of this heading level
        for node in code.nodes:
            if isinstance(node, Heading):
                title = self._render(node.title).strip()
                if skipping_level and node.level > skipping_level:
                    continue
                skipping_level = 0
                if top_level and title.lower() in REFERENCE_SECTIONS:
                    skipping_level = node.level
                    continue
                out.append(f"\n{_HEADING}{chr(node.level)}{title}\n")
            elif skipping_level:
                continue
            else:
                out.append(self._render_node(node))
        return "".join(out)

    def _render_node(self, node) -> str:
        if isinstance(node, Text):
            return str(node)
        if isinstance(node, Wikilink):
            return self._render_link(node)
        if isinstance(node, ExternalLink):
            return self._render(node.title) if node.title else ""
        if isinstance(node, Template):
            return self._render_template(node)
        if isinstance(node, Tag):
            tag = str(node.tag).strip().lower()
            if tag in _DROPPED_TAGS:
                return ""
            if tag == "br":
                return " "
            if tag in _LINE_BREAK_TAGS:
                return "\n" + (self._render(node.contents) if node.contents else "")
            return self._render(node.contents) if node.contents else ""
        if isinstance(node, HTMLEntity):
            return node.normalize()
        if isinstance(node, (Comment, Argument)):
            return ""
        return ""

    def _render_link(self, link: Wikilink) -> str:
        title = str(link.title).strip()
        visible = title.lstrip(":")
        prefix, colon, _ = title.partition(":")
        prefix = prefix.strip().lower()
        namespaced = colon and not title.startswith(":")
        if namespaced and (prefix in self._dropped_prefixes or _LANGUAGE_PREFIX.match(prefix)):
            return ""  # file, category or interlanguage link
        if link.text is not None:
            return self._render(link.text)
        return visible.split("#", 1)[0] if not visible.startswith("#") else visible[1:]

    def _render_template(self, template: Template) -> str:
        """Most templates are apparatus; a few common inline ones carry words or numbers."""
        name = str(template.name).strip().lower().replace("_", " ")
        positional = [self._render(p.value).strip() for p in template.params if not p.showkey]
        if name == "convert" and len(positional) >= 2:
            return f"{positional[0]} {positional[1]}"
        if name in ("lang", "lang-x", "transl") and positional:
            return positional[-1]
        if name in ("nowrap", "small", "nobr", "smaller", "center") and positional:
            return positional[0]
        return ""


def _heading_level(line: str) -> int:
    return ord(line[1]) if line.startswith(_HEADING) and len(line) > 1 else 0


def reference_urls(wikitext: str) -> list[str]:
    """Normalised URLs the article cites: `url=` of {{cite ...}} templates anywhere, and inside
    <ref> tags the `url=` of any template (localised ones: Internetquelle, Lien web, ...) and
    external links; sorted and unique."""
    code = mwparserfromhell.parse(wikitext)
    urls: set[str] = set()
    for template in code.ifilter_templates(recursive=True):
        if str(template.name).strip().lower().startswith("cite") and template.has("url"):
            urls.add(str(template.get("url").value).strip())
    for tag in code.ifilter_tags(recursive=True):
        if str(tag.tag).strip().lower() == "ref" and tag.contents:
            urls.update(str(link.url) for link in tag.contents.ifilter_external_links())
            urls.update(
                str(t.get("url").value).strip()
                for t in tag.contents.ifilter_templates()
                if t.has("url")
            )
    normalized = {normalize_url(url) for url in urls}
    return sorted(url for url in normalized if url)


class StripWikitext(Step):
    """Turn a page's wikitext (`text`) into prose and record the URLs it cites. Drops pages
    left without prose (`empty_after_markup`)."""

    name = "strip_markup"

    def apply(self, doc: Document) -> Outcome:
        cleaner = WikitextCleaner(
            doc.meta.get("file_namespaces", ()), doc.meta.get("category_namespaces", ())
        )
        wikitext = doc.text
        doc.meta["reference_urls"] = reference_urls(wikitext)
        doc.text = cleaner.clean(wikitext)
        if not doc.text:
            return self.reject(doc, "empty_after_markup")
        return doc
