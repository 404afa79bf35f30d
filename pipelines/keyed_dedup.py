"""Keep one document per key, as a global Beam stage: exact dedup (key: content hash, smallest
id survives) and URL dedup (key: normalised URL, newest page survives, then smallest id).

Each batch of documents is parked in a file under a group id (pipelines/park.py); per key, the
survivor is picked with a combiner over small (rank, group) values, so a key shared by a million
documents costs one value per worker. Survivor ids then go to their group, which is read back:
every other document with the key is dropped, and so is a second document carrying a survivor's
very id (the same input read twice). Beam never moves the documents themselves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

import apache_beam as beam

from filters.document import Document, Rejection
from filters.urls import normalize_url
from pipelines.accounting import CountingDoFn
from pipelines.batching import BatchedDoFn
from pipelines.park import PARKED, group_of, park, unpark
from pipelines.steps import REJECTED


class _ParkAndKey(BatchedDoFn):
    def __init__(self, park_dir: str, key: Callable, rank: Callable) -> None:
        self._park_dir = park_dir
        self._key = key
        self._rank = rank

    def process_list(self, batch: list[Document]):
        group = group_of(doc.id for doc in batch)
        yield beam.pvalue.TaggedOutput(PARKED, (group, park(batch, self._park_dir, group)))
        for doc in batch:
            yield (self._key(doc) or ("id", doc.id)), (self._rank(doc), group)


class _Pick:
    """Of (rank, group) values, the one whose rank `choose` picks: a combiner like `choose`."""

    def __init__(self, choose: Callable[[Iterable[tuple]], tuple]) -> None:
        self._choose = choose

    def __call__(self, values: Iterable[tuple[tuple, int]]) -> tuple[tuple, int]:
        by_rank = dict(values)
        winner = self._choose(by_rank)
        return winner, by_rank[winner]


class _KeepSurvivors(CountingDoFn):
    def __init__(self, source: str, stage: str, reason: str) -> None:
        super().__init__(source)
        self._stage = stage
        self._reason = reason

    def process(self, joined):
        _, grouped = joined
        survivors = set(grouped["survivors"])
        docs = [doc for path in grouped["parked"] for doc in unpark(path)]
        for doc in sorted(docs, key=lambda d: d.id):
            self._counters.entered(self._stage)
            if doc.id in survivors:
                survivors.discard(doc.id)
                yield self.keep(self._stage, doc)
            else:
                yield self.drop(Rejection(doc, self._stage, self._reason))


class KeepOnePerKey(beam.PTransform):
    """Keep, per `key(doc)`, the document whose `rank(doc)` (a tuple ending in the id) wins
    under `choose`, an associative and commutative pick over ranks. A document whose key is
    None is its own key. Documents wait in `park_dir`. Outputs `kept` and `REJECTED`."""

    def __init__(
        self,
        source: str,
        park_dir: str,
        stage: str,
        reason: str,
        key: Callable[[Document], Any],
        rank: Callable[[Document], tuple],
        choose: Callable[[Iterable[tuple]], tuple],
    ) -> None:
        super().__init__()
        self._source, self._park_dir, self._stage, self._reason = source, park_dir, stage, reason
        self._key, self._rank, self._choose = key, rank, choose

    def expand(self, docs):
        keyed = docs | "Park and key" >> beam.ParDo(
            _ParkAndKey(self._park_dir, self._key, self._rank)
        ).with_outputs(PARKED, main="keys")
        survivors = (
            keyed.keys
            | "Survivor" >> beam.CombinePerKey(_Pick(self._choose))
            | "To group" >> beam.Map(lambda kv: (kv[1][1], kv[1][0][-1]))
        )
        keep = _KeepSurvivors(self._source, self._stage, self._reason)
        return (
            {"parked": keyed[PARKED], "survivors": survivors}
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


def ExactDedup(source: str, park_dir: str) -> KeepOnePerKey:  # noqa: N802
    """One document per distinct text: the smallest id survives (`duplicate_content`)."""
    return KeepOnePerKey(source, park_dir, "exact_dedup", "duplicate_content",
                         key=lambda doc: content_hash(doc.text), rank=lambda doc: (doc.id,),
                         choose=_smallest)  # fmt: skip


def UrlDedup(source: str, park_dir: str) -> KeepOnePerKey:  # noqa: N802
    """One page per normalised URL: the newest (`timestamp` meta) survives, ties to the
    smallest id (`duplicate_url`), as C4 kept the latest crawl of a URL."""
    return KeepOnePerKey(source, park_dir, "url_dedup", "duplicate_url",
                         key=lambda doc: normalize_url(doc.meta.get("url") or ""),
                         rank=lambda doc: (doc.meta.get("timestamp") or "", doc.id),
                         choose=_newest)  # fmt: skip
