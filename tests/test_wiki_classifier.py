import dataclasses
import gzip
import json

import numpy as np
import pytest

import filters.wiki_classifier as wiki_classifier
from filters.document import Document, Rejection
from filters.keyed import keyed_fraction
from filters.metrics import rates_at, roc_auc
from filters.wiki_classifier import (
    Calibration,
    WikiReferenceClassifier,
    train_classifier,
    training_windows,
    windows,
)
from pipelines.config import load_config
from pipelines.wiki_classifier import classifier_settings


@pytest.fixture(scope="module")
def settings():
    """The recipe's classifier settings."""
    return classifier_settings(load_config())


def test_auc_matches_the_rank_definition():
    assert roc_auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) == 0.75
    assert roc_auc([0.2, 0.2, 0.9], [0, 1, 1]) == 0.75  # a tie counts half
    assert roc_auc([0.9, 0.1], [1, 0]) == 1.0


def test_precision_and_recall_at_a_threshold():
    rates = rates_at([0.9, 0.6, 0.3, 0.2, 0.7], [1, 0, 1, 0, 1], threshold=0.5)
    assert rates == {"accuracy": 0.6, "precision": 2 / 3, "recall": 2 / 3}


def test_keyed_fraction_is_stable_and_uniform():
    values = [keyed_fraction(f"doc-{i}", 7, "negatives") for i in range(4000)]
    assert values == [keyed_fraction(f"doc-{i}", 7, "negatives") for i in range(4000)]
    assert 0.45 < sum(v < 0.5 for v in values) / len(values) < 0.55
    assert keyed_fraction("doc-1", 7, "negatives") != keyed_fraction("doc-1", 8, "negatives")


def test_long_pages_are_windows_and_count_at_most_a_few(sample_pages):
    article = "\n".join(p for page in sample_pages for p in page["paragraphs"])
    pieces = windows(article)
    assert "\n".join(pieces) == article  # cut at line ends only, nothing lost
    assert all(len(piece) <= 2000 or "\n" not in piece for piece in pieces)
    assert len(pieces) > 10
    chosen = training_windows(article, 3)
    assert chosen == [pieces[0], pieces[len(pieces) // 3], pieces[2 * len(pieces) // 3]]


def test_calibration_recovers_a_logistic_relation():
    rng = np.random.default_rng(0)
    features = rng.normal(size=(4000, 3))
    truth = 1 / (1 + np.exp(-(2.0 * features[:, 0] - 1.0 * features[:, 1] + 0.5)))
    labels = (rng.random(4000) < truth).astype(float)
    calibration = Calibration.fit(features, labels)
    predicted = calibration.probabilities(features)
    assert np.abs(predicted - truth).mean() < 0.03
    assert Calibration.from_report(dataclasses.asdict(calibration)) == calibration


def _rows(path):
    with gzip.open(path, "rt") as lines:
        return [json.loads(line) for line in lines]


def test_classifier_separates_human_quality_labels(shared_data, tmp_path, settings):
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
    info = train_classifier(
        train, tmp_path / "model.bin", dataclasses.replace(settings, holdout=0.0)
    )
    assert info["train"]["positives"] > 50 and info["train"]["negatives"] > 50
    step = WikiReferenceClassifier(tmp_path / "model.bin")
    auc = roc_auc(
        step.probabilities([row["text"] for row in heldout]), [row["label"] for row in heldout]
    )
    assert auc > 0.75, f"AUC {auc:.3f} on {len(heldout)} held-out judged pages"


def _sample_examples(sample_pages):
    good = [p for p in sample_pages if p["kind"] == "article"]
    bad = [p for p in sample_pages if p["kind"] in ("spam", "boilerplate_heavy", "foreign")]
    examples = [(p["url"], "\n".join(p["paragraphs"]), 1) for p in good]
    return examples + [(p["url"], "\n".join(p["paragraphs"]), 0) for p in bad], good, bad


def test_too_small_a_training_set_makes_an_inert_classifier_that_says_so(tmp_path, sample_pages,
                                                                        settings):  # fmt: skip
    examples, good, bad = _sample_examples(sample_pages)
    info = train_classifier(examples, tmp_path / "a.bin", settings)
    assert info["inert"] and "fewer than 60 of each" in info["warning"]
    step = WikiReferenceClassifier(tmp_path / "a.bin", threshold=0.99)
    spam = next(p for p in bad if p["kind"] == "spam")
    outcomes = step.apply_batch([Document("spam", "commoncrawl", "\n".join(spam["paragraphs"]))])
    assert isinstance(outcomes[0], Document) and "wiki_prob" in outcomes[0].meta  # scored, kept
    assert step.describe()["inert"] and step.describe()["warning"] == info["warning"]


def test_training_is_reproducible_and_a_trusted_classifier_filters(tmp_path, sample_pages,
                                                                    settings):  # fmt: skip
    examples, good, bad = _sample_examples(sample_pages)
    small = dataclasses.replace(settings, min_train_per_class=3, min_heldout_per_class=1,
                                min_heldout_auc=0.5, holdout=0.25)  # fmt: skip
    first = train_classifier(examples, tmp_path / "a.bin", small)
    second = train_classifier(examples, tmp_path / "b.bin", small)
    assert (tmp_path / "a.bin").read_bytes() == (tmp_path / "b.bin").read_bytes()
    assert first == second and not first["inert"]
    assert {"auc", "precision", "recall", "accuracy"} <= set(first["heldout"])
    assert first["model_bytes"] <= 20_000_000
    assert not list(tmp_path.glob(".*.tmp"))

    step = WikiReferenceClassifier(tmp_path / "a.bin", threshold=0.5)
    spam = next(p for p in bad if p["kind"] == "spam")
    outcomes = step.apply_batch(
        [
            Document("good", "commoncrawl", "\n".join(good[0]["paragraphs"])),
            Document("spam", "commoncrawl", "\n".join(spam["paragraphs"])),
        ]
    )
    assert isinstance(outcomes[0], Document) and outcomes[0].meta["wiki_prob"] >= 0.5
    assert isinstance(outcomes[1], Rejection)
    assert outcomes[1].reason == "not_wiki_reference_like"


def test_an_interrupted_training_leaves_no_model_and_no_temporary_file(
    tmp_path, sample_pages, settings, monkeypatch
):
    examples, _, _ = _sample_examples(sample_pages)

    def interrupted(examples, settings, quantize, model_file):
        model_file.write_bytes(b"half a model")
        raise KeyboardInterrupt

    monkeypatch.setattr(wiki_classifier, "_fit_fasttext", interrupted)
    monkeypatch.setattr(wiki_classifier, "_cross_fitted_calibration", lambda *a: Calibration())
    with pytest.raises(KeyboardInterrupt):
        train_classifier(examples, tmp_path / "model.bin", settings)
    assert list(tmp_path.iterdir()) == []


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="wiki-classifier"):
        WikiReferenceClassifier(tmp_path / "none.bin").setup()


def test_training_without_cited_pages_says_why(tmp_path, settings):
    examples = [(f"d{i}", "Some page text about gardens and bees.", 0) for i in range(20)]
    with pytest.raises(ValueError, match="no CommonCrawl page of its input is cited"):
        train_classifier(examples, tmp_path / "model.bin", settings)
