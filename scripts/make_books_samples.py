"""Regenerate the books sample written for this project.

Writes corpora/samples/books/, shaped like the two sources of the LLaMA recipe's Books data
(Project Gutenberg and Books3), plus near-duplicates for the ">90% content overlap" removal:

    gutenberg/pg90001.txt        Project Gutenberg plain-text layout: BOM, header block with
    gutenberg/pg90002.txt        Title/Author/Release Date, the "*** START OF THE PROJECT
    gutenberg/pg90003.txt.gz     GUTENBERG EBOOK ... ***" marker, a "Produced by" credit, the
    gutenberg/pg90004.txt        book wrapped at 70 columns, the END marker and a licence
                                 footer; CRLF line endings; pg90003 gzipped (mtime 0)
    books3/<title-slug>.txt      Books3 layout: the book text only, one paragraph per line,
                                 blank lines between paragraphs, LF endings, curly quotes
    manifest.json                one entry per file (see below)

The near-duplicates, all in books3/:

* the-clockmakers-apprentice.txt: pg90002 without its Gutenberg header, credit and footer,
  one paragraph per line with LF endings and curly quotes, the words unchanged
  (relation "rerendering"; should be removed as a duplicate);
* the-lighthouse-keepers-ledger-revised-edition.txt: the ledger book with its first
  paragraph replaced by a short "Preface to this edition" and five of its 160 sentences
  lightly edited (four typos fixed, one word changed) ("light_edit"; should be removed);
* the-night-bakery-sampler.txt: the first half (by characters, cut at a paragraph) of
  the-night-bakery.txt ("first_half"; about 0.5 overlap of the whole, must be kept);
* the-keepers-of-skerrow-rock.txt: another lighthouse book, sharing the ledger book's
  vocabulary but none of its text ("same_theme_different_text"; must be kept).

manifest.json is a list of {"file", "kind", "title", "duplicate_of", "relation"}; "file" and
"duplicate_of" are paths relative to corpora/samples/books/. For the four derived or related
files "duplicate_of" names the book they relate to (so that pairs can be checked), and
"relation" says whether they are expected to be removed; originals have null.

All of the text (the stories, the essays and the header and footer wording) was written for
this project as test material; none of it is copied from Project Gutenberg, Books3 or any
other source. The header and footer only imitate Project Gutenberg's layout, and say that
the file is a test fixture. The book texts live in scripts/books_text/ (one paragraph per
line, blank lines between; a block of several lines, such as a table of contents, is kept
line by line).

Output is deterministic (fixed text, gzip mtime 0):

    python scripts/make_books_samples.py
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXT_DIR = HERE / "books_text"
OUT_DIR = HERE.parent / "corpora" / "samples" / "books"
WRAP = 70


@dataclass(frozen=True)
class GutenbergBook:
    number: int
    title: str
    subtitle: str | None
    author: str
    release: str
    compressed: bool = False

    @property
    def source(self) -> Path:
        return TEXT_DIR / f"pg{self.number}.txt"

    @property
    def file(self) -> str:
        return f"gutenberg/pg{self.number}.txt" + (".gz" if self.compressed else "")


GUTENBERG = [
    GutenbergBook(
        90001, "The Salt Road", "A Story of the Marsh Country", "Hester Malin", "March 4, 2024"
    ),
    GutenbergBook(90002, "The Clockmaker's Apprentice", None, "Edmund Tarrow", "April 17, 2024"),
    GutenbergBook(
        90003,
        "On Small Rivers",
        "Essays of a Walker",
        "Margaret Ayles",
        "June 2, 2024",
        compressed=True,
    ),
    GutenbergBook(90004, "The Ferry at Gull Reach", None, "Thomas Wrenfield", "August 29, 2024"),
]

LEDGER = "the-lighthouse-keepers-ledger"
BAKERY = "the-night-bakery"
ORCHARD = "the-winter-orchard"
SKERROW = "the-keepers-of-skerrow-rock"
BOOKS3_TITLES = {
    LEDGER: "The Lighthouse Keeper's Ledger",
    BAKERY: "The Night Bakery",
    ORCHARD: "The Winter Orchard",
    SKERROW: "The Keepers of Skerrow Rock",
}
RERENDERED = GUTENBERG[1]

PREFACE = [
    "Preface to this edition",
    "This edition corrects a handful of small errors that found their way into the first "
    "printing, and changes a word here and there where the author asked us to. The text is "
    "otherwise as it first appeared.",
]
# (first-printing text, corrected text): four typos fixed and one word changed.
LIGHT_EDITS = [
    ("how thier bindings crack", "how their bindings crack"),
    ("recorded the the times the light", "recorded the times the light"),
    ("for two hours, untill the light went", "for two hours, until the light went"),
    ("kept at Carrick Point lightouse, 1951", "kept at Carrick Point lighthouse, 1951"),
    ("Most of them, I suppose, wrote nothing.", "Most of them, I imagine, wrote nothing."),
]

HEADER = """\ufeffThe Project Gutenberg eBook of {title}, by {author}

This eBook is a test fixture made for the llama_corpus project. It copies
only the layout of a Project Gutenberg plain-text file: the text below
was written for the project and is not a Project Gutenberg text. Use it,
change it or give it away as you like.

Title: {title}{subtitle}

Author: {author}

Release Date: {release} [eBook #{number}]

Language: English

Character set encoding: UTF-8

*** START OF THE PROJECT GUTENBERG EBOOK {upper} ***

Produced by the llama_corpus test-fixture writers.




"""

FOOTER = """



*** END OF THE PROJECT GUTENBERG EBOOK {upper} ***

A NOTE ON THIS FILE

This file is test material for the llama_corpus data-cleaning pipeline.
Its header and this footer imitate the layout of a Project Gutenberg
eBook so that the removal of that boilerplate can be tested. Nothing
here is Project Gutenberg's own licence, and the name is used only to
describe the format.

The text between the two marker lines was written for the project. You
may copy, change and share it for any purpose without asking anyone. No
warranty of any kind is given; the book is fiction or essay, and any
likeness to real people or places is accidental.

This file is regenerated by scripts/make_books_samples.py. To change
it, change the script or its text sources, not this file.
"""


def read_blocks(path: Path) -> list[str]:
    """The source's blocks (separated by blank lines): a one-line block is a paragraph, a
    block of several lines (a table of contents) keeps its line breaks."""
    text = path.read_text(encoding="utf-8")
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def wrap_block(block: str) -> str:
    if "\n" in block:
        return block
    return textwrap.fill(block, WRAP, break_long_words=False, break_on_hyphens=False)


def gutenberg_text(book: GutenbergBook) -> str:
    """The whole eBook file with LF line endings (CRLF is applied when writing)."""
    parts = []
    for block in read_blocks(book.source):
        lead = "\n\n\n\n" if block.startswith("CHAPTER ") else "\n\n"
        parts.append((lead if parts else "") + wrap_block(block))
    upper = book.title.upper()
    subtitle = f"\n       {book.subtitle}" if book.subtitle else ""
    header = HEADER.format(
        title=book.title,
        subtitle=subtitle,
        author=book.author,
        release=book.release,
        number=book.number,
        upper=upper,
    )
    return header + "".join(parts) + FOOTER.format(upper=upper)


def curly_quotes(text: str) -> str:
    """Straight quotes to typographic ones: opening after a space, bracket or dash (or at the
    start), closing (and apostrophes) elsewhere."""
    text = re.sub(r'(^|[\s(\[\u2014])"', "\\1\u201c", text, flags=re.MULTILINE)
    text = text.replace('"', "\u201d")
    text = re.sub(r"(^|[\s(\[\u2014])'", "\\1\u2018", text, flags=re.MULTILINE)
    return text.replace("'", "\u2019")


def books3_text(blocks: list[str], blank_lines: bool = True, dashes: bool = True) -> str:
    """Books3 layout: unwrapped paragraphs, LF endings, curly quotes, and (unless told not to)
    em dashes for the sources' double hyphens."""
    lines = []
    for block in blocks:
        lines.extend(block.split("\n"))
        if blank_lines:
            lines.append("")
    text = "\n".join(lines).rstrip("\n") + "\n"
    if dashes:
        text = text.replace(" -- ", "\u2014").replace("--", "\u2014")
    return curly_quotes(text)


def light_edit(blocks: list[str]) -> list[str]:
    text = "\n\n".join(blocks[1:])
    for old, new in LIGHT_EDITS:
        if text.count(old) != 1:
            raise ValueError(f"light edit {old!r} must occur exactly once")
        text = text.replace(old, new)
    return PREFACE + text.split("\n\n")


def first_half(blocks: list[str]) -> list[str]:
    """The leading paragraphs up to (and including) the one that reaches half the length."""
    total = sum(len(block) for block in blocks)
    kept, size = [], 0
    for block in blocks:
        kept.append(block)
        size += len(block)
        if size >= total / 2:
            break
    return kept


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def entry(file: str, kind: str, title: str, duplicate_of: str | None, relation: str) -> dict:
    return {"file": file, "kind": kind, "title": title, "duplicate_of": duplicate_of,
            "relation": relation}  # fmt: skip


def main() -> None:
    if OUT_DIR.exists():
        shutil.rmtree(OUT_DIR)
    manifest = []

    for book in GUTENBERG:
        data = gutenberg_text(book).replace("\n", "\r\n").encode("utf-8")
        if book.compressed:
            data = gzip.compress(data, compresslevel=9, mtime=0)
        write(OUT_DIR / book.file, data)
        manifest.append(entry(book.file, "gutenberg", book.title, None, "original"))

    def books3(slug: str, title: str, text: str, duplicate_of: str | None, relation: str):
        file = f"books3/{slug}.txt"
        write(OUT_DIR / file, text.encode("utf-8"))
        manifest.append(entry(file, "books3", title, duplicate_of, relation))
        return file

    originals = {}
    for slug in (LEDGER, BAKERY, ORCHARD):
        blocks = read_blocks(TEXT_DIR / f"{slug}.txt")
        originals[slug] = books3(slug, BOOKS3_TITLES[slug], books3_text(blocks), None, "original")

    # pg90002 as one paragraph per line, no blank lines, curly quotes, words unchanged.
    rerendered = books3_text(read_blocks(RERENDERED.source), blank_lines=False, dashes=False)
    books3(
        "the-clockmakers-apprentice", RERENDERED.title, rerendered, RERENDERED.file, "rerendering"
    )
    edited = light_edit(read_blocks(TEXT_DIR / f"{LEDGER}.txt"))
    books3(
        f"{LEDGER}-revised-edition",
        BOOKS3_TITLES[LEDGER] + " (Revised Edition)",
        books3_text(edited),
        originals[LEDGER],
        "light_edit",
    )
    half = first_half(read_blocks(TEXT_DIR / f"{BAKERY}.txt"))
    books3(
        f"{BAKERY}-sampler",
        BOOKS3_TITLES[BAKERY] + " (Sampler)",
        books3_text(half),
        originals[BAKERY],
        "first_half",
    )
    books3(
        SKERROW,
        BOOKS3_TITLES[SKERROW],
        books3_text(read_blocks(TEXT_DIR / f"{SKERROW}.txt")),
        originals[LEDGER],
        "same_theme_different_text",
    )

    manifest.sort(key=lambda item: item["file"])
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    write(OUT_DIR / "manifest.json", text.encode("utf-8"))
    for item in manifest:
        print(f"{item['file']:<58} {item['relation']}")


if __name__ == "__main__":
    main()
