"""CCNet's line deduplication as a global Beam stage over the whole input.

Each non-blank line is keyed by the hash of its normalised form; per hash the smallest
(document id, line number) survives, found with a combiner, so a line repeated a million times
costs one small value per worker rather than a million-entry list on one key. Documents are
then rebuilt from their surviving lines; one left with none is dropped (`all_lines_duplicate`).
"""

from __future__ import annotations

import apache_beam as beam

from filters.document import Document, Rejection
from filters.line_dedup import keep_lines, line_hashes
from pipelines.accounting import StageCounters
from pipelines.steps import REJECTED

STAGE = "line_dedup"


SCOPES = ("global", "file")


def _line_occurrences(doc: Document, scope: str):
    """(dedup key, (document id, line number)) per line; the key carries the file in `file`
    scope, so lines only collide with lines of the same input file (cc_net's shard groups)."""
    group = doc.meta.get("source_file", "") if scope == "file" else ""
    for number, digest in line_hashes(doc.text):
        yield (group, digest), (doc.id, number)


class _Rebuild(beam.DoFn):
    def __init__(self, source: str) -> None:
        self._source = source
        self._counters: StageCounters | None = None

    def setup(self) -> None:
        self._counters = StageCounters(self._source)

    def process(self, joined):
        _, grouped = joined
        docs = list(grouped["doc"])
        if not docs:
            return
        doc: Document = docs[0]
        self._counters.entered(STAGE)
        keep = set(grouped["lines"])
        self._counters.metric(STAGE, "lines_in", doc.meta.get("original_nlines", 0))
        self._counters.metric(STAGE, "lines_kept", len(keep))
        doc.text = keep_lines(doc.text, keep)
        doc.meta["nlines"] = len(keep)
        doc.meta["length"] = len(doc.text)
        if not keep:
            self._counters.dropped(STAGE, "all_lines_duplicate")
            yield beam.pvalue.TaggedOutput(REJECTED, Rejection(doc, STAGE, "all_lines_duplicate"))
            return
        self._counters.kept(STAGE)
        yield doc


class LineDedup(beam.PTransform):
    """Remove every line whose normalised form appeared earlier (by document id, line number)
    in the input (`global` scope) or in the same input file (`file` scope). Outputs a tagged
    result with `kept` and `REJECTED`."""

    def __init__(self, source: str, scope: str = "global") -> None:
        super().__init__()
        if scope not in SCOPES:
            raise ValueError(f"line dedup scope must be one of {SCOPES}, not {scope!r}")
        self._source = source
        self._scope = scope

    def expand(self, docs):
        survivors = (
            docs
            | "Line hashes" >> beam.FlatMap(_line_occurrences, self._scope)
            | "First occurrence" >> beam.CombinePerKey(min)
            | "By document" >> beam.Values()
        )
        by_id = docs | "Key by id" >> beam.Map(lambda doc: (doc.id, doc))
        return (
            {"doc": by_id, "lines": survivors}
            | "Join" >> beam.CoGroupByKey()
            | "Rebuild" >> beam.ParDo(_Rebuild(self._source)).with_outputs(REJECTED, main="kept")
        )
