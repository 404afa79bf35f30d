"""Near-duplicate removal for books as a global Beam stage: MinHash LSH proposes candidate
pairs by grouping band keys, a real overlap measure (filters/books.py: the share of each book
found in the other) confirms them, and in each cluster of confirmed duplicates only the
longest book (ties: smallest id) is kept.

Books and their shingle hashes wait in files while this is decided (pipelines/park.py): Beam
moves band keys, ids, and where each candidate's shingles lie (file, offset, length); never
the text or the shingles, which the comparison reads back from the files. Books are grouped by
band key, never gathered on one worker; only the confirmed duplicate pairs, few by nature, are
brought together to form clusters.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import chain

import apache_beam as beam
import numpy as np
from apache_beam.io.filesystems import FileSystems

from filters.books import MinHasher, is_near_duplicate, overlap, shingle_hashes
from filters.document import Document, Rejection
from pipelines.accounting import CountingDoFn
from pipelines.batching import BatchedDoFn
from pipelines.park import PARKED, group_of, park, park_pieces, read_range, unpark
from pipelines.steps import REJECTED

STAGE = "near_dedup"
BANDS = "bands"  # the tagged output of (band key, [ids of a list's books with it])


class _ParkAndSign(BatchedDoFn):
    """Parks each list of books, and beside it their shingle hashes, one book's after another;
    emits `{id: (length, place of its shingles)}`, and to `BANDS` each LSH band key of the list
    with the ids of its books that have it (copies of a book share all their bands, so a list
    sends each band once). The MinHash permutations are made once per worker, in `setup`."""

    def __init__(self, park_dir: str, num_perm: int, bands: int) -> None:
        self._park_dir = park_dir
        self._signature_dir = FileSystems.join(park_dir, "signatures")
        self._num_perm = num_perm
        self._bands = bands
        self._minhasher: MinHasher | None = None

    def setup(self) -> None:
        super().setup()
        self._minhasher = MinHasher(self._num_perm, self._bands)

    def process_list(self, batch: list[Document]):
        ids = [doc.id for doc in batch]
        group = group_of(ids)
        yield beam.pvalue.TaggedOutput(PARKED, (group, park(batch, self._park_dir, group)))
        pieces = []
        ids_by_band: dict[bytes, list[str]] = defaultdict(list)
        for doc in batch:
            shingles = shingle_hashes(doc.text)
            pieces.append(shingles.tobytes())
            for band in self._minhasher.band_keys(shingles):
                ids_by_band[band].append(doc.id)
        places = park_pieces(pieces, self._signature_dir, group, "shingles")
        yield {doc.id: (len(doc.text), place) for doc, place in zip(batch, places, strict=True)}
        for band, ids_with_band in ids_by_band.items():
            yield beam.pvalue.TaggedOutput(BANDS, (band, ids_with_band))


def _candidate_set(keyed):
    """The books sharing one band, as a sorted tuple of ids, when there are two or more."""
    _, id_lists = keyed
    ids = sorted(set(chain.from_iterable(id_lists)))
    if len(ids) > 1:
        yield tuple(ids)


def _star_members(ids: tuple[str, ...]):
    """Each book of a candidate set as `(book, first)`, the first being its smallest id: each
    book is compared with the first (enough to cluster them)."""
    for book in ids:
        yield book, ids[0]


class _SendSignatures(CountingDoFn):
    """From a parked list's `{id: (length, place of its shingles)}`, those of candidates, each
    to the first books it is to be compared with: `(first, (id, length, place))`. Counts the
    candidates as the stage's `candidate_books` metric."""

    def process(self, signed: dict[str, tuple], firsts: dict[str, list[str]]):
        wanted = [doc_id for doc_id in signed if doc_id in firsts]
        if wanted:
            self._counters.metric(STAGE, "candidate_books", len(wanted))
        for doc_id in wanted:
            length, place = signed[doc_id]
            for first in firsts[doc_id]:
                yield first, (doc_id, length, place)


def _shingles_at(place: tuple[str, int, int]) -> np.ndarray:
    """A book's shingle hashes, read back from where `_ParkAndSign` parked them."""
    return np.frombuffer(read_range(*place), dtype=np.uint64)


def _confirm(grouped, threshold: float, reverse_threshold: float):
    """A first book and the books to compare with it: `((first, length), (other, length),
    (contained, reverse))` for each pair that is a near duplicate (filters/books.py)."""
    first_id, members = grouped
    members = sorted(members)
    _, first_length, first_place = next(m for m in members if m[0] == first_id)
    first_shingles = _shingles_at(first_place)
    for other_id, other_length, other_place in members:
        if other_id == first_id:
            continue
        shares = overlap(first_shingles, _shingles_at(other_place))
        if is_near_duplicate(shares, threshold, reverse_threshold):
            score = (round(shares[0], 4), round(shares[1], 4))
            yield (first_id, first_length), (other_id, other_length), score


def _resolve_clusters(pairs: list):
    """Union the confirmed pairs; per cluster keep the longest book (ties: smallest id) and
    yield (dropped id, (kept id, best (contained, reverse) overlap with a cluster member))."""
    parent: dict[str, str] = {}
    lengths: dict[str, int] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    best: dict[str, tuple[float, float]] = {}
    for (a, a_len), (b, b_len), score in sorted(pairs):
        lengths[a], lengths[b] = a_len, b_len
        best[a] = max(best.get(a, score), score)
        best[b] = max(best.get(b, score), score)
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
                doc.meta["duplicate_of"], (contained, reverse) = dropped[doc.id]
                doc.meta["overlap"], doc.meta["reverse_overlap"] = contained, reverse
                yield self.drop(Rejection(doc, STAGE, "near_duplicate"))
            else:
                yield self.keep(STAGE, doc)


class NearDedup(beam.PTransform):
    """Drop books that are near duplicates of a longer book: more than `threshold` of one is in
    the other and at least `reverse_threshold` of the other in it. Books wait in `park_dir`
    (removed by the caller when the run ends). Outputs `kept` and `REJECTED`."""

    def __init__(
        self,
        source: str,
        park_dir: str,
        threshold: float = 0.9,
        reverse_threshold: float = 0.7,
        num_perm: int = 128,
        bands: int = 32,
    ) -> None:
        super().__init__()
        self._source = source
        self._park_dir = park_dir
        self._threshold = threshold
        self._reverse_threshold = reverse_threshold
        self._num_perm = num_perm
        self._bands = bands

    def expand(self, docs):
        signed = docs | "Park and sign" >> beam.ParDo(
            _ParkAndSign(self._park_dir, self._num_perm, self._bands)
        ).with_outputs(PARKED, BANDS, main="signed")
        firsts = (
            signed[BANDS]
            | "Same band" >> beam.GroupByKey()
            | "Candidate sets" >> beam.FlatMap(_candidate_set)
            | "Distinct sets" >> beam.Distinct()
            | "Star members" >> beam.FlatMap(_star_members)
            | "Distinct members" >> beam.Distinct()
            | "Firsts per book" >> beam.GroupByKey()
            | "Sorted firsts" >> beam.MapTuple(lambda book, firsts: (book, sorted(firsts)))
        )
        dropped = (
            signed.signed
            | "Send signatures"
            >> beam.ParDo(_SendSignatures(self._source), beam.pvalue.AsDict(firsts))
            | "Per first book" >> beam.GroupByKey()
            | "Confirm" >> beam.FlatMap(_confirm, self._threshold, self._reverse_threshold)
            | "All duplicates" >> beam.combiners.ToList()
            | "Clusters" >> beam.FlatMap(_resolve_clusters)
        )
        return signed[PARKED] | "Drop duplicates" >> beam.ParDo(
            _Filter(self._source), beam.pvalue.AsDict(dropped)
        ).with_outputs(REJECTED, main="kept")
