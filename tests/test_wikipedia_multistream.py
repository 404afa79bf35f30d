"""A pages-articles-multistream dump (the shipped sample dumps re-packed as Wikimedia packs
them: the XML head, then streams of pages, then `</mediawiki>`) gives the documents of the
single-stream dump, read whole or in byte ranges split anywhere, with a damaged stream costing
only its own pages, and through the CLI with two workers writes what one whole read writes."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_ranges import multistream_dump
from corpora.bz2_streams import STREAM_START
from corpora.wikipedia import MultistreamRanges, is_multistream, read_file
from pipelines.read_files import InputFile, PlanReads, RangedFile
from tests.conftest import SAMPLES, outcome, read_in_ranges, whole_and_ranged

DUMPS = sorted((SAMPLES / "wikipedia").glob("*.xml.bz2"))
LANGUAGES = ["en", "de", "fr", "bg"]


def _read(path: Path) -> list[tuple]:
    with path.open("rb") as stream:
        return [outcome(item) for item in read_file(stream, str(path), LANGUAGES)]


def _ranges(path: Path, cuts: list[int]) -> list[tuple]:
    ranges = MultistreamRanges(LANGUAGES)
    ranges.block_bytes = 2048
    return read_in_ranges(ranges, path, cuts)


@pytest.fixture(scope="module")
def dumps(tmp_path_factory) -> list[tuple[Path, Path]]:
    """(single-stream dump, the same pages as a multistream dump) for each sample language."""
    folder = tmp_path_factory.mktemp("multistream")
    pairs = []
    for dump in DUMPS:
        packed = folder / dump.name  # the same name: the same ids and `source_file`
        packed.write_bytes(multistream_dump(dump.read_bytes(), pages_per_stream=3))
        pairs.append((dump, packed))
    return pairs


def test_a_multistream_dump_reads_as_the_single_stream_dump(dumps):
    for single, packed in dumps:
        assert is_multistream(packed.read_bytes()[:65536])
        assert not is_multistream(single.read_bytes()[:65536])
        outcomes = _read(packed)
        assert outcomes == _read(single)
        assert any(kind == "kept" for kind, *_ in outcomes)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_ranges_split_anywhere_read_each_page_once(dumps, data):
    _, packed = data.draw(st.sampled_from(dumps))
    size = packed.stat().st_size
    cuts = data.draw(st.lists(st.integers(1, size - 1), max_size=6))
    assert _ranges(packed, cuts) == _read(packed)


def test_a_damaged_stream_costs_its_own_pages_only(dumps, tmp_path):
    _, packed = next((s, p) for s, p in dumps if s.name.startswith("enwiki"))
    data = bytearray(packed.read_bytes())
    starts = [found.start() for found in STREAM_START.finditer(bytes(data))]
    damaged = starts[2]
    data[damaged + 40 : damaged + 60] = b"\x00" * 20  # inside the third stream's bits
    broken = tmp_path / packed.name
    broken.write_bytes(bytes(data))
    whole = _read(packed)
    outcomes = _read(broken)
    assert ("truncated_or_corrupt_compression", f"{broken.name}#{damaged}") in outcomes
    lost = {item for item in whole if item not in outcomes}
    assert 0 < len(lost) <= 3  # one stream: three pages
    assert [item for item in outcomes if item[0] != "truncated_or_corrupt_compression"] == [
        item for item in whole if item not in lost
    ]


def test_two_workers_reading_ranges_write_what_one_whole_read_writes(tmp_path):
    dump = next(d for d in DUMPS if d.name.startswith("enwiki"))
    packed = tmp_path / "dumps" / "enwiki-20240101-pages-articles-multistream.xml.bz2"
    packed.parent.mkdir()
    packed.write_bytes(multistream_dump(dump.read_bytes(), pages_per_stream=2, copies=40))
    split_bytes = packed.stat().st_size // 6
    file = InputFile(str(packed), packed.stat().st_size)
    [planned] = PlanReads(MultistreamRanges(), split_bytes).process(file)
    assert isinstance(planned, RangedFile)  # read in ranges, not whole
    whole, ranged = whole_and_ranged("wikipedia", packed, tmp_path, split_bytes)
    kept = sorted((ranged / "clean" / "wikipedia").glob("*.parquet"))
    assert kept
    for path in kept:
        assert path.read_bytes() == (whole / "clean" / "wikipedia" / path.name).read_bytes()
    stats = json.loads((ranged / "stats" / "wikipedia.json").read_text())
    assert stats["documents_out"] == sum(pq.read_table(p).num_rows for p in kept) > 40
