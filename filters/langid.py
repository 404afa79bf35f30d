"""Language identification with fastText `lid.176` (CCNet's step: top label, score >= 0.5)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from filters.document import Document
from filters.fasttext_util import installed_lid_model, load_fasttext
from filters.step import Outcome, Step

_LABEL_PREFIX = "__label__"


class LanguageID(Step):
    """Label each document's language; keep it if the label is confident and wanted.

    Records `language` and `language_score` in `meta`. Drops with reason `low_confidence` when the
    top score is under `threshold`, and `other_language` when the language is not in `languages`
    (None keeps every language).
    """

    name = "lid"

    def __init__(
        self,
        languages: Sequence[str] | None = ("en",),
        threshold: float = 0.5,
        model_path: str | Path | None = None,
    ) -> None:
        self.languages = frozenset(languages) if languages is not None else None
        self.threshold = threshold
        self.model_path = model_path
        self._model = None

    def setup(self) -> None:
        if self._model is None:
            self._model = load_fasttext(self.model_path or installed_lid_model())

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        """(language, score) of the top label for each text (newlines are flattened first)."""
        self.setup()
        flat = [text.replace("\n", " ") for text in texts]
        labels, scores = self._model.predict(flat, k=1)
        return [
            (label[0].removeprefix(_LABEL_PREFIX), round(float(score[0]), 4))
            for label, score in zip(labels, scores, strict=True)
        ]

    def apply(self, doc: Document) -> Outcome:
        return self.apply_batch([doc])[0]

    def apply_batch(self, docs: list[Document]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for doc, (language, score) in zip(docs, self.predict([d.text for d in docs]), strict=True):
            doc.meta["language"] = language
            doc.meta["language_score"] = score
            if score < self.threshold:
                outcomes.append(self.reject(doc, "low_confidence"))
            elif self.languages is not None and language not in self.languages:
                outcomes.append(self.reject(doc, "other_language"))
            else:
                outcomes.append(doc)
        return outcomes
