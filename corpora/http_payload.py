"""Split an HTTP response (a WARC `response` block) into status, headers and decoded body."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from corpora.decoding import RECORD_BYTES

MAX_BODY_BYTES = RECORD_BYTES["web_page"]  # de-chunked and decompressed
_CHARSET_RE = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


@dataclass(slots=True)
class HttpResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    def declared_charset(self) -> str | None:
        """The charset named by the Content-Type header, else by a <meta> tag near the top."""
        for source in (
            self.headers.get("content-type", "").encode("latin-1", "replace"),
            self.body[:4096],
        ):
            match = _CHARSET_RE.search(source)
            if match:
                return match.group(1).decode("ascii").lower()
        return None


class HttpError(ValueError):
    """The block is not a parseable HTTP response; the message says why."""


class BodyTooLarge(HttpError):
    """The body, de-chunked and decompressed, is over MAX_BODY_BYTES."""


def parse_response(block: bytes) -> HttpResponse:
    """Parse an HTTP/1.x response, undoing chunked transfer and gzip/deflate content coding;
    a body over MAX_BODY_BYTES raises `BodyTooLarge`, found before it is all inflated."""
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    if not sep:
        raise HttpError("no end of HTTP headers")
    lines = head.decode("latin-1").splitlines()
    if not lines or not lines[0].startswith("HTTP/"):
        raise HttpError("no HTTP status line")
    parts = lines[0].split(None, 2)
    try:
        status = int(parts[1])
    except (IndexError, ValueError) as exc:
        raise HttpError(f"bad status line {lines[0][:60]!r}") from exc
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = headers.get("content-encoding", "").lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        body = _inflate(body, gzip_wrapped=encoding != "deflate")
    if len(body) > MAX_BODY_BYTES:
        raise BodyTooLarge(f"body over {MAX_BODY_BYTES} bytes")
    return HttpResponse(status, headers, body)


def _dechunk(body: bytes) -> bytes:
    """Join the chunks of a chunked body; tolerate a body that was stored already de-chunked."""
    out = bytearray()
    pos = 0
    while pos < len(body):
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            break
        size_text = body[pos:eol].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return body if not out else bytes(out)
        if size == 0:
            break
        out += body[eol + 2 : eol + 2 + size]
        pos = eol + 2 + size + 2
        if len(out) > MAX_BODY_BYTES:
            raise BodyTooLarge(f"body over {MAX_BODY_BYTES} bytes")
    return bytes(out)


def _inflate(body: bytes, gzip_wrapped: bool) -> bytes:
    """Decompress with a hard cap on output size, so a compression bomb cannot eat memory."""
    decoder = zlib.decompressobj(wbits=31 if gzip_wrapped else 15)
    try:
        out = decoder.decompress(body, MAX_BODY_BYTES)
    except zlib.error:
        if gzip_wrapped:
            raise HttpError("corrupt gzip content coding") from None
        try:
            out = zlib.decompressobj(wbits=-15).decompress(body, MAX_BODY_BYTES)
        except zlib.error as exc:
            raise HttpError("corrupt deflate content coding") from exc
    if decoder.unconsumed_tail:
        raise BodyTooLarge(f"decompressed body over {MAX_BODY_BYTES} bytes")
    return out
