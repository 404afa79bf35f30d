"""Wikipedia as LLaMA used it: dumps of 20 languages, markup, links' syntax, templates,
references, tables and comments removed (section 2.1)."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import BinaryIO
from urllib.parse import quote

from pydantic import Field

from corpora import byte_ranges, bz2_streams
from corpora.compression import file_name, open_decompressed, peekable
from corpora.decoding import RECORD_BYTES
from corpora.mediawiki import DumpProblem, Page, SiteInfo, iter_pages
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
HEAD_BYTES = 64 * 1024  # holds a multistream dump's first stream (the site info) and more


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
    before. A multistream dump is read stream by stream, as its byte ranges are (so either
    way the same ids)."""
    name = file_name(path)
    wanted = frozenset(languages) if languages is not None else None
    buffered = peekable(stream)
    if buffered.seekable() and is_multistream(buffered.read(HEAD_BYTES)):
        size = buffered.seek(0, io.SEEK_END)
        yield from MultistreamRanges(languages).read_blocks(
            buffered, path, 0, lambda _: True, lambda: size, size
        )
        return
    if buffered.seekable():
        buffered.seek(0)
    site = SiteInfo()
    pages = iter_pages(open_decompressed(buffered), site, MAX_PAGE_BYTES)
    yield from _outcomes(pages, site, name, wanted, lambda number: str(number))


def _outcomes(
    pages: Iterable[Page | DumpProblem],
    site: SiteInfo,
    name: str,
    wanted: frozenset[str] | None,
    place: Callable[[int], str],
) -> Iterator[Document | Rejection]:
    """The documents and drops of `pages`; `place` names the position of a damaged page, or
    of a page without an id, from its offset or number in what was parsed."""
    for number, item in enumerate(pages):
        if isinstance(item, DumpProblem):
            doc = Document(f"{name}#{place(item.offset)}", SOURCE, "",
                           {"source_file": name, "detail": item.detail})  # fmt: skip
            yield Rejection(doc, READ_STEP, item.reason)
            continue
        language = site.language or _language_from_file_name(name)
        host = f"{language}.wikipedia.org"
        doc = Document(
            f"{site.dbname or name}/{item.page_id or place(number)}",
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


def is_multistream(head: bytes) -> bool:
    """Whether `head` starts a multistream dump: a first bzip2 stream holding just the XML
    head, then another stream."""
    first = bz2_streams.first_stream(head)
    return first is not None and first[0].rstrip().endswith(b"</siteinfo>")


class MultistreamRanges:
    """A `pages-articles-multistream` dump (corpora/bz2_streams.py) read in byte ranges by
    several workers: a range owns the bzip2 streams that start in it, and each stream's pages
    are parsed after the dump's XML head (its site info: language, namespaces), read from the
    file's first stream. A damaged page, or a page without an id, is named by its stream's
    offset in the file and its place in the stream, the same in a whole read as in any range.
    Any other dump, including a single-stream `.bz2`, is read whole by one worker."""

    block_bytes = 8 * 1024 * 1024

    def __init__(self, languages: Sequence[str] | None = None) -> None:
        self._wanted = frozenset(languages) if languages is not None else None

    def splittable(self, path: str, head: bytes) -> bool:
        """Whether the file is a multistream dump (read in ranges) or not (read whole)."""
        return is_multistream(head)

    def read_blocks(
        self,
        stream: BinaryIO,
        path: str,
        start: int,
        claim: Callable[[int], bool],
        current_stop: Callable[[], int],
        size: int,
        starts: Sequence[int] = (),  # unused: the records are found in the bytes
    ) -> Iterator[Document | Rejection]:
        """The pages of the streams that start in the range from `start` to the (possibly
        shrinking) stop."""
        name = file_name(path)
        stream.seek(0)
        head, first_end = bz2_streams.first_stream(stream.read(HEAD_BYTES)) or (b"", 0)
        start = max(start, first_end)  # the head's stream holds no page
        streams = byte_ranges.starts_in(stream, bz2_streams.STREAM_START)
        for block in byte_ranges.blocks(start, streams, self.block_bytes, claim, current_stop,
                                        size):  # fmt: skip
            data = byte_ranges.read_block(stream, block)
            for offset, text in bz2_streams.streams(data):
                at = block.start + offset
                if text is None:
                    detail = {"source_file": name, "detail": f"the bzip2 stream at byte {at}"}
                    doc = Document(f"{name}#{at}", SOURCE, "", detail)
                    yield Rejection(doc, READ_STEP, "truncated_or_corrupt_compression")
                else:
                    yield from self._stream_pages(head, text, name, at)

    def _stream_pages(
        self, head: bytes, text: bytes, name: str, offset: int
    ) -> Iterator[Document | Rejection]:
        closed = text if b"</mediawiki>" in text else text + b"</mediawiki>"
        site = SiteInfo()
        pages = iter_pages(io.BytesIO(head + closed), site, MAX_PAGE_BYTES)
        yield from _outcomes(pages, site, name, self._wanted,
                             lambda place: f"{offset}+{place}")  # fmt: skip


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


def range_reader(settings: Settings, input_root: str | None = None) -> MultistreamRanges:
    """How this source's files are read in byte ranges."""
    return MultistreamRanges(settings.languages)


def recipe(settings: Settings, model_dir: str) -> list[Step | GlobalStage]:
    """Markup removal (LLaMA section 2.1), then one copy of each article text."""
    return [StripWikitext(), GlobalStage("exact_dedup")]
