"""The CommonCrawl recipe's steps where it follows cc_net to the letter: language scores
rounded before the threshold, and the minimum length after dedup as a setting."""

from corpora import commoncrawl
from filters.document import Document, Rejection
from filters.langid import LanguageID
from filters.step import Step
from pipelines.config import load_config

# A page left by line dedup with one line of its boilerplate (cc_net scores it; we drop it).
DEDUPED_PAGE = "Searching for multiple words only shows matches that contain all words."
# lid.176 gives this Spanish fragment 0.4994: 0.50 once rounded to 0.01, as cc_net rounds.
NEAR_THRESHOLD = "El operador + se emplea"


def _steps_after_dedup(settings: commoncrawl.Settings, tmp_path) -> list[Step]:
    steps = commoncrawl.recipe(settings, str(tmp_path))
    assert steps[0].name == "line_dedup"
    return [s for s in steps[1:] if s.name in ("min_length", "lid")]


def _outcome(steps: list[Step], text: str) -> Document | Rejection:
    outcome: Document | Rejection = Document("page", "commoncrawl", text)
    for step in steps:
        if isinstance(outcome, Rejection):
            break
        step.setup()
        outcome = step.apply(outcome)
    return outcome


def test_minimum_length_after_dedup_is_ours_unless_switched_off(tmp_path):
    settings = load_config().sources.commoncrawl
    assert settings.min_length_after_dedup  # the recipe's default: our deviation
    dropped = _outcome(_steps_after_dedup(settings, tmp_path), DEDUPED_PAGE)
    assert isinstance(dropped, Rejection) and dropped.step == "min_length"
    as_ccnet = settings.model_copy(update={"min_length_after_dedup": False})
    scored = _outcome(_steps_after_dedup(as_ccnet, tmp_path), DEDUPED_PAGE)
    assert isinstance(scored, Document) and scored.meta["language"] == "en"  # scored, kept


def test_language_scores_are_rounded_as_cc_net_rounds_them_before_the_threshold():
    [(language, raw)] = LanguageID(None, decimals=8).predict([NEAR_THRESHOLD])
    assert language == "es" and 0.495 <= raw < 0.5
    settings = load_config().sources.commoncrawl.model_copy(update={"languages": ["es"]})
    kept = commoncrawl.language_id(settings, ["es"])
    kept.setup()
    outcome = kept.apply(Document("page", "commoncrawl", NEAR_THRESHOLD))
    assert isinstance(outcome, Document) and outcome.meta["language_score"] == 0.5
    finer = LanguageID(["es"], 0.5, decimals=4)
    dropped = finer.apply(Document("page", "commoncrawl", NEAR_THRESHOLD))
    assert isinstance(dropped, Rejection) and dropped.reason == "low_confidence"
    assert dropped.document.meta["language_score"] == round(raw, 4)
