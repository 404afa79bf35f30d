"""Regenerate the Wikipedia sample dumps in corpora/samples/wikipedia/ from
scripts/sample_data/wikipedia/<lang>/: wiki.yaml (site info, namespaces, the pages in dump order)
and one .wiki file of wikitext per page.

Each dump is a MediaWiki XML export (schema 0.10) compressed with bzip2 at level 9, named like
the real ``<dbname>-<date>-pages-articles.xml.bz2`` dumps. Page, revision and user ids are
derived from the first ids in wiki.yaml, the page's position and the user name; the revision's
sha1 is MediaWiki's base-36 SHA-1 of the text.

    python scripts/make_wiki_samples.py [--out DIR]
"""

from __future__ import annotations

import bz2
import hashlib
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from samples_common import DATA, load_yaml, read_text, run, write

SOURCE = DATA / "wikipedia"
GENERATOR = "MediaWiki 1.41.0-wmf.25"
EXPORT_NS = "http://www.mediawiki.org/xml/export-0.10/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://www.mediawiki.org/xml/export-0.10.xsd"


def sha1_base36(text: str) -> str:
    """The revision checksum as MediaWiki writes it: SHA-1 in base 36, 31 digits."""
    n = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest(), "big")
    digits = ""
    while n:
        n, r = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + digits
    return digits.rjust(31, "0")


def xml_text(s: str) -> str:
    """Escape element text as MediaWiki's exporter does (quotes included)."""
    return escape(s, {'"': "&quot;"})


def user_id(name: str) -> int:
    """A stable made-up user id for a user name."""
    return 100000 + int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:6], 16) % 40000000


def siteinfo_xml(lang: str, wiki: dict) -> list[str]:
    """The <siteinfo> block with the wiki's localised namespace names."""
    base = f"https://{lang}.wikipedia.org/wiki/" + quote(
        wiki["main_page"].replace(" ", "_"), safe=":_"
    )
    lines = ["  <siteinfo>", f"    <sitename>{xml_text(wiki['sitename'])}</sitename>",
             f"    <dbname>{lang}wiki</dbname>", f"    <base>{xml_text(base)}</base>",
             f"    <generator>{GENERATOR}</generator>", "    <case>first-letter</case>",
             "    <namespaces>"]  # fmt: skip
    for key, name in wiki["namespaces"].items():
        if name:
            tag = f'<namespace key="{key}" case="first-letter">{xml_text(name)}</namespace>'
        else:
            tag = f'<namespace key="{key}" case="first-letter" />'
        lines.append("      " + tag)
    return [*lines, "    </namespaces>", "  </siteinfo>"]


def page_xml(page: dict, text: str, page_id: int, rev_id: int, parent_id: int) -> list[str]:
    """One <page> with its single revision."""
    lines = ["  <page>", f"    <title>{xml_text(page['title'])}</title>",
             f"    <ns>{page.get('ns', 0)}</ns>", f"    <id>{page_id}</id>"]  # fmt: skip
    if page.get("redirect"):
        lines.append(f"    <redirect title={quoteattr(page['redirect'])} />")
    return [
        *lines,
        "    <revision>",
        f"      <id>{rev_id}</id>",
        f"      <parentid>{parent_id}</parentid>",
        f"      <timestamp>{page['timestamp']}</timestamp>",
        "      <contributor>",
        f"        <username>{xml_text(page['user'])}</username>",
        f"        <id>{user_id(page['user'])}</id>",
        "      </contributor>",
        f"      <comment>{xml_text(page['comment'])}</comment>",
        "      <model>wikitext</model>",
        "      <format>text/x-wiki</format>",
        f'      <text xml:space="preserve">{xml_text(text)}</text>',
        f"      <sha1>{sha1_base36(text)}</sha1>",
        "    </revision>",
        "  </page>",
    ]


def dump_xml(lang: str, wiki: dict, folder: Path) -> str:
    """The whole export; a page's text is its .wiki file without the file's final newline."""
    lines = [
        f'<mediawiki xmlns="{EXPORT_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{EXPORT_NS} {SCHEMA}" version="0.10" xml:lang="{lang}">',
        *siteinfo_xml(lang, wiki),
    ]
    for i, page in enumerate(wiki["pages"]):
        text = read_text(folder / page["file"]).removesuffix("\n")
        page_id = wiki["first_page_id"] + 173 * i + (i * i) % 29
        rev_id = wiki["first_rev_id"] + 1847 * i + (7 * i) % 13
        lines += page_xml(page, text, page_id, rev_id, rev_id - 211 - 17 * i)
    lines.append("</mediawiki>")
    return "\n".join(lines) + "\n"


def write_samples(out: Path) -> list[Path]:
    """Write one bzip2 dump per wiki folder under `out`; return their paths."""
    paths = []
    for folder in sorted(p for p in SOURCE.iterdir() if p.is_dir()):
        lang = folder.name
        xml = dump_xml(lang, load_yaml(folder / "wiki.yaml"), folder)
        name = f"{lang}wiki-sample-pages-articles.xml.bz2"
        paths.append(write(out / "wikipedia" / name, bz2.compress(xml.encode(), compresslevel=9)))
    return paths


if __name__ == "__main__":
    run(write_samples, __doc__)
