import gzip
import json

import pytest

from filters.document import Document, Rejection
from filters.fasttext_util import load_fasttext
from filters.keyed import keyed_fraction
from filters.wiki_classifier import (
    WikiReferenceClassifier,
    roc_auc,
    train_classifier,
    wiki_probabilities,
)


def test_auc_matches_the_rank_definition():
    assert roc_auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) == 0.75
    assert roc_auc([0.2, 0.2, 0.9], [0, 1, 1]) == 0.75  # a tie counts half
    assert roc_auc([0.9, 0.1], [1, 0]) == 1.0


def test_keyed_fraction_is_stable_and_uniform():
    values = [keyed_fraction(f"doc-{i}", 7, "negatives") for i in range(4000)]
    assert values == [keyed_fraction(f"doc-{i}", 7, "negatives") for i in range(4000)]
    assert 0.45 < sum(v < 0.5 for v in values) / len(values) < 0.55
    assert keyed_fraction("doc-1", 7, "negatives") != keyed_fraction("doc-1", 8, "negatives")


def _rows(path):
    with gzip.open(path, "rt") as lines:
        return [json.loads(line) for line in lines]


def test_classifier_separates_human_quality_labels(shared_data, tmp_path):
    """Trained by our code on real pages people judged good (1) or bad (0), it ranks unseen
    judged pages: the agreement set is held out from the majority set it trains on."""
    quality = shared_data / "web" / "quality"
    heldout = _rows(quality / "dclm_agreement_data.jsonl.gz")
    seen = {row["text"] for row in heldout}
    train = [
        (f"m{i}", r["text"], int(r["label"]))
        for i, r in enumerate(_rows(quality / "dclm_majority_data.jsonl.gz"))
        if r["text"] not in seen
    ]
    info = train_classifier(train, tmp_path / "model.bin", holdout=0.0)
    assert info["train"]["positives"] > 50 and info["train"]["negatives"] > 50
    model = load_fasttext(tmp_path / "model.bin")
    probs = wiki_probabilities(model, [row["text"] for row in heldout])
    auc = roc_auc(probs, [row["label"] for row in heldout])
    assert auc > 0.7, f"AUC {auc:.3f} on {len(heldout)} held-out judged pages"


def test_training_is_reproducible_and_the_step_filters(tmp_path, sample_pages):
    good = [p for p in sample_pages if p["kind"] == "article"]
    bad = [p for p in sample_pages if p["kind"] in ("spam", "boilerplate_heavy", "foreign")]
    examples = [(p["url"], "\n".join(p["paragraphs"]), 1) for p in good]
    examples += [(p["url"], "\n".join(p["paragraphs"]), 0) for p in bad]
    first = train_classifier(examples, tmp_path / "a.bin", holdout=0.2)
    second = train_classifier(examples, tmp_path / "b.bin", holdout=0.2)
    assert (tmp_path / "a.bin").read_bytes() == (tmp_path / "b.bin").read_bytes()
    assert first == second and "accuracy" in first["heldout"]

    step = WikiReferenceClassifier(tmp_path / "a.bin", threshold=0.5)
    spam = next(p for p in sample_pages if p["kind"] == "spam")
    outcomes = step.apply_batch(
        [
            Document("good", "commoncrawl", "\n".join(good[0]["paragraphs"])),
            Document("spam", "commoncrawl", "\n".join(spam["paragraphs"])),
        ]
    )
    assert isinstance(outcomes[0], Document) and outcomes[0].meta["wiki_prob"] >= 0.5
    assert isinstance(outcomes[1], Rejection)
    assert outcomes[1].reason == "not_wiki_reference_like"


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="wiki-classifier"):
        WikiReferenceClassifier(tmp_path / "none.bin").setup()


def test_training_without_cited_pages_says_why(tmp_path):
    examples = [(f"d{i}", "Some page text about gardens and bees.", 0) for i in range(20)]
    with pytest.raises(ValueError, match="no CommonCrawl page of its input is cited"):
        train_classifier(examples, tmp_path / "model.bin")
