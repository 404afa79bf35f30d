"""The `quality-models` stage: CCNet's per-language SentencePiece + KenLM models, trained on
cleaned Wikipedia (the `wikipedia` source's output) as cc_net did, written under
<output>/models/lm/.

Reference text can also be given as `<language>.txt` files (one document per line) or Parquet
files with `text` and `language` columns. A language with too little Wikipedia text (the
shipped samples) is topped up with the reference text the project ships for it.

Each model's perplexity cut-offs are percentiles over CommonCrawl pages of its language (a
sample of the commoncrawl input, language-identified as the CommonCrawl recipe does).
"""

from __future__ import annotations

import posixpath
import time

from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from corpora import commoncrawl
from filters import model_files
from filters.document import Document
from filters.lm_training import train_quality_lm
from filters.perplexity import LMFiles
from pipelines.config import Recipe, project_path
from pipelines.files import matching, read_bytes, read_parquet


def reference_documents(patterns: list[str]) -> dict[str, list[str]]:
    """Reference documents per language from `.parquet` files (columns `id`, `text`,
    `language`), in the order of their ids across all the files (so how an output was sharded
    never changes the model), then text files named `<language>[.anything].txt` (one document
    per line), in file order."""
    rows: list[tuple[str, str, str]] = []
    lines: dict[str, list[str]] = {}
    for path in matching([project_path(pattern) for pattern in patterns]):
        if path.endswith(".parquet"):
            table = read_parquet(path, columns=["id", "text", "language"])
            rows += zip(table["id"].to_pylist(), table["language"].to_pylist(),
                        table["text"].to_pylist(), strict=True)  # fmt: skip
        else:
            language = posixpath.basename(path).split(".", 1)[0]
            text = read_bytes(path).decode("utf-8", errors="replace")
            docs = [line.strip() for line in text.splitlines() if line.strip()]
            lines.setdefault(language, []).extend(docs)
    by_language: dict[str, list[str]] = {}
    for _, language, text in sorted(rows):
        by_language.setdefault(language, []).append(text)
    for language, docs in lines.items():
        by_language.setdefault(language, []).extend(docs)
    return by_language


def reference_patterns(config: Recipe, output_dir: str) -> list[str]:
    """The files `default_references` reads."""
    wikipedia = model_files.join(output_dir, "clean", "wikipedia", "*.parquet")
    return [wikipedia, project_path(config.quality_models.fallback_input)]


def default_references(config: Recipe, output_dir: str) -> dict[str, list[str]]:
    """Cleaned Wikipedia from `output_dir` per language; where it has fewer documents than
    `min_wikipedia_documents`, the shipped reference text of that language is added, and
    the console says so."""
    settings = config.quality_models
    wikipedia = reference_documents(
        [model_files.join(output_dir, "clean", "wikipedia", "*.parquet")]
    )
    shipped = reference_documents([settings.fallback_input])
    documents = dict(wikipedia)
    for language, docs in sorted(shipped.items()):
        found = wikipedia.get(language, [])
        if len(found) < settings.min_wikipedia_documents:
            documents[language] = found + docs
            print(
                f"quality LM [{language}]: {len(found)} cleaned Wikipedia articles under "
                f"{output_dir} (fewer than {settings.min_wikipedia_documents}): adding the "
                f"{len(docs)} documents of the shipped reference text {settings.fallback_input}"
            )
    return documents


def commoncrawl_pages(
    config: Recipe, patterns: list[str], languages: list[str]
) -> dict[str, list[str]]:
    """Up to `cutoff_pages` pages per language of the CommonCrawl files `patterns` match, read
    and language-identified as the CommonCrawl recipe does (line dedup aside)."""
    cc = config.sources.commoncrawl
    limit = config.quality_models.cutoff_pages
    lid = commoncrawl.language_id(cc, None)
    pages: dict[str, list[str]] = {language: [] for language in languages}
    for path in matching([project_path(pattern) for pattern in patterns]):
        with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as stream:
            docs = [d for d in commoncrawl.read_file(stream, path, cc.min_length)
                    if isinstance(d, Document)]  # fmt: skip
        for doc in lid.apply_batch(docs):
            language = doc.meta["language"] if isinstance(doc, Document) else None
            if language in pages and len(pages[language]) < limit:
                pages[language].append(doc.text)
        if all(len(found) >= limit for found in pages.values()):
            break
    return pages


def train_quality_models(
    config: Recipe,
    model_dir: str,
    documents: dict[str, list[str]],
    languages: list[str] | None = None,
    cutoff_sample: list[str] | None = None,
) -> dict[str, LMFiles]:
    """Train (or retrain) the quality LM of each language in `documents` (or of `languages`),
    its cut-offs set on the CommonCrawl pages `cutoff_sample` matches (default: the
    commoncrawl input of mixture.yaml)."""
    settings = config.quality_models
    wanted = sorted(lang for lang in documents if languages is None or lang in languages)
    sample = cutoff_sample or config.sources.commoncrawl.inputs
    pages = commoncrawl_pages(config, sample, wanted)
    trained = {}
    for language, docs in sorted(documents.items()):
        if languages is not None and language not in languages:
            continue
        if len(docs) < settings.min_documents:
            print(
                f"quality LM [{language}]: skipped, {len(docs)} reference documents "
                f"(< {settings.min_documents})"
            )
            continue
        started = time.monotonic()
        files = train_quality_lm(
            docs,
            model_files.join(model_dir, "lm"),
            language,
            vocab_size=settings.vocab_size,
            chars_per_piece=settings.chars_per_piece,
            order=settings.order,
            memory=settings.lmplz_memory,
            cutoff_pages=pages.get(language, []),
            min_cutoff_pages=settings.min_cutoff_pages,
        )
        info = files.read_info()
        print(
            f"quality LM [{language}]: {len(docs)} reference documents, "
            f"{info['vocab_size']} pieces, cut-offs {info['cutoffs']} from "
            f"{info['cutoffs_from']} ({time.monotonic() - started:.1f}s) -> {files.kenlm}"
        )
        if "warning" in info:
            print(f"WARNING: quality LM [{language}]: {info['warning']}")
        trained[language] = files
    return trained


def ensure_quality_models(
    config: Recipe,
    output_dir: str,
    model_dir: str,
    languages: list[str],
    cutoff_sample: list[str] | None = None,
) -> None:
    """Train the models a run needs but does not have yet, from the default references."""
    lm_dir = model_files.join(model_dir, "lm")
    missing = [lang for lang in languages if not LMFiles.under(lm_dir, lang).exist()]
    if not missing:
        return
    print(f"no quality LM yet for {missing} in {model_dir}: training them first")
    trained = train_quality_models(
        config, model_dir, default_references(config, output_dir), missing, cutoff_sample
    )
    still_missing = sorted(set(missing) - set(trained))
    if still_missing:
        raise FileNotFoundError(
            f"no reference text for {still_missing}: run the wikipedia source on dumps of those "
            "languages, or `python -m pipelines.run --stage quality-models --input "
            "'DIR/<language>.txt'`"
        )
