import bz2
import io
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpora.wikipedia import read_file
from filters.document import Document, Rejection
from filters.urls import normalize_url
from filters.wikitext import StripWikitext, WikitextCleaner, reference_urls
from tests.conftest import SAMPLES

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


BIRDS = (
    (11, "Wren", "The '''wren''' is a small brown [[bird]] that sings loudly for its size."),
    (12, "Robin", "The '''European robin''' has an orange breast and sings at dawn."),
    (13, "Blackbird", "The '''common blackbird''' is a [[thrush]] found across Europe."),
    (14, "Starling", "The '''common starling''' gathers in huge flocks called murmurations."),
    (15, "Swallow", "The '''barn swallow''' flies to southern Africa every autumn."),
)
FIVE_PAGES = _dump("".join(_page(page_id, title, text) for page_id, title, text in BIRDS))


def _read(data: bytes, name: str = "enwiki-latest-pages-articles.xml") -> list[str]:
    """Each outcome of reading `data`: the title of a kept page, else the drop's reason."""
    return [
        item.meta["title"] if isinstance(item, Document) else item.reason
        for item in read_file(io.BytesIO(data), name)
    ]


@pytest.fixture(params=[7, 256 * 1024], ids=["7-byte reads", "256-KB reads"])
def read_size(request, monkeypatch):
    """Read dumps in tiny chunks as well as in the usual ones: a record boundary, a damaged
    byte or the end of the text may fall anywhere in a read."""
    monkeypatch.setattr("corpora.xml_records.CHUNK_BYTES", request.param)
    return request.param


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "bzip2"])
def test_an_invalid_byte_costs_only_its_page(read_size, compress):
    data = FIVE_PAGES.replace(b"an orange breast", b"an orange \xff breast")
    data = bz2.compress(data) if compress else data
    assert _read(data) == ["Wren", "invalid_utf8", "Blackbird", "Starling", "Swallow"]


@pytest.mark.parametrize(
    ("damaged", "replacement"),
    [
        ("for its size.</text></revision></page>", "for its size.</text>"),  # unclosed <page>
        ("for its size.</text>", "for its size."),  # unclosed <text>
        ("sings loudly", "sings <!-- loudly"),  # a comment never closed
        ("<title>Wren</title>", "<title>Wren</title"),  # a deleted `>`
        ("sings loudly", "sings\x00 loudly"),  # a NUL byte
        ("sings loudly", "sings &nbsp; loudly"),  # an HTML entity XML does not know
    ],
)
def test_a_page_with_broken_markup_costs_only_itself(read_size, damaged, replacement):
    data = FIVE_PAGES.replace(damaged.encode(), replacement.encode(), 1)
    assert _read(data) == ["malformed_page", "Robin", "Blackbird", "Starling", "Swallow"]


def test_damage_then_a_truncated_end_keeps_every_page_before_the_break(read_size):
    data = FIVE_PAGES.replace(b"an orange breast", b"an orange \xff breast")
    cut = data[: data.index(b"huge flocks")]
    assert _read(cut) == ["Wren", "invalid_utf8", "Blackbird", "truncated_file"]


def test_a_page_over_the_size_bound_is_skipped_unparsed(read_size, monkeypatch):
    monkeypatch.setattr("corpora.wikipedia.MAX_PAGE_BYTES", 1000)
    long_text = "The blackbird sings from rooftops in spring. " * 40
    pages = "".join(
        _page(page_id, title, long_text if title == "Blackbird" else text)
        for page_id, title, text in BIRDS
    )
    assert _read(_dump(pages)) == ["Wren", "Robin", "record_too_large", "Starling", "Swallow"]


def test_a_dump_whose_prologue_is_damaged_still_gives_its_pages(read_size):
    data = FIVE_PAGES.replace(b"</dbname>", b"</dbnam>", 1)
    outcomes = _read(data)
    assert outcomes == ["malformed_xml", "Wren", "Robin", "Blackbird", "Starling", "Swallow"]


def test_records_never_bring_in_a_dtd():
    """A DTD between pages is refused (a parser that resumed after damage never reads a
    prologue), so the entity it declares stays undefined and the page using it is dropped; a
    prologue whose DTD cannot be read makes the whole file untrusted."""
    smuggled = b'<!DOCTYPE mediawiki [<!ENTITY bird "Wren">]>'
    data = FIVE_PAGES.replace(b"<page><title>Robin", smuggled + b"<page><title>Robin", 1)
    data = data.replace(b"<title>Blackbird</title>", b"<title>&bird;</title>", 1)
    assert _read(data) == [
        "Wren",
        "malformed_xml",
        "Robin",
        "malformed_page",
        "Starling",
        "Swallow",
    ]
    broken = b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "x" <!ENTITY b "y">]>' + FIVE_PAGES
    assert _read(broken) == ["unsafe_xml"]


def test_utf16_dump_with_a_lone_surrogate_loses_only_that_page(read_size):
    text = FIVE_PAGES.decode().replace("an orange breast", "an orange \ud800 breast")
    utf16 = list(read_file(io.BytesIO(text.encode("utf-16", "surrogatepass")), "bg.xml"))
    assert [o.reason if isinstance(o, Rejection) else "kept" for o in utf16] == [
        "kept", "invalid_encoding", "kept", "kept", "kept"
    ]  # fmt: skip
    utf8 = [o for o in read_file(io.BytesIO(FIVE_PAGES), "bg.xml") if o.meta["title"] != "Robin"]
    assert [d.text for d in utf16 if isinstance(d, Document)] == [d.text for d in utf8]


MUTATIONS = st.tuples(st.sampled_from(["cut", "flip", "nul", "no_gt"]), st.floats(0, 1))


HUGE_LINE = b"x" * 300_000  # no newline in it: a reader must bound what it holds


def mutate(data: bytes, mutations: list[tuple[str, float]]) -> bytes:
    """`data` truncated, with bytes flipped, NULs inserted, a `>` deleted or a huge line
    inserted, at the relative positions given."""
    for kind, where in mutations:
        at = min(int(where * len(data)), max(len(data) - 1, 0))
        if kind == "cut":
            data = data[:at]
        elif kind == "flip" and data:
            data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
        elif kind == "nul":
            data = data[:at] + b"\x00" + data[at:]
        elif kind == "no_gt" and (gt := data.find(b">", at)) >= 0:
            data = data[:gt] + data[gt + 1 :]
        elif kind == "huge":
            data = data[:at] + HUGE_LINE + data[at:]
    return data


def refused(items: list) -> bool:
    """Whether reading ended by refusing the file as unsafe."""
    return bool(items) and isinstance(items[-1], Rejection) and items[-1].reason == "unsafe_xml"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    sample=st.sampled_from(sorted((SAMPLES / "wikipedia").glob("*wiki-*.xml.bz2"))),
    compressed=st.booleans(),
    mutations=st.lists(MUTATIONS, min_size=1, max_size=4),
)
def test_mutated_dumps_never_raise_and_every_page_is_accounted_for(sample, compressed, mutations):
    """Whatever the damage, reading ends with documents and named drops only, and unless the
    file is refused as unsafe, every `<page>` in the text gives at least one outcome."""
    raw = sample.read_bytes()
    data = mutate(raw if compressed else bz2.decompress(raw), mutations)
    items = list(read_file(io.BytesIO(data), sample.name))
    assert all(isinstance(o, Document) or (isinstance(o, Rejection) and o.reason) for o in items)
    if not compressed and not refused(items):
        assert len(items) >= len(re.findall(rb"<page[\s/>]", data))


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


def test_quality_model_references_prefer_wikipedia_and_top_up_small_languages(tmp_path, capsys):
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
    said = capsys.readouterr().out
    assert f"quality LM [en]: 0 cleaned Wikipedia articles under {tmp_path}" in said
    assert f"adding the {len(references['en'])} documents of the shipped reference text" in said
    assert "[de]" not in said  # German was not topped up
