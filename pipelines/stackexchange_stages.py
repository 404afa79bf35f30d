"""StackExchange's global stage: keep the N largest sites, join answers to their questions.

Posts are small (about 1 KB), so Beam's cost per element would rival the work itself. Each
worker gathers the posts it reads by thread bucket (a hash of site and question id); when it
has gathered enough it parks them (pipelines/park.py) in one file, each bucket's posts as one
pickle of plain tuples, one after the other, and sends on only `(bucket, (path, offset,
length))`. A join call reads its bucket's pieces back and holds one bucket (all posts /
`THREAD_BUCKETS`) in memory. So the posts' text is never in the shuffle: the local runner held
it whole in its memory and sent each worker its share as one message, so both grew with the
dump. Buckets are shared by all sites: keyed per site, a dump's ~180 sites would split each
flush into so many pieces that most would hold a post or two.
"""

from __future__ import annotations

import pickle
import zlib
from collections import Counter, defaultdict

import apache_beam as beam

from corpora.stackexchange import JOIN_STEP, join_thread
from filters.document import Document, Rejection
from pipelines.accounting import CountingDoFn
from pipelines.batching import in_global_window
from pipelines.park import group_of, park_pieces, read_range
from pipelines.steps import REJECTED

TOP_SITES = "top_sites"  # counted here with the join (JOIN_STEP)
THREAD_BUCKETS = 1024  # StackOverflow's ~58M posts and the other sites': over 57k posts each
FLUSH_CHARS = 16_000_000  # a worker sends its gathered posts on once they hold this much text
SITE_SIZES = "site_sizes"


def thread_bucket(site: str, question_id: str, buckets: int = THREAD_BUCKETS) -> int:
    """The bucket of a thread: CRC-32 of site and question id (the same in every process)."""
    return zlib.crc32(f"{site}/{question_id}".encode()) % buckets


def largest_sites(counts: list[tuple[str, int]], n: int) -> list[str]:
    """The n sites with most posts (ties: by name)."""
    return [site for site, _ in sorted(counts, key=lambda kv: (-kv[1], kv[0]))[:n]]


class _GatherThreads(beam.DoFn):
    """Posts in; whenever `flush_chars` of text has gathered and at the end of each bundle, the
    posts parked in `park_dir` by bucket and `(bucket, (path, offset, length))` out; each
    bundle's `(site, posts)` counts go to `SITE_SIZES` when it ends."""

    def __init__(self, park_dir: str, buckets: int, flush_chars: int) -> None:
        self._park_dir = park_dir
        self._buckets = buckets
        self._flush_chars = flush_chars

    def start_bundle(self) -> None:
        self._sizes: Counter[str] = Counter()
        self._threads: dict[int, list[tuple]] = defaultdict(list)
        self._chars = 0

    def process(self, post: Document):
        # Not a generator: most posts are only gathered, with no outputs to make one for.
        site = post.meta["site"]
        bucket = thread_bucket(site, post.meta["question_id"], self._buckets)
        self._threads[bucket].append((post.id, post.source, post.text, post.meta))
        self._sizes[site] += 1
        self._chars += len(post.text)
        if self._chars >= self._flush_chars:
            return self._flush()
        return ()

    def finish_bundle(self):
        for item in self._flush():
            yield in_global_window(item)
        for item in self._sizes.items():
            yield in_global_window(beam.pvalue.TaggedOutput(SITE_SIZES, item))

    def _flush(self):
        threads, self._threads, self._chars = self._threads, defaultdict(list), 0
        if not threads:
            return
        group = group_of(post[0] for posts in threads.values() for post in posts)
        pieces = [pickle.dumps(posts, pickle.HIGHEST_PROTOCOL) for posts in threads.values()]
        places = park_pieces(pieces, self._park_dir, group, "threads")
        yield from zip(threads, places, strict=True)


class _Join(CountingDoFn):
    """One bucket's posts: those of sites not among the largest dropped, the rest made into
    one document per question with its answers."""

    def process(self, keyed, largest: list[str]):
        _, pieces = keyed
        posts = [
            Document(*fields)
            for piece in sorted(pieces)
            for fields in pickle.loads(read_range(*piece))
        ]
        self._counters.entered(TOP_SITES, len(posts))
        kept_sites = set(largest)
        kept = []
        for post in posts:
            if post.meta["site"] in kept_sites:
                kept.append(post)
            else:
                yield self.drop(Rejection(post, TOP_SITES, "site_not_in_top_n"))
        self._counters.kept(TOP_SITES, kept)
        self._counters.entered(JOIN_STEP, len(kept))
        threads: dict[tuple[str, str], list[Document]] = defaultdict(list)
        for post in kept:
            threads[post.meta["site"], post.meta["question_id"]].append(post)
        for site, question_id in sorted(threads):
            yield from self._thread(site, question_id, threads[site, question_id])

    def _thread(self, site: str, question_id: str, posts: list[Document]):
        for outcome in join_thread(site, question_id, posts):
            if isinstance(outcome, Rejection):
                yield self.drop(outcome)
            else:
                yield self.keep(JOIN_STEP, outcome)


class Threads(beam.PTransform):
    """Keep the posts of the `sites` sites with most posts (LLaMA: the 28 largest), then make one
    document per question: the question and its answers, highest score first. Counted as two
    funnel stages: `top_sites` (drops `site_not_in_top_n`) and `join_answers` (answers are
    `merged_into_question`, or `orphan_answer` when their question is absent)."""

    def __init__(
        self,
        source: str,
        park_dir: str,
        sites: int = 28,
        buckets: int = THREAD_BUCKETS,
        flush_chars: int = FLUSH_CHARS,
    ) -> None:
        super().__init__()
        self._source = source
        self._park_dir = park_dir
        self._sites = sites
        self._buckets = buckets
        self._flush_chars = flush_chars

    def expand(self, posts):
        gathered = posts | "Gather threads" >> beam.ParDo(
            _GatherThreads(self._park_dir, self._buckets, self._flush_chars)
        ).with_outputs(SITE_SIZES, main="threads")
        largest = (
            gathered[SITE_SIZES]
            | "Posts per site" >> beam.CombinePerKey(sum)
            | "All sites" >> beam.combiners.ToList()
            | "Largest" >> beam.Map(largest_sites, self._sites)
        )
        return (
            gathered.threads
            | "Group buckets" >> beam.GroupByKey()
            | "Join"
            >> beam.ParDo(_Join(self._source), beam.pvalue.AsSingleton(largest)).with_outputs(
                REJECTED, main="kept"
            )
        )
