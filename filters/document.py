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


@dataclass(slots=True, frozen=True)
class Rejection:
    """A document a step refused, with the step's name and a short machine-readable reason."""

    document: Document
    step: str
    reason: str
