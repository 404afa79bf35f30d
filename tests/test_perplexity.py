import gzip
import json
import shutil
import statistics
from pathlib import Path

import pytest

from filters.document import Document, Rejection
from filters.lm_training import percentile, train_quality_lm
from filters.perplexity import LMFiles, Perplexity, QualityLM, bucket_of, cc_net_cutoffs


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
    # cc_net's mine.py: normalisation deletes the page's newlines, the page is one sentence
    lines = ["The river rises in the Mountains", "and flows into the sea."]
    glued = "the river rises in the mountainsand flows into the sea."
    pieces = english_lm.pieces([glued])[0]
    log10 = english_lm._lm.score(" ".join(pieces), bos=True, eos=True)
    expected = round(10 ** (-log10 / (len(pieces) + 1)), 1)
    assert english_lm.perplexity("\n".join(lines) + "\n\n") == expected
    per_line = [english_lm._lm.score(" ".join(p)) for p in english_lm.pieces(lines)]
    assert sum(per_line) != log10  # scoring line by line would give another figure
    assert english_lm.perplexity(" \n \n") == float("inf")


def test_buckets_use_strict_cutoffs():
    assert bucket_of(339.9, 340, 520) == "head"
    assert bucket_of(340.0, 340, 520) == "middle"
    assert bucket_of(520.0, 340, 520) == "tail"


def test_step_records_scores_and_drops_unwanted_buckets(english_lm_dir, sample_pages):
    step = Perplexity(english_lm_dir, ["en"], keep_buckets=["head"])
    step.setup()
    head, tail = LMFiles.under(english_lm_dir, "en").cutoffs()
    page = next(p for p in sample_pages if p["kind"] == "spam" and "Cheap" in p["title"])
    spam = Document("spam", "commoncrawl", "\n".join(page["paragraphs"]), {"language": "en"})
    outcome = step.apply(spam)
    assert isinstance(outcome, Rejection)
    assert outcome.reason == "bucket_tail"
    assert outcome.document.meta["perplexity"] >= tail
    german = Document("de", "commoncrawl", "Ein Text.", {"language": "de"})
    assert step.apply(german).reason == "no_model"


@pytest.fixture(scope="module")
def web_pages(sample_pages) -> list[str]:
    return ["\n".join(p["paragraphs"]) for p in sample_pages if p["lang"] == "en"]


@pytest.fixture(scope="module")
def lm_cut_on_web_pages(tmp_path_factory, reference_docs, web_pages) -> LMFiles:
    """A model whose cut-offs come from CommonCrawl pages, as `--stage quality-models` sets them."""
    model_dir = tmp_path_factory.mktemp("lm-web")
    return train_quality_lm(
        reference_docs, model_dir, "en", vocab_size=2000, cutoff_pages=web_pages
    )


def test_buckets_written_are_those_of_the_scoring_models_cutoffs(lm_cut_on_web_pages, web_pages):
    model_dir = Path(lm_cut_on_web_pages.info).parent
    step = Perplexity(model_dir, ["en"], keep_buckets=["head", "middle", "tail"])
    cutoffs = lm_cut_on_web_pages.cutoffs()
    docs = [
        Document(f"p{i}", "commoncrawl", page, {"language": "en"})
        for i, page in enumerate(web_pages)
    ]
    outcomes = step.apply_batch(docs)
    assert {d.meta["bucket"] for d in outcomes} == {"head", "middle", "tail"}
    assert all(d.meta["bucket"] == bucket_of(d.meta["perplexity"], *cutoffs) for d in outcomes)
    described = step.describe()["models"]["en"]
    assert described["cutoffs"] == list(cutoffs)
    assert described["files"]["en.arpa.bin"].startswith("sha256:")  # the stats name the model


def test_cutoffs_are_percentiles_of_commoncrawl_pages_under_the_model(
    lm_cut_on_web_pages, web_pages
):
    info = lm_cut_on_web_pages.read_info()
    model = QualityLM(lm_cut_on_web_pages)
    scores = [model.perplexity(page) for page in web_pages]
    assert info["cutoffs"] == [percentile(scores, 0.3), percentile(scores, 0.6)]
    assert info["cutoffs_from"] == f"{len(web_pages)} CommonCrawl pages in en"
    assert "warning" not in info
    # web pages score worse than held-out reference text: its percentiles would drop most pages
    assert info["cutoffs"][1] > info["heldout_cutoffs"][1]


def test_too_few_commoncrawl_pages_fall_back_with_a_warning(english_lm_dir):
    info = LMFiles.under(english_lm_dir, "en").read_info()  # trained with no pages
    assert info["cutoffs"] == info["heldout_cutoffs"]
    assert "held-out reference" in info["cutoffs_from"] and "only 0 CommonCrawl" in info["warning"]


def test_cc_nets_released_models_bucket_with_cc_nets_cutoffs(tmp_path, english_lm_dir):
    """--models pointing at cc_net's files: <lang>.arpa.bin and <lang>.sp.model beside cc_net's
    cutoff.csv (a row per percentile, a column per language)."""
    ours = LMFiles.under(english_lm_dir, "en")
    theirs = LMFiles.under(tmp_path, "en")
    shutil.copy(ours.sentencepiece, theirs.sentencepiece)
    shutil.copy(ours.kenlm, theirs.kenlm)
    rows = ["," + ",".join(["de", "en"])]
    rows += [f"{p},{100 + 3 * p},{200 + 5 * p}" for p in range(101)]
    (tmp_path / "cutoff.csv").write_text("\n".join(rows) + "\n")
    assert theirs.exist() and theirs.cutoffs() == (350.0, 500.0)
    assert cc_net_cutoffs(tmp_path / "cutoff.csv", "de") == [190.0, 280.0]
    step = Perplexity(tmp_path, ["en"], keep_buckets=["head", "middle", "tail"])
    doc = step.apply(
        Document("d", "commoncrawl", "The river rises in the hills.", {"language": "en"})
    )
    assert doc.meta["bucket"] == bucket_of(doc.meta["perplexity"], 350.0, 500.0)


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
