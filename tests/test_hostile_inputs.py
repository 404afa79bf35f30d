"""Broken and hostile files for every source: each gives named drops or documents, never an
exception or a hang."""

import bz2
import gzip
import importlib
import io
import time

import pytest

from filters.document import Document, Rejection
from filters.perplexity import Perplexity
from filters.step import Step
from filters.wiki_classifier import WikiReferenceClassifier
from pipelines.config import load_config

SOURCES = ["commoncrawl", "c4", "github", "wikipedia", "books", "arxiv", "stackexchange"]
LONG_LINE = b"spam " * 2_000_000  # 10 MB without a newline

HOSTILE = {
    "empty": b"",
    "binary": bytes(range(256)) * 4000,
    "nul_bytes": b"\x00" * 100_000,
    "ten_mb_line": LONG_LINE,
    "gzip_of_long_line": gzip.compress(LONG_LINE),
    "truncated_gzip": gzip.compress(b"some text\n" * 50_000)[:3000],
    "truncated_bz2": bz2.compress(b"<mediawiki><page>" * 5000)[:2000],
    "html_page": b"<html><body><p>"
    + b"Not the format you expected. " * 2000
    + b"</p></body></html>",
    "invalid_utf8": b"\xff\xfe\xfa" * 10_000 + b"\n",
}

MODEL_STEPS = (Perplexity, WikiReferenceClassifier)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("source", SOURCES)
def test_hostile_file(source, kind, tmp_path):
    module = importlib.import_module(f"corpora.{source}")
    config = load_config().source(source)
    started = time.monotonic()
    outcomes = list(module.reader(config)(io.BytesIO(HOSTILE[kind]), f"inputs/{kind}.dat"))
    for step in module.recipe(config, str(tmp_path)):
        if not isinstance(step, Step) or isinstance(step, MODEL_STEPS):
            continue
        outcomes = [o if isinstance(o, Rejection) else step.apply(o) for o in outcomes]
    assert all(isinstance(o, (Document, Rejection)) for o in outcomes)
    assert all(o.reason for o in outcomes if isinstance(o, Rejection))
    assert time.monotonic() - started < 60, "took too long: a hang or a quadratic rule"


HUNDRED_MB = 100 * 1024 * 1024


def _huge_inputs() -> dict[str, bytes]:
    """One 100 MB document in each source's own format."""
    text = b"lorem " * (HUNDRED_MB // 6)
    warc = (
        b"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://a.example/\r\n"
        + f"Content-Length: {len(text)}\r\n\r\n".encode()
        + text
        + b"\r\n\r\n"
    )
    return {
        "commoncrawl": warc,
        "c4": b'{"text": "' + text + b'", "url": "https://a.example/"}\n',
        "github": b'{"repo_name": "a/b", "path": "x.py", "license": "mit", "content": "'
                  + text + b'"}\n',
        "wikipedia": b"<mediawiki><page><title>Big</title><ns>0</ns><id>1</id><revision>"
                     b"<text>" + text + b"</text></revision></page></mediawiki>",
        "books": text,
        "arxiv": b"\\documentclass{article}\\section{A}" + text,
        "stackexchange": b'<posts>\n  <row Id="1" PostTypeId="1" Title="t" Body="' + text
                         + b'" />\n</posts>\n',
    }  # fmt: skip


def test_a_hundred_megabyte_document_is_a_named_drop_in_every_source():
    config = load_config()
    expected = {"commoncrawl": "record_too_large", "c4": "record_too_large",
                "github": "record_too_large", "wikipedia": "page_too_large",
                "books": "record_too_large", "arxiv": "paper_too_large",
                "stackexchange": "post_too_large"}  # fmt: skip
    for source, data in _huge_inputs().items():
        module = importlib.import_module(f"corpora.{source}")
        started = time.monotonic()
        outcomes = list(module.reader(config.source(source))(io.BytesIO(data), f"x/{source}.dat"))
        assert [o.reason for o in outcomes] == [expected[source]], source
        assert time.monotonic() - started < 60, source
