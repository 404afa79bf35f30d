"""Regenerate the shipped CommonCrawl samples (WET and WARC) and the C4-shaped sample from the
pages in corpora/samples/commoncrawl/pages.jsonl.

The pages were written for this project. Output is deterministic: fixed record ids (UUID5 of the
URL), fixed gzip mtime, one gzip member per record as Common Crawl writes them.

    python scripts/make_samples.py
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import uuid
from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "commoncrawl"
WET_FILES = 2
NAMESPACE = uuid.UUID("6f1c1b4e-5a8e-4f0e-9a51-3f1f3b2b8e10")


def record(headers: dict[str, str], block: bytes) -> bytes:
    """One WARC/1.0 record, with Content-Length and Block-Digest filled in."""
    digest = "sha1:" + base64.b32encode(hashlib.sha1(block).digest()).decode()
    lines = [
        "WARC/1.0",
        *(f"{k}: {v}" for k, v in headers.items()),
        f"WARC-Block-Digest: {digest}",
        f"Content-Length: {len(block)}",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def gzip_member(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def record_id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(parts))}>"


def warcinfo(filename: str, description: str) -> bytes:
    fields = (
        f"software: llama-corpus scripts/make_samples.py\r\nformat: WARC File Format 1.0\r\n"
        f"isPartOf: llama-corpus-sample\r\ndescription: {description}\r\n"
    ).encode()
    return record(
        {
            "WARC-Type": "warcinfo",
            "WARC-Date": "2023-06-01T00:00:00Z",
            "WARC-Record-ID": record_id(filename),
            "WARC-Filename": filename,
            "Content-Type": "application/warc-fields",
        },
        fields,
    )


def page_text(page: dict) -> str:
    """All visible text of the page, one block per line, as a WET conversion stores it."""
    return "\n".join([page["title"], *page["nav"], *page["paragraphs"], *page["footer"]])


def page_html(page: dict) -> str:
    esc = html.escape
    nav = "".join(f'<li><a href="/{i}">{esc(item)}</a></li>' for i, item in enumerate(page["nav"]))
    body = "".join(f"<p>{esc(p)}</p>\n" for p in page["paragraphs"])
    footer = "".join(f"<p>{esc(line)}</p>" for line in page["footer"])
    return (
        f'<!DOCTYPE html>\n<html lang="{page["lang"]}"><head><meta charset="utf-8">'
        f"<title>{esc(page['title'])}</title></head>\n<body><header><nav><ul>{nav}</ul></nav>"
        f"</header>\n<main><article><h1>{esc(page['title'])}</h1>\n{body}</article></main>\n"
        f"<footer>{footer}</footer></body></html>\n"
    )


def write_wet(pages: list[dict], index: int) -> Path:
    name = f"sample-{index:05d}.warc.wet.gz"
    out = [gzip_member(warcinfo(name, "conversion records of the project's sample pages"))]
    for page in pages:
        text = page_text(page).encode()
        out.append(
            gzip_member(
                record(
                    {
                        "WARC-Type": "conversion",
                        "WARC-Target-URI": page["url"],
                        "WARC-Date": page["date"],
                        "WARC-Record-ID": record_id(page["url"], "wet"),
                        "WARC-Refers-To": record_id(page["url"], "response"),
                        "Content-Type": "text/plain",
                    },
                    text,
                )
            )
        )
    path = SAMPLE_DIR / name
    path.write_bytes(b"".join(out))
    return path


def write_warc(pages: list[dict]) -> Path:
    name = "sample-00000.warc.gz"
    out = [gzip_member(warcinfo(name, "HTTP responses of the project's sample pages"))]
    for page in pages:
        body = page_html(page).encode()
        http = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        out.append(
            gzip_member(
                record(
                    {
                        "WARC-Type": "response",
                        "WARC-Target-URI": page["url"],
                        "WARC-Date": page["date"],
                        "WARC-Record-ID": record_id(page["url"], "response"),
                        "Content-Type": "application/http; msgtype=response",
                    },
                    http,
                )
            )
        )
    path = SAMPLE_DIR / name
    path.write_bytes(b"".join(out))
    return path


def write_c4(pages: list[dict]) -> Path:
    """C4's released JSON shape (text, url, timestamp) holding each page's raw visible text, so
    the C4 rules have work to do; two pages appear again under their URL with an older crawl."""
    rows = [{"text": page_text(p), "url": p["url"], "timestamp": p["date"]} for p in pages]
    for page in pages[:2]:
        older = "\n".join([page["title"], *page["paragraphs"][:2]])
        rows.append({"text": older, "url": page["url"], "timestamp": "2021-01-05T08:00:00Z"})
    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
    path = SAMPLE_DIR.parent / "c4" / "c4-sample.json.gz"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(gzip_member(data))
    return path


def main() -> None:
    lines = (SAMPLE_DIR / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    pages = [json.loads(line) for line in lines if line.strip()]
    for index in range(WET_FILES):
        print(write_wet(pages[index::WET_FILES], index))
    print(write_warc(pages))
    print(write_c4(pages))


if __name__ == "__main__":
    main()
