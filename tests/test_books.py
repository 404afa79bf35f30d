import gzip
import io
import json

import apache_beam as beam
from apache_beam.testing import test_pipeline
from apache_beam.testing.util import assert_that, equal_to

from corpora.books import decode_book, read_file
from filters.books import StripGutenberg, minhash_bands, overlap, shingle_hashes, strip_gutenberg
from filters.document import Document
from pipelines.accounting import counter_totals
from pipelines.local_runner import LocalRunner
from pipelines.near_dedup import NearDedup

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
    assert next(read_file(io.BytesIO(bomb), "bomb.txt.gz")).reason == "book_too_large"
    cut = gzip.compress(b"word " * 1000)[:-20]
    assert next(read_file(io.BytesIO(cut), "cut.txt.gz")).reason == (
        "truncated_or_corrupt_compression"
    )


def _load(shared_data, path):
    with gzip.open(shared_data / path, "rb") as handle:
        return strip_gutenberg(decode_book(handle.read()))[0]


def test_overlap_decides_the_real_pairs_as_intended(shared_data):
    """Re-renderings and edited copies are over 0.9; half a book and another book are not."""
    with open(shared_data / "books" / "pairs.jsonl") as lines:
        pairs = [json.loads(line) for line in lines]
    for pair in pairs:
        a = shingle_hashes(_load(shared_data, pair["a"]))
        b = shingle_hashes(_load(shared_data, pair["b"]))
        assert (overlap(a, b) > 0.9) == pair["intended_near_duplicate"], pair["relation"]
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
    result = pipeline | beam.Create(docs) | NearDedup("books", str(tmp_path), threshold=0.9)
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
        result["rejected"] | beam.Map(lambda r: r.document.meta["duplicate_of"]),
        equal_to([longest, longest]),
        label="dropped",
    )
    finished = pipeline.run()
    finished.wait_until_finish()
    assert counter_totals(finished, "books")["near_dedup|metric|candidate_books"] == len(candidates)
