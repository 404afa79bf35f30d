import numpy as np

from filters.line_dedup import keep_lines, line_hash, line_hashes
from filters.normalize import normalize_for_dedup, normalize_for_lm, strip_accents


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


def test_line_hashes_skip_blank_lines_and_keep_lines_restores_order():
    text = "Home\n\nMaking compost that works\n  \nAbout us\nHome\n———"
    hashes = line_hashes(text)
    assert [n for n, _ in hashes] == [0, 2, 4, 5, 6]
    assert hashes[0][1] == hashes[3][1]  # "Home" twice
    assert hashes[4][1] == line_hash("")  # punctuation only: hashes as the empty line
    assert keep_lines(text, {0, 5, 6}) == ("Making compost that works\nAbout us", 5, [2, 4])


def test_split_first_keeps_the_smallest_document_key_and_line():
    from filters.line_dedup import document_key, occurrences, split_first

    docs = {"x": "Contact us\nAbout apples\nContact us", "y": "About apples\nNew pears"}
    records = np.concatenate([occurrences(i, t) for i, t in docs.items()])
    firsts, removed = split_first(records[::-1])  # input order does not matter
    first = min(docs, key=document_key)
    removed_by_doc = {
        d: sorted(int(r["line"]) for r in removed if int(r["doc"]) == document_key(d)) for d in docs
    }
    assert removed_by_doc["x"] == ([2] if first == "x" else [1, 2])
    assert removed_by_doc["y"] == ([0] if first == "x" else [])
    assert len(firsts) == 3  # "contact us", "about apples", "new pears"


def test_removals_found_per_batch_then_across_batches_equal_the_whole_corpus_at_once():
    from filters.line_dedup import occurrences, split_first

    pages = [
        "Home\nNews\nThe library opens late on Thursdays.\nContact us",
        "Home\nSport\nThe under-12 team won the county cup.\nContact us",
        "Home\nNews\nRoadworks close the high street in May.\nContact us",
        "The under-12 team won the county cup.\nHome\nHome",
        "Weather\nRain clears by noon.\nContact us",
    ]
    batches = [[0, 1], [2], [3, 4]]
    per_batch = {
        b: np.concatenate([occurrences(f"p{i}", pages[i], group=b) for i in members])
        for b, members in enumerate(batches)
    }
    local = [split_first(records) for records in per_batch.values()]
    _, across = split_first(np.concatenate([firsts for firsts, _ in local]))
    in_two_passes = np.concatenate([across, *[repeats for _, repeats in local]])
    _, at_once = split_first(np.concatenate(list(per_batch.values())))

    def rows(removals):
        return sorted(removals.tolist())

    assert rows(in_two_passes) == rows(at_once)
    assert len(at_once) > 0
