"""Beam glue for per-document steps: run a sequence of steps over batches, count every outcome,
and send rejections to a tagged output."""

from __future__ import annotations

from collections.abc import Sequence

import apache_beam as beam

from filters.document import Document, Rejection
from filters.step import Step
from pipelines.accounting import REJECTED, CountingDoFn
from pipelines.batching import BatchedDoFn


class ApplySteps(BatchedDoFn, CountingDoFn):
    """Apply steps in order to lists of documents (models score a list at once); kept documents
    go to the main output, rejections to `REJECTED`. Models load once per worker in `setup()`."""

    def __init__(self, source: str, steps: Sequence[Step]) -> None:
        super().__init__(source)
        self._steps = list(steps)

    def setup(self) -> None:
        super().setup()
        for step in self._steps:
            step.setup()

    def process_list(self, batch: list[Document]):
        alive = batch
        for step in self._steps:
            if not alive:
                break
            self._counters.entered(step.name, len(alive))
            survivors = []
            for outcome in step.apply_batch(alive):
                if isinstance(outcome, Rejection):
                    yield self.drop(outcome)
                else:
                    survivors.append(outcome)
            self._counters.kept(step.name, survivors)
            alive = survivors
        yield from alive


def apply_steps(docs, source: str, steps: Sequence[Step], label: str):
    """Run `steps` over `docs`; returns (kept, rejected) PCollections."""
    results = docs | f"Apply {label}" >> beam.ParDo(ApplySteps(source, steps)).with_outputs(
        REJECTED, main="kept"
    )
    return results.kept, results[REJECTED]
