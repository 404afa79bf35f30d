"""A minimum length applied again after a step that shortens documents (CCNet's line dedup)."""

from __future__ import annotations

from filters.document import Document
from filters.step import Outcome, Step


class MinLength(Step):
    """Drop documents under `min_length` characters (reason `too_short`): a page that line dedup
    left with a sentence or two of its boilerplate is not a page to score and keep."""

    name = "min_length"

    def __init__(self, min_length: int) -> None:
        self.min_length = min_length

    def apply(self, doc: Document) -> Outcome:
        return doc if len(doc.text) >= self.min_length else self.reject(doc, "too_short")
