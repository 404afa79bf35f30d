"""Writing WARC/1.0 records as Common Crawl does: one gzip member per record, Content-Length and
Block-Digest filled in, record ids derived from the content (so the same input writes the same
bytes). Used to wrap text into WET files for samples, benchmarks and tests."""

from __future__ import annotations

import base64
import gzip
import hashlib
import uuid
from collections.abc import Iterable

_NAMESPACE = uuid.UUID("6f1c1b4e-5a8e-4f0e-9a51-3f1f3b2b8e10")


def record_id(*parts: str) -> str:
    """A stable WARC-Record-ID for the given parts."""
    return f"<urn:uuid:{uuid.uuid5(_NAMESPACE, '/'.join(parts))}>"


def warc_record(headers: dict[str, str], block: bytes) -> bytes:
    """One uncompressed WARC/1.0 record with its digest and length."""
    digest = "sha1:" + base64.b32encode(hashlib.sha1(block).digest()).decode()
    lines = ["WARC/1.0", *(f"{k}: {v}" for k, v in headers.items()),
             f"WARC-Block-Digest: {digest}", f"Content-Length: {len(block)}"]  # fmt: skip
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def gzip_member(data: bytes, level: int = 6) -> bytes:
    """`data` as one gzip member with a fixed mtime, at compression `level`."""
    return gzip.compress(data, compresslevel=level, mtime=0)


def wet_file(pages: Iterable[tuple[str, str]], date: str = "2024-01-01T00:00:00Z") -> bytes:
    """A gzipped WET file: a warcinfo record, then one `conversion` record per (url, text)."""
    members = [gzip_member(warc_record(
        {"WARC-Type": "warcinfo", "WARC-Date": date, "WARC-Record-ID": record_id("warcinfo"),
         "Content-Type": "application/warc-fields"},
        b"software: llama-corpus corpora/warc_writer.py\r\n",
    ))]  # fmt: skip
    for url, text in pages:
        headers = {
            "WARC-Type": "conversion",
            "WARC-Target-URI": url,
            "WARC-Date": date,
            "WARC-Record-ID": record_id(url, "wet"),
            "Content-Type": "text/plain",
        }
        members.append(gzip_member(warc_record(headers, text.encode("utf-8"))))
    return b"".join(members)
