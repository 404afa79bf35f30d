"""Streaming reader for MediaWiki XML export dumps (pages-articles), parsed safely.

The XML goes through defusedxml: DTDs with entity declarations (entity-expansion bombs) and
external entities are refused rather than expanded or fetched. Pages are yielded one at a time
and their elements cleared, so a dump of any size streams in memory bounded by its largest page.
A damaged page (an invalid byte, broken or unclosed markup) costs that page only: reading goes
on at the next `<page>` (corpora/xml_records.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from corpora.xml_records import Damage, XmlRecords

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(slots=True)
class SiteInfo:
    """What the dump says about its wiki: database name, base URL, namespace names by key."""

    dbname: str = ""
    base: str = ""
    xml_lang: str = ""
    namespaces: dict[int, str] = field(default_factory=dict)

    @property
    def language(self) -> str:
        """The wiki's language code: from `dbname` (enwiki -> en), else the base URL's host,
        else the root element's xml:lang; empty when the dump does not say."""
        if self.dbname.endswith("wiki"):
            return self.dbname[: -len("wiki")].replace("_", "-")
        host = self.base.split("//", 1)[-1].split("/", 1)[0]
        if host.endswith(".wikipedia.org"):
            return host.split(".", 1)[0]
        return self.xml_lang


@dataclass(slots=True)
class Page:
    page_id: str
    title: str
    namespace: int
    redirect: bool
    timestamp: str
    wikitext: str | None


@dataclass(slots=True, frozen=True)
class DumpProblem:
    """A stretch of the dump that gave no page: `reason` is short and countable, `offset` is
    where the stretch starts in the dump's text."""

    reason: str
    detail: str
    offset: int = 0


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            return child.text
    return None


def iter_pages(
    stream: BinaryIO, site: SiteInfo, max_page_bytes: int
) -> Iterator[Page | DumpProblem]:
    """Yield the pages of a dump in order, filling `site` from <siteinfo> as it is read. A
    damaged page is a `DumpProblem` (`malformed_page`, `invalid_utf8`, a page over
    `max_page_bytes` is `record_too_large`) and reading goes on at the next page; a truncated,
    unsafe or empty file ends with one."""
    records = XmlRecords(
        stream,
        record="page",
        root="mediawiki",
        max_record_bytes=max_page_bytes,
        malformed="malformed_page",
        too_large="record_too_large",
    )
    for item in records:
        if isinstance(item, Damage):
            yield DumpProblem(item.reason, item.detail, item.offset)
            continue
        site.xml_lang = site.xml_lang or records.root_attributes.get(XML_LANG, "")
        name = _local(item.tag)
        if name == "page":
            yield _read_page(item)
        elif name == "siteinfo":
            _read_siteinfo(item, site)


def _read_siteinfo(element, site: SiteInfo) -> None:
    site.dbname = _child_text(element, "dbname") or ""
    site.base = _child_text(element, "base") or ""
    for child in element:
        if _local(child.tag) == "namespaces":
            for namespace in child:
                site.namespaces[_to_int(namespace.get("key"), default=-1)] = namespace.text or ""


def _to_int(text: str | None, default: int) -> int:
    try:
        return int((text or "").strip())
    except ValueError:
        return default


def _read_page(element) -> Page:
    namespace_text = _child_text(element, "ns")
    redirect = any(_local(child.tag) == "redirect" for child in element)
    revision = next((c for c in element if _local(c.tag) == "revision"), None)
    return Page(
        page_id=(_child_text(element, "id") or "").strip(),
        title=(_child_text(element, "title") or "").strip(),
        namespace=_to_int(namespace_text, default=-1),
        redirect=redirect,
        timestamp=(_child_text(revision, "timestamp") or "") if revision is not None else "",
        wikitext=_child_text(revision, "text") if revision is not None else None,
    )
