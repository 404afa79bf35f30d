"""The `quality-models` stage: train CCNet's per-language SentencePiece + KenLM models from
reference text (one document per line in `<language>.txt` files), written under
<output>/models/lm/."""

from __future__ import annotations

import glob
import time
from pathlib import Path
from typing import Any

from filters.lm_training import train_quality_lm
from filters.perplexity import LMFiles
from pipelines.config import project_path


def reference_documents(patterns: list[str]) -> dict[str, list[str]]:
    """Reference documents per language from text files named `<language>.txt` (or
    `<language>.<anything>.txt`), one document per non-blank line, in a stable order."""
    by_language: dict[str, list[str]] = {}
    paths = sorted({p for pattern in patterns for p in glob.glob(project_path(pattern))})
    if not paths:
        raise FileNotFoundError(f"no reference text matches {patterns}")
    for path in paths:
        language = Path(path).name.split(".", 1)[0]
        with open(path, encoding="utf-8", errors="replace") as handle:
            docs = [line.strip() for line in handle if line.strip()]
        by_language.setdefault(language, []).extend(docs)
    return by_language


def train_quality_models(
    config: dict[str, Any],
    model_dir: str,
    inputs: list[str] | None = None,
    languages: list[str] | None = None,
) -> dict[str, LMFiles]:
    """Train (or retrain) the quality LM of each language found in the reference inputs."""
    settings = config["quality_models"]
    documents = reference_documents(inputs or [settings["input"]])
    trained = {}
    for language, docs in sorted(documents.items()):
        if languages is not None and language not in languages:
            continue
        started = time.monotonic()
        files = train_quality_lm(
            docs,
            Path(model_dir) / "lm",
            language,
            vocab_size=settings["vocab_size"],
            order=settings["order"],
            memory=settings["lmplz_memory"],
        )
        info = files.read_info()
        print(
            f"quality LM [{language}]: {len(docs)} reference documents, "
            f"{info['vocab_size']} pieces, cut-offs {info['cutoffs']} "
            f"({time.monotonic() - started:.1f}s) -> {files.kenlm}"
        )
        trained[language] = files
    return trained


def ensure_quality_models(config: dict[str, Any], model_dir: str, languages: list[str]) -> None:
    """Train the models a run needs but does not have yet, from the configured reference text."""
    lm_dir = Path(model_dir) / "lm"
    missing = [lang for lang in languages if not LMFiles.under(lm_dir, lang).exist()]
    if not missing:
        return
    print(f"no quality LM yet for {missing} in {model_dir}; training from the reference text")
    trained = train_quality_models(config, model_dir, languages=missing)
    still_missing = sorted(set(missing) - set(trained))
    if still_missing:
        raise FileNotFoundError(
            f"no reference text for {still_missing}: add <language>.txt files and run "
            "`python -m pipelines.run --stage quality-models --input 'DIR/*.txt'`"
        )
