"""JSON lines under the shared size and decoding policy (corpora/decoding.py), through the C4
and GitHub readers: every line a document or a named drop, the good lines beside bad ones kept."""

import codecs
import gzip
import io
import json

from corpora.c4 import read_file as read_c4
from corpora.github import read_file as read_github
from corpora.jsonl import iter_json_lines
from filters.document import Rejection

ROWS = [
    {"text": "The river rose two metres overnight and the ferry stopped running.",
     "url": "https://news.example/ferry", "timestamp": "2019-04-25T12:57:54Z"},
    {"text": "Café owners along the quay moved their tables indoors by noon.",
     "url": "https://news.example/quay", "timestamp": "2019-04-25T13:10:02Z"},
]  # fmt: skip


def _lines(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def _outcomes(items) -> list[str]:
    return [item.reason if isinstance(item, Rejection) else item.text for item in items]


def test_utf16_json_lines_read_like_utf8_with_or_without_bom():
    for encoding, bom in [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", b""),
                          ("utf-8", codecs.BOM_UTF8)]:  # fmt: skip
        data = bom + _lines(ROWS).replace("\n", "\r\n").encode(encoding)
        assert _outcomes(read_c4(io.BytesIO(data), "c4.json")) == [r["text"] for r in ROWS]


def test_a_few_invalid_bytes_are_counted_damage_and_many_drop_the_line():
    good, damaged_text = _lines(ROWS[:1]).encode(), ROWS[1]["text"].encode()
    one_bad = damaged_text.replace("é".encode(), b"\xe9")  # one latin-1 byte in 70
    damaged = _lines([{**ROWS[1], "text": "X"}]).encode().replace(b'"X"', b'"' + one_bad + b'"')
    latin1 = _lines([{**ROWS[1], "text": "\xe9" * 200}]).encode("latin-1")
    items = list(read_c4(io.BytesIO(good + damaged + latin1), "c4.json"))
    assert _outcomes(items)[0] == ROWS[0]["text"]
    assert items[1].text == ROWS[1]["text"].replace("é", "\ufffd")
    assert items[1].meta["invalid_bytes"] == 1 and "invalid_bytes" not in items[0].meta
    assert _outcomes(items)[2] == "invalid_utf8"


def test_a_line_over_the_bound_is_skipped_and_the_next_one_read():
    huge = json.dumps({"text": "a" * 5000}).encode() + b"\n"
    data = (
        _lines(ROWS[:1]).encode()
        + huge
        + b"\n\n"
        + b"[1, 2]\n"
        + b"{oops\n"
        + _lines(ROWS[1:]).encode()
    )
    lines = list(iter_json_lines(io.BytesIO(data), max_line_bytes=1000))
    assert [line.reason for line in lines] == [None, "record_too_large", "malformed_record",
                                               "malformed_json", None]  # fmt: skip
    assert lines[-1].record == ROWS[1]


def test_github_rows_carry_their_damage_count():
    code = "def greet(name):\n    return f'Olá, {name}'\n"
    row = {"repo_name": "acme/hello", "path": "greet.py", "license": "mit", "content": code}
    data = _lines([row]).encode().replace("á".encode(), b"\xe1")
    (doc,) = read_github(io.BytesIO(gzip.compress(data)), "rows.jsonl.gz")
    assert doc.text == code.replace("á", "\ufffd") and doc.meta["invalid_bytes"] == 1
