"""The Beam glue on its own: line dedup, step application, accounting, writing."""

from collections import Counter
from pathlib import Path

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from apache_beam.testing import test_pipeline
from apache_beam.testing.util import assert_that, equal_to

from filters.document import Document
from filters.line_dedup import line_hash
from filters.step import Step
from pipelines import accounting, keyed_dedup
from pipelines.accounting import AccountingError, build_stats, counter_totals
from pipelines.keyed_dedup import ExactDedup, UrlDedup
from pipelines.line_dedup import LineDedup
from pipelines.local_runner import LocalRunner
from pipelines.steps import REJECTED, apply_steps
from pipelines.write import WriteParquetShards, shard_name, shard_of

FOOTER = "© 2023 Millbrook Gazette. All rights reserved."
NEWSLETTER = "Subscribe to our newsletter for weekly tips."


def _doc(doc_id: str, *lines: str) -> Document:
    return Document(doc_id, "commoncrawl", "\n".join(lines), {"original_nlines": len(lines)})


DOCS = [
    _doc("b", "The old bridge reopens on Saturday after two years of repairs.", FOOTER, NEWSLETTER),
    _doc("a", "Tickets for the autumn concert go on sale at the library.", NEWSLETTER, FOOTER),
    _doc(
        "c",
        "© 2024 MILLBROOK GAZETTE. All rights reserved.",
        "subscribe to our newsletter for weekly tips.",
    ),
    _doc("d", "A new bakery has opened on Mill Lane.", "A new bakery has opened on Mill Lane."),
]


def reference_line_dedup(docs: list[Document]) -> dict[str, str]:
    """Reference, cc_net's rule in plain Python: a line whose hash two documents hold goes from
    both; inside one document, a line's later repeats go."""
    holders = Counter(
        digest
        for doc in docs
        for digest in {line_hash(line) for line in doc.text.split("\n") if line.strip()}
    )
    kept = {}
    for doc in docs:
        seen: set[bytes] = set()
        lines = []
        for line in doc.text.split("\n"):
            digest = line_hash(line)
            if line.strip() and holders[digest] == 1 and digest not in seen:
                lines.append(line)
            seen.add(digest)
        if lines:
            kept[doc.id] = "\n".join(lines)
    return kept


def test_line_dedup_drops_repeats_and_empty_documents_and_counts(tmp_path):
    pipeline = test_pipeline.TestPipeline(runner=LocalRunner())
    result = pipeline | beam.Create(DOCS) | LineDedup("commoncrawl", str(tmp_path), buckets=4)
    kept = result.kept | "kept texts" >> beam.Map(lambda d: (d.id, d.text, d.meta["nlines"]))
    dropped = result[REJECTED] | beam.Map(lambda r: (r.document.id, r.reason))
    expected = reference_line_dedup(DOCS)
    assert expected["d"] == "A new bakery has opened on Mill Lane."
    assert expected["a"] == "Tickets for the autumn concert go on sale at the library."
    assert "c" not in expected  # its two lines are footer and newsletter, gone from a and b too
    assert_that(
        kept, equal_to([(k, v, v.count("\n") + 1) for k, v in expected.items()]), label="kept"
    )
    assert_that(dropped, equal_to([("c", "all_lines_duplicate")]), label="dropped")
    outcome = pipeline.run()
    outcome.wait_until_finish()
    stats = build_stats("commoncrawl", ["line_dedup"], counter_totals(outcome, "commoncrawl"))
    assert stats["stages"][0] == {
        "name": "line_dedup",
        "in": 4,
        "kept": 3,
        "dropped": {"all_lines_duplicate": 1},
        "metrics": {
            "bytes_kept": sum(len(text.encode()) for text in expected.values()),
            "lines_in": 10,
            "lines_kept": 3,
        },
    }


def test_line_dedup_matches_the_reference_on_the_sample(sample_pages, tmp_path):
    docs = [
        Document(
            f"page-{i:03d}",
            "commoncrawl",
            "\n".join([p["title"], *p["nav"], *p["paragraphs"], *p["footer"]]),
        )
        for i, p in enumerate(sample_pages)
    ]
    expected = reference_line_dedup(docs)
    assert sum(t.count("\n") + 1 for t in expected.values()) < sum(
        d.text.count("\n") + 1 for d in docs
    )
    pipeline = test_pipeline.TestPipeline(runner=LocalRunner())
    result = pipeline | beam.Create(docs) | LineDedup("commoncrawl", str(tmp_path), buckets=16)
    assert_that(result.kept | beam.Map(lambda d: (d.id, d.text)), equal_to(expected.items()))
    pipeline.run().wait_until_finish()


class _DropShort(Step):
    name = "short"

    def apply(self, doc):
        return self.reject(doc, "under_40_chars") if len(doc.text) < 40 else doc


class _Upper(Step):
    name = "upper"

    def apply(self, doc):
        doc.text = doc.text.upper()
        return doc


def test_steps_run_in_order_and_every_document_is_counted():
    docs = [_doc(str(i), "x" * (10 * i)) for i in range(10)]
    pipeline = test_pipeline.TestPipeline(runner=LocalRunner())
    kept, rejected = apply_steps(
        pipeline | beam.Create(docs), "commoncrawl", [_DropShort(), _Upper()], "test"
    )
    assert_that(
        kept | beam.Map(lambda d: d.id), equal_to([str(i) for i in range(4, 10)]), label="kept"
    )
    assert_that(rejected | beam.Map(lambda r: r.step), equal_to(["short"] * 4), label="rej")
    outcome = pipeline.run()
    outcome.wait_until_finish()
    stats = build_stats("commoncrawl", ["short", "upper"], counter_totals(outcome, "commoncrawl"))
    assert [(s["in"], s["kept"]) for s in stats["stages"]] == [(10, 6), (6, 6)]
    assert stats["documents_out"] == 6


def test_accounting_mismatch_is_an_error():
    totals = {"read|in": 10, "read|kept": 8, "read|dropped|too_short": 1}
    with pytest.raises(AccountingError, match="read: in 10 != kept 8"):
        build_stats("commoncrawl", ["read"], totals)
    totals = {"read|in": 10, "read|kept": 10, "lid|in": 9, "lid|kept": 9}
    with pytest.raises(AccountingError, match="previous stage's kept 10"):
        build_stats("commoncrawl", ["read", "lid"], totals)


def test_sharded_writer_is_sorted_complete_and_removes_stale_files(tmp_path):
    schema = pa.schema([("id", pa.string()), ("text", pa.string())])
    stale = tmp_path / shard_name(0, 7)
    stale.write_bytes(b"old run")
    rows = [{"id": f"doc-{i:03d}", "text": f"text {i}"} for i in range(50)]
    pipeline = test_pipeline.TestPipeline(runner=LocalRunner())
    _ = pipeline | beam.Create(rows) | WriteParquetShards(str(tmp_path), schema, 3)
    pipeline.run().wait_until_finish()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [shard_name(i, 3) for i in range(3)]
    seen = []
    for i, name in enumerate(files):
        ids = pq.read_table(tmp_path / name).column("id").to_pylist()
        assert ids == sorted(ids)
        assert all(shard_of(doc_id, 3) == i for doc_id in ids)
        seen += ids
    assert sorted(seen) == [row["id"] for row in rows]


def test_shard_assignment_is_stable():
    # A keyed hash, not Python's salted hash(): fixed across processes and Python versions.
    assert [shard_of(f"sample.warc.wet.gz#{i:07d}", 4) for i in range(8)] == [
        shard_of(f"sample.warc.wet.gz#{i:07d}", 4) for i in range(8)
    ]
    assert {shard_of(f"doc{i}", 4) for i in range(100)} == {0, 1, 2, 3}


def test_line_dedup_in_file_scope_only_compares_lines_of_the_same_file(tmp_path):
    docs = [
        Document(
            "a", "commoncrawl", f"First story of file one.\n{FOOTER}", {"source_file": "one.wet.gz"}
        ),
        Document(
            "b",
            "commoncrawl",
            f"Second story of file one.\n{FOOTER}",
            {"source_file": "one.wet.gz"},
        ),
        Document(
            "c", "commoncrawl", f"A story of file two.\n{FOOTER}", {"source_file": "two.wet.gz"}
        ),
    ]
    pipeline = test_pipeline.TestPipeline(runner=LocalRunner())
    result = pipeline | beam.Create(docs) | LineDedup("commoncrawl", str(tmp_path), scope="file")
    kept = result.kept | beam.Map(lambda d: (d.id, d.text.count("\n") + 1))
    # a and b share file one, so the footer goes from both; c, alone in file two, keeps it
    assert_that(kept, equal_to([("a", 1), ("b", 1), ("c", 2)]))
    pipeline.run().wait_until_finish()
    with pytest.raises(ValueError, match="scope"):
        LineDedup("commoncrawl", str(tmp_path), scope="shard-group")


def test_stage_counters_tell_progress_in_steps_and_the_rest_at_flush(monkeypatch):
    heard: list[tuple[str, int]] = []
    monkeypatch.setattr(accounting.TALLY, "add", lambda key, n: heard.append((key, n)))
    counters = accounting.StageCounters("c4")
    for _ in range(accounting.PROGRESS_EVERY + 10):
        counters.entered("url_dedup")
    counters.entered("c4_rules", 40)
    assert heard == [("c4/url_dedup|in", accounting.PROGRESS_EVERY)]
    counters.flush()
    assert sorted(heard[1:]) == [("c4/c4_rules|in", 40), ("c4/url_dedup|in", 10)]
    counters.entered("c4_rules", 3)
    counters.discard()  # a failed bundle: its documents will be counted again on the retry
    counters.flush()
    assert len(heard) == 3


def test_exact_and_url_dedup_keep_one_per_key_and_count_the_rest(tmp_path):
    story = "The harbour festival returns this weekend with boats, music and food stalls."
    docs = [
        Document("b", "c4", story, {"url": "https://news.example/festival", "timestamp": "2019"}),
        Document("a", "c4", story, {"url": "http://news.example/festival/", "timestamp": "2018"}),
        Document(
            "c", "c4", "A different story.", {"url": "https://other.example/", "timestamp": ""}
        ),
        Document(
            "c", "c4", "A different story.", {"url": "https://other.example/", "timestamp": ""}
        ),
    ]
    pipeline = test_pipeline.TestPipeline(runner=LocalRunner())
    made = pipeline | beam.Create(docs)
    exact = made | "exact" >> ExactDedup("c4", str(tmp_path / "exact"))
    by_url = made | "url" >> UrlDedup("c4", str(tmp_path / "url"))
    assert_that(exact.kept | "ek" >> beam.Map(lambda d: d.id), equal_to(["a", "c"]), label="ek")
    assert_that(
        exact[REJECTED] | "er" >> beam.Map(lambda r: (r.document.id, r.reason)),
        equal_to([("b", "duplicate_content"), ("c", "duplicate_content")]),
        label="er",
    )
    # the newest crawl of a URL survives: b (2019) over a (2018), same normalised URL
    assert_that(by_url.kept | "uk" >> beam.Map(lambda d: d.id), equal_to(["b", "c"]), label="uk")
    assert_that(
        by_url[REJECTED] | "ur" >> beam.Map(lambda r: (r.document.id, r.reason)),
        equal_to([("a", "duplicate_url"), ("c", "duplicate_url")]),
        label="ur",
    )
    outcome = pipeline.run()
    outcome.wait_until_finish()
    stats = build_stats("c4", ["exact_dedup"], counter_totals(outcome, "c4"))
    assert (stats["stages"][0]["in"], stats["stages"][0]["kept"]) == (4, 2)


def test_keyed_dedup_does_not_depend_on_buckets_lists_or_flushes(tmp_path, monkeypatch):
    stories = [
        "The harbour festival returns this weekend with boats, music and food stalls.",
        "Roadworks on the ring road will close two lanes overnight until Friday.",
        "The school choir won the county competition with a medley of folk songs.",
    ]
    docs = [Document(f"d{n:02d}", "github", stories[n * 7 % 3] + " " * (n % 2)) for n in range(24)]
    smallest_per_text: dict[str, str] = {}
    for doc in docs:  # ids ascend: the first of each text is the smallest
        smallest_per_text.setdefault(doc.text, doc.id)

    def check(label: str, buckets: int) -> None:
        pipeline = test_pipeline.TestPipeline(runner=LocalRunner())
        dedup = keyed_dedup.KeepOnePerKey(
            "github", str(tmp_path / label), "exact_dedup", "duplicate_content",
            key=lambda d: keyed_dedup.content_hash(d.text), rank=lambda d: (d.id,), choose=min,
            buckets=buckets,
        )  # fmt: skip
        result = pipeline | beam.Create(docs) | dedup
        kept = result.kept | beam.Map(lambda d: d.id)
        assert_that(kept, equal_to(sorted(smallest_per_text.values())))
        pipeline.run().wait_until_finish()

    check("defaults", keyed_dedup.KEY_BUCKETS)
    # Lists of 4 documents, keys sent after every list, 3 buckets: the same survivors.
    monkeypatch.setattr(keyed_dedup, "FLUSH_KEYS", 1)
    monkeypatch.setattr(keyed_dedup._ParkAndKey, "max_items", 4)
    check("small", 3)


class _WorkerFacts(beam.DoFn):
    """Says which program runs it and whether its harness trims the heap after each bundle,
    and leaves a file behind when torn down."""

    def __init__(self, folder: str) -> None:
        self._folder = folder

    def process(self, element):
        import os
        import sys

        from apache_beam.runners.worker.sdk_worker import SdkWorker

        trims = getattr(SdkWorker.process_bundle, "trims", False)
        yield (sys.modules["__main__"].__spec__.name, os.getpid(), trims)

    def teardown(self):
        import os
        from pathlib import Path

        (Path(self._folder) / f"torn-down-{os.getpid()}").touch()


def test_subprocess_workers_run_our_worker_main_and_tear_down_before_leaving(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))  # _WorkerFacts, by reference
    options = ["--direct_running_mode=multi_processing", "--direct_num_workers=2"]
    with beam.Pipeline(runner=LocalRunner(), argv=options) as pipeline:
        facts = (
            pipeline
            | beam.Create(range(200))
            | beam.Reshuffle()
            | beam.ParDo(_WorkerFacts(str(tmp_path)))
        )
        programs = facts | beam.Map(lambda fact: (fact[0], fact[2])) | beam.Distinct()
        assert_that(programs, equal_to([("pipelines.sdk_worker", True)]))
        pids = facts | "pids" >> beam.Map(lambda fact: fact[1]) | "once" >> beam.Distinct()
        pids | beam.Map(lambda pid, folder: (Path(folder) / f"pid-{pid}").touch(), str(tmp_path))
    seen = {p.name.removeprefix("pid-") for p in tmp_path.glob("pid-*")}
    torn_down = {p.name.removeprefix("torn-down-") for p in tmp_path.glob("torn-down-*")}
    assert seen and seen <= torn_down


class _BusyFacts(beam.DoFn):
    """Spends CPU time on each element; says which process ran it, which forked it, and
    whether its harness trims the heap after each bundle (1 or 0)."""

    def process(self, element):
        import os
        import time

        from apache_beam.runners.worker.sdk_worker import SdkWorker

        started = time.process_time()
        while time.process_time() - started < 0.01:
            pass
        yield (os.getpid(), os.getppid(), int(getattr(SdkWorker.process_bundle, "trims", False)))


FORKED_RUN = """
import json, os, resource, sys
import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from pipelines.local_runner import resolve_runner
from test_beam_stages import _BusyFacts

options = PipelineOptions(["--direct_running_mode=multi_processing", "--direct_num_workers=2"])
runner = resolve_runner(options)
with beam.Pipeline(runner=runner, options=options) as pipeline:
    facts = pipeline | beam.Create(range(100)) | beam.Reshuffle() | beam.ParDo(_BusyFacts())
    touch = lambda fact, folder: open(f"{folder}/{fact[0]}-{fact[1]}-{fact[2]}", "w").close()
    facts | beam.Distinct() | beam.Map(touch, sys.argv[1])
own = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"forked": runner.forked, "pid": os.getpid(), "cpu": own.ru_utime + own.ru_stime}))
"""


def test_workers_forked_from_the_zygote_run_apart_and_their_cpu_is_counted(tmp_path):
    import json
    import resource
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    environment = {"PYTHONPATH": f"{root}:{Path(__file__).parent}", "PATH": "/usr/bin:/bin"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", FORKED_RUN, str(tmp_path)], cwd=root,
                          env=environment, capture_output=True, text=True, timeout=300)  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, done.stderr[-2000:]
    launcher = json.loads(done.stdout.splitlines()[-1])
    assert launcher["forked"]
    workers = [tuple(map(int, p.name.split("-"))) for p in tmp_path.iterdir()]
    pids, parents = {pid for pid, _, _ in workers}, {parent for _, parent, _ in workers}
    assert {trims for *_, trims in workers} == {1}  # each trims the heap after its bundles
    assert len(pids) == 2 and launcher["pid"] not in pids | parents  # forked by the zygote
    counted = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert counted - launcher["cpu"] >= 0.9  # the workers' 100 x 10 ms, waited for and counted
    leftover = subprocess.run(["pgrep", "-f", str(tmp_path)], capture_output=True, text=True)
    assert leftover.stdout == ""  # the zygote left with the launcher


def test_a_worker_asked_of_a_dead_zygote_is_a_clear_error():
    import subprocess
    import sys

    script = (
        "import os, signal\n"
        "from pipelines import forked_workers\n"
        "assert forked_workers.start_zygote()\n"
        "os.kill(forked_workers._zygote_pid, signal.SIGKILL)\n"
        "os.waitpid(forked_workers._zygote_pid, 0)\n"
        "forked_workers.ForkedWorker({})\n"
    )
    root = Path(__file__).parent.parent
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert "RuntimeError: the process local workers are forked from is gone" in done.stderr
