"""CCNet's line deduplication as a global Beam stage over the whole input.

1. Each batch of documents finds its own repeats (every occurrence of a line hash but the
   batch's first is a removal, whatever the rest of the corpus holds) and is parked in a file
   with them (pipelines/park.py) under a group id. Only the batch's first occurrences (hash,
   document key, line number, group) go on, as packed arrays, one per hash bucket.
2. Per bucket, those are sorted; all but the first of each hash (smallest document key, then
   line number) are removals too, sent on packed per group.
3. Per group, the parked documents are read back and rebuilt without their removed lines; a
   document left with no line is dropped (`all_lines_duplicate`).

No key holds more than 1/buckets of the line occurrences or one batch of documents; Beam moves
arrays and file paths, never one element per line nor the documents themselves, so the local
runner's memory grows with the number of distinct lines per batch (28 bytes each), not with
the text. Survivors are chosen by keyed hashes, so the result is the same whatever the runner,
worker count, batching or input order.
"""

from __future__ import annotations

import apache_beam as beam
import numpy as np

from filters.document import Document, Rejection
from filters.line_dedup import (
    OCCURRENCE,
    REMOVAL,
    document_key,
    keep_lines,
    lines_to_remove,
    occurrences,
    split_first,
)
from pipelines.accounting import CountingDoFn
from pipelines.batching import BatchedDoFn
from pipelines.park import PARKED, group_of, park, unpark
from pipelines.steps import REJECTED

STAGE = "line_dedup"
SCOPES = ("global", "file")
OCCURRENCE_NONE = np.empty(0, dtype=OCCURRENCE)


def _salt(doc: Document, scope: str) -> bytes:
    """Lines only collide within the same salt: all of them (`global`) or one input file."""
    if scope == "file":
        return doc.meta.get("source_file", "").encode("utf-8") + b"\0"
    return b""


class _ParkAndEmitOccurrences(BatchedDoFn):
    def __init__(self, scope: str, buckets: int, park_dir: str) -> None:
        self._scope = scope
        self._buckets = buckets
        self._park_dir = park_dir

    def process_list(self, batch: list[Document]):
        group = group_of(doc.id for doc in batch)
        parts = [occurrences(doc.id, doc.text, _salt(doc, self._scope), group) for doc in batch]
        records, repeats = split_first(np.concatenate(parts) if parts else OCCURRENCE_NONE)
        parked = park((batch, repeats.tobytes()), self._park_dir, group)
        yield beam.pvalue.TaggedOutput(PARKED, (group, parked))
        bucket = records["digest"] % np.uint64(self._buckets)
        order = np.argsort(bucket, kind="stable")
        records, bucket = records[order], bucket[order]
        starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]]) if len(bucket) else []
        ends = [*starts[1:], len(bucket)]
        for start, end in zip(starts, ends, strict=True):
            yield int(bucket[start]), records[start:end].tobytes()


def _removals(keyed):
    """Per bucket: the batches' first occurrences that are not the corpus's first, split by
    the group of their document."""
    _, chunks = keyed
    records = np.concatenate([np.frombuffer(chunk, dtype=OCCURRENCE) for chunk in chunks])
    _, removed = split_first(records)
    for group in np.unique(removed["group"]):
        yield int(group), removed[removed["group"] == group].tobytes()


class _Rebuild(CountingDoFn):
    def process(self, joined):
        _, grouped = joined
        for path in grouped["parked"]:
            docs, repeats = unpark(path)
            removals = lines_to_remove(
                np.frombuffer(chunk, dtype=REMOVAL) for chunk in [repeats, *grouped["removed"]]
            )
            for doc in docs:
                yield self._rebuild(doc, removals.get(document_key(doc.id), set()))

    def _rebuild(self, doc: Document, removed: set[int]):
        self._counters.entered(STAGE)
        doc.text, lines_in, line_ids = keep_lines(doc.text, removed)
        kept = len(line_ids)
        doc.meta["nlines"] = kept
        doc.meta["length"] = len(doc.text)
        doc.meta["line_ids"] = line_ids
        self._counters.metric(STAGE, "lines_in", lines_in)
        self._counters.metric(STAGE, "lines_kept", kept)
        if kept == 0:
            return self.drop(Rejection(doc, STAGE, "all_lines_duplicate"))
        return self.keep(STAGE, doc)


class LineDedup(beam.PTransform):
    """Remove every line whose normalised form occurs in an earlier document (by keyed document
    order) or earlier in the same document, over the whole input (`global` scope) or within each
    input file (`file` scope). Documents wait in `park_dir` (removed by the caller when the run
    ends). Outputs a tagged result with `kept` and `REJECTED`."""

    def __init__(self, source: str, park_dir: str, scope: str = "global", buckets: int = 256):
        super().__init__()
        if scope not in SCOPES:
            raise ValueError(f"line dedup scope must be one of {SCOPES}, not {scope!r}")
        self._source = source
        self._park_dir = park_dir
        self._scope = scope
        self._buckets = buckets

    def expand(self, docs):
        emitted = docs | "Park and hash" >> beam.ParDo(
            _ParkAndEmitOccurrences(self._scope, self._buckets, self._park_dir)
        ).with_outputs(PARKED, main="occurrences")
        removed = (
            emitted.occurrences
            | "By bucket" >> beam.GroupByKey()
            | "Removals" >> beam.FlatMap(_removals)
        )
        return (
            {"parked": emitted[PARKED], "removed": removed}
            | "Join" >> beam.CoGroupByKey()
            | "Rebuild" >> beam.ParDo(_Rebuild(self._source)).with_outputs(REJECTED, main="kept")
        )
