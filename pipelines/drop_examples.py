"""A few examples of every drop reason, gathered in every run for the report.

Each worker keeps, per (step, reason), the rejected documents with the smallest ids it has seen
and sends them at the end of its bundle; a global pick keeps the smallest of those. So the
examples are the same whatever the runner or batching, and the cost is a comparison per
rejection, not a shuffle of rejected documents (those are written only with --keep-rejected).
"""

from __future__ import annotations

import bisect
import json

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems

from filters.document import Rejection
from pipelines.batching import in_global_window
from pipelines.files import write_atomically

EXAMPLES_PER_REASON = 3
EXCERPT_CHARS = 300


def excerpt(rejection: Rejection) -> str:
    """The start of the rejected text, or, for a document without text (an unreadable file
    or record), what went wrong."""
    doc = rejection.document
    return doc.text[:EXCERPT_CHARS] if doc.text else str(doc.meta.get("detail") or "")


class _SmallestIdsPerReason(beam.DoFn):
    """Rejections in; per bundle, `((step, reason), (id, excerpt))` for the smallest ids."""

    def start_bundle(self) -> None:
        self._smallest: dict[tuple[str, str], list[str]] = {}
        self._ceiling: dict[tuple[str, str], str] = {}  # the largest id kept, once full
        self._rejections: dict[tuple[tuple[str, str], str], Rejection] = {}

    def process(self, rejection: Rejection):
        key = (rejection.step, rejection.reason)
        doc_id = rejection.document.id
        if key in self._ceiling and doc_id >= self._ceiling[key]:
            return ()  # the common case, kept cheap: most rejections are not examples
        ids = self._smallest.setdefault(key, [])
        if doc_id in ids:
            return ()
        bisect.insort(ids, doc_id)
        self._rejections[key, doc_id] = rejection
        if len(ids) > EXAMPLES_PER_REASON:
            del self._rejections[key, ids.pop()]
        if len(ids) == EXAMPLES_PER_REASON:
            self._ceiling[key] = ids[-1]
        return ()

    def finish_bundle(self):
        for key, ids in self._smallest.items():
            for doc_id in ids:
                example = (doc_id, excerpt(self._rejections[key, doc_id]))
                yield in_global_window((key, example))


def _write(examples: list, path: str) -> None:
    by_reason = {
        f"{step}/{reason}": [{"id": doc_id, "excerpt": text} for doc_id, text in smallest]
        for (step, reason), smallest in sorted(examples)
    }
    write_atomically(path, json.dumps(by_reason, indent=1, ensure_ascii=False).encode("utf-8"))


def write_drop_examples(rejections: list[beam.PCollection], path: str) -> None:
    """Write `{"step/reason": [{"id", "excerpt"}, ...]}` (the smallest ids, at most
    EXAMPLES_PER_REASON each) of the rejection PCollections as JSON to `path`. Each is sampled
    where it is made; only the few examples are brought together (flattening the rejections
    themselves would move every rejected document between stages)."""
    few = [pcoll | f"Drop examples {n}" >> beam.ParDo(_SmallestIdsPerReason())
           for n, pcoll in enumerate(rejections)]  # fmt: skip
    (
        few
        | "Drop examples together" >> beam.Flatten()
        | "Drop examples per reason" >> beam.combiners.Top.SmallestPerKey(EXAMPLES_PER_REASON)
        | "Drop examples listed" >> beam.combiners.ToList()
        | "Write drop examples" >> beam.Map(_write, path)
    )


def read_examples(path: str) -> dict[str, list[dict]]:
    """The examples a run wrote to `path` (none when it dropped nothing)."""
    if not FileSystems.exists(path):
        return {}
    with FileSystems.open(path) as handle:
        return json.loads(handle.read().decode("utf-8"))
