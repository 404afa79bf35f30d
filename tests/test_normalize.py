import unicodedata

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from filters.line_dedup import keep_lines, line_hash, line_hashes
from filters.normalize import dedup_key, normalize_for_dedup, normalize_for_lm, strip_accents


def test_dedup_key_ignores_case_digits_and_unicode_punctuation():
    a = "© 2023 Riverbend Gardening. All rights reserved."
    b = "  © 2019 RIVERBEND GARDENING. All Rights Reserved.  "
    assert normalize_for_dedup(a) == normalize_for_dedup(b)
    assert line_hash(a) == line_hash(b)
    # full-width and typographic punctuation vanish, ASCII punctuation stays
    assert normalize_for_dedup("Subscribe now！") == "subscribe now"
    assert normalize_for_dedup("Subscribe now!") == "subscribe now!"
    assert normalize_for_dedup("«Hallo» – Welt\x07") == "hallo  welt"


def test_dedup_key_keeps_different_sentences_apart():
    a = "The bridge was completed in 1932 and spans the river."
    b = "The bridge was completed in 1932 and spans the valley."
    assert line_hash(a) != line_hash(b)
    assert len(line_hash(a)) == 8


def test_lm_normalisation_matches_ccnet_rules():
    assert strip_accents("Café crème brûlée") == "Cafe creme brulee"
    assert normalize_for_lm("  Zürich’s 3 Bäckereien — geöffnet…  ") == (
        "zurich's 0 backereien  -  geoffnet..."
    )
    assert normalize_for_lm("Тест 2024 года") == "тест 0000 года"
    assert normalize_for_lm("   ") == ""


@given(st.text(st.characters(codec="utf-8"), max_size=40))
def test_accents_stripped_are_exactly_the_combining_marks_after_decomposition(text):
    decomposed = unicodedata.normalize("NFD", text)
    expected = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    assert strip_accents(text) == expected


@given(st.text(st.one_of(st.characters(max_codepoint=127), st.sampled_from("“”’…١٢é\u00a0\x85"))))
def test_the_dedup_key_of_ascii_and_other_lines_is_the_normalised_line(line):
    assert dedup_key(line) == normalize_for_dedup(line).encode("utf-8", errors="surrogatepass")


def test_line_hashes_skip_blank_lines_and_keep_lines_restores_order():
    text = "Home\n\nMaking compost that works\n  \nAbout us\nHome\n———"
    hashes = line_hashes(text)
    assert [n for n, _ in hashes] == [0, 2, 4, 5, 6]
    assert hashes[0][1] == hashes[3][1]  # "Home" twice
    assert hashes[4][1] == line_hash("")  # punctuation only: hashes as the empty line
    assert keep_lines(text, {0, 5, 6}) == ("Making compost that works\nAbout us", 5, [2, 4])


def _removed_lines(
    docs: dict[str, str], batches: list[list[str]], keep: str = "none"
) -> dict[str, list[int]]:
    """Line dedup as the Beam stage does it, without Beam: each batch says which hashes it holds
    and in how many documents, each is told the duplicates it cannot see, then removes."""
    from filters.line_dedup import (
        document_key,
        duplicates_to_tell,
        held,
        lines_to_remove,
        occurrences,
    )

    parked = {
        g: np.concatenate([occurrences(d, docs[d]) for d in ids]) for g, ids in enumerate(batches)
    }
    everything = np.concatenate([held(r, g) for g, r in parked.items()])
    told = dict(duplicates_to_tell(everything, keep))
    removed = {}
    for group, ids in enumerate(batches):
        by_doc = lines_to_remove(parked[group], told.get(group, np.empty(0, dtype="<u8")), keep)
        removed.update({d: sorted(by_doc.get(document_key(d), ())) for d in ids})
    return removed


def test_a_line_two_documents_hold_goes_from_both_and_a_repeat_inside_one_from_the_second():
    docs = {
        "x": "Contact us\nAbout apples\nContact us\nA recipe for apple cake.",
        "y": "About apples\nNew pears\nNew pears",
    }
    # "about apples" is in both pages: removed from both; "contact us" and "new pears" repeat
    # inside one page only: their first line stays
    expected = {"x": [1, 2], "y": [0, 2]}
    assert _removed_lines(docs, [["x", "y"]]) == expected
    assert _removed_lines(docs, [["x"], ["y"]]) == expected
    assert _removed_lines(docs, [["y"], ["x"]]) == expected


def test_removals_do_not_depend_on_how_documents_are_batched():
    pages = {
        "p0": "Home\nNews\nThe library opens late on Thursdays.\nContact us",
        "p1": "Home\nSport\nThe under-12 team won the county cup.\nContact us",
        "p2": "Home\nNews\nRoadworks close the high street in May.\nContact us",
        "p3": "The under-12 team won the county cup.\nWeather\nWeather",
        "p4": "Weather\nRain clears by noon.\nContact us",
    }
    at_once = _removed_lines(pages, [list(pages)])
    assert at_once == _removed_lines(pages, [["p0", "p1"], ["p2"], ["p3", "p4"]])
    assert at_once == _removed_lines(pages, [[p] for p in reversed(pages)])
    assert at_once["p0"] == [0, 1, 3]  # home, news and contact us are in other pages
    assert at_once["p3"] == [0, 1, 2]  # the cup line is in p1; weather is in p4


def test_c4_keeps_each_line_once_in_the_document_of_the_smallest_key():
    from filters.line_dedup import document_key

    pages = {
        "p0": "Home\nThe library opens late on Thursdays.\nContact us\nHome",
        "p1": "Home\nThe under-12 team won the county cup.\nContact us",
        "p2": "Contact us\nRoadworks close the high street in May.",
    }
    at_once = _removed_lines(pages, [list(pages)], keep="one")
    assert at_once == _removed_lines(pages, [["p2"], ["p1", "p0"]], keep="one")
    assert at_once == _removed_lines(pages, [[p] for p in pages], keep="one")
    home = min(("p0", "p1"), key=document_key)  # "home" is in p0 and p1
    contact = min(pages, key=document_key)
    kept = {
        page: [n for n in range(text.count("\n") + 1) if n not in at_once[page]]
        for page, text in pages.items()
    }
    lines = {page: [pages[page].split("\n")[n] for n in kept[page]] for page in pages}
    assert sum(line == "Home" for page in pages for line in lines[page]) == 1
    assert "Home" in lines[home] and "Contact us" in lines[contact]
    assert sum(line == "Contact us" for page in pages for line in lines[page]) == 1
    assert all(len(lines[page]) >= 1 for page in pages)  # each keeps its own story
