"""Wikitext to clean prose, with mwparserfromhell: links keep their text; templates, references,
tables, comments, file and category links, interlanguage links and the reference sections go;
italic and bold apostrophes, magic words, HTML tags and entities are resolved to plain text.
Also extracts the external URLs an article cites (for the Wikipedia-reference classifier).

What becomes of the tags whose content is not ordinary prose:
- `<math>` keeps its TeX source, as `$...$` (`$$...$$` for display math): a formula is content,
  and TeX is how the arXiv share of the corpus writes it. Apostrophe primes become `′` and
  adjacent braces are spaced (`} }`), which TeX reads the same, so no wiki-markup sequence
  survives inside a formula. `<chem>` / `<ce>` keep their formula text.
- `<code>`, `<nowiki>`, `<pre>`, `<syntaxhighlight>` / `<source>` keep their literal text
  (entities decoded; blocks on lines of their own, indentation kept).
- `<poem>` and `<blockquote>` keep their text as paragraphs, one line per verse.
- Galleries, score, timelines, graphs, maps, image maps and hieroglyphs are not prose: removed.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable
from importlib import resources

import mwparserfromhell
from mwparserfromhell.nodes import (
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
from filters.wiki_quotes import strip_quote_markup

# Canonical (English) names that every wiki accepts beside its localised ones.
FILE_NAMESPACES = ("file", "image", "media")
CATEGORY_NAMESPACES = ("category",)
# Tags whose whole content is apparatus, not prose.
_DROPPED_TAGS = {"ref", "references", "table", "gallery", "timeline", "score", "imagemap",
                 "graph", "mapframe", "maplink", "templatedata", "includeonly", "hiero",
                 "categorytree", "inputbox", "section", "indicator"}  # fmt: skip
# Tags whose content is literal text (mwparserfromhell leaves it unparsed); blocks get lines.
_LITERAL_TAGS = {"math", "chem", "ce", "nowiki", "pre", "syntaxhighlight", "source"}
_LITERAL_BLOCKS = {"pre", "syntaxhighlight", "source"}
_LINE_BREAK_TAGS = {"hr", "li", "dd", "dt", "p"}
_BLOCK_TAGS = {"blockquote", "poem", "div", "center", "ul", "ol", "dl", "h1", "h2", "h3", "h4",
               "h5", "h6"}  # fmt: skip
# Every tag name MediaWiki accepts (its HTML allow-list and the usual extension tags): one that
# the parser could not pair is removed from the text as a stray tag.
_KNOWN_TAGS = ("abbr|b|bdi|bdo|big|blockquote|br|caption|center|cite|code|data|dd|del|dfn|div|dl|"
               "dt|em|font|h[1-6]|hr|i|ins|kbd|li|mark|ol|p|q|rb|rp|rt|rtc|ruby|s|samp|small|span|"
               "strike|strong|sub|sup|table|td|th|time|tr|tt|u|ul|var|wbr|gallery|references|"
               "nowiki|poem|onlyinclude|includeonly|noinclude|score|timeline|imagemap|math|chem|"
               "ce|syntaxhighlight|source|pre|templatedata|graph|mapframe|maplink|hiero|ref|"
               "section|indicator|categorytree|inputbox")  # fmt: skip
_STRAY_TAG = re.compile(rf"</?(?:{_KNOWN_TAGS})(?![\w-])[^<>\n]*>", re.IGNORECASE)
# An apparatus element the parser left as text (broken markup around it): the whole element goes.
_STRAY_APPARATUS = re.compile(r"<(ref|gallery|references)(?![\w-])[^<>\n]*?(?:/>|>.*?</\1\s*>)",
                              re.IGNORECASE)  # fmt: skip
_MAGIC_WORD = re.compile(r"__[^\W_]+(?:_[^\W_]+)*__")
# What the parser left of a template or link that was never closed: MediaWiki prints it as it
# stands, but it is markup, not prose (the opened template's name and arguments go with it).
_UNCLOSED_TEMPLATE = re.compile(r"\{\{.*")
_STRAY_BRACKETS = re.compile(r"\}\}|\[\[|\]\]")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
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
# Literal text is held out of the line clean-up as `\ue000<n>\ue001` and put back at the end.
_LITERAL_OPEN, _LITERAL_CLOSE = "\ue000", "\ue001"
_LITERAL_REF = re.compile(f"{_LITERAL_OPEN}([0-9]+){_LITERAL_CLOSE}")
_LANGUAGE_PREFIX = re.compile(r"^[a-z]{2,3}(-[a-z]{2,8})*$")
# Possessive quantifiers and a match only at the start of a run of blanks: linear on crafted
# lines (a long run of spaces that ends in no punctuation was quadratic).
_EMPTY_BRACKETS = re.compile(r"\(\s*+[,;:]?\s*+\)")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<![ \t])[ \t]++([,.;:!?])")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")


def parse(wikitext: str) -> Wikicode:
    """mwparserfromhell's parse with style tags left as text: its default gives up on every
    template, reference and table near an unbalanced `''` and leaves them as text."""
    return mwparserfromhell.parse(wikitext, skip_style_tags=True)


@functools.cache
def _inline_templates() -> tuple[dict[str, dict], tuple[tuple[str, dict], ...]]:
    """The data table's rules by exact name, and by name prefix for families (`lang-*`)."""
    data = resources.files("filters").joinpath("data/wikitext_inline_templates.json")
    table = {name: rule for name, rule in json.loads(data.read_text(encoding="utf-8")).items()
             if not name.startswith("_")}  # fmt: skip
    families = tuple((name[:-1], rule) for name, rule in table.items() if name.endswith("*"))
    return table, families


def _inline_rule(name: str) -> dict | None:
    exact, families = _inline_templates()
    if name in exact:
        return exact[name]
    return next((rule for prefix, rule in families if name.startswith(prefix)), None)


class WikitextCleaner:
    """Renders wikitext as plain text; namespace aliases come from the dump's siteinfo."""

    def __init__(self, file_aliases: Iterable[str] = (), category_aliases: Iterable[str] = ()):
        self._dropped_prefixes = {
            name.lower() for name in (*FILE_NAMESPACES, *CATEGORY_NAMESPACES, *file_aliases,
                                      *category_aliases)
        }  # fmt: skip
        self._literals: list[str] = []

    def clean(self, wikitext: str | Wikicode) -> str:
        """Plain prose of an article: one paragraph or heading per line."""
        if isinstance(wikitext, str):
            wikitext = parse(wikitext.replace(_LITERAL_OPEN, "").replace(_LITERAL_CLOSE, ""))
        self._literals = []
        text = self._render(wikitext, top_level=True)
        lines: list[str] = []
        for line in text.split("\n"):
            line = _tidy(line)
            if not any(ch.isalnum() for ch in line):
                continue
            level = _heading_level(line)
            while lines and level and level <= _heading_level(lines[-1]):
                lines.pop()  # a heading whose section held only apparatus
            lines.append(line)
        while lines and _heading_level(lines[-1]):
            lines.pop()
        text = "\n".join(line[2:] if _heading_level(line) else line for line in lines)
        return _LITERAL_REF.sub(lambda found: self._literals[int(found.group(1))], text)

    def _render(self, code: Wikicode, top_level: bool = False) -> str:
        out: list[str] = []
        skipping_level = 0  # inside a reference section of this heading level
        for node in code.nodes:
            if isinstance(node, Heading):
                title = self._render(node.title).strip()
                if skipping_level and node.level > skipping_level:
                    continue
                skipping_level = 0
                if top_level and _tidy(title).lower() in REFERENCE_SECTIONS:
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
            return self._render_tag(node)
        if isinstance(node, HTMLEntity):
            return node.normalize()
        return ""  # comments, template arguments

    def _render_tag(self, tag_node: Tag) -> str:
        tag = str(tag_node.tag).strip().lower()
        if tag in _DROPPED_TAGS:
            return ""
        if tag in _LITERAL_TAGS:
            return self._render_literal(tag_node, tag)
        if tag in ("br", "wbr"):
            return " "
        contents = self._render(tag_node.contents) if tag_node.contents else ""
        if tag in _LINE_BREAK_TAGS:
            return "\n" + contents
        if tag in _BLOCK_TAGS:
            return f"\n{contents}\n"
        return contents

    def _render_literal(self, tag_node: Tag, tag: str) -> str:
        text = html.unescape(str(tag_node.contents)) if tag_node.contents else ""
        if tag == "math":
            display = tag_node.has("display") and "block" in str(tag_node.get("display").value)
            return self._literal(_tex(text, display))
        if tag in _LITERAL_BLOCKS and not tag_node.has("inline"):
            lines = text.strip("\n").split("\n")
            return "\n" + "\n".join(self._literal(line) for line in lines) + "\n"
        return self._literal(text.strip() if tag in ("chem", "ce") else text)

    def _literal(self, text: str) -> str:
        if not text.strip():
            return ""
        self._literals.append(text)
        return f"{_LITERAL_OPEN}{len(self._literals) - 1}{_LITERAL_CLOSE}"

    def _render_link(self, link: Wikilink) -> str:
        title = html.unescape(str(link.title)).strip()
        visible = title.lstrip(":")
        prefix, colon, _ = title.partition(":")
        prefix = prefix.strip().lower()
        namespaced = colon and not title.startswith(":")
        if namespaced and (prefix in self._dropped_prefixes or _LANGUAGE_PREFIX.match(prefix)):
            return ""  # file, category or interlanguage link
        if link.text is not None and str(link.text).strip():
            return self._render(link.text)
        if link.text is not None:  # the pipe trick: [[Paris, Texas|]] shows "Paris"
            visible = re.sub(r"\s*\([^)]*\)$", "", visible.split(":", 1)[-1]).split(",")[0]
        return visible.split("#", 1)[0] if not visible.startswith("#") else visible[1:]

    def _render_template(self, template: Template) -> str:
        """Most templates are apparatus; the inline ones in the data table carry words."""
        name = str(template.name).strip().lower().replace("_", " ")
        rule = _inline_rule(name)
        if rule is None:
            return ""
        if "literal" in rule:
            return rule["literal"]
        text = next((self._render(template.get(key).value).strip()
                     for key in rule.get("named", ()) if template.has(key)), "")  # fmt: skip
        if not text:
            positional = [self._render(p.value).strip() for p in template.params if not p.showkey]
            text = _pick_arguments(positional, rule)
        if not text:
            return ""
        text = f"{rule.get('prefix', '')}{text}{rule.get('suffix', '')}"
        return f"\n{text}\n" if rule.get("block") else text


def _pick_arguments(positional: list[str], rule: dict) -> str:
    """The positional arguments a rule keeps, joined; `{{convert|1.7|-|1.9|kg}}` is a range."""
    ranges = rule.get("ranges", {})
    if len(positional) >= 4 and positional[1] in ranges:
        low, _, high, unit = positional[:4]
        return f"{low}{ranges[positional[1]]}{high} {unit}"
    count = len(positional)
    picked = [positional[i - 1 if i > 0 else i] for i in rule.get("args", ())
              if -count <= (i - 1 if i > 0 else i) < count]  # fmt: skip
    return rule.get("join", " ").join(part for part in picked if part)


def _tex(source: str, display: bool) -> str:
    """A formula's TeX as `$...$` / `$$...$$`, on one line, with apostrophe primes as `′` and
    adjacent braces spaced (TeX ignores spaces in math): nothing left that reads as wiki
    markup."""
    tex = " ".join(source.split())
    tex = re.sub(r"'{2,}", lambda run: "\u2032" * len(run.group()), tex)
    tex = re.sub(r"([{}])(?=\1)", r"\1 ", tex)
    return f"$${tex}$$" if display else f"${tex}$"


def _tidy(line: str) -> str:
    """One rendered line without what the parser left as text: stray tags, magic words,
    unclosed templates and stray brackets, apostrophe markup, entities, empty brackets and
    doubled blanks."""
    if "<" in line:
        line = _STRAY_TAG.sub("", _STRAY_APPARATUS.sub("", line))
    if "__" in line:
        line = _MAGIC_WORD.sub(lambda word: "" if word.group().isupper() else word.group(), line)
    if "{{" in line or "}}" in line or "[[" in line or "]]" in line:
        line = _STRAY_BRACKETS.sub("", _UNCLOSED_TEMPLATE.sub("", line))
    line = strip_quote_markup(line)
    if "&" in line:
        line = _ENTITY.sub(lambda entity: html.unescape(entity.group()), line)
    line = _SPACES.sub(" ", _SPACE_BEFORE_PUNCT.sub(r"\1", _EMPTY_BRACKETS.sub("", line)))
    return line.strip()


def _heading_level(line: str) -> int:
    return ord(line[1]) if line.startswith(_HEADING) and len(line) > 1 else 0


def reference_urls(wikitext: str | Wikicode) -> list[str]:
    """Normalised URLs the article cites: `url=` of {{cite ...}} templates anywhere, and inside
    <ref> tags the `url=` of any template (localised ones: Internetquelle, Lien web, ...) and
    external links; sorted and unique."""
    code = parse(wikitext) if isinstance(wikitext, str) else wikitext
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


# MediaWiki stops expanding templates past this depth ($wgMaxPPExpandDepth); real articles
# leave at most one `{{` or `[[` unclosed (measured on the dumps beside the project), while
# each unclosed one makes mwparserfromhell re-read the rest of the page: quadratic time.
MAX_MARKUP_DEPTH = 40
MAX_UNCLOSED_MARKUP = 100
_BRACKETS = re.compile(r"\{\{|\}\}|\[\[|\]\]")


def markup_problem(wikitext: str) -> str | None:
    """Why the page's `{{ }}` / `[[ ]]` markup is too deep or too broken to parse in bounded
    time, or None; one linear pass."""
    stack: list[str] = []
    unclosed = 0
    for found in _BRACKETS.finditer(wikitext):
        token = found.group()
        if token in ("{{", "[["):
            stack.append(token)
            if len(stack) > MAX_MARKUP_DEPTH:
                return "markup_too_deep"
            continue
        opener = "{{" if token == "}}" else "[["
        if opener in stack:  # close it; what was opened inside and not closed stays open text
            while stack.pop() != opener:
                unclosed += 1
        if unclosed > MAX_UNCLOSED_MARKUP:
            return "markup_too_broken"
    return "markup_too_broken" if unclosed + len(stack) > MAX_UNCLOSED_MARKUP else None


class StripWikitext(Step):
    """Turn a page's wikitext (`text`) into prose and record the URLs it cites. Drops pages
    left without prose (`empty_after_markup`) and pages whose markup nests deeper than
    MediaWiki expands (`markup_too_deep`) or leaves too much unclosed to parse in bounded time
    (`markup_too_broken`), both found in one linear pass before parsing."""

    name = "strip_markup"

    def apply(self, doc: Document) -> Outcome:
        cleaner = WikitextCleaner(
            doc.meta.get("file_namespaces", ()), doc.meta.get("category_namespaces", ())
        )
        problem = markup_problem(doc.text)
        if problem:
            return self.reject(doc, problem)
        try:
            code = parse(doc.text.replace(_LITERAL_OPEN, "").replace(_LITERAL_CLOSE, ""))
            doc.meta["reference_urls"] = reference_urls(code)
            doc.text = cleaner.clean(code)
        except RecursionError:
            return self.reject(doc, "markup_too_deep")
        if not doc.text:
            return self.reject(doc, "empty_after_markup")
        return doc
