"""Markup removal regressions, each from a pattern that left markup in real articles: short
excerpts in the shape of real English and Bulgarian wikitext, written for these tests."""

import time

import pytest

from filters.document import Document, Rejection
from filters.wiki_pages import is_disambiguation
from filters.wiki_quotes import strip_quote_markup
from filters.wikitext import StripWikitext, WikitextCleaner


def clean(wikitext: str) -> str:
    return WikitextCleaner().clean(wikitext)


def test_unbalanced_italics_no_longer_hide_the_templates_refs_and_tables_after_them():
    # A title whose closing apostrophes fuse with a possessive ('''): mwparserfromhell's default
    # style-tag parsing gave up here and left everything after it as text.
    wikitext = (
        "Some scholars argued that episode inspired many details in the ''Iliad'''s description "
        "of the death of Patroclus.<ref>{{cite book |last=Burgess |title=The Death and "
        "Afterlife of Achilles |year=2009}}</ref> Later poets kept the theme.{{sfn|West|2003}}\n"
        '{| class="wikitable sortable"\n|+ Religion\n! Faith !! Share\n|-\n| Christian || 86%\n'
        "|}\n"
        "[[File:Achilles Patroclus.jpg|thumb|Achilles tending ''Patroclus'' wounded]]\n"
        "Alberta names its largest urban expressways trails'' after First Nations leaders."
    )
    assert clean(wikitext).split("\n") == [
        "Some scholars argued that episode inspired many details in the Iliad's description of "
        "the death of Patroclus. Later poets kept the theme.",
        "Alberta names its largest urban expressways trails after First Nations leaders.",
    ]


@pytest.mark.parametrize(
    ("line", "text"),
    [
        (
            "The '''Eurasian wren''' (''Troglodytes troglodytes'')",
            "The Eurasian wren (Troglodytes troglodytes)",
        ),
        ("the ''Iliad'''s description", "the Iliad's description"),  # italic, then 's
        ("'''''Bold italic''''' title", "Bold italic title"),
        ("the ''''Jacobite'''' cause", "the 'Jacobite' cause"),  # 4 = apostrophe + bold
        ("similar to ''Animal Farm'''s.", "similar to Animal Farm's."),
        ("the ''Maid of d'''Orléans and '''Joan'''", "the Maid of d'Orléans and Joan"),
        ("an unclosed '''bold and ''italic'' run", "an unclosed bold and italic run"),
        ("rock 'n' roll", "rock 'n' roll"),
    ],
)
def test_apostrophe_runs_follow_mediawiki(line, text):
    assert strip_quote_markup(line) == text


def test_entities_inside_link_text_are_decoded():
    text = clean(
        "Apple moved to the Unix-based [[OS&nbsp;X]] and [[1900&ndash;1910|1900&ndash;10]]."
    )
    assert text == "Apple moved to the Unix-based OS\u00a0X and 1900\u201310."


def test_magic_words_and_html_tags_leave_no_trace():
    wikitext = (
        "__NOTOC__\n__TOC__\n"
        "<blockquote>The world is my representation.</blockquote>\n"
        "A <small>(smaller)</small> remark and<br/>a break.\n<center>A centred caption.</center>\n"
        "__БЕЗСЪДЪРЖАНИЕ__\n"
        'A stray </small> closing tag and an unclosed <span style="color:red">span.'
    )
    assert clean(wikitext).split("\n") == [
        "The world is my representation.",
        "A (smaller) remark and a break.",
        "A centred caption.",
        "A stray closing tag and an unclosed span.",
    ]


def test_refs_the_parser_could_not_pair_go_whole():
    # An unclosed template inside a ref made the parser leave the ref as text.
    wikitext = (
        "Southern Unionists insisted on no invasion.<ref>Nevins, {{cite|Ordeal</ref> Then war."
    )
    assert clean(wikitext) == "Southern Unionists insisted on no invasion. Then war."


def test_math_keeps_its_tex_and_nothing_reads_as_wiki_markup():
    wikitext = (
        "The arithmetic mean <math>A=\\frac{1}{n}\\sum_{i=1}^n a_i</math> of a sample.\n"
        ":<math display=\"block\">f''(x) = {{a}\\over{b}}</math>"
    )
    assert clean(wikitext).split("\n") == [
        "The arithmetic mean $A=\\frac{1}{n}\\sum_{i=1}^n a_i$ of a sample.",
        "$$f\u2032\u2032(x) = { {a}\\over{b} }$$",
    ]


def test_code_pre_and_nowiki_keep_literal_text():
    wikitext = (
        "Type <code>ls &amp;&amp; pwd</code> or <nowiki>[[not a link]]</nowiki>.\n"
        '<syntaxhighlight lang="python">\ndef mean(xs):\n    return sum(xs) / len(xs)\n'
        "</syntaxhighlight>\n"
        "<pre>  indented &lt;b&gt;</pre>"
    )
    assert clean(wikitext).split("\n") == [
        "Type ls && pwd or [[not a link]].",
        "def mean(xs):",
        "    return sum(xs) / len(xs)",
        "  indented <b>",
    ]


def test_poems_keep_their_verses_without_markup():
    wikitext = (
        "The first stanza reads:\n<poem>\nO beautiful for ''spacious'' skies,{{citation needed}}\n"
        "For amber waves of grain,<ref>Bates 1911</ref>\n</poem>\nIt was set to music in 1910."
    )
    assert clean(wikitext).split("\n") == [
        "The first stanza reads:",
        "O beautiful for spacious skies,",
        "For amber waves of grain,",
        "It was set to music in 1910.",
    ]


def test_galleries_scores_and_timelines_are_not_prose():
    wikitext = (
        "The anthem's melody:\n<score>\\relative c' { c4 d e f }</score>\n"
        "<gallery>\nFile:Flag.svg|Flag\n</gallery>\n<timeline>ImageSize = width:800</timeline>\n"
        "It is sung at every match."
    )
    assert clean(wikitext).split("\n") == ["The anthem's melody:", "It is sung at every match."]


def test_inline_templates_keep_their_words():
    wikitext = (
        "It weighs {{convert|10|g|oz}}, was built {{circa|1890}} and is called "
        "{{lang|fr|la Belle}}{{snd}}the beauty.\n"
        "A cub weighing {{convert|1.7|-|1.9|kg|lb}} is born, {{lang-de|Erdferkel}} in German; "
        "{{Script|Copt|\u2c80 \u2c81}} is the Coptic letter.\n"
        "{{quote|text=Life is either a daring adventure or nothing.|sign=Helen Keller}}"
    )
    assert clean(wikitext).split("\n") == [
        "It weighs 10 g, was built c. 1890 and is called la Belle \u2013 the beauty.",
        "A cub weighing 1.7\u20131.9 kg is born, Erdferkel in German; \u2c80 \u2c81 is the Coptic "
        "letter.",
        "Life is either a daring adventure or nothing.",
    ]


def test_pipe_trick_links_show_the_title_without_its_qualifier():
    assert clean("He moved to [[Paris, Texas|]] in 1990.") == "He moved to Paris in 1990."


@pytest.mark.parametrize(
    ("wikitext", "language", "expected"),
    [
        ("'''Ada''' may refer to:\n* [[Ada Lovelace]]\n{{Disambiguation|geo|hndis}}", "en", True),
        ("'''Aa River''' may refer to:\n* [[Aa (river)]]\n{{geodis}}", "en", True),
        ("'''Smith''' may refer to:\n{{Human name disambiguation}}", "en", True),
        ("'''Бор''' може да се отнася за:\n{{Пояснение}}", "bg", True),
        ("'''Bank''' steht für:\n{{Begriffsklärung}}", "de", True),
        ("A page of links.\n__DISAMBIG__", "fr", True),
        # an article that asks for a link to be disambiguated, or points at such a page
        ("The [[Mercury]]{{Disambiguation needed|date=May 2020}} probe.", "en", False),
        ("{{About|the song|other uses|Ada (disambiguation)}}\n'''Ada''' is a song.", "en", False),
    ],
)
def test_disambiguation_pages_are_recognised(wikitext, language, expected):
    assert is_disambiguation(wikitext, language) is expected


def test_deeply_nested_markup_is_a_counted_drop():
    doc = Document("enwiki/1", "wikipedia", "{{" * 2000 + "x" + "}}" * 2000, {})
    outcome = StripWikitext().apply(doc)
    assert isinstance(outcome, Rejection) and outcome.reason == "markup_too_deep"


def test_markup_that_would_take_quadratic_time_is_dropped_in_one_linear_pass():
    mixed_openers = "Some text {{a|{{{b|[[c|{{d| " * 20000  # 540 KB, nothing ever closed
    broken_links = "See [[Paris {{lang|fr| and more ]] here. " * 500  # each `{{` left open
    started = time.monotonic()
    outcomes = [StripWikitext().apply(Document(f"p{i}", "wikipedia", text, {}))
                for i, text in enumerate((mixed_openers, broken_links))]  # fmt: skip
    assert time.monotonic() - started < 1.0
    assert [o.reason for o in outcomes] == ["markup_too_deep", "markup_too_broken"]


def test_a_real_article_with_one_unclosed_template_is_kept():
    article = (
        "'''Aa''' is a river in Latvia.{{citation needed|date=May 2020\n"
        "It flows into the [[Gulf of Riga]] near [[Jūrmala]]."
    )
    outcome = StripWikitext().apply(Document("lvwiki/1", "wikipedia", article, {}))
    assert outcome.text.split("\n") == [
        "Aa is a river in Latvia.",
        "It flows into the Gulf of Riga near Jūrmala.",
    ]
