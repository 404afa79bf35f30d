"""How the quality LM's order and vocabulary size were chosen, without the quality labels: the
held-out bits per character of Wikipedia itself, by 5-fold cross-validation over the English
articles that bench.eval_quality cleans from the real dumps (each fold trains on four fifths and
scores the other fifth, line by line as the pipeline scores pages). The perplexity AUC on the
human-labelled web texts is printed beside each setting for information only: choosing by it
would fit the settings to the evaluation.

    .venv/bin/python -m bench.eval_quality        # first: cleans the real Wikipedia dumps
    .venv/bin/python -m bench.lm_selection [ORDER:CHARS_PER_PIECE ...]
"""

from __future__ import annotations

import math
import statistics
import sys
import tempfile

from bench.eval_quality import ROOT, labelled_texts
from filters.lm_training import train_quality_lm
from filters.metrics import roc_auc
from filters.normalize import normalize_for_lm
from filters.perplexity import QualityLM
from pipelines.quality_models import reference_documents

OUT = ROOT / "bench" / "work" / "eval_quality" / "out"
FOLDS = 5
SETTINGS = ["5:150", "5:300", "5:600", "5:1200", "5:2400", "3:600", "3:1200", "4:600", "4:1200",
            "6:1200"]  # fmt: skip


def bits_per_character(model: QualityLM, documents: list[str]) -> float:
    """Cross-entropy of `documents` under `model`, in bits per normalised character (a line
    end counted as one), which compares models whatever their vocabularies."""
    log10_probability, characters = 0.0, 0
    for document in documents:
        lines = [line for line in document.split("\n") if normalize_for_lm(line)]
        for pieces, line in zip(model.pieces(lines), lines, strict=True):
            log10_probability += model.line_score(pieces)
            characters += len(normalize_for_lm(line)) + 1
    return -log10_probability * math.log2(10) / characters


def trained(documents: list[str], folder: str, order: int, chars_per_piece: int) -> QualityLM:
    """A model on all of `documents` but the last, which train_quality_lm holds out."""
    files = train_quality_lm(
        documents, folder, "en", vocab_size=65536, order=order,
        chars_per_piece=chars_per_piece, holdout_every=len(documents),
    )  # fmt: skip
    return QualityLM(files)


def main() -> None:
    articles = reference_documents([str(OUT / "clean" / "wikipedia" / "*.parquet")])["en"]
    labels = labelled_texts()
    texts = list(labels)
    truth = [labels[text] for text in texts]
    print(f"{len(articles)} articles, {sum(map(len, articles)):,} characters")
    print("| order | characters per piece | pieces | CV bits per character | (perplexity AUC) |")
    print("|---:|---:|---:|---:|---:|")
    for setting in sys.argv[1:] or SETTINGS:
        order, chars_per_piece = map(int, setting.split(":"))
        scores = []
        for fold in range(FOLDS):
            train = [a for i, a in enumerate(articles) if i % FOLDS != fold]
            test = [a for i, a in enumerate(articles) if i % FOLDS == fold]
            with tempfile.TemporaryDirectory() as folder:
                model = trained(train + test[:1], folder, order, chars_per_piece)
                scores.append(bits_per_character(model, test))
        with tempfile.TemporaryDirectory() as folder:  # the model eval_quality would train
            files = train_quality_lm(articles, folder, "en", vocab_size=65536, order=order,
                                     chars_per_piece=chars_per_piece)  # fmt: skip
            pieces = files.read_info()["vocab_size"]
            auc = roc_auc([-QualityLM(files).perplexity(text) for text in texts], truth)
        print(f"| {order} | {chars_per_piece:,} | {pieces:,} | {statistics.mean(scores):.4f} | "
              f"({auc:.3f}) |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
