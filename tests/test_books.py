import gzip
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import apache_beam as beam
import pyarrow.parquet as pq
import pytest
from apache_beam.testing import test_pipeline
from apache_beam.testing.util import assert_that, equal_to

import filters.books
from corpora.books import decode_book, read_file, reader
from corpora.input_paths import common_root
from filters.books import (
    MinHasher,
    StripGutenberg,
    content_words,
    is_near_duplicate,
    minhash_bands,
    overlap,
    shingle_hashes,
    strip_gutenberg,
)
from filters.document import Document
from pipelines.accounting import counter_totals
from pipelines.config import load_config
from pipelines.local_runner import LocalRunner
from pipelines.near_dedup import NearDedup, _ParkAndSign

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = PROJECT_ROOT / "tests" / "data" / "books"
SAMPLES = PROJECT_ROOT / "corpora" / "samples" / "books"
CONFIG = load_config().sources.books
THRESHOLDS = (CONFIG.overlap_threshold, CONFIG.reverse_overlap_threshold)


def _shares(a: str, b: str) -> tuple[float, float]:
    return overlap(shingle_hashes(a), shingle_hashes(b))


def _near_duplicates(a: str, b: str) -> bool:
    return is_near_duplicate(_shares(a, b), *THRESHOLDS)


def _sample(name: str) -> str:
    """A book of the project's sample, Gutenberg header and footer removed."""
    path = SAMPLES / name
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return strip_gutenberg(decode_book(data))[0]


GUTENBERG = """\ufeffThe Project Gutenberg eBook of The Tin Kettle, by A. Writer\r
\r
Title: The Tin Kettle\r
Author: A. Writer\r
\r
*** START OF THE PROJECT GUTENBERG EBOOK THE TIN KETTLE ***\r
Produced by A Volunteer and the Online Proofreading Team\r
\r
CHAPTER I.\r
\r
The kettle sang on the stove while the rain came down.\r
\r
*** END OF THE PROJECT GUTENBERG EBOOK THE TIN KETTLE ***\r
\r
Updated editions will replace the previous one.\r
"""


def test_gutenberg_header_credit_and_licence_are_removed():
    doc = Document("tin-kettle", "books", decode_book(GUTENBERG.encode("utf-8")))
    kept = StripGutenberg().apply(doc)
    assert kept.text == ("CHAPTER I.\n\nThe kettle sang on the stove while the rain came down.")
    assert kept.meta["title"] == "The Tin Kettle"
    assert strip_gutenberg("A plain Books3 text.\n")[0] == "A plain Books3 text.\n"


def test_decoding_falls_back_to_windows_1252():
    assert decode_book("Café au lait\r\n".encode("cp1252")) == "Café au lait\n"


def test_reader_caps_size_and_refuses_binary(monkeypatch):
    import corpora.books as books

    assert next(read_file(io.BytesIO(b"\x89PNG\x00\x00data"), "x.txt")).reason == "not_text"
    monkeypatch.setattr(books, "MAX_BOOK_BYTES", 1000)
    bomb = gzip.compress(b"a" * 100_000)
    assert next(read_file(io.BytesIO(bomb), "bomb.txt.gz")).reason == "record_too_large"
    cut = gzip.compress(b"word " * 1000)[:-20]
    assert next(read_file(io.BytesIO(cut), "cut.txt.gz")).reason == (
        "truncated_or_corrupt_compression"
    )


def test_encodings_are_read_as_every_source_reads_them():
    """A book saved as UTF-16 without a BOM (as some Windows editors do) reads like its UTF-8
    copy; three quotation marks cut short in transfer cost three characters, not the book; a
    byte in a line without UTF-8 characters was never UTF-8 (an older Gutenberg file, or a
    line pasted from one) and reads as Windows-1252."""
    text = (SAMPLES / "books3" / "the-night-bakery.txt").read_text(encoding="utf-8")
    utf8 = next(read_file(io.BytesIO(text.encode("utf-8")), "bakery.txt"))
    utf16 = next(read_file(io.BytesIO(text.encode("utf-16-le")), "bakery-utf16.txt"))
    assert utf16.text == utf8.text == text and utf16.meta["encoding"] == "utf-16-le"
    damaged = text.encode("utf-8").replace("\u201d".encode(), b"\xe2\x80", 3)
    kept = next(read_file(io.BytesIO(damaged), "bakery-damaged.txt"))
    assert kept.meta["invalid_bytes"] == 3 and kept.text.count("\ufffd") == 3
    assert kept.text.replace("\ufffd", "\u201d") == text
    legacy = GUTENBERG.lstrip("\ufeff").replace("The kettle sang", "The café kettle sang —")
    old = next(read_file(io.BytesIO(legacy.encode("cp1252")), "pg90009.txt"))
    assert "The café kettle sang — on the stove" in old.text and old.meta["encoding"] == "cp1252"


def test_an_empty_or_blank_file_holds_no_book():
    """Nothing is yielded, so the pipeline counts the file itself (`empty_file`)."""
    for data in (b"", b"\n\n  \r\n", b"\xef\xbb\xbf\n", gzip.compress(b"")):
        assert list(read_file(io.BytesIO(data), "blank.txt")) == []


def _load(shared_data, path):
    with gzip.open(shared_data / path, "rb") as handle:
        return strip_gutenberg(decode_book(handle.read()))[0]


def test_overlap_decides_the_real_pairs_as_intended(shared_data):
    """Re-renderings and edited copies are near duplicates; half a book and another book of the
    same publisher are not; LSH proposes every intended pair."""
    with open(shared_data / "books" / "pairs.jsonl") as lines:
        pairs = [json.loads(line) for line in lines]
    for pair in pairs:
        a = shingle_hashes(_load(shared_data, pair["a"]))
        b = shingle_hashes(_load(shared_data, pair["b"]))
        decided = is_near_duplicate(overlap(a, b), *THRESHOLDS)
        assert decided == pair["intended_near_duplicate"], pair["relation"]
        if pair["intended_near_duplicate"]:
            shared = sum(x == y for x, y in zip(minhash_bands(a), minhash_bands(b), strict=True))
            assert shared > 0  # LSH proposes the pair


def test_near_dedup_in_beam_keeps_the_longest_of_each_cluster(shared_data, tmp_path):
    names = [
        "books/gnu-coding-standards.txt.gz",
        "books/near_dups/gnu-coding-standards.info.gz",
        "books/near_dups/gnu-coding-standards.first-half.txt.gz",
        "books/near_dups/gnu-coding-standards.rewrapped-crlf.txt.gz",
        "books/gnu-maintainers-information.txt.gz",
    ]
    docs = [Document(name.rsplit("/", 1)[-1], "books", _load(shared_data, name)) for name in names]
    longest = max(docs[:2] + docs[3:4], key=lambda d: (len(d.text), d.id)).id
    bands = {doc.id: set(minhash_bands(shingle_hashes(doc.text))) for doc in docs}
    candidates = [i for i in bands if any(bands[i] & bands[j] for j in bands if j != i)]
    assert 2 <= len(candidates) < len(docs)  # the unrelated book is never compared
    pipeline = test_pipeline.TestPipeline(runner=LocalRunner())
    result = pipeline | beam.Create(docs) | NearDedup("books", str(tmp_path), *THRESHOLDS)
    assert_that(
        result.kept | beam.Map(lambda d: d.id),
        equal_to(
            [
                longest,
                "gnu-coding-standards.first-half.txt.gz",
                "gnu-maintainers-information.txt.gz",
            ]
        ),
        label="kept",
    )
    assert_that(
        result["rejected"]
        | beam.Map(
            lambda r: (
                r.document.meta["duplicate_of"],
                r.document.meta["overlap"] > THRESHOLDS[0],
                r.document.meta["reverse_overlap"] >= THRESHOLDS[1],
            )
        ),
        equal_to([(longest, True, True), (longest, True, True)]),
        label="dropped",
    )
    finished = pipeline.run()
    finished.wait_until_finish()
    assert counter_totals(finished, "books")["near_dedup|metric|candidate_books"] == len(candidates)


def test_content_words_leave_out_references_numerals_case_and_markup():
    line = "Gen 1:1 In the BEGINNING [3] _God_ created (12.) CHAPTER XIV, I said: x86 café"
    assert content_words(line) == [
        "gen", "in", "the", "beginning", "god", "created", "chapter", "said", "café"
    ]  # fmt: skip


@pytest.mark.parametrize("book_name", [True, False], ids=["Genesis 1:1", "1:1"])
def test_verse_referenced_and_plain_bibles_are_one_book(book_name):
    """A reference on every verse, one verse per line, against running paragraphs under
    roman-numbered chapter headings: the same text, so a near duplicate."""
    plain = (DATA / "genesis-plain.txt").read_text()
    verses = (DATA / "genesis-verses.txt").read_text()
    if not book_name:
        verses = re.sub(r"^Genesis (?=\d)", "", verses, flags=re.MULTILINE)
    contained, reverse = _shares(plain, verses)
    assert contained > 0.99 and reverse > 0.95
    assert _near_duplicates(plain, verses)


def test_dictionary_server_rendering_and_plain_glossary_are_one_book():
    """The dictd rendering (database header, a headword line per entry, re-wrapped) has all
    of the entries but not the plain edition's contents list and introduction: nearly all of
    it is in the plain text, which is mostly in it, so one book."""
    plain = (DATA / "glossary-plain.txt").read_text()
    dictd = (DATA / "glossary-dictd.txt").read_text()
    contained, reverse = _shares(plain, dictd)
    assert contained > 0.95
    assert THRESHOLDS[1] <= reverse < 0.9  # the front matter: the larger's share misses it
    assert _near_duplicates(dictd, plain)


def test_a_book_inside_another_is_a_duplicate_only_when_it_is_most_of_it():
    """One story of an anthology, or the first half of a novel, is wholly contained but is
    not the book; the same novel with 5% of its paragraphs cut or with front and back matter
    added is."""
    stories = ["books3/the-winter-orchard.txt", "books3/the-night-bakery.txt",
               "gutenberg/pg90004.txt", "gutenberg/pg90003.txt.gz"]  # fmt: skip
    story = _sample("books3/the-night-bakery.txt")
    anthology = "Four Tales of Small Places\n\nContents\n\n" + "\n\n".join(map(_sample, stories))
    assert _shares(anthology, story)[0] == 1.0
    assert not _near_duplicates(anthology, story)
    assert not _near_duplicates(story, _sample("books3/the-night-bakery-sampler.txt"))
    paragraphs = story.split("\n\n")
    abridged = "\n\n".join(p for n, p in enumerate(paragraphs, 1) if n % 20)
    assert len(abridged) < 0.97 * len(story)
    assert _near_duplicates(story, abridged)
    matter = "Copyright notice. All rights reserved by the author and the publisher.\n\n"
    assert _near_duplicates(story, matter + story + "\n\n" + matter)


def test_distinct_books_sharing_a_lot_are_both_kept():
    """Two collections of one series that share two of their three stories (about 60% of
    each), and a novel against its revised edition, which is the same book."""
    shared = _sample("books3/the-winter-orchard.txt") + "\n\n" + _sample("gutenberg/pg90004.txt")
    first = shared + "\n\n" + _sample("books3/the-night-bakery.txt")
    second = shared + "\n\n" + _sample("books3/the-keepers-of-skerrow-rock.txt")
    contained, reverse = _shares(first, second)
    assert 0.5 < reverse <= contained < 0.8
    assert not _near_duplicates(first, second)
    edition = _sample("books3/the-lighthouse-keepers-ledger.txt")
    revised = _sample("books3/the-lighthouse-keepers-ledger-revised-edition.txt")
    assert edition != revised and _near_duplicates(edition, revised)


def test_ids_are_paths_below_the_inputs_common_folder(tmp_path):
    """Two README.txt in two folders get two ids, the same wherever the folders are."""
    ids = []
    for machine in ("one", "two"):
        paths = []
        for folder in ("manuals/emacs", "manuals/gawk"):
            path = tmp_path / machine / "books" / folder / "README.txt.gz"
            path.parent.mkdir(parents=True)
            path.write_bytes(gzip.compress(f"The {folder} manual.\n".encode()))
            paths.append(str(path))
        read = reader(CONFIG, common_root(paths))
        ids.append([next(read(io.BytesIO(Path(p).read_bytes()), p)).id for p in paths])
    assert ids[0] == ids[1] == ["emacs/README.txt", "gawk/README.txt"]
    assert next(read_file(io.BytesIO(b"A book.\n"), "/somewhere/README.txt")).id == "README.txt"


def test_same_named_books_in_two_folders_as_a_user_runs_them(tmp_path):
    """The command line over two folders holding a README.txt each, and a CRLF copy of one of
    them in a third: both books are kept, the copy is dropped as a duplicate of its own."""
    books = {"a": DATA / "genesis-plain.txt", "b": DATA / "glossary-plain.txt"}
    for folder, source in books.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "README.txt").write_bytes(source.read_bytes())
    (tmp_path / "c").mkdir()
    crlf = books["a"].read_bytes().replace(b"\n", b"\r\n")
    (tmp_path / "c" / "README.txt").write_bytes(crlf)
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "pipelines.run", "--source", "books", "--keep-rejected",
         "--input", str(tmp_path / "*" / "README.txt"), "--output", str(out)],
        cwd=PROJECT_ROOT, check=True, capture_output=True,
        env={**os.environ, "NO_GCE_CHECK": "true"},
    )  # fmt: skip
    kept = [r["id"] for f in (out / "clean" / "books").glob("*.parquet")
            for r in pq.read_table(f).to_pylist()]  # fmt: skip
    rows = [r for f in (out / "rejected" / "books").glob("*.parquet")
            for r in pq.read_table(f).to_pylist()]  # fmt: skip
    metas = [json.loads(r["meta_json"]) for r in rows]
    dropped = [(r["id"], r["reason"], m["duplicate_of"]) for r, m in zip(rows, metas, strict=True)]
    assert sorted(kept) == ["a/README.txt", "b/README.txt"]
    assert dropped == [("c/README.txt", "near_duplicate", "a/README.txt")]


def test_minhash_permutations_are_made_once_per_worker(tmp_path, monkeypatch):
    made = []
    original = filters.books._permutation
    monkeypatch.setattr(
        filters.books, "_permutation", lambda name: made.append(name) or original(name)
    )
    sign = _ParkAndSign(str(tmp_path), num_perm=64, bands=16)
    sign.setup()
    texts = [(DATA / name).read_text() for name in ("genesis-plain.txt", "glossary-plain.txt")]
    outputs = list(
        sign.process_list([Document(f"b{n}", "books", t) for n, t in enumerate(texts * 2)])
    )
    assert len(outputs) > 2 and len(made) == 64  # four books signed, 64 permutations made once


def test_minhash_estimates_jaccard_and_is_the_same_in_every_process():
    """Signatures agree on about the Jaccard share of rows; the band keys do not depend on
    the process (no salted hash), so runs give byte-identical output."""
    words = content_words(_sample("gutenberg/pg90001.txt"))
    half = len(words) // 2
    a = shingle_hashes(" ".join(words[: half + half // 2]))
    b = shingle_hashes(" ".join(words[half // 2 :]))
    jaccard = len(set(a.tolist()) & set(b.tolist())) / len(set(a.tolist()) | set(b.tolist()))
    hasher = MinHasher(num_perm=256, bands=64)
    agreement = float((hasher.signature(a) == hasher.signature(b)).mean())
    assert abs(agreement - jaccard) < 0.1
    script = (
        "import sys; from filters.books import minhash_bands, shingle_hashes; "
        "print(b''.join(minhash_bands(shingle_hashes(sys.stdin.read()))).hex())"
    )
    text = (DATA / "glossary-dictd.txt").read_text()
    other = subprocess.run(
        [sys.executable, "-c", script], input=text, cwd=PROJECT_ROOT, check=True,
        capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "12345"},
    ).stdout.strip()  # fmt: skip
    assert other == b"".join(minhash_bands(shingle_hashes(text))).hex()
