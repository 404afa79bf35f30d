"""Exact deduplication by content hash, as a global Beam stage.

Per distinct content hash the smallest document id survives, found with a combiner (a text
copied a million times costs one small value per worker). Documents are then joined with the
surviving ids of their partition; every other copy is dropped (`duplicate_content`), and so is a
second document carrying a survivor's very id (the same input read twice).
"""

from __future__ import annotations

import hashlib

import apache_beam as beam

from filters.document import Rejection
from filters.line_dedup import document_key
from pipelines.accounting import StageCounters
from pipelines.steps import REJECTED

STAGE = "exact_dedup"


def content_hash(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8", errors="surrogatepass")).digest()


class _KeepSurvivors(beam.DoFn):
    def __init__(self, source: str) -> None:
        self._source = source
        self._counters: StageCounters | None = None

    def setup(self) -> None:
        self._counters = StageCounters(self._source)

    def process(self, joined):
        _, grouped = joined
        survivors = set(grouped["survivors"])
        for doc in sorted(grouped["docs"], key=lambda d: d.id):
            self._counters.entered(STAGE)
            if doc.id in survivors:
                survivors.discard(doc.id)
                self._counters.kept(STAGE)
                yield doc
            else:
                self._counters.dropped(STAGE, "duplicate_content")
                yield beam.pvalue.TaggedOutput(REJECTED, Rejection(doc, STAGE, "duplicate_content"))


class ExactDedup(beam.PTransform):
    """Keep one document per distinct text (the smallest id). Outputs `kept` and `REJECTED`."""

    def __init__(self, source: str, partitions: int = 256) -> None:
        super().__init__()
        self._source = source
        self._partitions = partitions

    def expand(self, docs):
        partitions = self._partitions

        def by_partition(doc_id: str) -> tuple[int, str]:
            return document_key(doc_id)[0] % partitions, doc_id

        survivors = (
            docs
            | "Hash" >> beam.Map(lambda doc: (content_hash(doc.text), doc.id))
            | "Smallest id" >> beam.CombinePerKey(min)
            | "Survivor partition" >> beam.Map(lambda kv: by_partition(kv[1]))
        )
        keyed_docs = docs | "Doc partition" >> beam.Map(lambda doc: (by_partition(doc.id)[0], doc))
        return (
            {"docs": keyed_docs, "survivors": survivors}
            | "Join" >> beam.CoGroupByKey()
            | "Keep" >> beam.ParDo(_KeepSurvivors(self._source)).with_outputs(REJECTED, main="kept")
        )
