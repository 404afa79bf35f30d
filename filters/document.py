"""The document record every stage passes along, and the rejection a step returns instead."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Document:
    """One unit of text: `id` is stable (derived from the input), `meta` holds per-source fields."""

    id: str
    source: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    def __reduce__(self):
        # A slotted dataclass pickles through Python-level __getstate__/__setstate__; the
        # constructor and its arguments pickle in C, in about two thirds of the time.
        return Document, (self.id, self.source, self.text, self.meta)


@dataclass(slots=True, frozen=True)
class Rejection:
    """A document a step refused, with the step's name and a short machine-readable reason."""

    document: Document
    step: str
    reason: str

    def __reduce__(self):  # as Document's
        return Rejection, (self.document, self.step, self.reason)
