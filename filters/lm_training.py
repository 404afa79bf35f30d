"""Training CCNet's quality language models: SentencePiece, then a KenLM n-gram with `lmplz`.

`lmplz` and `build_binary` are KenLM's own tools, built into the project's environment by
scripts/install.sh. `lmplz` is always given `-S` (its default reserves 80% of RAM).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from filters import model_files
from filters.normalize import normalize_for_lm
from filters.perplexity import LMFiles, QualityLM

MIN_PIECES = 500


def kenlm_tool(name: str) -> str:
    """Path of a KenLM binary: the project's environment first, then PATH."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = shutil.which(name, path=search)
    if found is None:
        raise FileNotFoundError(f"KenLM's `{name}` is not installed; run scripts/install.sh")
    return found


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of `values` (fraction in [0, 1])."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[rank]


def train_quality_lm(
    documents: Sequence[str],
    model_dir: str | Path,
    language: str,
    vocab_size: int = 8000,
    chars_per_piece: int = 0,
    order: int = 5,
    memory: str = "10%",
    holdout_every: int = 10,
    cutoff_pages: Sequence[str] = (),
    min_cutoff_pages: int = 20,
    head_percentile: float = 0.30,
    tail_percentile: float = 0.60,
) -> LMFiles:
    """Train one language's SentencePiece + KenLM pair on reference documents.

    Every `holdout_every`-th document is held out. With `chars_per_piece`, the SentencePiece
    vocabulary is at most one piece per that many characters of training text (and at least
    MIN_PIECES): a small reference set cannot estimate a large vocabulary's n-grams.

    The perplexity cut-offs stored with the model are CCNet's: the 30th and 60th percentiles of
    the perplexity of CommonCrawl pages of the language (`cutoff_pages`), so head, middle and
    tail mean what they mean in cc_net for this model. With fewer than `min_cutoff_pages` such
    pages, the held-out reference documents' percentiles stand in (much stricter on web text),
    and the model's info says so.
    """
    import sentencepiece

    files = LMFiles.under(model_dir, language)
    model_files.remove(files.info)  # the info file marks a finished model: written last
    train_docs = [d for i, d in enumerate(documents) if i % holdout_every != holdout_every - 1]
    heldout_docs = [d for i, d in enumerate(documents) if i % holdout_every == holdout_every - 1]
    if not train_docs or not heldout_docs:
        raise ValueError(f"need at least {holdout_every} reference documents for {language}")

    lines = [normalize_for_lm(line) for doc in train_docs for line in doc.split("\n")]
    lines = [line for line in lines if line]
    if chars_per_piece:
        vocab_size = max(MIN_PIECES, min(vocab_size, sum(map(len, lines)) // chars_per_piece))
    # Trained from an iterator into memory, so no temporary path ends up inside the model.
    sp_model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=sp_model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=0.9999,
        num_threads=1,
        minloglevel=2,
    )
    processor = sentencepiece.SentencePieceProcessor(model_proto=sp_model.getvalue())

    with tempfile.TemporaryDirectory(prefix=f"lm-{language}-") as work:
        pieces_path = Path(work) / "pieces.txt"
        with pieces_path.open("w", encoding="utf-8") as pieces:
            for encoded in processor.encode(lines, out_type=str):
                pieces.write(" ".join(encoded) + "\n")
        arpa_path = Path(work) / "lm.arpa"
        lmplz = [kenlm_tool("lmplz"), "-o", str(order), "-S", memory, "-T", work,
                 "--discount_fallback"]  # fmt: skip
        with pieces_path.open("rb") as src, arpa_path.open("wb") as dst:
            _run(lmplz, stdin=src, stdout=dst)
        binary_path = Path(work) / "lm.bin"
        _run([kenlm_tool("build_binary"), str(arpa_path), str(binary_path)])
        model_files.write_bytes(files.kenlm, binary_path.read_bytes())
    model_files.write_bytes(files.sentencepiece, sp_model.getvalue())

    model = QualityLM(files)
    heldout = [model.perplexity(doc) for doc in heldout_docs]
    percentiles = [head_percentile, tail_percentile]
    info = {
        "language": language,
        "order": order,
        "vocab_size": processor.get_piece_size(),
        "train_documents": len(train_docs),
        "heldout_documents": len(heldout_docs),
        "heldout_median_perplexity": percentile(heldout, 0.5),
        "heldout_cutoffs": [percentile(heldout, p) for p in percentiles],
        "cutoff_percentiles": percentiles,
    }
    web = [p for p in (model.perplexity(page) for page in cutoff_pages) if p != float("inf")]
    if len(web) >= min_cutoff_pages:
        info["cutoffs"] = [percentile(web, p) for p in percentiles]
        info["cutoffs_from"] = f"{len(web)} CommonCrawl pages in {language}"
    else:
        info["cutoffs"] = info["heldout_cutoffs"]
        info["cutoffs_from"] = f"{len(heldout)} held-out reference documents"
        info["warning"] = (
            f"only {len(web)} CommonCrawl pages in {language} to set the cut-offs (fewer than "
            f"{min_cutoff_pages}): the held-out reference text's percentiles stand in, which "
            "put far more web pages in the tail than cc_net's buckets would"
        )
    report = json.dumps(info, indent=2, sort_keys=True) + "\n"
    model_files.write_bytes(files.info, report.encode("utf-8"))
    return files


def _run(command: list[str], **kwargs) -> None:
    result = subprocess.run(command, stderr=subprocess.PIPE, check=False, **kwargs)
    if result.returncode != 0:
        tail = result.stderr.decode("utf-8", "replace")[-2000:]
        raise RuntimeError(f"{Path(command[0]).name} failed ({result.returncode}):\n{tail}")
