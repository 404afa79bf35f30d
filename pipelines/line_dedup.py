"""Line deduplication (cc_net's and C4's) as a global Beam stage over the whole input; the
rules are in filters/line_dedup.py.

1. Each batch of documents is parked in a file (pipelines/park.py) under a group id, with its
   line occurrences. What goes on is one HELD record per distinct line hash of the batch (hash,
   group, how many of its documents hold it, its first occurrence), as packed arrays, one per
   hash bucket.
2. Per bucket, the records of each hash are compared; a group that must remove a hash it
   cannot judge alone is told so (the hashes, packed per group).
3. Per group, the parked documents are read back and rebuilt without their duplicated lines; a
   document left with no line is dropped (`all_lines_duplicate`).

No key holds more than 1/buckets of the hashes or one batch of documents; Beam moves arrays and
file paths, never one element per line nor the documents themselves, so the local runner's
memory grows with the number of distinct lines per batch (32 bytes each), not with the text.
The result is the same whatever the runner, worker count, batching or input order.
"""

from __future__ import annotations

import apache_beam as beam
import numpy as np

from filters.document import Document, Rejection
from filters.line_dedup import (
    DIGEST,
    HELD,
    KEEP,
    OCCURRENCE,
    document_key,
    duplicates_to_tell,
    held,
    keep_lines,
    lines_to_remove,
    occurrences,
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
        parts = [occurrences(doc.id, doc.text, _salt(doc, self._scope)) for doc in batch]
        records = np.concatenate(parts) if parts else OCCURRENCE_NONE
        parked = park((batch, records.tobytes()), self._park_dir, group)
        yield beam.pvalue.TaggedOutput(PARKED, (group, parked))
        hashes = held(records, group)
        bucket = hashes["digest"] % np.uint64(self._buckets)
        order = np.argsort(bucket, kind="stable")
        hashes, bucket = hashes[order], bucket[order]
        starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]]) if len(bucket) else []
        ends = [*starts[1:], len(bucket)]
        for start, end in zip(starts, ends, strict=True):
            yield int(bucket[start]), hashes[start:end].tobytes()


def _duplicates(keyed, keep: str):
    """Per bucket: for each group, the hashes it must remove that it cannot judge alone."""
    _, chunks = keyed
    records = np.concatenate([np.frombuffer(chunk, dtype=HELD) for chunk in chunks])
    for group, digests in duplicates_to_tell(records, keep):
        yield group, digests.tobytes()


class _Rebuild(CountingDoFn):
    def __init__(self, source: str, keep: str) -> None:
        super().__init__(source)
        self._keep = keep

    def process(self, joined):
        _, grouped = joined
        chunks = [np.frombuffer(chunk, dtype=DIGEST) for chunk in grouped["removed"]]
        told = np.concatenate(chunks) if chunks else np.empty(0, dtype=DIGEST)
        for path in grouped["parked"]:
            docs, records = unpark(path)
            removals = lines_to_remove(np.frombuffer(records, dtype=OCCURRENCE), told, self._keep)
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
    """Remove every line whose normalised form occurs in two documents or more, from all of
    them (`keep="none"`, cc_net) or from all but the first (`keep="one"`, C4), and its repeats
    inside one document, over the whole input (`global` scope) or within each input file
    (`file` scope). Documents wait in `park_dir` (removed by the caller when the run ends).
    Outputs a tagged result with `kept` and `REJECTED`."""

    def __init__(
        self,
        source: str,
        park_dir: str,
        scope: str = "global",
        keep: str = "none",
        buckets: int = 256,
    ):
        super().__init__()
        if scope not in SCOPES:
            raise ValueError(f"line dedup scope must be one of {SCOPES}, not {scope!r}")
        if keep not in KEEP:
            raise ValueError(f"line dedup keep must be one of {KEEP}, not {keep!r}")
        self._keep = keep
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
            | "Duplicates" >> beam.FlatMap(_duplicates, self._keep)
        )
        return (
            {"parked": emitted[PARKED], "removed": removed}
            | "Join" >> beam.CoGroupByKey()
            | "Rebuild"
            >> beam.ParDo(_Rebuild(self._source, self._keep)).with_outputs(REJECTED, main="kept")
        )
