"""A large Posts.xml read in byte ranges gives exactly the documents and drops of reading it
whole, wherever the split points fall (inside a row, on a row's start, inside a multi-byte
character), when a runner splits a range while it is being read, and through the CLI with two
worker processes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from apache_beam.io.restriction_trackers import OffsetRange, OffsetRestrictionTracker
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_ranges import renumbered
from corpora.stackexchange import PostsRanges, read_file
from pipelines.read_files import InputFile, PlanReads, RangedFile
from tests.conftest import SAMPLES, outcome, whole_and_ranged

SITE = "cooking.stackexchange.com"
COPIES = 30  # about 1 MB of Posts.xml


@pytest.fixture(scope="module")
def posts(tmp_path_factory) -> Path:
    """The shipped cooking Posts.xml with its rows repeated under new ids, and some titles in
    Cyrillic and CJK, so split points fall inside multi-byte characters too."""
    sample = (SAMPLES / "stackexchange" / SITE / "Posts.xml").read_bytes()
    head, rest = sample.split(b"<posts>\n", 1)
    rows, tail = rest.rsplit(b"</posts>", 1)
    many = b"".join(renumbered(rows, copy * 1_000_000) for copy in range(COPIES))
    many = many.replace(b'Title="', 'Title="Хлеб 麵包 '.encode(), COPIES * 3)
    path = tmp_path_factory.mktemp(SITE) / SITE / "Posts.xml"
    path.parent.mkdir()
    path.write_bytes(head + b"<posts>\n" + many + b"</posts>" + tail)
    return path


def _whole(path: Path) -> list[tuple]:
    with path.open("rb") as stream:
        return [outcome(item) for item in read_file(stream, str(path))]


def _range(path: Path, tracker: OffsetRestrictionTracker, split_at: float | None = None) -> list:
    """One range's outcomes; with `split_at`, the runner splits the range after the first
    block, keeping that fraction of the rest, and the residual is returned second."""
    ranges = PostsRanges()
    ranges.block_bytes = 16 * 1024
    size = path.stat().st_size
    residual = None
    got = []
    with path.open("rb") as stream:
        start = tracker.current_restriction().start
        stop = lambda: tracker.current_restriction().stop  # noqa: E731 - the reader's callback
        for item in ranges.read_blocks(stream, str(path), start, tracker.try_claim, stop, size):
            got.append(outcome(item))
            if split_at is not None and residual is None:
                split = tracker.try_split(split_at)
                residual = split[1] if split else False
    tracker.check_done()  # a splittable DoFn must leave its range done
    return got, residual


def test_the_file_is_one_that_splits(posts):
    assert PostsRanges().splittable(str(posts), posts.read_bytes()[:65536])
    assert posts.stat().st_size > 900_000


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(cuts=st.lists(st.floats(0.001, 0.999), min_size=1, max_size=6, unique=True))
def test_ranges_read_what_the_whole_file_gives(posts, cuts):
    size = posts.stat().st_size
    points = [0, *sorted({int(c * size) for c in cuts}), size]
    got = []
    for start, stop in zip(points, points[1:], strict=False):
        if start < stop:
            got += _range(posts, OffsetRestrictionTracker(OffsetRange(start, stop)))[0]
    assert got == _whole(posts)


def test_split_points_inside_a_character_a_row_and_on_a_row_start(posts):
    data = posts.read_bytes()
    cyrillic = data.index("Хлеб".encode()) + 1  # the second byte of a two-byte character
    row_start = data.index(b"<row ", len(data) // 2)
    inside_row = row_start + 40
    for point in (cyrillic, row_start, inside_row, row_start - 1, row_start + 1):
        first = _range(posts, OffsetRestrictionTracker(OffsetRange(0, point)))[0]
        second = _range(posts, OffsetRestrictionTracker(OffsetRange(point, len(data))))[0]
        assert first + second == _whole(posts), point


def test_a_runner_splitting_a_range_while_it_is_read_loses_and_repeats_nothing(posts):
    size = posts.stat().st_size
    for keep in (0.0, 0.3, 0.8):
        tracker = OffsetRestrictionTracker(OffsetRange(0, size))
        first, residual = _range(posts, tracker, split_at=keep)
        assert residual, "the range was split after its first block"
        second = _range(posts, OffsetRestrictionTracker(residual))[0]
        assert first + second == _whole(posts), keep


def test_ranges_inside_one_long_post_are_done_with_nothing_to_read(posts, tmp_path):
    data = posts.read_bytes()
    row = data.index(b"<row ", len(data) // 2)
    long_post = b'<row Id="7" PostTypeId="1" Title="Long" Body="' + b"crumb " * 60_000 + b'" />\n  '
    path = tmp_path / SITE / "Posts.xml"
    path.parent.mkdir()
    path.write_bytes(data[:row] + long_post + data[row:])
    inside = row + 100_000  # a range that starts and ends inside the long post
    got = []
    for start, stop in ((0, row + 10), (row + 10, inside), (inside, inside + 50_000),
                        (inside + 50_000, path.stat().st_size)):  # fmt: skip
        got += _range(path, OffsetRestrictionTracker(OffsetRange(start, stop)))[0]
    assert got == _whole(path)


def test_a_utf16_or_dtd_posts_file_is_read_whole():
    ranges = PostsRanges()
    plain = (SAMPLES / "stackexchange" / SITE / "Posts.xml").read_bytes()
    assert ranges.splittable("Posts.xml", plain)
    assert not ranges.splittable("Posts.xml", plain.decode().encode("utf-16"))
    with_dtd = plain.replace(b"<posts>", b'<!DOCTYPE p [<!ENTITY a "b">]><posts>', 1)
    assert not ranges.splittable("Posts.xml", with_dtd)
    assert not ranges.splittable("Posts.xml", plain.replace(b"utf-8", b"windows-1252", 1))


def _rows(folder: Path) -> list[dict]:
    return sorted(
        (
            row
            for path in sorted(folder.glob("*.parquet"))
            for row in pq.read_table(path).to_pylist()
        ),
        key=lambda row: row["id"],
    )


def test_two_workers_reading_ranges_write_what_a_whole_read_writes(posts, tmp_path):
    split_bytes = 100_000  # about ten ranges
    file = InputFile(str(posts), posts.stat().st_size)
    [planned] = PlanReads(PostsRanges(), split_bytes).process(file)
    assert isinstance(planned, RangedFile)  # the file is read in ranges, not whole
    whole, ranged = whole_and_ranged("stackexchange", posts, tmp_path, split_bytes)
    _assert_same_output(whole, ranged)


def test_a_site_archive_is_unpacked_then_read_in_ranges_as_a_whole_read_reads_it(posts, tmp_path):
    archive = tmp_path / f"{SITE}.7z"
    subprocess.run(["7z", "a", "-bd", "-mx=1", str(archive), str(posts)], check=True,
                   capture_output=True)  # fmt: skip
    split_bytes = archive.stat().st_size // 4
    file = InputFile(str(archive), archive.stat().st_size)
    [planned] = PlanReads(PostsRanges(), split_bytes, str(tmp_path / "staging")).process(file)
    assert isinstance(planned, RangedFile) and planned.source == str(archive)
    assert Path(planned.path).read_bytes() == posts.read_bytes()  # the archive's Posts.xml
    whole, ranged = whole_and_ranged("stackexchange", archive, tmp_path, split_bytes)
    _assert_same_output(whole, ranged)
    assert not (ranged / "tmp").exists()  # the unpacked copy went with the run's parked files


def _assert_same_output(whole: Path, ranged: Path) -> None:
    kept = _rows(ranged / "clean" / "stackexchange")
    assert kept == _rows(whole / "clean" / "stackexchange") and len(kept) > 300
    stats = [json.loads((out / "stats" / "stackexchange.json").read_text())["stages"]
             for out in (whole, ranged)]  # fmt: skip
    assert stats[0] == stats[1]


def test_a_broken_archive_is_read_whole_and_counted(tmp_path):
    archive = tmp_path / f"{SITE}.7z"
    archive.write_bytes(b"7z\xbc\xaf\x27\x1c" + b"\x00" * 200_000)
    file = InputFile(str(archive), archive.stat().st_size)
    [planned] = PlanReads(PostsRanges(), 100_000, str(tmp_path / "staging")).process(file)
    assert planned == file  # the archive as it was matched: read whole
    assert not list((tmp_path / "staging").rglob("Posts.xml"))
