"""Keep one document per key, as a global Beam stage: exact dedup (key: content hash, smallest
id survives) and URL dedup (key: normalised URL, newest page survives, then smallest id).

Each batch of documents is parked in a file under a group id (pipelines/park.py). Keys travel
packed: a worker keeps, per key, the best (rank, group) of what it has read, and sends them on
every `FLUSH_KEYS` keys and at bundle end as one pickled list per key bucket, so Beam handles a
few elements per thousands of documents, and a key shared by a million documents costs one
entry per flush. Per bucket, the best of each key wins; survivor ids then go to their group,
which is read back: every other document with the key is dropped, and so is a second document
carrying a survivor's very id (the same input read twice). Beam never moves the documents.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

import apache_beam as beam

from filters.document import Document, Rejection
from filters.urls import normalize_url
from pipelines.accounting import CountingDoFn
from pipelines.batching import BatchedDoFn, in_global_window
from pipelines.park import PARKED, group_of, park, unpark
from pipelines.steps import REJECTED

KEY_BUCKETS = 256  # a bucket's call holds 1/256 of the distinct keys (C4's 365M URLs: 1.4M)
# A worker sends its gathered keys on once it holds this many. Each held key costs ~250 bytes
# of small Python objects: at 65,536 a reading worker held ~17 MB of them between flushes, and
# its peak on a multistream dump grew with the dump until the first flush (255 MB at 31k pages,
# 275 at 125k); at 8,192 it peaked at 250 on the 125k (bench/RESULTS.md).
FLUSH_KEYS = 8_192


def key_bucket(key: Any, buckets: int) -> int:
    """The bucket of a key (a string, bytes, or a tuple of them): CRC-32 of its repr, the
    same in every process."""
    return zlib.crc32(repr(key).encode("utf-8", "surrogatepass")) % buckets


class _Best:
    """Of two (rank, group) candidates, the one whose rank `choose` picks."""

    def __init__(self, choose: Callable[[Iterable[tuple]], tuple]) -> None:
        self._choose = choose

    def __call__(self, held: tuple[tuple, int], other: tuple[tuple, int]) -> tuple[tuple, int]:
        return held if self._choose((held[0], other[0])) == held[0] else other

    def offer(self, winners: dict, key: Any, candidate: tuple[tuple, int]) -> None:
        """Make `candidate` the key's winner when it has none yet or beats the one it has."""
        held = winners.get(key)
        winners[key] = candidate if held is None else self(held, candidate)


class _ParkAndKey(BatchedDoFn):
    """Parks each list of documents; gathers the best (rank, group) per key and sends them as
    `(bucket, pickled [(key, rank, group)])`."""

    def __init__(
        self, park_dir: str, key: Callable, rank: Callable, best: _Best, buckets: int
    ) -> None:
        self._park_dir = park_dir
        self._key = key
        self._rank = rank
        self._best = best
        self._buckets = buckets

    def start_bundle(self) -> None:
        self._gathered: dict[Any, tuple[tuple, int]] = {}
        super().start_bundle()

    def process_list(self, batch: list[Document]):
        group = group_of(doc.id for doc in batch)
        yield beam.pvalue.TaggedOutput(PARKED, (group, park(batch, self._park_dir, group)))
        for doc in batch:
            key = self._key(doc) or ("id", doc.id)
            self._best.offer(self._gathered, key, (self._rank(doc), group))
        if len(self._gathered) >= FLUSH_KEYS:
            yield from self._flush()

    def finish_bundle(self):
        yield from super().finish_bundle()
        for item in self._flush():
            yield in_global_window(item)

    def _flush(self):
        gathered, self._gathered = self._gathered, {}
        by_bucket: dict[int, list[tuple]] = defaultdict(list)
        for key, (rank, group) in gathered.items():
            by_bucket[key_bucket(key, self._buckets)].append((key, rank, group))
        for bucket in sorted(by_bucket):
            yield bucket, pickle.dumps(by_bucket[bucket], pickle.HIGHEST_PROTOCOL)


def _survivors(keyed, best: _Best):
    """Per bucket: the best of each key over every worker's lists, as `(group, [ids])`."""
    _, chunks = keyed
    winners: dict[Any, tuple[tuple, int]] = {}
    for chunk in chunks:
        for key, rank, group in pickle.loads(chunk):
            best.offer(winners, key, (rank, group))
    ids_by_group: dict[int, list[str]] = defaultdict(list)
    for rank, group in winners.values():
        ids_by_group[group].append(rank[-1])
    yield from ids_by_group.items()


class _KeepSurvivors(CountingDoFn):
    def __init__(self, source: str, stage: str, reason: str) -> None:
        super().__init__(source)
        self._stage = stage
        self._reason = reason

    def process(self, joined):
        _, grouped = joined
        survivors = set(chain.from_iterable(grouped["survivors"]))
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
    None is its own key. Keys are decided in `buckets` groups; documents wait in `park_dir`.
    Outputs `kept` and `REJECTED`."""

    def __init__(
        self,
        source: str,
        park_dir: str,
        stage: str,
        reason: str,
        key: Callable[[Document], Any],
        rank: Callable[[Document], tuple],
        choose: Callable[[Iterable[tuple]], tuple],
        buckets: int = KEY_BUCKETS,
    ) -> None:
        super().__init__()
        self._source, self._park_dir, self._stage, self._reason = source, park_dir, stage, reason
        self._key, self._rank, self._choose = key, rank, choose
        self._buckets = buckets

    def expand(self, docs):
        best = _Best(self._choose)
        keyed = docs | "Park and key" >> beam.ParDo(
            _ParkAndKey(self._park_dir, self._key, self._rank, best, self._buckets)
        ).with_outputs(PARKED, main="keys")
        survivors = (
            keyed.keys
            | "By bucket" >> beam.GroupByKey()
            | "Survivors" >> beam.FlatMap(_survivors, best)
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
