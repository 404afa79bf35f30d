"""How much the perplexity AUC of bench.eval_quality depends on which reference documents the
quality LM holds out: the same English Wikipedia articles, the LM trained ten times, each time
holding out another tenth (every 10th document from offset k), each LM's perplexity ranking the
human-labelled web texts (AUC against labels, lower perplexity = better), against the
text-length baseline.

    .venv/bin/python -m bench.eval_quality        # first: cleans the real Wikipedia dumps
    .venv/bin/python -m bench.lm_holdout_spread

The texts are scored whole here (QualityLM.perplexity, the pipeline's own scoring), without the
pipeline's line dedup, so figures differ slightly from eval_quality's.
"""

from __future__ import annotations

import statistics
import tempfile

from bench.eval_quality import ROOT, labelled_texts
from filters.lm_training import train_quality_lm
from filters.metrics import roc_auc
from filters.perplexity import QualityLM
from pipelines.config import load_config
from pipelines.quality_models import reference_documents

OUT = ROOT / "bench" / "work" / "eval_quality" / "out"
FOLDS = 10


def main() -> None:
    settings = load_config().quality_models
    articles = reference_documents([str(OUT / "clean" / "wikipedia" / "*.parquet")])["en"]
    labels = labelled_texts()
    texts = list(labels)
    truth = [labels[text] for text in texts]
    length = roc_auc([float(len(text)) for text in texts], truth)
    aucs = []
    for offset in range(FOLDS):
        rotated = articles[offset:] + articles[:offset]  # the held-out tenth moves by one
        with tempfile.TemporaryDirectory() as folder:
            files = train_quality_lm(
                rotated, folder, "en", vocab_size=settings.vocab_size,
                chars_per_piece=settings.chars_per_piece, order=settings.order,
                memory=settings.lmplz_memory,
            )  # fmt: skip
            model = QualityLM(files)
            aucs.append(roc_auc([-model.perplexity(text) for text in texts], truth))
        print(f"held-out offset {offset}: perplexity AUC {aucs[-1]:.3f}")
    print(
        f"{len(articles)} articles; perplexity AUC median {statistics.median(aucs):.3f}, "
        f"min {min(aucs):.3f}, max {max(aucs):.3f}; length baseline {length:.3f}"
    )


if __name__ == "__main__":
    main()
