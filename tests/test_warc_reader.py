import gzip
import io
import tracemalloc
from collections import Counter

import pytest

from corpora.commoncrawl import read_file
from corpora.compression import open_decompressed
from corpora.decoding import RECORD_BYTES
from corpora.warc import WarcProblem, WarcRecord, iter_records
from filters.document import Document, Rejection
from tests.conftest import SAMPLES


def _record(kind: str, uri: str, body: bytes, length: int | None = None) -> bytes:
    size = len(body) if length is None else length
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2023-05-01T10:00:00Z\r\nContent-Length: {size}\r\n\r\n"
    )
    return head.encode() + body + b"\r\n\r\n"


ARTICLE = (
    b"How to store apples through the winter\n"
    b"Pick apples on a dry day and handle them gently, because a single bruise lets rot in.\n"
    b"Wrap each fruit in newspaper and lay them in a single layer in a shallow crate.\n"
    b"Keep the crate somewhere cool, dark and frost free, such as a garage or cellar.\n"
    b"Check the store every week and remove any apple that shows soft brown patches.\n"
)


def _read(data: bytes, name: str = "test.warc.wet.gz") -> list[Document | Rejection]:
    return list(read_file(io.BytesIO(data), name, min_length=300))


def _outcomes(items) -> Counter:
    return Counter("kept" if isinstance(o, Document) else o.reason for o in items)


def test_shipped_wet_sample_reads_every_conversion_record():
    path = SAMPLES / "commoncrawl" / "sample-00000.warc.wet.gz"
    items = list(read_file(path.open("rb"), path.name))
    docs = [o for o in items if isinstance(o, Document)]
    assert len(items) == 17  # the warcinfo record is not a document
    assert len(docs) == 16
    first = docs[0]
    assert first.id == "sample-00000.warc.wet.gz#0000001"
    assert first.meta["url"].startswith("https://www.riverbend-gardening.example/")
    assert first.meta["digest"].startswith("sha1:")
    assert first.meta["original_nlines"] == first.text.count("\n") + 1


def test_shipped_warc_sample_extracts_main_text(sample_pages):
    path = SAMPLES / "commoncrawl" / "sample-00000.warc.gz"
    docs = {
        d.meta["url"]: d for d in read_file(path.open("rb"), path.name) if isinstance(d, Document)
    }
    page = next(p for p in sample_pages if p["kind"] == "article")
    text = docs[page["url"]].text
    assert page["paragraphs"][0][:60] in text
    assert page["footer"][0] not in text  # trafilatura drops the site footer


def test_resiliparse_extractor_also_reads_the_warc(sample_pages):
    path = SAMPLES / "commoncrawl" / "sample-00000.warc.gz"
    docs = [
        d
        for d in read_file(path.open("rb"), path.name, extractor="resiliparse")
        if isinstance(d, Document)
    ]
    article = next(p for p in sample_pages if p["kind"] == "article")
    assert any(article["paragraphs"][-1][:50] in d.text for d in docs)


def test_truncated_gzip_keeps_what_was_read_and_counts_the_break():
    data = b"".join(
        gzip.compress(_record("conversion", f"https://a.example/{i}", ARTICLE)) for i in range(3)
    )
    items = _read(data[: len(data) - 40])
    assert _outcomes(items) == Counter({"kept": 2, "truncated_or_corrupt_compression": 1})


def test_garbage_between_records_is_skipped_and_reading_resumes():
    data = (
        _record("conversion", "https://a.example/1", ARTICLE)
        + b"\x00\xffthis is not a warc header\r\nnor is this\r\n"
        + _record("conversion", "https://a.example/2", ARTICLE)
    )
    assert _outcomes(_read(data)) == Counter({"kept": 2, "corrupt_record": 1})


def test_bad_content_length_is_a_counted_drop():
    length = f"Content-Length: {len(ARTICLE)}".encode()
    data = _record("conversion", "https://a.example/1", ARTICLE).replace(
        length, b"Content-Length: lots"
    ) + _record("conversion", "https://a.example/2", ARTICLE)
    assert _outcomes(_read(data)) == Counter({"kept": 1, "corrupt_record": 1})


def test_block_shorter_than_its_length_at_end_of_file_is_truncated():
    data = _record("conversion", "https://a.example/1", ARTICLE)[:-200]
    assert _outcomes(_read(data)) == Counter({"truncated_record": 1})


def test_wrong_content_length_is_realigned_on_the_next_record():
    too_short = _record("conversion", "https://a.example/1", ARTICLE, length=len(ARTICLE) - 30)
    too_long = _record("conversion", "https://a.example/2", ARTICLE, length=len(ARTICLE) + 20)
    good = _record("conversion", "https://a.example/3", ARTICLE)
    items = _read(too_short + too_long + good)
    assert [d.meta["url"] for d in items] == [f"https://a.example/{i}" for i in (1, 2, 3)]
    assert all(d.text.endswith("soft brown patches.") for d in items)


def test_invalid_utf8_and_short_documents_are_named_drops():
    """A page in another encoding is dropped; one damaged byte in a UTF-8 page is replaced,
    counted on the page, and the page kept (corrupted transfers flip bytes, not encodings)."""
    latin1 = (
        "Comment conserver les pommes en hiver\nCueillez-les par temps sec, enveloppez chaque "
        "fruit dans du papier journal et rangez-les dans une cagette, à l'abri du gel. "
        "Vérifiez la réserve chaque semaine et retirez les fruits abîmés.\n"
    ).encode("latin-1")
    bad = _record("conversion", "https://a.example/fr", latin1 * 2)
    damaged = _record(
        "conversion", "https://a.example/ok", ARTICLE.replace(b"gently", b"g\xe9ntly")
    )
    short = _record("conversion", "https://a.example/short", b"Page not found")
    items = _read(bad + damaged + short)
    assert _outcomes(items) == Counter({"invalid_utf8": 1, "kept": 1, "too_short": 1})
    assert "handle them g\ufffdntly" in items[1].text and items[1].meta["invalid_bytes"] == 1


def _gzip_members(*records: bytes) -> bytes:
    return b"".join(gzip.compress(record) for record in records)


def test_a_page_over_the_size_bound_is_skipped_unheld_and_its_neighbours_kept():
    """A 24 MB page on a single line (a crawler's runaway text) between two good pages."""
    line = b"The river rose slowly through the night and by morning the fields were flooded. "
    huge = line * (24 * 1024 * 1024 // len(line))
    assert len(huge) > RECORD_BYTES["web_page"]
    data = _gzip_members(
        _record("conversion", "https://a.example/1", ARTICLE),
        _record("conversion", "https://huge.example/", huge),
        _record("conversion", "https://a.example/2", ARTICLE),
    )
    tracemalloc.start()
    items = _read(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [o.meta["url"] if isinstance(o, Document) else o.reason for o in items] == [
        "https://a.example/1", "record_too_large", "https://a.example/2"
    ]  # fmt: skip
    assert peak < len(huge) // 3  # read past in 1 MiB pieces, never held whole


def test_an_http_body_over_the_bound_is_a_named_drop():
    html = b"<html><body>" + b"<p>Apples keep best in a cool dark cellar.</p>" * 200_000
    bomb = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
        + gzip.compress(html)
    )
    page = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article><p>"
        + ARTICLE.replace(b"\n", b"</p><p>")
        + b"</p></article></body></html>"
    )
    data = _record("response", "https://a.example/bomb", bomb) + _record(
        "response", "https://a.example/page", page
    )
    items = _read(data, "test.warc.gz")
    assert _outcomes(items) == Counter({"record_too_large": 1, "kept": 1})
    assert "single bruise lets rot in" in items[1].text


def test_not_a_warc_file_is_a_drop_not_a_crash():
    items = _read(b"<html><body>just a web page</body></html>\n" * 50)
    assert _outcomes(items) == Counter({"corrupt_record": 1})


def test_oversized_record_is_skipped(monkeypatch):
    import corpora.warc as warc

    monkeypatch.setattr(warc, "MAX_BLOCK_BYTES", 1000)
    big = _record("conversion", "https://a.example/big", ARTICLE * 10)
    items = list(
        iter_records(io.BytesIO(big + _record("conversion", "https://b.example", ARTICLE)))
    )
    assert isinstance(items[0], WarcProblem) and items[0].reason == "record_too_large"
    assert (
        isinstance(items[1], WarcRecord)
        and items[1].header("warc-target-uri") == "https://b.example"
    )


def test_http_responses_become_documents_and_errors_are_named():
    html = (
        b"<html><head><title>Apples</title></head><body><article>"
        + b"".join(b"<p>" + line + b"</p>" for line in ARTICLE.splitlines())
        + b"</article></body></html>"
    )
    ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    missing = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>gone</html>"
    image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG..."
    broken = b"not http at all"
    data = b"".join(
        _record("response", f"https://a.example/{i}", body)
        for i, body in enumerate([ok, missing, image, broken])
    )
    data += _record("request", "https://a.example/0", b"GET / HTTP/1.1\r\n\r\n")
    items = _read(data, "test.warc.gz")
    assert _outcomes(items) == Counter(
        {"kept": 1, "http_status_not_200": 1, "not_html": 1, "bad_http": 1}
    )
    assert "single bruise lets rot in" in items[0].text


@pytest.mark.parametrize("name", ["eval-pages.warc.wet.gz", "eval-pages.warc.gz"])
def test_real_eval_pages_read_without_problems(shared_data, name):
    path = shared_data / "web" / "warc" / name
    outcomes = _outcomes(read_file(path.open("rb"), name))
    assert outcomes["kept"] >= 215  # 222 pages; a few are under 300 characters
    assert set(outcomes) <= {"kept", "too_short", "no_extracted_text"}


def test_real_wget_captures_with_chunked_pages(shared_data):
    for path in sorted((shared_data / "web" / "warc" / "real").glob("dolma-sample-*.warc.gz")):
        items = list(read_file(path.open("rb"), path.name))
        assert sum(isinstance(o, Document) for o in items) >= 10
        assert not [o for o in items if isinstance(o, Rejection) and "corrupt" in o.reason]


def test_real_ccnet_wet_with_wrong_lengths_is_realigned(shared_data):
    path = shared_data / "web" / "warc" / "real" / "cc_net-sample.warc.wet.txt"
    records = [r for r in iter_records(open_decompressed(path.open("rb")))]
    assert all(isinstance(r, WarcRecord) for r in records)
    urls = [r.header("WARC-Target-URI") for r in records if r.type == "conversion"]
    assert urls == [
        "http://sample_english.com",
        "http://sample_chinese.zh",
        "http://sample_russian.ru",
    ]
    assert records[1].block.decode().startswith("Famous Mark Twain Quotes")
