"""A tar of books (Books3 is one tar of about 200k books) reads as the same books as the files
it holds: each file member a book named by its path in the tar, every other member a counted
drop; compressed it is read whole, uncompressed in byte ranges by member offsets, with exactly
the outcomes of a whole read wherever the split points fall."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpora.books import range_reader, read_file
from pipelines.read_files import InputFile, PlanReads, RangedFile
from tests.conftest import SAMPLES, outcome, read_in_ranges, run_cli, whole_and_ranged

BOOKS = SAMPLES / "books"
SHIPPED = sorted(path for path in BOOKS.rglob("*") if path.suffix in (".txt", ".gz"))


def _add(archive: tarfile.TarFile, name: str, data: bytes | None = None, **fields) -> None:
    info = tarfile.TarInfo(name)
    for field, value in fields.items():
        setattr(info, field, value)
    info.size = len(data) if data is not None else 0
    archive.addfile(info, io.BytesIO(data) if data is not None else None)


def books_tar(copies: int = 1, hostile: bool = True) -> bytes:
    """The shipped books as members `books/<folder>/<file>` (copy k > 0 under `copy<k>/`), and
    with `hostile` the members a real tar can hold that are not books."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as archive:
        _add(archive, "books", type=tarfile.DIRTYPE)
        for copy in range(copies):
            prefix = "books" if copy == 0 else f"copy{copy}/books"
            for path in SHIPPED:
                _add(archive, f"{prefix}/{path.relative_to(BOOKS)}", path.read_bytes())
        if hostile:
            _add(archive, "books/link.txt", type=tarfile.SYMTYPE, linkname="../../etc/passwd")
            _add(archive, "books/pipe", type=tarfile.FIFOTYPE)
            _add(archive, "books/empty.txt", b"")
            _add(archive, "books/cover.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40)
            long_name = "books/" + "a-very-long-folder-name/" * 6 + "the-long-named-book.txt"
            _add(archive, long_name, SHIPPED[0].read_bytes())
    return out.getvalue()


def _outcomes(path: Path, root: str | None = None) -> list[tuple]:
    with path.open("rb") as stream:
        return [outcome(item) for item in read_file(stream, str(path), root)]


@pytest.fixture(scope="module")
def tar(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("books") / "books3.tar"
    path.write_bytes(books_tar())
    return path


def test_each_member_is_the_book_its_file_is(tar):
    found = {item[1]: item for item in _outcomes(tar)}
    for path in SHIPPED:
        relative = str(path.relative_to(BOOKS)).removesuffix(".gz")
        [as_file] = _outcomes(path, str(BOOKS))
        member = found.pop(f"books3/books/{relative}")
        assert member[0] == "kept" and member[2] == as_file[2]  # the same text, decompressed
        assert json.loads(member[3])["source_file"] == "books3.tar"
    long_id = "books3/books/" + "a-very-long-folder-name/" * 6 + "the-long-named-book.txt"
    assert found.pop(long_id)[0] == "kept"  # a GNU long name is read whole
    assert found == {
        "books3/books/link.txt": ("link_member", "books3/books/link.txt"),
        "books3/books/pipe": ("not_a_file", "books3/books/pipe"),
        "books3/books/empty.txt": ("empty_member", "books3/books/empty.txt"),
        "books3/books/cover.jpg": ("not_text", "books3/books/cover.jpg"),
    }


def test_a_compressed_tar_reads_as_the_plain_one(tar, tmp_path):
    packed = tmp_path / "books3.tar.gz"
    packed.write_bytes(gzip.compress(tar.read_bytes()))
    named = [tuple(part.replace('"books3.tar.gz"', '"books3.tar"') for part in item)
             for item in _outcomes(packed)]  # fmt: skip
    assert named == _outcomes(tar)


def test_a_tar_cut_short_keeps_its_whole_books_and_counts_the_rest(tar, tmp_path):
    data = tar.read_bytes()
    cut = tmp_path / "cut.tar"
    cut.write_bytes(data[: data.index(b"the-night-bakery.txt") + 2000])
    outcomes = _outcomes(cut)
    kept = [item[1] for item in outcomes if item[0] == "kept"]
    assert kept and all("night-bakery.txt" not in book_id for book_id in kept)
    assert outcomes[-1][0] == "corrupt_member"  # the member whose data runs past the end


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_ranges_split_anywhere_read_each_book_once(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "many-books.tar"
    if not path.exists():
        path.write_bytes(books_tar(copies=6))
    size = path.stat().st_size
    cuts = data.draw(st.lists(st.integers(1, size - 1), max_size=8))
    ranges = range_reader(None)
    ranges.block_bytes = 4096
    with path.open("rb") as stream:
        starts = ranges.record_starts(stream, size)
    whole = _outcomes(path)
    assert sum(item[0] == "kept" for item in whole) == 6 * len(SHIPPED) + 1
    assert read_in_ranges(ranges, path, cuts, starts) == whole


def test_two_workers_reading_a_tar_in_ranges_keep_what_the_files_keep(tmp_path):
    tar = tmp_path / "books3.tar"
    tar.write_bytes(books_tar(hostile=False))
    split_bytes = tar.stat().st_size // 4
    file = InputFile(str(tar), tar.stat().st_size)
    [planned] = PlanReads(range_reader(None), split_bytes).process(file)
    assert isinstance(planned, RangedFile) and len(planned.starts) == len(SHIPPED) + 1
    whole, ranged = whole_and_ranged("books", tar, tmp_path, split_bytes)
    files = tmp_path / "files"
    run_cli("--source", "books", "--input", *map(str, SHIPPED), "--output", str(files))

    def kept(out: Path) -> list[tuple[str, str]]:
        table = pq.read_table(sorted((out / "clean" / "books").glob("*.parquet")))
        return sorted(zip(table["id"].to_pylist(), table["text"].to_pylist(), strict=True))

    assert kept(ranged) == kept(whole)
    # The near-duplicate decisions are the files' own: the same texts, ids under the tar's name.
    assert kept(whole) == [(f"books3/books/{book_id}", text) for book_id, text in kept(files)]
    assert 0 < len(kept(whole)) < len(SHIPPED)
