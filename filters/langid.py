"""Language identification with fastText `lid.176` (CCNet's step: top label, score >= 0.5).

Some labels lid.176 cannot tell apart (Croatian, Serbian, Bosnian and Serbo-Croatian; Indonesian
and Malay; the two written Norwegians): on a paragraph of one of them it spreads its probability
over the group, so no single label may reach the threshold although the group is sure. With
`groups` given, the probabilities of a group's labels are summed before the threshold: the
document gets the member's label when the member alone is sure, else the group's name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from filters import model_files
from filters.checksum import file_checksum
from filters.document import Document
from filters.fasttext_util import installed_lid_model, load_fasttext
from filters.step import Outcome, Step

_LABEL_PREFIX = "__label__"
_TOP_LABELS = 8  # enough for every group's members to be seen beside the top label


class LanguageID(Step):
    """Label each document's language; keep it if the label is confident and wanted.

    Records `language` and `language_score` in `meta`. Drops with reason `low_confidence` when the
    best label's (or group's) score is under `threshold`, and `other_language` when the language
    is not in `languages` (None keeps every language; a group is wanted when one of its members
    is). fastText reads one line, so a document's newlines are replaced by `line_joiner` first:
    a space by default; CommonCrawl passes "" to score as cc_net's Classifier does (it deletes
    them, which glues the last word of a line to the first of the next). Scores are rounded to
    `decimals` (as numpy rounds) before the threshold, and recorded so.
    """

    name = "lid"

    def __init__(
        self,
        languages: Sequence[str] | None = ("en",),
        threshold: float = 0.5,
        model_path: str | Path | None = None,
        groups: Mapping[str, Sequence[str]] | None = None,
        line_joiner: str = " ",
        decimals: int = 4,
    ) -> None:
        self.languages = frozenset(languages) if languages is not None else None
        self.threshold = threshold
        self.model_path = model_path
        self.groups = {name: tuple(members) for name, members in (groups or {}).items()}
        self._group_of = {member: name for name, members in self.groups.items()
                          for member in members}  # fmt: skip
        self.line_joiner = line_joiner
        self.decimals = decimals
        self._model = None

    def setup(self) -> None:
        if self._model is None:
            self._model = load_fasttext(self._local_model())

    def _local_model(self) -> Path:
        """The model file on this machine: the given one (copied once if it is a URL), or
        the installed lid.176."""
        return model_files.local(self.model_path) if self.model_path else installed_lid_model()

    def describe(self) -> dict:
        """The model used (name and checksum) and the label groups."""
        path = self._local_model()
        return {"model": {"name": model_files.basename(self.model_path or path),
                          "checksum": file_checksum(path)},
                "groups": self.groups}  # fmt: skip

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        """(language or group, score) of the best label for each text, group probabilities
        summed (newlines replaced by `line_joiner` first)."""
        self.setup()
        flat = [text.replace("\n", self.line_joiner) for text in texts]
        if not self.groups:
            labels, scores = self._model.predict(flat, k=1)
            return [(label[0].removeprefix(_LABEL_PREFIX), self._rounded(score[0]))
                    for label, score in zip(labels, scores, strict=True)]  # fmt: skip
        labels, scores = self._model.predict(flat, k=_TOP_LABELS)
        return [self._best(label, score) for label, score in zip(labels, scores, strict=True)]

    def _best(self, labels: Sequence[str], scores: Sequence[float]) -> tuple[str, float]:
        """The top label, or its group when the label alone is under the threshold and the
        group's summed probability beats every other label."""
        top = labels[0].removeprefix(_LABEL_PREFIX)
        top_score = self._rounded(scores[0])
        if top_score >= self.threshold:
            return top, top_score
        summed: dict[str, float] = {}
        for label, score in zip(labels, scores, strict=True):
            language = label.removeprefix(_LABEL_PREFIX)
            key = self._group_of.get(language, language)
            summed[key] = summed.get(key, 0.0) + float(score)
        best = max(summed, key=summed.__getitem__)
        if best in self.groups and summed[best] > float(scores[0]):
            return best, self._rounded(summed[best])
        return top, top_score

    def _rounded(self, score: float) -> float:
        """`score` rounded as cc_net rounds fastText's float32 scores (numpy's rounding, in
        their own precision), as the double nearest that decimal."""
        return round(float(np.round(score, self.decimals)), self.decimals)

    def wanted(self, language: str) -> bool:
        """Whether a document labelled `language` (a label or a group) is kept."""
        if self.languages is None or language in self.languages:
            return True
        return any(member in self.languages for member in self.groups.get(language, ()))

    def apply(self, doc: Document) -> Outcome:
        return self.apply_batch([doc])[0]

    def apply_batch(self, docs: list[Document]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for doc, (language, score) in zip(docs, self.predict([d.text for d in docs]), strict=True):
            doc.meta["language"] = language
            doc.meta["language_score"] = score
            if score < self.threshold:
                outcomes.append(self.reject(doc, "low_confidence"))
            elif not self.wanted(language):
                outcomes.append(self.reject(doc, "other_language"))
            else:
                outcomes.append(doc)
        return outcomes
