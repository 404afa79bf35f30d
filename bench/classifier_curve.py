"""How the Wikipedia-reference classifier improves with the number of pages it learns from (the
evidence for `min_train_per_class` in mixture.yaml), and what its size costs: model bytes and
AUC for fastText's hash buckets, dimension and quantisation (the evidence for `bucket`, `dim`
and `quantize`).

    .venv/bin/python -m bench.eval_quality        # first: gathers the real training pages
    .venv/bin/python -m bench.classifier_curve

The pages are those `bench.eval_quality` gathered through the wiki-classifier stage (real
Wikipedia articles and news pages against real crawled pages). The held-out pages stay the same
at every size; the training pages are the first N of each class in a keyed order, for two seeds.
Printed per size: the held-out AUC (references against other pages) and the AUC against the
human quality labels of ../shared/data/web/quality, as Markdown tables.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from bench.eval_quality import ROOT, labelled_texts
from filters.keyed import keyed_fraction
from filters.metrics import roc_auc
from filters.wiki_classifier import WikiReferenceClassifier, train_classifier
from pipelines.config import load_config
from pipelines.wiki_classifier import classifier_settings

DATA = ROOT / "bench" / "work" / "eval_quality" / "out" / "models" / "wiki_classifier_data"
SIZES = (10, 20, 40, 60, 100, 1000)


MODEL_SHAPES = (
    (32, 2_000_000, False),
    (32, 200_000, False),
    (16, 100_000, False),
    (32, 2_000_000, True),
    (32, 200_000, True),
)  # (dim, bucket, quantize)


def trained(examples, settings) -> tuple[dict, float]:
    """The classifier's report and its AUC on the human labels."""
    labelled = labelled_texts()
    with tempfile.TemporaryDirectory() as work:
        model = Path(work) / "model.bin"
        info = train_classifier(examples, model, settings)
        human = roc_auc(WikiReferenceClassifier(model).probabilities(list(labelled)),
                        list(labelled.values()))  # fmt: skip
    return info, human


def main() -> None:
    table = pa.concat_tables(pq.read_table(p) for p in sorted(DATA.glob("*.parquet")))
    examples = list(zip(table["id"].to_pylist(), table["text"].to_pylist(),
                        table["label"].to_pylist(), strict=True))  # fmt: skip
    base = classifier_settings(load_config())
    print("| dim | bucket | quantized | model MB | held-out AUC | human-label AUC |")
    print("|---|---|---|---|---|---|")
    for dim, bucket, quantize in MODEL_SHAPES:
        settings = dataclasses.replace(base, dim=dim, bucket=bucket, quantize=quantize)
        info, human = trained(examples, settings)
        print(
            f"| {dim} | {bucket:,} | {quantize} | {info['model_bytes'] / 1e6:.1f} | "
            f"{info['heldout']['auc']} | {human:.3f} |",
            flush=True,
        )
    print()
    print("| pages per class | seed | trained on (ref / other) | held-out AUC | human-label AUC |")
    print("|---|---|---|---|---|")
    for seed in (1234, 7):
        settings = dataclasses.replace(base, seed=seed,
                                       min_train_per_class=0, min_heldout_per_class=0)  # fmt: skip
        heldout = [e for e in examples if keyed_fraction(e[0], seed, "holdout") < settings.holdout]
        train = sorted((e for e in examples if e not in heldout),
                       key=lambda e: keyed_fraction(e[0], seed, "curve"))  # fmt: skip
        for size in SIZES:
            chosen = [e for label in (1, 0) for e in [e for e in train if e[2] == label][:size]]
            info, human = trained(chosen + heldout, settings)
            counts = f"{info['train']['positives']} / {info['train']['negatives']}"
            print(
                f"| {size if size < 1000 else 'all'} | {seed} | {counts} | "
                f"{info['heldout']['auc']} | {human:.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
