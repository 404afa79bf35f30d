"""Keep one document per key, as a global Beam stage: exact dedup (key: content hash, smallest
id survives) and URL dedup (key: normalised URL, newest page survives, then smallest id).

Per key, the survivor is picked with a combiner (a key shared by a million documents costs one
small value per worker). Documents are then joined with the surviving ids of their partition;
every other document with the key is dropped, and so is a second document carrying a survivor's
very id (the same input read twice).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

import apache_beam as beam

from filters.document import Document, Rejection
from filters.line_dedup import document_key
from filters.urls import normalize_url
from pipelines.accounting import CountingDoFn
from pipelines.steps import REJECTED


class _KeepSurvivors(CountingDoFn):
    def __init__(self, source: str, stage: str, reason: str) -> None:
        super().__init__(source)
        self._stage = stage
        self._reason = reason

    def process(self, joined):
        _, grouped = joined
        survivors = set(grouped["survivors"])
        for doc in sorted(grouped["docs"], key=lambda d: d.id):
            self._counters.entered(self._stage)
            if doc.id in survivors:
                survivors.discard(doc.id)
                yield self.keep(self._stage, doc)
            else:
                yield self.drop(Rejection(doc, self._stage, self._reason))


class KeepOnePerKey(beam.PTransform):
    """Keep, per `key(doc)`, the document whose `rank(doc)` (a tuple ending in the id) wins
    under `choose`, an associative and commutative pick over ranks. A document whose key is
    None is its own key. Outputs `kept` and `REJECTED`."""

    def __init__(
        self,
        source: str,
        stage: str,
        reason: str,
        key: Callable[[Document], Any],
        rank: Callable[[Document], tuple],
        choose: Callable[[Iterable[tuple]], tuple],
        partitions: int = 256,
    ) -> None:
        super().__init__()
        self._source, self._stage, self._reason = source, stage, reason
        self._key, self._rank, self._choose = key, rank, choose
        self._partitions = partitions

    def expand(self, docs):
        partitions = self._partitions
        key, rank = self._key, self._rank

        def partition(doc_id: str) -> int:
            return document_key(doc_id)[0] % partitions

        survivors = (
            docs
            | "Key" >> beam.Map(lambda doc: ((key(doc) or ("id", doc.id)), rank(doc)))
            | "Survivor" >> beam.CombinePerKey(self._choose)
            | "Survivor partition" >> beam.Map(lambda kv: (partition(kv[1][-1]), kv[1][-1]))
        )
        keyed_docs = docs | "Doc partition" >> beam.Map(lambda doc: (partition(doc.id), doc))
        keep = _KeepSurvivors(self._source, self._stage, self._reason)
        return (
            {"docs": keyed_docs, "survivors": survivors}
            | "Join" >> beam.CoGroupByKey()
            | "Keep" >> beam.ParDo(keep).with_outputs(REJECTED, main="kept")
        )


def content_hash(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8", errors="surrogatepass")).digest()


def _smallest(ranks: Iterable[tuple]) -> tuple:
    return min(ranks)


def _newest(ranks: Iterable[tuple]) -> tuple:
    """(timestamp, id): the latest timestamp, then the smallest id."""
    ranks = list(ranks)
    latest = max(timestamp for timestamp, _ in ranks)
    return min(r for r in ranks if r[0] == latest)


def ExactDedup(source: str, partitions: int = 256) -> KeepOnePerKey:  # noqa: N802
    """One document per distinct text: the smallest id survives (`duplicate_content`)."""
    return KeepOnePerKey(source, "exact_dedup", "duplicate_content",
                         key=lambda doc: content_hash(doc.text), rank=lambda doc: (doc.id,),
                         choose=_smallest, partitions=partitions)  # fmt: skip


def UrlDedup(source: str, partitions: int = 256) -> KeepOnePerKey:  # noqa: N802
    """One page per normalised URL: the newest (`timestamp` meta) survives, ties to the
    smallest id (`duplicate_url`), as C4 kept the latest crawl of a URL."""
    return KeepOnePerKey(source, "url_dedup", "duplicate_url",
                         key=lambda doc: normalize_url(doc.meta.get("url") or ""),
                         rank=lambda doc: (doc.meta.get("timestamp") or "", doc.id),
                         choose=_newest, partitions=partitions)  # fmt: skip
