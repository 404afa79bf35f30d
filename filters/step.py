"""The step contract: a named, Beam-free map from a document to a document or a rejection."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from filters.document import Document, Rejection

Outcome = Document | Rejection


class Step:
    """Base class of every per-document step.

    Subclasses set `name`, load models in `setup()` (called once per worker, never at pickling
    time) and implement `apply()`. `apply_batch()` may be overridden where a model is faster on
    batches (fastText, KenLM); it must return one outcome per input, in order.
    """

    name: str = "step"

    def setup(self) -> None:
        """Load models or other heavy state; the default has none."""

    def apply(self, doc: Document) -> Outcome:
        """Return the (possibly changed) document, or a rejection made with `self.reject`."""
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        """What the run's stats say of this step beside its counts (its model, its figures,
        a warning when it cannot do its job); read where the run is launched."""
        return {}

    def apply_batch(self, docs: list[Document]) -> list[Outcome]:
        """Apply the step to several documents at once; by default one at a time."""
        return [self.apply(doc) for doc in docs]

    def reject(self, doc: Document, reason: str) -> Rejection:
        """Make this step's rejection of `doc`."""
        return Rejection(doc, self.name, reason)


@dataclass(frozen=True, slots=True)
class GlobalStage:
    """A recipe entry that needs every document at once (dedup); `pipelines/` implements it."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)
    stages: tuple[str, ...] = ()  # the funnel stages it counts, when not just `name`

    @property
    def funnel_stages(self) -> tuple[str, ...]:
        """The names this entry adds to the funnel, in order."""
        return self.stages or (self.name,)
