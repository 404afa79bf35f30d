"""CCNet's line deduplication as a global Beam stage over the whole input.

1. Batches of documents emit their line occurrences (hash, document key, line number) as packed
   arrays, one per hash bucket.
2. Per bucket, the occurrences are sorted; all but the first of each hash (smallest document
   key, then line number) are removals, sent on packed per document partition.
3. Per partition, documents are joined with their removals and rebuilt; a document left with no
   line is dropped (`all_lines_duplicate`).

No key holds more than 1/buckets of the line occurrences or 1/partitions of the documents, and
Beam moves arrays and documents, not one element per line. Survivors are chosen by keyed hashes,
so the result is the same whatever the runner, worker count or input order.
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
    later_occurrences,
    occurrences,
)
from pipelines.accounting import CountingDoFn
from pipelines.steps import REJECTED

STAGE = "line_dedup"
SCOPES = ("global", "file")


def _salt(doc: Document, scope: str) -> bytes:
    """Lines only collide within the same salt: all of them (`global`) or one input file."""
    if scope == "file":
        return doc.meta.get("source_file", "").encode("utf-8") + b"\0"
    return b""


def partition_of(doc_id: str, partitions: int) -> int:
    return document_key(doc_id)[0] % partitions


class _EmitOccurrences(beam.DoFn):
    def __init__(self, scope: str, buckets: int) -> None:
        self._scope = scope
        self._buckets = buckets

    def process(self, batch: list[Document]):
        parts = [occurrences(doc.id, doc.text, _salt(doc, self._scope)) for doc in batch]
        records = np.concatenate(parts) if parts else np.empty(0, dtype=OCCURRENCE)
        bucket = records["digest"] % np.uint64(self._buckets)
        order = np.argsort(bucket, kind="stable")
        records, bucket = records[order], bucket[order]
        starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]]) if len(bucket) else []
        ends = [*starts[1:], len(bucket)]
        for start, end in zip(starts, ends, strict=True):
            yield int(bucket[start]), records[start:end].tobytes()


def _removals(keyed, partitions: int):
    """Per bucket: the later occurrences, split by the partition of their document."""
    _, chunks = keyed
    records = np.concatenate([np.frombuffer(chunk, dtype=OCCURRENCE) for chunk in chunks])
    removed = later_occurrences(records)
    partition = removed["doc_hi"] % np.uint64(partitions)
    for value in np.unique(partition):
        yield int(value), removed[partition == value].tobytes()


class _Rebuild(CountingDoFn):
    def process(self, joined):
        _, grouped = joined
        removals: dict[tuple[int, int], set[int]] = {}
        for chunk in grouped["removed"]:
            for hi, lo, line in np.frombuffer(chunk, dtype=REMOVAL).tolist():
                removals.setdefault((hi, lo), set()).add(line)
        for doc in grouped["docs"]:
            yield from self._rebuild(doc, removals.get(document_key(doc.id), set()))

    def _rebuild(self, doc: Document, removed: set[int]):
        self._counters.entered(STAGE)
        lines_in = sum(1 for line in doc.text.split("\n") if line.strip())
        doc.text, kept = keep_lines(doc.text, removed)
        doc.meta["nlines"] = kept
        doc.meta["length"] = len(doc.text)
        self._counters.metric(STAGE, "lines_in", lines_in)
        self._counters.metric(STAGE, "lines_kept", kept)
        if kept == 0:
            yield self.drop(Rejection(doc, STAGE, "all_lines_duplicate"))
        else:
            yield self.keep(STAGE, doc)


class LineDedup(beam.PTransform):
    """Remove every line whose normalised form occurs in an earlier document (by keyed document
    order) or earlier in the same document, over the whole input (`global` scope) or within each
    input file (`file` scope). Outputs a tagged result with `kept` and `REJECTED`."""

    def __init__(
        self, source: str, scope: str = "global", buckets: int = 256, partitions: int = 256
    ) -> None:
        super().__init__()
        if scope not in SCOPES:
            raise ValueError(f"line dedup scope must be one of {SCOPES}, not {scope!r}")
        self._source = source
        self._scope = scope
        self._buckets = buckets
        self._partitions = partitions

    def expand(self, docs):
        partitions = self._partitions
        removed = (
            docs
            | "Batch" >> beam.BatchElements(min_batch_size=64, max_batch_size=1024)
            | "Occurrences" >> beam.ParDo(_EmitOccurrences(self._scope, self._buckets))
            | "By bucket" >> beam.GroupByKey()
            | "Removals" >> beam.FlatMap(_removals, partitions)
        )
        keyed_docs = docs | "By partition" >> beam.Map(
            lambda doc: (partition_of(doc.id, partitions), doc)
        )
        return (
            {"docs": keyed_docs, "removed": removed}
            | "Join" >> beam.CoGroupByKey()
            | "Rebuild" >> beam.ParDo(_Rebuild(self._source)).with_outputs(REJECTED, main="kept")
        )
