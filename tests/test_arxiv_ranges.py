"""An arXiv bulk tar read in byte ranges gives exactly the papers and drops of reading it whole,
wherever the split points fall (inside a paper, on a header, in the zero blocks a damaged tar
holds), and through the CLI with two workers writes what one whole read writes."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpora.arxiv import range_reader, read_file
from pipelines.read_files import InputFile, PlanReads, RangedFile
from tests.conftest import SAMPLES, outcome, read_in_ranges, whole_and_ranged

SAMPLE_TAR = next((SAMPLES / "arxiv").glob("*.tar"))


def bulk_tar(copies: int) -> bytes:
    """The sample bulk tar's members `copies` times, each copy's papers under new ids, and a
    stray pair of zero blocks in the middle (a tar a whole read has to resynchronise over)."""
    out = io.BytesIO()
    with tarfile.open(SAMPLE_TAR) as sample, tarfile.open(fileobj=out, mode="w") as bulk:
        members = [(m, sample.extractfile(m).read() if m.isfile() else None) for m in sample]
        for copy in range(copies):
            for member, data in members:
                info = tarfile.TarInfo(member.name.replace("2301.", f"2301.{copy:02d}", 1))
                info.type = member.type
                info.size = len(data) if data is not None else 0
                bulk.addfile(info, io.BytesIO(data) if data is not None else None)
    data = out.getvalue()
    middle = data.index(b"ustar", len(data) // 2) - 257  # a header's start, mid-file
    return data[:middle] + b"\0" * 1024 + data[middle:]


def _whole(path: Path) -> list[tuple]:
    with path.open("rb") as stream:
        return [outcome(item) for item in read_file(stream, str(path))]


def _ranges(path: Path, cuts: list[int]) -> list[tuple]:
    ranges = range_reader(None)
    ranges.block_bytes = 4096
    with path.open("rb") as stream:
        starts = ranges.record_starts(stream, path.stat().st_size)
    return read_in_ranges(ranges, path, cuts, starts)


@pytest.fixture(scope="module")
def bulk(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("arxiv") / "arXiv_src_2301_900.tar"
    path.write_bytes(bulk_tar(copies=12))
    return path


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_ranges_split_anywhere_read_each_paper_once(bulk, data):
    size = bulk.stat().st_size
    cuts = data.draw(st.lists(st.integers(1, size - 1), max_size=8))
    whole = _whole(bulk)
    assert sum(kind == "kept" for kind, *_ in whole) >= 60
    assert _ranges(bulk, cuts) == whole


def test_a_garbled_header_costs_the_same_in_ranges_as_read_whole(tmp_path):
    damaged = tmp_path / "arXiv_src_2301_901.tar"
    data = bytearray(bulk_tar(copies=4))
    header = data.index(b"ustar", len(data) // 3) - 257
    data[header : header + 512] = b"\x07" * 512  # a member's header is garbage
    damaged.write_bytes(bytes(data))
    whole = _whole(damaged)
    assert len([kind for kind, *_ in whole if kind == "kept"]) < 4 * 6  # that paper is lost
    for cuts in ([], [header], [header + 100, header + 700], [header - 1, len(data) // 2]):
        assert _ranges(damaged, cuts) == whole, cuts


def test_two_workers_reading_ranges_write_what_one_whole_read_writes(bulk, tmp_path):
    split_bytes = bulk.stat().st_size // 5
    file = InputFile(str(bulk), bulk.stat().st_size)
    [planned] = PlanReads(range_reader(None), split_bytes).process(file)
    assert isinstance(planned, RangedFile) and len(planned.starts) > 60
    whole, ranged = whole_and_ranged("arxiv", bulk, tmp_path, split_bytes)
    kept = sorted((ranged / "clean" / "arxiv").glob("*.parquet"))
    assert kept
    for path in kept:
        assert path.read_bytes() == (whole / "clean" / "arxiv" / path.name).read_bytes()
    stats = [json.loads((out / "stats" / "arxiv.json").read_text())["stages"]
             for out in (whole, ranged)]  # fmt: skip
    assert stats[0] == stats[1]
