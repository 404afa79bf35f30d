"""Wikipedia as LLaMA used it: dumps of 20 languages, markup, links' syntax, templates,
references, tables and comments removed (section 2.1)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO
from urllib.parse import quote

from pydantic import Field

from corpora.compression import file_name, open_decompressed
from corpora.decoding import RECORD_BYTES
from corpora.mediawiki import DumpProblem, SiteInfo, iter_pages
from corpora.settings import SourceSettings
from filters.document import Document, Rejection
from filters.step import GlobalStage, Step
from filters.wiki_pages import is_disambiguation
from filters.wikitext import StripWikitext

SOURCE = "wikipedia"
READ_STEP = "read"
FILE_NAMESPACE, MEDIA_NAMESPACE, CATEGORY_NAMESPACE = 6, -2, 14
MAX_WIKITEXT_CHARS = 4_000_000  # the longest real articles are under 1.5 M characters
MAX_PAGE_BYTES = RECORD_BYTES["wikipedia_page"]  # a page over this is skipped unparsed


class Settings(SourceSettings):
    """mixture.yaml `sources.wikipedia`: the wiki languages kept."""

    languages: list[str] = Field(min_length=1)


def read_file(
    stream: BinaryIO, path: str, languages: Sequence[str] | None = None
) -> Iterator[Document | Rejection]:
    """Stream the pages of one dump (plain, gzip or bzip2; UTF-8 or UTF-16) as documents whose
    text is still wikitext. Non-article namespaces, redirects, disambiguation pages and
    languages outside `languages` are named drops; so is a damaged page, and reading goes on
    at the next one; a truncated or unsafe file ends with one drop and keeps what came
    before."""
    name = file_name(path)
    site = SiteInfo()
    wanted = frozenset(languages) if languages is not None else None
    pages = iter_pages(open_decompressed(stream), site, MAX_PAGE_BYTES)
    for number, item in enumerate(pages):
        if isinstance(item, DumpProblem):
            doc = Document(
                f"{name}#{item.offset}", SOURCE, "", {"source_file": name, "detail": item.detail}
            )
            yield Rejection(doc, READ_STEP, item.reason)
            continue
        language = site.language or _language_from_file_name(name)
        host = f"{language}.wikipedia.org"
        doc = Document(
            f"{site.dbname or name}/{item.page_id or number}",
            SOURCE,
            item.wikitext or "",
            {
                "source_file": name,
                "title": item.title,
                "url": f"https://{host}/wiki/{quote(item.title.replace(' ', '_'))}",
                "language": language,
                "timestamp": item.timestamp,
                "file_namespaces": [site.namespaces.get(k, "") for k in
                                    (FILE_NAMESPACE, MEDIA_NAMESPACE)],
                "category_namespaces": [site.namespaces.get(CATEGORY_NAMESPACE, "")],
            },
        )  # fmt: skip
        reason = _drop_reason(item, language, wanted)
        yield Rejection(doc, READ_STEP, reason) if reason else doc


def _drop_reason(page, language: str, wanted: frozenset[str] | None) -> str | None:
    if page.namespace != 0:
        return "not_article"
    if page.redirect or (page.wikitext or "").lstrip()[:9].upper() == "#REDIRECT":
        return "redirect"
    if not page.wikitext or not page.title:
        return "malformed_page"
    if len(page.wikitext) > MAX_WIKITEXT_CHARS:
        return "record_too_large"
    if wanted is not None and language not in wanted:
        return "language_not_in_recipe"
    if is_disambiguation(page.wikitext, language):
        return "disambiguation"
    return None


def _language_from_file_name(name: str) -> str:
    """`enwiki-20230301-pages-articles.xml.bz2` -> `en`; empty when the name does not say."""
    head = name.split("-", 1)[0]
    return head[: -len("wiki")] if head.endswith("wiki") else ""


def reader(
    settings: Settings, input_root: str | None = None
) -> Callable[[BinaryIO, str], Iterator[Document | Rejection]]:
    """The read function with this source's configured languages bound."""
    return functools.partial(read_file, languages=settings.languages)


def recipe(settings: Settings, model_dir: str) -> list[Step | GlobalStage]:
    """Markup removal (LLaMA section 2.1), then one copy of each article text."""
    return [StripWikitext(), GlobalStage("exact_dedup")]
