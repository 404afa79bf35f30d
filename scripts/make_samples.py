"""Regenerate the shipped CommonCrawl samples (WET and WARC) and the C4-shaped sample from the
34 web pages in corpora/samples/commoncrawl/pages.jsonl (written for the project; the tests read
that file too, so it ships with the samples and is the data of both sources).

Pages alternate between two WET files; the WARC holds every page as an HTML response; C4's
released JSON shape (text, url, timestamp) holds each page's raw visible text, plus two pages
again under their URL with an older crawl. Records are written by corpora/warc_writer.py: one
gzip member per record (level 9, mtime 0), record ids a UUID5 of the URL.

    python scripts/make_samples.py [--out DIR]
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from samples_common import SAMPLES, gz, read_text, run, write

from corpora.warc_writer import gzip_member, record_id, warc_record

PAGES = SAMPLES / "commoncrawl" / "pages.jsonl"
WET_FILES = 2
OLDER_CRAWL = "2021-01-05T08:00:00Z"


def member(headers: dict[str, str], block: bytes) -> bytes:
    """One WARC record as a gzip member at level 9."""
    return gzip_member(warc_record(headers, block), level=9)


def warcinfo(filename: str, description: str) -> bytes:
    """The warcinfo record that opens each file."""
    fields = (
        f"software: llama-corpus scripts/make_samples.py\r\nformat: WARC File Format 1.0\r\n"
        f"isPartOf: llama-corpus-sample\r\ndescription: {description}\r\n"
    )
    headers = {"WARC-Type": "warcinfo", "WARC-Date": "2023-06-01T00:00:00Z",
               "WARC-Record-ID": record_id(filename), "WARC-Filename": filename,
               "Content-Type": "application/warc-fields"}  # fmt: skip
    return member(headers, fields.encode())


def page_text(page: dict) -> str:
    """All visible text of the page, one block per line, as a WET conversion stores it."""
    return "\n".join([page["title"], *page["nav"], *page["paragraphs"], *page["footer"]])


def page_html(page: dict) -> str:
    """The page as the server sent it."""
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


def wet(pages: list[dict], name: str) -> bytes:
    """A WET file: one `conversion` record of visible text per page."""
    out = [warcinfo(name, "conversion records of the project's sample pages")]
    for page in pages:
        headers = {"WARC-Type": "conversion", "WARC-Target-URI": page["url"],
                   "WARC-Date": page["date"], "WARC-Record-ID": record_id(page["url"], "wet"),
                   "WARC-Refers-To": record_id(page["url"], "response"),
                   "Content-Type": "text/plain"}  # fmt: skip
        out.append(member(headers, page_text(page).encode()))
    return b"".join(out)


def warc(pages: list[dict], name: str) -> bytes:
    """A WARC file: one HTTP `response` record per page."""
    out = [warcinfo(name, "HTTP responses of the project's sample pages")]
    for page in pages:
        body = page_html(page).encode()
        http = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        headers = {"WARC-Type": "response", "WARC-Target-URI": page["url"],
                   "WARC-Date": page["date"], "WARC-Record-ID": record_id(page["url"], "response"),
                   "Content-Type": "application/http; msgtype=response"}  # fmt: skip
        out.append(member(headers, http))
    return b"".join(out)


def c4(pages: list[dict]) -> bytes:
    """C4's JSON lines, gzipped; the first two pages again with an older, shorter crawl."""
    rows = [{"text": page_text(p), "url": p["url"], "timestamp": p["date"]} for p in pages]
    for page in pages[:2]:
        older = "\n".join([page["title"], *page["paragraphs"][:2]])
        rows.append({"text": older, "url": page["url"], "timestamp": OLDER_CRAWL})
    return gz("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode())


def write_samples(out: Path) -> list[Path]:
    """Write the WET, WARC and C4 samples under `out`; return their paths."""
    pages = [json.loads(line) for line in read_text(PAGES).splitlines() if line.strip()]
    paths = []
    for index in range(WET_FILES):
        name = f"sample-{index:05d}.warc.wet.gz"
        paths.append(write(out / "commoncrawl" / name, wet(pages[index::WET_FILES], name)))
    name = "sample-00000.warc.gz"
    paths.append(write(out / "commoncrawl" / name, warc(pages, name)))
    paths.append(write(out / "c4" / "c4-sample.json.gz", c4(pages)))
    return paths


if __name__ == "__main__":
    run(write_samples, __doc__)
