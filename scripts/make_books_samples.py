"""Regenerate corpora/samples/books/ from scripts/sample_data/books/: the book texts (one
paragraph per line, blank lines between; a block of several lines, such as a table of contents,
keeps its lines), books.yaml (which file each text becomes, with its title) and the Gutenberg
header and footer templates.

The output imitates the two sources of the LLaMA recipe's Books data:

    gutenberg/pg900NN.txt[.gz]   Project Gutenberg plain-text layout: BOM, header, START marker,
                                 the book wrapped at 70 columns, END marker and footer; CRLF
                                 endings; a book marked gzipped is gzipped (mtime 0)
    books3/<slug>.txt            Books3 layout: the text only, one paragraph per line, blank
                                 lines between, LF endings, curly quotes and em dashes
    manifest.json                {"file", "kind", "title", "duplicate_of", "relation"} per file,
                                 sorted by file; paths relative to the books folder

The related books in books.yaml test the ">90% content overlap" removal: ``rerendering`` (a
Gutenberg book in Books3 layout, words unchanged, no blank lines or dashes: removed),
``light_edit`` (a preface for the first paragraph and the light edits applied: removed),
``first_half`` (the paragraphs up to half the characters: kept) and
``same_theme_different_text`` (kept).

    python scripts/make_books_samples.py [--out DIR]
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

from samples_common import DATA, gz, load_yaml, read_text, run, write

SOURCE = DATA / "books"
WRAP = 70
BOM = "\ufeff"


def read_blocks(name: str) -> list[str]:
    """A text's blocks (separated by blank lines)."""
    text = read_text(SOURCE / name)
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def wrap_block(block: str) -> str:
    """A paragraph wrapped at 70 columns; a block of several lines as it is."""
    if "\n" in block:
        return block
    return textwrap.fill(block, WRAP, break_long_words=False, break_on_hyphens=False)


def gutenberg_text(book: dict) -> str:
    """The whole eBook file with LF line endings (CRLF is applied when writing)."""
    parts = []
    for block in read_blocks(f"pg{book['number']}.txt"):
        lead = "\n\n\n\n" if block.startswith("CHAPTER ") else "\n\n"
        parts.append((lead if parts else "") + wrap_block(block))
    upper = book["title"].upper()
    subtitle = f"\n       {book['subtitle']}" if book["subtitle"] else ""
    header = read_text(SOURCE / "gutenberg_header.txt").format(
        title=book["title"], subtitle=subtitle, author=book["author"],
        release=book["release"], number=book["number"], upper=upper,
    )  # fmt: skip
    footer = read_text(SOURCE / "gutenberg_footer.txt").format(upper=upper)
    return BOM + header + "".join(parts) + footer


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


def light_edit(blocks: list[str], data: dict) -> list[str]:
    """The preface in place of the first paragraph, each light edit made exactly once."""
    text = "\n\n".join(blocks[1:])
    for old, new in data["light_edits"]:
        if text.count(old) != 1:
            raise ValueError(f"light edit {old!r} must occur exactly once")
        text = text.replace(old, new)
    return data["preface"] + text.split("\n\n")


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


def related_text(item: dict, data: dict) -> str:
    """The Books3 text of a related book, made from its text as its relation says."""
    blocks = read_blocks(item["text"])
    relation = item["relation"]
    if relation == "rerendering":
        return books3_text(blocks, blank_lines=False, dashes=False)
    if relation == "light_edit":
        return books3_text(light_edit(blocks, data))
    if relation == "first_half":
        return books3_text(first_half(blocks))
    if relation == "same_theme_different_text":
        return books3_text(blocks)
    raise ValueError(f"unknown relation {relation!r}")


def entry(file: str, title: str, duplicate_of: str | None, relation: str) -> dict:
    """One manifest entry."""
    kind = file.split("/")[0]
    return {"file": file, "kind": kind, "title": title, "duplicate_of": duplicate_of,
            "relation": relation}  # fmt: skip


def write_samples(out: Path) -> list[Path]:
    """Rewrite the books folder under `out` from scratch; return the paths written."""
    folder = out / "books"
    if folder.exists():
        shutil.rmtree(folder)
    data = load_yaml(SOURCE / "books.yaml")
    files: dict[str, bytes] = {}
    manifest = []
    for book in data["gutenberg"]:
        file = f"gutenberg/pg{book['number']}.txt" + (".gz" if book["gzipped"] else "")
        text = gutenberg_text(book).replace("\n", "\r\n").encode("utf-8")
        files[file] = gz(text) if book["gzipped"] else text
        manifest.append(entry(file, book["title"], None, "original"))
    for slug, title in data["books3"].items():
        file = f"books3/{slug}.txt"
        files[file] = books3_text(read_blocks(f"{slug}.txt")).encode("utf-8")
        manifest.append(entry(file, title, None, "original"))
    for item in data["related"]:
        files[item["file"]] = related_text(item, data).encode("utf-8")
        manifest.append(entry(item["file"], item["title"], item["duplicate_of"], item["relation"]))
    manifest.sort(key=lambda item: item["file"])
    files["manifest.json"] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    return [write(folder / name, payload) for name, payload in files.items()]


if __name__ == "__main__":
    run(write_samples, __doc__)
