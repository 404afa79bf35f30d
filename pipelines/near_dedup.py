"""Near-duplicate removal for books as a global Beam stage: MinHash LSH proposes candidate
pairs by grouping band keys, a real overlap measure (filters/books.py) confirms them, and in
each cluster of confirmed duplicates only the longest book (ties: smallest id) is kept.

Books wait in files while this is decided (pipelines/park.py): Beam moves their signatures
(length and shingle hashes), never their text. Books are grouped by band key, never gathered on
one worker; only the confirmed duplicate pairs, few by nature, are brought together to form
clusters.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import chain

import apache_beam as beam

from filters.books import minhash_bands, overlap, shingle_hashes
from filters.document import Document, Rejection
from pipelines.accounting import CountingDoFn
from pipelines.batching import BatchedDoFn
from pipelines.park import PARKED, group_of, park, unpark
from pipelines.steps import REJECTED

STAGE = "near_dedup"
BANDS = "bands"  # the tagged output of (band key, [ids of a list's books with it])


class _ParkAndSign(BatchedDoFn):
    """Parks each list of books; emits every book's (id, (length, shingle hashes)), and to
    `BANDS` each LSH band key of the list with the ids of its books that have it (copies of a
    book share all their bands, so a list sends each band once)."""

    def __init__(self, park_dir: str, num_perm: int, bands: int) -> None:
        self._park_dir = park_dir
        self._num_perm = num_perm
        self._bands = bands

    def process_list(self, batch: list[Document]):
        group = group_of(doc.id for doc in batch)
        yield beam.pvalue.TaggedOutput(PARKED, (group, park(batch, self._park_dir, group)))
        ids_by_band: dict[bytes, list[str]] = defaultdict(list)
        for doc in batch:
            shingles = shingle_hashes(doc.text)
            yield doc.id, (len(doc.text), shingles)
            for band in minhash_bands(shingles, self._num_perm, self._bands):
                ids_by_band[band].append(doc.id)
        for band, ids in ids_by_band.items():
            yield beam.pvalue.TaggedOutput(BANDS, (band, ids))


def _candidate_set(keyed):
    """The books sharing one band, as a sorted tuple of ids, when there are two or more."""
    _, id_lists = keyed
    ids = sorted(set(chain.from_iterable(id_lists)))
    if len(ids) > 1:
        yield tuple(ids)


def _star_pairs(ids: tuple[str, ...]):
    """Pair each book of a candidate set with its smallest id (enough to cluster them)."""
    for other in ids[1:]:
        yield ids[0], other


def _attach_first(joined):
    """Send the first book's signature to each book it was paired with."""
    first_id, grouped = joined
    signatures = list(grouped["signature"])
    if not signatures:
        return
    for other in grouped["pairs"]:
        yield other, (first_id, signatures[0])


def _confirm(joined, threshold: float):
    other_id, grouped = joined
    signatures = list(grouped["signature"])
    if not signatures:
        return
    other_length, other_shingles = signatures[0]
    for first_id, (first_length, first_shingles) in grouped["firsts"]:
        score = overlap(first_shingles, other_shingles)
        if score >= threshold:
            yield (first_id, first_length), (other_id, other_length), round(score, 4)


def _resolve_clusters(pairs: list):
    """Union the confirmed pairs; per cluster keep the longest book (ties: smallest id) and
    yield (dropped id, (kept id, best overlap with a cluster member))."""
    parent: dict[str, str] = {}
    lengths: dict[str, int] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    best: dict[str, float] = {}
    for (a, a_len), (b, b_len), score in sorted(pairs):
        lengths[a], lengths[b] = a_len, b_len
        best[a] = max(best.get(a, 0.0), score)
        best[b] = max(best.get(b, 0.0), score)
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    clusters: dict[str, list[str]] = {}
    for node in lengths:
        clusters.setdefault(find(node), []).append(node)
    for members in clusters.values():
        keep = min(members, key=lambda m: (-lengths[m], m))
        for member in sorted(members):
            if member != keep:
                yield member, (keep, best[member])


class _Filter(CountingDoFn):
    """Reads a parked list of books back and drops those found to be near duplicates."""

    def process(self, parked: tuple[int, str], dropped: dict):
        _, path = parked
        for doc in unpark(path):
            self._counters.entered(STAGE)
            if doc.id in dropped:
                doc.meta["duplicate_of"], doc.meta["overlap"] = dropped[doc.id]
                yield self.drop(Rejection(doc, STAGE, "near_duplicate"))
            else:
                yield self.keep(STAGE, doc)


class NearDedup(beam.PTransform):
    """Drop books with more than `threshold` overlap with a longer book. Books wait in
    `park_dir` (removed by the caller when the run ends). Outputs `kept` and `REJECTED`."""

    def __init__(
        self,
        source: str,
        park_dir: str,
        threshold: float = 0.9,
        num_perm: int = 128,
        bands: int = 32,
    ) -> None:
        super().__init__()
        self._source = source
        self._park_dir = park_dir
        self._threshold = threshold
        self._num_perm = num_perm
        self._bands = bands

    def expand(self, docs):
        signed = docs | "Park and sign" >> beam.ParDo(
            _ParkAndSign(self._park_dir, self._num_perm, self._bands)
        ).with_outputs(PARKED, BANDS, main="signatures")
        signatures = signed.signatures
        candidates = (
            signed[BANDS]
            | "Same band" >> beam.GroupByKey()
            | "Candidate sets" >> beam.FlatMap(_candidate_set)
            | "Distinct sets" >> beam.Distinct()
            | "Star pairs" >> beam.FlatMap(_star_pairs)
            | "Distinct pairs" >> beam.Distinct()
        )
        firsts = (
            {"signature": signatures, "pairs": candidates}
            | "Join first" >> beam.CoGroupByKey()
            | "First signature" >> beam.FlatMap(_attach_first)
        )
        dropped = (
            {"signature": signatures, "firsts": firsts}
            | "Join other" >> beam.CoGroupByKey()
            | "Confirm" >> beam.FlatMap(_confirm, self._threshold)
            | "All duplicates" >> beam.combiners.ToList()
            | "Clusters" >> beam.FlatMap(_resolve_clusters)
        )
        return signed[PARKED] | "Drop duplicates" >> beam.ParDo(
            _Filter(self._source), beam.pvalue.AsDict(dropped)
        ).with_outputs(REJECTED, main="kept")
