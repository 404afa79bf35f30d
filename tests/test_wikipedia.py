import bz2
import io
import re
from collections import Counter

import pytest

from corpora.wikipedia import read_file
from filters.document import Document, Rejection
from filters.urls import normalize_url
from filters.wikitext import StripWikitext, WikitextCleaner, reference_urls

ARTICLE = """{{Infobox bird
| name = Eurasian wren
| status = LC
}}
The '''Eurasian wren''' (''Troglodytes troglodytes'') is a very small [[bird]] weighing about \
{{convert|10|g|oz}}.<ref>{{cite web |url=https://www.Birds.example/wren/ |title=Wren}}</ref> \
It sings loudly for its size.<ref name="song">[http://birds.example/song#loud Song notes]</ref>
<!-- hidden editor note -->
== Description ==
[[File:Wren.jpg|thumb|A wren on a [[fence]]]]
The wren has a short tail, often held upright,<ref name="song"/> and barred brown plumage.<br />\
It feeds on [[insect]]s and [[spider|spiders]].
{| class="wikitable"
! Length !! Weight
|-
| 10 cm || 10 g
|}
=== Gallery ===
<gallery>Wren2.jpg|Nest</gallery>
== Behaviour ==
Wrens build several nests each spring {{Citation needed|date=May 2023}}.
== References ==
{{Reflist}}
== External links ==
* [https://www.wrens.example Wren society]
[[Category:Birds of Europe]]
[[Kategorie:Vögel]]
[[de:Zaunkönig]]"""


def test_markup_is_removed_and_prose_kept():
    text = WikitextCleaner(category_aliases=["Kategorie"]).clean(ARTICLE)
    assert text.split("\n") == [
        "The Eurasian wren (Troglodytes troglodytes) is a very small bird weighing about 10 g. "
        "It sings loudly for its size.",
        "Description",
        "The wren has a short tail, often held upright, and barred brown plumage. It feeds on "
        "insects and spiders.",
        "Behaviour",
        "Wrens build several nests each spring.",
    ]


def test_reference_urls_are_cited_urls_normalised():
    assert reference_urls(ARTICLE) == ["birds.example/song", "birds.example/wren"]


@pytest.mark.parametrize(
    ("url", "normalized"),
    [
        ("https://www.Example.org/a/b/?x=1#top", "example.org/a/b?x=1"),
        ("http://example.org:80/", "example.org"),
        ("https://example.org:8443/p", "example.org:8443/p"),
        ("//cdn.example.org/x", "cdn.example.org/x"),
        ("mailto:someone@example.org", None),
        ("http://[::1", None),
    ],
)
def test_url_normalisation(url, normalized):
    assert normalize_url(url) == normalized


def _dump(pages: str, lang: str = "en", siteinfo: bool = True) -> bytes:
    info = (
        f"<siteinfo><dbname>{lang}wiki</dbname><base>https://{lang}.wikipedia.org/wiki/M"
        '</base><namespaces><namespace key="6">File</namespace>'
        '<namespace key="14">Category</namespace></namespaces></siteinfo>'
    )
    return (
        f'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" xml:lang="{lang}">'
        f"{info if siteinfo else ''}{pages}</mediawiki>"
    ).encode()


def _page(page_id: int, title: str, text: str, ns: int = 0, redirect: bool = False) -> str:
    redirect_tag = f'<redirect title="{title} (bird)"/>' if redirect else ""
    return (
        f"<page><title>{title}</title><ns>{ns}</ns><id>{page_id}</id>{redirect_tag}"
        f"<revision><id>9{page_id}</id><timestamp>2023-06-01T10:00:00Z</timestamp>"
        f'<text xml:space="preserve">{text}</text></revision></page>'
    )


PAGES = (
    _page(1, "Wren", "The wren is a small bird. It sings.")
    + _page(2, "Talk:Wren", "Discussion", ns=1)
    + _page(3, "Wrens", "#REDIRECT [[Wren]]", redirect=True)
    + _page(4, "Robin", "The robin has a red breast.")
)


def _outcomes(items) -> Counter:
    return Counter("kept" if isinstance(o, Document) else o.reason for o in items)


def test_reader_keeps_articles_and_names_every_drop():
    items = list(read_file(io.BytesIO(bz2.compress(_dump(PAGES))), "enwiki-sample.xml.bz2"))
    assert _outcomes(items) == Counter({"kept": 2, "not_article": 1, "redirect": 1})
    wren = items[0]
    assert wren.id == "enwiki/1"
    assert wren.meta["url"] == "https://en.wikipedia.org/wiki/Wren"
    assert wren.meta["language"] == "en"
    assert wren.meta["timestamp"] == "2023-06-01T10:00:00Z"


def test_languages_outside_the_recipe_are_dropped():
    items = list(read_file(io.BytesIO(_dump(PAGES, lang="ja")), "jawiki.xml", ["en", "de"]))
    assert _outcomes(items)["language_not_in_recipe"] == 2


def test_utf16_dump_and_language_from_xml_lang():
    data = _dump(PAGES, lang="bg", siteinfo=False).decode().encode("utf-16")
    docs = [o for o in read_file(io.BytesIO(data), "dump.xml") if isinstance(o, Document)]
    assert [d.meta["language"] for d in docs] == ["bg", "bg"]


def test_truncated_dump_keeps_pages_before_the_break():
    data = bz2.compress(_dump(PAGES))
    items = list(read_file(io.BytesIO(data[: len(data) - 30]), "enwiki.xml.bz2"))
    assert isinstance(items[-1], Rejection)
    assert items[-1].reason in ("truncated_or_corrupt_compression", "truncated_file")
    data = _dump(PAGES)
    items = list(read_file(io.BytesIO(data[: data.index(b"<page><title>Robin")]), "x.xml"))
    assert _outcomes(items) == Counter(
        {"kept": 1, "not_article": 1, "redirect": 1, "truncated_file": 1}
    )


def test_entity_bombs_and_external_entities_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<mediawiki><page><title>&c;</title><ns>0</ns><id>1</id><revision><text>x</text>"
        b"</revision></page></mediawiki>"
    )
    external = (
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<mediawiki><page><title>&x;</title></page></mediawiki>"
    )
    for data in (bomb, external):
        assert _outcomes(read_file(io.BytesIO(data), "evil.xml")) == Counter({"unsafe_xml": 1})


# What a reader would call markup left in an article (the wikipedia-markup check's classes).
LEFTOVER_MARKUP = re.compile(
    r"\[\[|\]\]|\{\{|\}\}|<ref|</ref>|\{\||\|\}|''|&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});"
    r"|__[A-Z]{3,}__|</?(?:blockquote|small|big|center|div|span|br|sup|sub|font|gallery|references"
    r"|nowiki|poem|math|code|table|tr|td|u|s)\b[^>]*>"
)


def test_real_dumps_read_and_clean(shared_data):
    """Properties every real dump must have, whatever pages it holds: each page is an article
    kept without markup, or a named drop that matches what the page is."""
    texts = {}
    for path in sorted((shared_data / "wiki").glob("*.xml.bz2")):
        for item in read_file(path.open("rb"), path.name):
            page = item if isinstance(item, Document) else item.document
            wikitext = page.text
            if isinstance(item, Document):
                item = StripWikitext().apply(item)
            if isinstance(item, Rejection):
                if item.reason == "redirect":
                    assert wikitext.lstrip().upper().startswith("#RE") or not wikitext
                elif item.reason == "not_article":
                    assert ":" in page.meta["title"]
                else:  # a real article is never lost
                    assert item.reason == "disambiguation", (page.meta["title"], item.reason)
                continue
            leftover = LEFTOVER_MARKUP.search(item.text)
            assert leftover is None, (item.meta["title"], item.text[leftover.start() - 60 :][:120])
            assert len(item.text) > 200
            texts[(path.name, item.meta["title"])] = item
    utf16 = texts[("bgwiki-latest-pages-articles-shortened.xml.bz2", "Григориански календар")]
    utf8 = texts[("bgwiki-latest-pages-articles-shortened.utf8.xml.bz2", "Григориански календар")]
    assert utf16.text == utf8.text and utf16.meta["language"] == "bg"
    assert len(texts) >= 50


def test_shipped_sample_dumps_cite_the_commoncrawl_sample(sample_pages):
    from tests.conftest import SAMPLES

    docs = []
    for path in sorted((SAMPLES / "wikipedia").glob("*wiki-*.xml.bz2")):
        for item in read_file(path.open("rb"), path.name):
            if isinstance(item, Document):
                docs.append(StripWikitext().apply(item))
    assert all(isinstance(d, Document) for d in docs)
    assert Counter(d.meta["language"] for d in docs) == Counter(
        {"en": 12, "de": 5, "fr": 5, "bg": 5}
    )
    assert not any("[[" in d.text or "{{" in d.text or "<ref" in d.text for d in docs)
    cited = {url for d in docs for url in d.meta["reference_urls"]}
    crawled = {normalize_url(p["url"]) for p in sample_pages}
    assert len(cited & crawled) == 10
    german = next(d for d in docs if d.meta["language"] == "de")
    assert german.meta["reference_urls"]  # {{Internetquelle|url=...}} inside <ref>


def test_quality_model_references_prefer_wikipedia_and_top_up_small_languages(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipelines.config import load_config
    from pipelines.quality_models import default_references

    out = tmp_path / "clean" / "wikipedia"
    out.mkdir(parents=True)
    rows = [{"id": f"dewiki/{i}", "text": f"Artikel {i}", "language": "de"} for i in range(3)]
    pq.write_table(pa.Table.from_pylist(rows), out / "part-00000-of-00001.parquet")
    config = load_config()
    references = default_references(config, str(tmp_path))
    assert references["de"] == ["Artikel 0", "Artikel 1", "Artikel 2"]
    assert len(references["en"]) > 100  # no English Wikipedia here: the shipped reference text
