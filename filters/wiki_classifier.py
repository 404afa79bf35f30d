"""The Wikipedia-reference classifier (LLaMA section 2.1, as RedPajama read it): a fastText
linear model telling pages cited by Wikipedia from random CommonCrawl pages."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from filters.document import Document
from filters.fasttext_util import load_fasttext
from filters.keyed import keyed_fraction
from filters.step import Outcome, Step

POSITIVE = "__label__wiki"
NEGATIVE = "__label__cc"


def flatten(text: str) -> str:
    """fastText reads one example per line: newlines become spaces."""
    return " ".join(text.split())


def roc_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the ROC curve: the probability that a random positive outscores a random
    negative (ties count half), from average ranks (Mann-Whitney U)."""
    scores_arr = np.asarray(scores, dtype=float)
    labels_arr = np.asarray(labels, dtype=bool)
    positives, negatives = int(labels_arr.sum()), int((~labels_arr).sum())
    if positives == 0 or negatives == 0:
        return float("nan")
    order = np.argsort(scores_arr, kind="mergesort")
    ranks = np.empty(len(scores_arr))
    sorted_scores = scores_arr[order]
    start = 0
    while start < len(sorted_scores):  # average rank over ties
        end = start
        while end + 1 < len(sorted_scores) and sorted_scores[end + 1] == sorted_scores[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2 + 1
        start = end + 1
    rank_sum = ranks[labels_arr].sum()
    return float((rank_sum - positives * (positives + 1) / 2) / (positives * negatives))


def wiki_probabilities(model, texts: Sequence[str]) -> list[float]:
    """p(cited by Wikipedia) for each text under a trained classifier."""
    labels, probs = model.predict([flatten(t) for t in texts], k=2)
    out = []
    for label_row, prob_row in zip(labels, probs, strict=True):
        by_label = dict(zip(label_row, prob_row, strict=True))
        out.append(float(by_label.get(POSITIVE, 0.0)))
    return out


def train_classifier(
    examples: Sequence[tuple[str, str, int]],
    model_path: str | Path,
    seed: int = 1234,
    holdout: float = 0.1,
    lr: float = 1.0,
    epoch: int = 25,
    word_ngrams: int = 2,
    dim: int = 64,
) -> dict:
    """Train on (id, text, label) examples (label 1: cited by Wikipedia), holding out a keyed
    `holdout` fraction for accuracy and AUC; the model is written atomically to `model_path`
    and the metrics beside it as JSON. Single-threaded and seeded, so it is reproducible."""
    import fasttext

    ordered = sorted(examples, key=lambda e: keyed_fraction(e[0], seed, "shuffle"))
    train = [e for e in ordered if keyed_fraction(e[0], seed, "holdout") >= holdout]
    heldout = [e for e in ordered if keyed_fraction(e[0], seed, "holdout") < holdout]
    if not any(label for *_, label in train) or all(label for *_, label in train):
        raise ValueError(
            "the Wikipedia-reference classifier needs both pages cited by the Wikipedia output "
            "and other pages: no CommonCrawl page of its input is cited by the cleaned Wikipedia "
            "(add --wiki-references with fetched cited pages, or a CommonCrawl input that "
            "overlaps the Wikipedia dumps)"
        )
    model_path = Path(model_path)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wiki-classifier-") as work:
        train_file = Path(work) / "train.txt"
        with train_file.open("w", encoding="utf-8") as handle:
            for _, text, label in train:
                handle.write(f"{POSITIVE if label else NEGATIVE} {flatten(text)}\n")
        model = fasttext.train_supervised(
            input=str(train_file), lr=lr, epoch=epoch, wordNgrams=word_ngrams, dim=dim, thread=1,
            seed=seed, verbose=0,
        )  # fmt: skip
        temporary = model_path.with_name(f".{model_path.name}.tmp")
        model.save_model(str(temporary))
        os.replace(temporary, model_path)
    info = {
        "train": {"positives": sum(e[2] for e in train), "negatives": sum(1 - e[2] for e in train)},
        "heldout": {"positives": sum(e[2] for e in heldout),
                    "negatives": sum(1 - e[2] for e in heldout)},
        "params": {"lr": lr, "epoch": epoch, "wordNgrams": word_ngrams, "dim": dim,
                   "seed": seed},
    }  # fmt: skip
    if heldout:
        probs = wiki_probabilities(model, [text for _, text, _ in heldout])
        labels = [label for *_, label in heldout]
        correct = sum((p >= 0.5) == bool(label) for p, label in zip(probs, labels, strict=True))
        info["heldout"]["accuracy"] = round(correct / len(heldout), 4)
        auc = roc_auc(probs, labels)
        info["heldout"]["auc"] = None if np.isnan(auc) else round(auc, 4)
    info_path = model_path.with_suffix(".json")
    info_path.write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return info


class WikiReferenceClassifier(Step):
    """Keep documents the classifier scores at least `threshold` as Wikipedia-reference-like;
    records `wiki_prob`. Drops with reason `not_wiki_reference_like`."""

    name = "wiki_classifier"

    def __init__(self, model_path: str | Path, threshold: float = 0.25) -> None:
        self.model_path = str(model_path)
        self.threshold = threshold
        self._model = None

    def setup(self) -> None:
        if self._model is None:
            if not Path(self.model_path).is_file():
                raise FileNotFoundError(
                    f"no Wikipedia-reference classifier at {self.model_path}: run "
                    "`python -m pipelines.run --stage wiki-classifier` first"
                )
            self._model = load_fasttext(self.model_path)

    def apply(self, doc: Document) -> Outcome:
        return self.apply_batch([doc])[0]

    def apply_batch(self, docs: list[Document]) -> list[Outcome]:
        self.setup()
        outcomes: list[Outcome] = []
        for doc, prob in zip(
            docs, wiki_probabilities(self._model, [d.text for d in docs]), strict=True
        ):
            doc.meta["wiki_prob"] = round(prob, 4)
            keep = prob >= self.threshold
            outcomes.append(doc if keep else self.reject(doc, "not_wiki_reference_like"))
        return outcomes
