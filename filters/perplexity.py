"""CCNet's perplexity score and head/middle/tail buckets (SentencePiece pieces, KenLM 5-gram).

A document's perplexity is 10 ** (-sum(log10 p(line)) / sum(pieces(line) + 1)) over its
normalised lines, as cc_net's `DocLM`; buckets cut at per-language perplexity values.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from filters import model_files
from filters.checksum import file_checksum
from filters.document import Document
from filters.normalize import normalize_for_lm
from filters.step import Outcome, Step

BUCKETS = ("head", "middle", "tail")


CC_NET_CUTOFFS = "cutoff.csv"  # cc_net's per-language perplexity percentiles (cc_net/data/)


@dataclass(frozen=True, slots=True)
class LMFiles:
    """Where one language's quality model lives under a models folder (a local path or a URL):
    `<lang>.sp.model` and `<lang>.arpa.bin` (cc_net's names), with either our `<lang>.json`
    (training report and cut-offs) or, for cc_net's released models, cc_net's `cutoff.csv`
    beside them."""

    sentencepiece: str
    kenlm: str
    info: str

    @classmethod
    def under(cls, model_dir: str | Path, language: str) -> LMFiles:
        names = (f"{language}.sp.model", f"{language}.arpa.bin", f"{language}.json")
        return cls(*(model_files.join(model_dir, name) for name in names))

    @property
    def language(self) -> str:
        return model_files.basename(self.info).removesuffix(".json")

    @property
    def cc_net_cutoffs(self) -> str:
        return model_files.sibling(self.info, CC_NET_CUTOFFS)

    def exist(self) -> bool:
        """Both models are there, with cut-offs to bucket by."""
        cutoffs_known = model_files.exists(self.info) or model_files.exists(self.cc_net_cutoffs)
        return (
            model_files.exists(self.sentencepiece)
            and model_files.exists(self.kenlm)
            and (cutoffs_known)
        )

    def read_info(self) -> dict:
        """Our training report, or for cc_net's models their cut-offs from its cutoff.csv."""
        if model_files.exists(self.info):
            return json.loads(model_files.read_text(self.info))
        return {
            "language": self.language,
            "cutoffs": cc_net_cutoffs(self.cc_net_cutoffs, self.language),
            "cutoffs_from": "cc_net's cutoff.csv (30th and 60th percentiles)",
        }

    def cutoffs(self) -> tuple[float, float]:
        """The (head, tail) perplexity cut-offs that belong to this model."""
        head, tail = self.read_info()["cutoffs"]
        return float(head), float(tail)


def cc_net_cutoffs(path: str | Path, language: str, head: int = 30, tail: int = 60) -> list[float]:
    """cc_net's cut-offs for `language` from its cutoff.csv: one row per percentile (0-100),
    one column per language, as cc_net's `PerplexityBucket` reads it."""
    rows = list(csv.reader(model_files.read_text(path).splitlines()))
    column = rows[0].index(language)  # ValueError: cc_net has no model for the language
    by_percentile = {int(row[0]): float(row[column]) for row in rows[1:] if row and row[0]}
    return [by_percentile[head], by_percentile[tail]]


class QualityLM:
    """A loaded SentencePiece + KenLM pair that scores text the way CCNet did."""

    def __init__(self, files: LMFiles) -> None:
        import kenlm
        import sentencepiece

        self.files = files
        self._pieces = sentencepiece.SentencePieceProcessor(
            model_file=str(model_files.local(files.sentencepiece))
        )
        self._lm = kenlm.Model(str(model_files.local(files.kenlm)))

    def pieces(self, lines: Sequence[str]) -> list[list[str]]:
        """Each line normalised and split into SentencePiece pieces (the LM's vocabulary)."""
        return self._pieces.encode([normalize_for_lm(line) for line in lines], out_type=str)

    def line_score(self, pieces: list[str]) -> float:
        """log10 probability of one line's pieces, with sentence boundaries."""
        return self._lm.score(" ".join(pieces), bos=True, eos=True)

    def perplexity(self, text: str) -> float:
        """Document perplexity as cc_net's mine.py computes it, rounded to 0.1 as in its output:
        the page normalised as one string (cc_net's normalisation deletes newlines, so the last
        word of a line runs into the first of the next), split into pieces and scored as one
        KenLM sentence with boundaries, counted as its pieces plus one. Computed this way, the
        figures are comparable with cc_net's and its released cut-offs apply to its models."""
        pieces = self.pieces([text])[0]
        if not pieces:
            return float("inf")
        return round(10.0 ** (-self.line_score(pieces) / (len(pieces) + 1)), 1)


def bucket_of(perplexity: float, head_cutoff: float, tail_cutoff: float) -> str:
    """head below the first cut-off, tail at or above the second, middle between (CCNet)."""
    if perplexity < head_cutoff:
        return "head"
    if perplexity < tail_cutoff:
        return "middle"
    return "tail"


class Perplexity(Step):
    """Score each document with its language's quality LM, bucket it by the cut-offs stored with
    that model, keep the chosen buckets. Drops with reason `bucket_<name>` for buckets not kept,
    `no_model` for a language without a quality LM."""

    name = "perplexity"

    def __init__(
        self,
        model_dir: str | Path,
        languages: Iterable[str],
        keep_buckets: Iterable[str] = ("head", "middle"),
    ) -> None:
        self.model_dir = str(model_dir)
        self.languages = sorted(languages)
        self.keep_buckets = frozenset(keep_buckets)
        unknown = self.keep_buckets - set(BUCKETS)
        if unknown:
            raise ValueError(f"unknown perplexity buckets {sorted(unknown)}; use {BUCKETS}")
        self._models: dict[str, QualityLM] = {}
        self._cutoffs: dict[str, tuple[float, float]] = {}

    def missing_models(self) -> list[str]:
        """Languages asked for that have no trained model under `model_dir`."""
        return [lang for lang in self.languages if not LMFiles.under(self.model_dir, lang).exist()]

    def setup(self) -> None:
        if self._models:
            return
        missing = self.missing_models()
        if missing:
            raise FileNotFoundError(
                f"no quality LM for {missing} under {self.model_dir}: "
                "run `python -m pipelines.run --stage quality-models` first"
            )
        for lang in self.languages:
            files = LMFiles.under(self.model_dir, lang)
            self._models[lang] = QualityLM(files)
            self._cutoffs[lang] = files.cutoffs()

    def describe(self) -> dict:
        """Per language, the cut-offs applied and where they come from."""
        described = {}
        for lang in self.languages:
            files = LMFiles.under(self.model_dir, lang)
            info = files.read_info()
            described[lang] = {k: info[k] for k in ("cutoffs", "cutoffs_from", "warning")
                               if k in info}  # fmt: skip
            described[lang]["files"] = {
                model_files.basename(path): file_checksum(model_files.local(path))
                for path in (files.sentencepiece, files.kenlm)
            }
        return {"models": described}

    def apply(self, doc: Document) -> Outcome:
        self.setup()
        language = doc.meta.get("language")
        model = self._models.get(language)
        if model is None:
            return self.reject(doc, "no_model")
        perplexity = model.perplexity(doc.text)
        bucket = bucket_of(perplexity, *self._cutoffs[language])
        doc.meta["perplexity"] = perplexity
        doc.meta["bucket"] = bucket
        if bucket not in self.keep_buckets:
            return self.reject(doc, f"bucket_{bucket}")
        return doc
