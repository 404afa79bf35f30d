"""Lines crafted against the rules' regular expressions: long runs of the characters a pattern
repeats, without the character that would complete a match. A pattern that backtracks takes
minutes to hours on a line like these (quadratic or worse); every step here must stay linear,
so each line gets a generous bound that only a hang or a quadratic rule can break."""

import importlib
import time

import pytest

from filters.books import strip_gutenberg
from filters.c4 import count_sentences
from filters.document import Document, Rejection
from filters.normalize import normalize_for_dedup, normalize_for_lm
from filters.perplexity import Perplexity
from filters.post_html import post_text
from filters.step import Step
from filters.wiki_classifier import WikiReferenceClassifier
from filters.wikitext import WikitextCleaner
from pipelines.config import load_config

RUN = 200_000  # characters in one crafted line
BOUND_SECONDS = 20  # linear code takes well under a second; quadratic code takes hours

CRAFTED = {
    "marks_without_space": "!" * RUN + "x",
    "dots_then_quotes": "." * RUN + '")' * 10 + "x",
    "blanks_without_punctuation": " " * RUN + "x",
    "tabs_and_spaces": " \t" * (RUN // 2) + "x",
    "bracket_then_blanks": "(" + " " * RUN + "x",
    "open_brackets": "(" * RUN,
    "citation_digits": "[" + "1" * RUN,
    "square_brackets": "[" * RUN,
    "generated_markers": "code generated " * (RUN // 15),
    "licence_words": "Copyright (c) licence " * (RUN // 22),
    "comment_markers": "// -- ; # " * (RUN // 10),
    "stars": "***" + " " * RUN + "START OF",
    "backslashes": "\\" * RUN,
    "macro_definitions": "\\def\\a" + "#1" * (RUN // 2),
    "braces": "{" * RUN,
    "html_like": "<p" * (RUN // 2),
    "wiki_markup": "[[" * (RUN // 4) + "{{" * (RUN // 4),
    "unicode_punctuation": "，。！？「」" * (RUN // 6),
    "accents": "é\u0301" * (RUN // 2),
}

SOURCES = ["commoncrawl", "c4", "github", "wikipedia", "books", "arxiv", "stackexchange"]
MODEL_STEPS = (Perplexity, WikiReferenceClassifier)


def _steps(source: str, model_dir: str) -> list[Step]:
    module = importlib.import_module(f"corpora.{source}")
    config = load_config().source(source)
    return [
        s
        for s in module.recipe(config, model_dir)
        if isinstance(s, Step) and not isinstance(s, MODEL_STEPS)
    ]


def _timed(work) -> float:
    started = time.monotonic()
    work()
    return time.monotonic() - started


@pytest.mark.parametrize("kind", sorted(CRAFTED))
def test_every_rule_step_is_linear_on_crafted_lines(kind, tmp_path):
    line = CRAFTED[kind]
    texts = {"one line": line, "many lines": "\n".join([line[: RUN // 100]] * 100)}
    for source in SOURCES:
        for step in _steps(source, str(tmp_path)):
            step.setup()
            for shape, text in texts.items():
                doc = Document("crafted", source, text, {"path": "crafted.py", "license": "mit"})
                outcome = []
                seconds = _timed(lambda: outcome.append(step.apply(doc)))  # noqa: B023
                assert isinstance(outcome[0], (Document, Rejection))
                assert seconds < BOUND_SECONDS, f"{source}/{step.name} on {kind} ({shape})"


@pytest.mark.parametrize("kind", sorted(CRAFTED))
def test_text_functions_are_linear_on_crafted_lines(kind):
    line = CRAFTED[kind]
    functions = {
        "normalize_for_dedup": normalize_for_dedup,
        "normalize_for_lm": normalize_for_lm,
        "count_sentences": count_sentences,
        "strip_gutenberg": strip_gutenberg,
        "post_text": post_text,
        "wikitext": WikitextCleaner().clean,
    }
    for name, function in functions.items():
        seconds = _timed(lambda: function(line))  # noqa: B023
        assert seconds < BOUND_SECONDS, f"{name} on {kind}"
