"""The `wiki-classifier` stage: gather training pages with Beam, then train the fastText
Wikipedia-reference classifier (filters/wiki_classifier.py) under <output>/models/.

Positives: CommonCrawl pages whose normalised URL is cited by the cleaned Wikipedia output
(`reference_urls`), and every page of separately fetched reference pages (WET or WARC,
`--wiki-references`), at least `min_positive_chars` long. Negatives: `negatives_per_positive`
times as many other CommonCrawl pages, sampled by a keyed hash of their id and the seed. Both
sets are written as Parquet under <output>/models/wiki_classifier_data/ for inspection, then
the model is trained locally.
"""

from __future__ import annotations

import json

import apache_beam as beam
import pyarrow as pa
from apache_beam.io.filesystems import FileSystems

from corpora import commoncrawl
from filters import model_files
from filters.document import Document
from filters.keyed import keyed_fraction
from filters.urls import normalize_url
from filters.wiki_classifier import ClassifierSettings, train_classifier
from pipelines.config import Recipe
from pipelines.files import matching, read_parquet
from pipelines.read_files import ReadDocuments
from pipelines.source_pipeline import REJECTED, match_inputs
from pipelines.write import WriteParquetShards

EXAMPLE_COLUMNS = pa.schema([("id", pa.string()), ("text", pa.string()), ("url", pa.string()),
                             ("label", pa.int64())])  # fmt: skip
MODEL_NAME = "wiki_classifier.bin"


def model_path(model_dir: str) -> str:
    """Where the classifier is in a models folder (a local path or a URL)."""
    return model_files.join(model_dir, MODEL_NAME)


def _cited(doc: Document, references: dict) -> bool:
    url = normalize_url(doc.meta.get("url") or "")
    return url is not None and url in references


def _read_pages(
    pipeline: beam.Pipeline, label: str, paths: list[str], cc_settings: commoncrawl.Settings
):
    """Documents of WET/WARC files, read with the CommonCrawl reader."""
    reader = ReadDocuments(
        "wiki_classifier", commoncrawl.reader(cc_settings), commoncrawl.READ_STEP
    )
    return (
        pipeline
        | f"{label} files" >> beam.Create(paths)
        | f"Spread {label}" >> beam.Reshuffle()
        | f"Read {label}" >> beam.ParDo(reader).with_outputs(REJECTED, main="kept")
    ).kept


def build_training_set(
    pipeline: beam.Pipeline,
    wikipedia_glob: str,
    cc_paths: list[str],
    cc_settings: commoncrawl.Settings,
    out_dir: str,
    seed: int,
    min_positive_chars: int,
    negatives_per_positive: float,
    fetched_paths: list[str] | None = None,
) -> None:
    """Add the graph that writes labelled examples to `out_dir`. Every page of `fetched_paths`
    (WET/WARC files of fetched reference pages) is a positive too."""
    references = beam.pvalue.AsDict(
        pipeline
        | "Wikipedia output" >> beam.io.ReadFromParquet(wikipedia_glob, columns=["meta"])
        | "Cited URLs"
        >> beam.FlatMap(lambda row: [(u, True) for u in row["meta"]["reference_urls"] or []])
        | "Distinct URLs" >> beam.CombinePerKey(lambda flags: True)
    )
    pages = _read_pages(pipeline, "CC", cc_paths, cc_settings)
    positives = pages | "Cited" >> beam.Filter(
        lambda d, refs: _cited(d, refs) and len(d.text) >= min_positive_chars, references
    )
    if fetched_paths:
        fetched = _read_pages(pipeline, "Fetched", fetched_paths, cc_settings) | (
            "Long fetched" >> beam.Filter(lambda d: len(d.text) >= min_positive_chars)
        )
        positives = (positives, fetched) | "All positives" >> beam.Flatten()
    others = pages | "Not cited" >> beam.Filter(lambda d, refs: not _cited(d, refs), references)
    wanted = beam.pvalue.AsSingleton(positives | "Count cited" >> beam.combiners.Count.Globally())
    available = beam.pvalue.AsSingleton(others | "Count others" >> beam.combiners.Count.Globally())
    negatives = others | "Sample" >> beam.Filter(
        lambda d, n, total: total > 0
        and keyed_fraction(d.id, seed, "negatives") < negatives_per_positive * n / total,
        wanted, available,
    )  # fmt: skip

    def row(doc: Document, label: int) -> dict:
        return {"id": doc.id, "text": doc.text, "url": doc.meta.get("url"), "label": label}

    (
        (positives | "Positive rows" >> beam.Map(row, 1),
         negatives | "Negative rows" >> beam.Map(row, 0))
        | "All examples" >> beam.Flatten()
        | "Write examples" >> WriteParquetShards(out_dir, EXAMPLE_COLUMNS, 4)
    )  # fmt: skip


def train_wiki_classifier(
    config: Recipe,
    output_dir: str,
    model_dir: str,
    cc_patterns: list[str],
    options,
    runner,
    fetched_patterns: list[str] | None = None,
) -> dict:
    """Gather examples from the Wikipedia output and CommonCrawl inputs (and fetched reference
    pages, if given), train, and return the classifier's report (counts, held-out accuracy
    and AUC)."""
    settings = config.wiki_classifier
    wikipedia_glob = FileSystems.join(output_dir, "clean", "wikipedia", "*.parquet")
    match_inputs([wikipedia_glob])
    data_dir = FileSystems.join(model_dir, "wiki_classifier_data")
    pipeline = beam.Pipeline(runner=runner, options=options)
    build_training_set(pipeline, wikipedia_glob, match_inputs(cc_patterns),
                       config.sources.commoncrawl, data_dir, config.seed,
                       settings.min_positive_chars, settings.negatives_per_positive,
                       match_inputs(fetched_patterns) if fetched_patterns else None)  # fmt: skip
    pipeline.run().wait_until_finish()
    parts = matching([FileSystems.join(data_dir, "*.parquet")])
    table = pa.concat_tables(read_parquet(path) for path in parts)
    examples = list(zip(table["id"].to_pylist(), table["text"].to_pylist(),
                        table["label"].to_pylist(), strict=True))  # fmt: skip
    info = train_classifier(examples, model_path(model_dir), classifier_settings(config))
    heldout = info["heldout"]
    print(
        f"wiki classifier: trained on {json.dumps(info['train'])}, held out {json.dumps(heldout)}"
        f" -> {model_path(model_dir)} ({info['model_bytes'] / 1e6:.1f} MB)"
    )
    if info["inert"]:
        print(f"WARNING: the Wikipedia-reference classifier is inert: {info['warning']}. The "
              "CommonCrawl step keeps every page and records its score.")  # fmt: skip
    return info


def classifier_settings(config: Recipe) -> ClassifierSettings:
    """The classifier's training settings from the recipe."""
    settings = config.wiki_classifier.model_dump(
        exclude={"min_positive_chars", "negatives_per_positive"}
    )
    return ClassifierSettings(
        seed=config.seed, threshold=config.sources.commoncrawl.wiki_threshold, **settings
    )
