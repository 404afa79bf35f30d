import gzip
import json
import statistics

import pytest

from filters.document import Document, Rejection
from filters.lm_training import percentile
from filters.perplexity import LMFiles, Perplexity, QualityLM, bucket_of


@pytest.fixture(scope="module")
def english_lm(english_lm_dir) -> QualityLM:
    return QualityLM(LMFiles.under(english_lm_dir, "en"))


def test_training_writes_model_and_heldout_cutoffs(english_lm_dir):
    info = LMFiles.under(english_lm_dir, "en").read_info()
    head, tail = info["cutoffs"]
    assert 0 < head < tail
    assert info["order"] == 5
    assert info["heldout_documents"] >= 10


def test_written_articles_score_lower_than_spam_and_site_chrome(english_lm, sample_pages):
    def perplexity(page):
        return english_lm.perplexity("\n".join(page["paragraphs"]))

    english = [p for p in sample_pages if p["lang"] == "en"]
    articles = [perplexity(p) for p in english if p["kind"] == "article"]
    junk = [perplexity(p) for p in english if p["kind"] in ("spam", "boilerplate_heavy")]
    assert statistics.median(articles) < statistics.median(junk)
    assert max(junk) > 2 * statistics.median(articles)


def test_perplexity_formula_follows_ccnet(english_lm):
    lines = ["the river rises in the mountains", "and flows into the sea"]
    tokenized = [" ".join(pieces) for pieces in english_lm.pieces(lines)]
    log10_sum = sum(english_lm._lm.score(t, bos=True, eos=True) for t in tokenized)
    length = sum(len(t.split()) + 1 for t in tokenized)
    expected = round(10 ** (-log10_sum / length), 1)
    assert english_lm.perplexity("\n".join(lines) + "\n\n") == expected


def test_buckets_use_strict_cutoffs():
    assert bucket_of(339.9, 340, 520) == "head"
    assert bucket_of(340.0, 340, 520) == "middle"
    assert bucket_of(520.0, 340, 520) == "tail"


def test_step_records_scores_and_drops_unwanted_buckets(english_lm_dir, sample_pages):
    step = Perplexity(english_lm_dir, ["en"], cutoffs={"en": [340, 520]}, keep_buckets=["head"])
    step.setup()
    page = next(p for p in sample_pages if p["kind"] == "spam" and "Cheap" in p["title"])
    spam = Document("spam", "commoncrawl", "\n".join(page["paragraphs"]), {"language": "en"})
    outcome = step.apply(spam)
    assert isinstance(outcome, Rejection)
    assert outcome.reason == "bucket_tail"
    assert outcome.document.meta["perplexity"] >= 520
    german = Document("de", "commoncrawl", "Ein Text.", {"language": "de"})
    assert step.apply(german).reason == "no_model"


def test_missing_model_is_a_clear_error(tmp_path):
    step = Perplexity(tmp_path, ["en", "fr"])
    assert step.missing_models() == ["en", "fr"]
    with pytest.raises(FileNotFoundError, match="quality-models"):
        step.setup()


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 11)]
    assert percentile(values, 0.0) == 1.0
    assert percentile(values, 0.3) == 4.0
    assert percentile(values, 1.0) == 10.0


def test_perplexity_orders_human_quality_labels(english_lm, shared_data):
    """On real web texts labelled by people, good pages score lower on average."""
    path = shared_data / "web" / "quality" / "dclm_agreement_data.jsonl.gz"
    with gzip.open(path, "rt") as lines:
        rows = [json.loads(line) for line in lines]
    by_label = {0: [], 1: []}
    for row in rows:
        by_label[int(row["label"])].append(english_lm.perplexity(row["text"]))
    assert by_label[0] and by_label[1]
    assert statistics.median(by_label[1]) < statistics.median(by_label[0])
