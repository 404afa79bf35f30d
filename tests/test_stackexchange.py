import gzip
import io
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

import apache_beam as beam
import pytest
from apache_beam.testing import test_pipeline
from apache_beam.testing.util import assert_that, equal_to
from hypothesis import given, settings
from hypothesis import strategies as st

from corpora.stackexchange import format_thread, read_file, site_of
from filters.document import Document, Rejection
from filters.post_html import post_text
from pipelines.local_runner import LocalRunner
from pipelines.stackexchange_stages import Threads
from tests.conftest import SAMPLES
from tests.test_wikipedia import MUTATIONS, mutate, refused

SITES = SAMPLES / "stackexchange"


def _posts(site: str) -> list:
    path = SITES / site / "Posts.xml"
    return list(read_file(path.open("rb"), str(path)))


def test_html_bodies_become_readable_text():
    html = (
        "<p>Weigh the flour &amp; water:</p>\n<pre><code>flour = 500 g\n  water = 350 g\n"
        '</code></pre>\n<ol>\n<li>Mix <em>gently</em></li>\n<li>Rest <a href="/q/1">20 min'
        "</a></li>\n</ol>\n<blockquote><p>Never skip the rest.</p></blockquote>"
    )
    assert post_text(html) == (
        "Weigh the flour & water:\nflour = 500 g\n  water = 350 g\n"
        "1. Mix gently\n2. Rest 20 min\n> Never skip the rest."
    )


def test_site_names_from_dump_paths():
    assert site_of("dump/cooking.stackexchange.com.7z") == "cooking.stackexchange.com"
    assert site_of("dump/stackoverflow.com-Posts.7z") == "stackoverflow.com"
    assert site_of("x/chess.stackexchange.com/Posts.xml") == "chess.stackexchange.com"


def test_reader_streams_questions_and_answers_and_names_other_posts():
    items = _posts("cooking.stackexchange.com")
    outcomes = Counter("kept" if isinstance(o, Document) else o.reason for o in items)
    assert outcomes == Counter({"kept": 38, "not_question_or_answer": 2})
    question = next(
        d for d in items if isinstance(d, Document) and d.id == "cooking.stackexchange.com/41221"
    )
    assert question.meta["post_type"] == "question" and question.meta["title"]
    assert "<p>" not in question.text and "&amp;" not in question.text


def test_answers_sorted_by_numeric_score():
    items = [d for d in _posts("cooking.stackexchange.com") if isinstance(d, Document)]
    answers = [
        d for d in items if d.meta["post_type"] == "answer" and d.meta["question_id"] == "41221"
    ]
    assert sorted(a.meta["score"] for a in answers) == [-1, 2, 9, 10]
    question = next(d for d in items if d.id == "cooking.stackexchange.com/41221")
    thread = format_thread(question, answers)
    starts = [
        thread.index(f"A: {a.text[:40]}") for a in sorted(answers, key=lambda a: -a.meta["score"])
    ]
    assert starts == sorted(starts) and thread.startswith("Q: ")


def test_unsafe_and_broken_xml_are_named_drops():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE posts [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><posts><row Id="1" PostTypeId="1" '
        b'Body="&b;" Title="t" /></posts>'
    )
    assert [o.reason for o in read_file(io.BytesIO(bomb), "s/Posts.xml")] == ["unsafe_xml"]
    cut = (SITES / "chess.stackexchange.com" / "Posts.xml").read_bytes()[:3000]
    items = list(read_file(io.BytesIO(cut), "chess.stackexchange.com/Posts.xml"))
    assert items[-1].reason == "truncated_file" and len(items) > 1


@pytest.mark.skipif(shutil.which("7z") is None, reason="7z (p7zip-full) is not installed")
def test_posts_inside_a_site_archive(tmp_path):
    source = SITES / "gardening.stackexchange.com" / "Posts.xml"
    shutil.copy(source, tmp_path / "Posts.xml")
    archive = tmp_path / "gardening.stackexchange.com.7z"
    subprocess.run(
        ["7z", "a", "-bd", str(archive), "Posts.xml"], cwd=tmp_path, check=True, capture_output=True
    )

    def ids(items):
        return [(o.document if isinstance(o, Rejection) else o).id for o in items]

    from_archive = ids(read_file(archive.open("rb"), str(archive)))
    assert from_archive == ids(_posts("gardening.stackexchange.com"))
    broken = tmp_path / "broken.stackexchange.com.7z"
    broken.write_bytes(archive.read_bytes()[:200])
    assert list(read_file(broken.open("rb"), str(broken)))[-1].reason in (
        "bad_archive",
        "malformed_xml",
    )


def test_top_sites_and_join_in_beam(tmp_path):
    posts = [
        o
        for site in (
            "cooking.stackexchange.com",
            "bicycles.stackexchange.com",
            "chess.stackexchange.com",
        )
        for o in _posts(site)
        if isinstance(o, Document)
    ]
    pipeline = test_pipeline.TestPipeline(runner=LocalRunner())
    joined = pipeline | beam.Create(posts) | Threads("stackexchange", str(tmp_path), sites=2)
    assert_that(
        joined["rejected"]
        | "sites" >> beam.Filter(lambda r: r.step == "top_sites")
        | "site" >> beam.Map(lambda r: r.document.meta["site"]),
        equal_to(["chess.stackexchange.com"] * 7),
        label="dropped sites",
    )
    assert_that(
        joined.kept | beam.Map(lambda d: d.meta["site"]),
        equal_to(["cooking.stackexchange.com"] * 12 + ["bicycles.stackexchange.com"] * 9),
        label="questions",
    )
    assert_that(
        joined["rejected"]
        | "answers" >> beam.Filter(lambda r: r.step == "join_answers")
        | "reasons" >> beam.Map(lambda r: r.reason),
        equal_to(["merged_into_question"] * 42 + ["orphan_answer"]),
        label="answers",
    )
    pipeline.run().wait_until_finish()


def test_rejection_is_still_a_document_for_inspection():
    item = next(o for o in _posts("chess.stackexchange.com") if isinstance(o, Rejection))
    assert item.document.meta["site"] == "chess.stackexchange.com"


def _check_threads(
    posts: list[Document], expected: list[tuple[str, str]], park_dir: Path, **batching
) -> None:
    pipeline = test_pipeline.TestPipeline(runner=LocalRunner())
    joined = (
        pipeline
        | beam.Create(posts)
        | beam.Reshuffle()
        | Threads("stackexchange", str(park_dir), sites=4, **batching)
    )
    assert_that(joined.kept | beam.Map(lambda d: (d.id, d.text)), equal_to(expected))
    pipeline.run().wait_until_finish()
    parked = list(park_dir.iterdir())
    assert parked and all(p.suffix == ".threads" for p in parked)  # the posts waited on disk


def test_threads_do_not_depend_on_how_posts_are_batched(tmp_path):
    posts = [
        o
        for site in ("cooking.stackexchange.com", "bicycles.stackexchange.com")
        for o in _posts(site)
        if isinstance(o, Document)
    ]
    expected = []
    for question in (p for p in posts if p.meta["post_type"] == "question"):
        answers = [
            p
            for p in posts
            if p.meta["post_type"] == "answer"
            and (p.meta["site"], p.meta["question_id"])
            == (question.meta["site"], question.meta["question_id"])
        ]
        expected.append((question.id, format_thread(question, answers)))
    # One post per flush and three buckets: every thread's posts arrive in separate lists.
    assert len(expected) == 21
    _check_threads(posts, expected, tmp_path / "one-per-flush", buckets=3, flush_chars=1)
    _check_threads(posts, expected, tmp_path / "default")


def _row(post_id: int, body: str, **fields: str) -> str:
    """One `<row .../>` line as the dump writes it: HTML escaped inside the attributes."""
    attributes = {
        "Id": str(post_id),
        **fields,
        "Body": escape(body, {'"': "&quot;", "\n": "&#xA;"}),
    }
    attributes["ContentLicense"] = "CC BY-SA 4.0"
    return "  <row " + " ".join(f'{key}="{value}"' for key, value in attributes.items()) + " />"


FIVE_ROWS = "\n".join(
    [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<posts>",
        _row(101, "<p>How long should bread dough rest before shaping?</p>\n", PostTypeId="1",
             Score="12", Title="How long to rest dough before shaping?", AnswerCount="2"),
        _row(102, "<p>Twenty minutes under a cloth lets the gluten relax.</p>\n",
             PostTypeId="2", ParentId="101", Score="9"),
        _row(103, "<p>Until it springs back slowly when you <em>poke</em> it.</p>\n",
             PostTypeId="2", ParentId="101", Score="4"),
        _row(104, "<p>Why does my sourdough starter smell of nail varnish?</p>\n",
             PostTypeId="1", Score="7", Title="Starter smells of acetone", AnswerCount="1"),
        _row(105, "<p>It is hungry: feed it twice a day for a few days.</p>\n",
             PostTypeId="2", ParentId="104", Score="15"),
        "</posts>",
        "",
    ]
).encode()  # fmt: skip
SITE_PATH = "dump/cooking.stackexchange.com/Posts.xml"


def _read(data: bytes) -> list[str]:
    """Each outcome of reading `data`: the post id of a kept post, else the drop's reason."""
    return [
        item.id.rsplit("/", 1)[-1] if isinstance(item, Document) else item.reason
        for item in read_file(io.BytesIO(data), SITE_PATH)
    ]


@pytest.fixture(params=[7, 256 * 1024], ids=["7-byte reads", "256-KB reads"])
def read_size(request, monkeypatch):
    """Read Posts.xml in tiny chunks as well as in the usual ones: a row boundary, a damaged
    byte or the end of the text may fall anywhere in a read."""
    monkeypatch.setattr("corpora.xml_records.CHUNK_BYTES", request.param)
    return request.param


def test_an_invalid_byte_costs_only_its_row(read_size):
    data = FIVE_ROWS.replace(b"gluten relax", b"gluten \xc3 relax")
    assert _read(data) == ["101", "invalid_utf8", "103", "104", "105"]


@pytest.mark.parametrize(
    ("damaged", "replacement"),
    [
        ('ContentLicense="CC BY-SA 4.0" />\n  <row Id="103"', 'ContentLicense="CC BY-SA 4.0"\n'
         '  <row Id="103"'),  # the row never closed
        ('relax.&lt;/p&gt;&#xA;"', "relax.&lt;/p&gt;&#xA;"),  # an attribute never closed
        ("relax.&lt;/p&gt;", "relax.</p>"),  # HTML left unescaped
        ("gluten relax", "gluten\x00 relax"),  # a NUL byte
    ],
)  # fmt: skip
def test_a_row_with_broken_markup_costs_only_itself(read_size, damaged, replacement):
    data = FIVE_ROWS.replace(damaged.encode(), replacement.encode(), 1)
    assert data != FIVE_ROWS
    assert _read(data) == ["101", "malformed_row", "103", "104", "105"]


def test_a_truncated_posts_file_keeps_every_row_before_the_break(read_size):
    data = FIVE_ROWS.replace(b"gluten relax", b"gluten \xc3 relax")
    cut = data[: data.index(b"nail varnish")]
    assert _read(cut) == ["101", "invalid_utf8", "103", "truncated_file"]


@pytest.mark.skipif(shutil.which("7z") is None, reason="7z (p7zip-full) is not installed")
def test_a_truncated_site_archive_is_one_drop(tmp_path):
    (tmp_path / "Posts.xml").write_bytes(FIVE_ROWS)
    archive = tmp_path / "cooking.stackexchange.com.7z"
    subprocess.run(
        ["7z", "a", "-bd", str(archive), "Posts.xml"], cwd=tmp_path, check=True, capture_output=True
    )
    assert _read(archive.read_bytes()) == ["101", "102", "103", "104", "105"]
    cut = archive.read_bytes()[: archive.stat().st_size // 2]
    assert _read(cut) == ["bad_archive"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    sample=st.sampled_from(sorted(SITES.glob("*/Posts.xml"))),
    compressed=st.booleans(),
    mutations=st.lists(MUTATIONS, min_size=1, max_size=4),
)
def test_mutated_posts_never_raise_and_every_row_is_accounted_for(sample, compressed, mutations):
    """Whatever the damage, reading ends with documents and named drops only, and unless the
    file is refused as unsafe, every `<row` in the text gives at least one outcome."""
    posts = sample.read_bytes()
    data = mutate(gzip.compress(posts, mtime=0) if compressed else posts, mutations)
    items = list(read_file(io.BytesIO(data), str(sample)))
    assert all(isinstance(o, Document) or (isinstance(o, Rejection) and o.reason) for o in items)
    if not compressed and not refused(items):
        assert len(items) >= len(re.findall(rb"<row[\s/>]", data))
