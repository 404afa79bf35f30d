"""Streaming reader for MediaWiki XML export dumps (pages-articles), parsed safely.

The XML goes through defusedxml: DTDs with entity declarations (entity-expansion bombs) and
external entities are refused rather than expanded or fetched. Pages are yielded one at a time
and their elements cleared, so a dump of any size streams in constant memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse


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
    """The dump could not be read past this point; `reason` is short and countable."""

    reason: str
    detail: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            return child.text
    return None


def iter_pages(stream: BinaryIO, site: SiteInfo) -> Iterator[Page | DumpProblem]:
    """Yield the pages of a dump in order, filling `site` from <siteinfo> as it is read; a
    problem (truncated file, unsafe or malformed XML) ends the iteration as its last item."""
    try:
        events = iterparse(stream, events=("start", "end"))
        _, root = next(events)
        site.xml_lang = root.get("{http://www.w3.org/XML/1998/namespace}lang", "")
        for event, element in events:
            if event != "end":
                continue
            name = _local(element.tag)
            if name == "siteinfo":
                _read_siteinfo(element, site)
                root.clear()
            elif name == "page":
                yield _read_page(element)
                root.clear()
    except DefusedXmlException as exc:
        yield DumpProblem("unsafe_xml", f"{type(exc).__name__}: {exc}")
    except ParseError as exc:
        reason = "truncated_file" if "no element found" in str(exc) else "malformed_xml"
        yield DumpProblem(reason, str(exc))
    except (EOFError, OSError, zlib.error) as exc:
        yield DumpProblem("truncated_or_corrupt_compression", f"{type(exc).__name__}: {exc}")
    except StopIteration:
        yield DumpProblem("empty_file", "no XML in the file")


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
