"""CommonCrawl as CCNet cleaned it: WET (or WARC + HTML extraction) -> line dedup -> fastText
language ID -> KenLM perplexity buckets."""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, Literal

from pydantic import Field

from corpora.compression import file_name, open_decompressed
from corpora.decoding import MIB, RECORD_BYTES, decode
from corpora.html_text import extract_text
from corpora.http_payload import BodyTooLarge, HttpError, parse_response
from corpora.settings import SourceSettings
from corpora.warc import WarcProblem, WarcRecord, iter_records
from filters import model_files
from filters.document import Document, Rejection
from filters.langid import LanguageID
from filters.min_length import MinLength
from filters.perplexity import Perplexity
from filters.step import GlobalStage, Step
from filters.wiki_classifier import WikiReferenceClassifier

SOURCE = "commoncrawl"
READ_STEP = "read"


class Settings(SourceSettings):
    """mixture.yaml `sources.commoncrawl`: CCNet's parameters and LLaMA's classifier threshold."""

    min_length: int = Field(ge=0)
    min_length_after_dedup: bool = True  # False: checked on the raw page only, as cc_net does
    dedup_scope: Literal["global", "file"]
    languages: list[str] = Field(min_length=1)
    lid_threshold: float = Field(ge=0, le=1)
    lid_groups: dict[str, list[str]] = Field(default_factory=dict)
    keep_buckets: list[Literal["head", "middle", "tail"]] = Field(min_length=1)
    wiki_threshold: float | None = Field(ge=0, le=1)  # None: no classifier step (CCNet alone)
    extractor: Literal["trafilatura", "resiliparse"] = "trafilatura"

    @property
    def classifies(self) -> bool:
        """Whether LLaMA's Wikipedia-reference classifier step runs (a threshold is set)."""
        return self.wiki_threshold is not None


_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Blocks read, by record type: a page's text; a page's HTTP response (its body is bounded again
# once de-chunked and decompressed, in corpora/http_payload.py), with room for headers and
# chunk framing. Other types are not documents and keep the WARC reader's general bound.
BLOCK_LIMITS = {"conversion": RECORD_BYTES["web_page"], "response": RECORD_BYTES["web_page"] + MIB}


def read_file(
    stream: BinaryIO, path: str, min_length: int = 300, extractor: str = "trafilatura"
) -> Iterator[Document | Rejection]:
    """Stream the documents of one WET or WARC file (plain or gzip), each kept or rejected by the
    `read` step; the file's name is recorded as `source_file` and used in ids.

    WET `conversion` records give text directly; WARC `response` records are HTTP-parsed and
    their HTML extracted. Other record types (warcinfo, request, metadata) are not documents.
    Documents shorter than `min_length` characters are dropped (`too_short`), as cc_net does.
    Sizes and decoding follow corpora/decoding.py (a page over its bound: `record_too_large`).
    """
    name = file_name(path)
    for number, item in enumerate(iter_records(open_decompressed(stream), BLOCK_LIMITS)):
        doc_id = f"{name}#{number:07d}"
        if isinstance(item, WarcProblem):
            doc = Document(doc_id, SOURCE, "", {"source_file": name, "detail": item.detail})
            yield Rejection(doc, READ_STEP, item.reason)
            continue
        outcome = _record_to_document(item, doc_id, name, extractor)
        if outcome is None:
            continue
        if isinstance(outcome, Document) and len(outcome.text) < min_length:
            outcome = Rejection(outcome, READ_STEP, "too_short")
        yield outcome


def _record_to_document(
    record: WarcRecord, doc_id: str, file_name: str, extractor: str
) -> Document | Rejection | None:
    meta: dict[str, Any] = {
        "source_file": file_name,
        "url": record.header("WARC-Target-URI"),
        "date": record.header("WARC-Date"),
    }
    if record.type == "conversion":
        decoded = decode(record.block)
        if isinstance(decoded, str):
            return Rejection(Document(doc_id, SOURCE, "", meta), READ_STEP, decoded)
        if decoded.invalid or decoded.removed or decoded.encoding != "utf-8":
            meta.update(encoding=decoded.encoding, invalid_bytes=decoded.invalid,
                        removed_bytes=decoded.removed)  # fmt: skip
        meta["digest"] = record.header("WARC-Block-Digest") or _sha1_digest(record.block)
        text = _clean_lines(decoded.text)
        meta["title"] = text.partition("\n")[0]  # a WET record's first line: the page's <title>
        return _with_line_counts(Document(doc_id, SOURCE, text, meta))
    if record.type != "response":
        return None
    doc = Document(doc_id, SOURCE, "", meta)
    try:
        response = parse_response(record.block)
    except BodyTooLarge as exc:
        meta["detail"] = str(exc)
        return Rejection(doc, READ_STEP, "record_too_large")
    except HttpError as exc:
        meta["detail"] = str(exc)
        return Rejection(doc, READ_STEP, "bad_http")
    if response.status != 200:
        return Rejection(doc, READ_STEP, "http_status_not_200")
    if response.content_type and response.content_type not in _HTML_TYPES:
        return Rejection(doc, READ_STEP, "not_html")
    try:
        text = extract_text(response.body, extractor, response.declared_charset())
    except Exception as exc:  # noqa: BLE001 - any parser failure on hostile HTML is one drop
        meta["detail"] = f"{type(exc).__name__}: {exc}"[:500]
        return Rejection(doc, READ_STEP, "extraction_failed")
    if not text.strip():
        return Rejection(doc, READ_STEP, "no_extracted_text")
    doc.text = _clean_lines(text)
    meta["digest"] = _sha1_digest(doc.text.encode("utf-8"))
    return _with_line_counts(doc)


_LINE_BREAK = re.compile(r"\r\n?|\n")


def _clean_lines(text: str) -> str:
    """Strip each line and drop blank ones and NUL bytes, as WET text is stored. Lines end at
    newlines and carriage returns only, as cc_net reads a WET file (Python's text mode), not
    at the other breaks `str.splitlines` knows (U+2028, U+0085, form feeds...)."""
    lines = _LINE_BREAK.split(text.replace("\x00", ""))
    return "\n".join(s for line in lines if (s := line.strip()))


def _with_line_counts(doc: Document) -> Document:
    doc.meta["original_nlines"] = doc.text.count("\n") + 1 if doc.text else 0
    doc.meta["original_length"] = len(doc.text)
    return doc


def _sha1_digest(data: bytes) -> str:
    """A WARC-style digest: `sha1:` and the base32 SHA-1."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def reader(
    settings: Settings, input_root: str | None = None
) -> Callable[[BinaryIO, str], Iterator[Document | Rejection]]:
    """The read function with this source's configured options bound."""
    return functools.partial(
        read_file,
        min_length=settings.min_length,
        extractor=settings.extractor,
    )


# cc_net's Classifier rounds fastText's scores to 0.01 before its threshold and writes them so
# (cc_net/split_by_lang.py: `scores.round(2, out=scores)`).
LID_DECIMALS = 2


def language_id(settings: Settings, languages: list[str] | None) -> LanguageID:
    """CCNet's language ID as the settings make it: newlines deleted before fastText and
    scores rounded as cc_net does, `languages` kept (None: every language)."""
    return LanguageID(
        languages,
        settings.lid_threshold,
        groups=settings.lid_groups,
        line_joiner="",
        decimals=LID_DECIMALS,
    )


def recipe(settings: Settings, model_dir: str) -> list[Step | GlobalStage]:
    """CCNet's order: global line dedup, the minimum length again on what dedup left (unless
    `min_length_after_dedup` is false), language ID, perplexity bucketing; then LLaMA's
    Wikipedia-reference classifier, unless its threshold is null."""
    languages = settings.languages
    dedup = GlobalStage("line_dedup", {"scope": settings.dedup_scope, "keep": "none"})
    after_dedup = [MinLength(settings.min_length)] if settings.min_length_after_dedup else []
    ccnet = [
        dedup,
        *after_dedup,
        language_id(settings, languages),
        Perplexity(
            model_files.join(model_dir, "lm"), languages, keep_buckets=settings.keep_buckets
        ),
    ]
    if not settings.classifies:
        return ccnet
    classifier = model_files.join(model_dir, "wiki_classifier.bin")
    return [*ccnet, WikiReferenceClassifier(classifier, settings.wiki_threshold)]
