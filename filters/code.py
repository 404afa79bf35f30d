"""GitHub source files as LLaMA filtered them (section 2.1): permissive licences only, then
RedPajama-Data v1's heuristics (its extension whitelist with the additions justified in
mixture.yaml, line lengths, alphanumeric share, alphabetic characters per token), then what those
heuristics let through although no one wrote it by hand (generated files, minified bundles, data
tables), and the removal of licence boilerplate headers. Word lists: data/code_rules.json."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources

from filters.document import Document
from filters.step import Outcome, Step

_RULES = json.loads(resources.files("filters").joinpath("data/code_rules.json").read_text("utf-8"))

# LLaMA 2.1: "we only kept projects that are distributed under the Apache, BSD and MIT licenses".
PERMISSIVE_LICENSES = frozenset({"apache-2.0", "mit", "bsd-2-clause", "bsd-3-clause"})

# RedPajama-Data v1's extension whitelist and whole file names, plus our additions (each with its
# reason in mixture.yaml), all compared in lowercase.
EXTENSIONS = frozenset(_RULES["redpajama_extensions"] + _RULES["added_extensions"])
FILENAMES = frozenset(_RULES["redpajama_filenames"] + _RULES["added_filenames"])
LOCK_FILES = frozenset(_RULES["lock_files"])

# RedPajama-Data v1's limits (data_prep/github/github_run_filter.py); its tokens for the last
# were BPE tokens, ours are whitespace tokens (the reason is in mixture.yaml).
MAX_LINE_LENGTH = 1000
MAX_MEAN_LINE_LENGTH = 100
MIN_ALPHANUMERIC_FRACTION = 0.25
MIN_ALPHA_PER_TOKEN = 1.5


class LicenseFilter(Step):
    """Keep files of repositories under a permissive licence (`license` in meta)."""

    name = "license"

    def __init__(self, allowed: frozenset[str] = PERMISSIVE_LICENSES) -> None:
        self.allowed = frozenset(allowed)

    def apply(self, doc: Document) -> Outcome:
        licence = (doc.meta.get("license") or "").strip().lower()
        return doc if licence in self.allowed else self.reject(doc, "license_not_allowed")


def file_name(path: str) -> str:
    """The last component of a repository path, in lowercase (`src/App.TSX` -> `app.tsx`)."""
    return path.rsplit("/", 1)[-1].lower()


def extension_of(path: str) -> str:
    """The file's extension in lowercase (`src/App.TSX` -> `tsx`), or its whole name when it has
    none (`Makefile` -> `makefile`)."""
    name = file_name(path)
    return name.rsplit(".", 1)[-1] if "." in name.strip(".") else name


class ExtensionFilter(Step):
    """Keep files whose extension (or name, for Makefile and Dockerfile) is whitelisted; a
    package manager's lock file is dropped with its own reason, `lock_file`."""

    name = "extension"

    def apply(self, doc: Document) -> Outcome:
        path = doc.meta.get("path") or ""
        if file_name(path) in LOCK_FILES:
            return self.reject(doc, "lock_file")
        if file_name(path) in FILENAMES or extension_of(path) in EXTENSIONS:
            return doc
        return self.reject(doc, "extension_not_allowed")


_ASCII_DIGITS = b"0123456789"
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NOT_ASCII_ALNUM = bytes(sorted(set(range(256)) - set(_ASCII_LETTERS + _ASCII_DIGITS)))
_NOT_ASCII_ALPHA = bytes(sorted(set(range(256)) - set(_ASCII_LETTERS)))
_ASCII = bytes(range(128))


def _letter_counts(text: str) -> tuple[int, int]:
    """How many characters are alphanumeric and alphabetic (`str.isalnum`, `str.isalpha`):
    ASCII counted bytewise, only the other characters one by one."""
    data = text.encode("utf-8", "surrogatepass")
    alnum = len(data.translate(None, _NOT_ASCII_ALNUM))
    alpha = len(data.translate(None, _NOT_ASCII_ALPHA))
    if len(data) != len(text):
        others = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
        alnum += sum(ch.isalnum() for ch in others)
        alpha += sum(ch.isalpha() for ch in others)
    return alnum, alpha


def code_statistics(text: str) -> dict[str, float]:
    """RedPajama's file statistics: longest and mean line length, alphanumeric share of all
    characters, alphabetic characters per whitespace token."""
    lengths = [len(line) for line in text.split("\n")]
    tokens = len(text.split())
    alnum, alpha = _letter_counts(text)
    return {
        "max_line_length": max(lengths),
        "mean_line_length": sum(lengths) / len(lengths),
        "alphanumeric_fraction": alnum / len(text) if text else 0.0,
        "alpha_per_token": alpha / tokens if tokens else 0.0,
    }


class CodeQuality(Step):
    """RedPajama's statistics: drop a file with a line over 1000 characters, a mean line over
    100, under 25% alphanumeric characters, or under 1.5 alphabetic characters per token."""

    name = "code_quality"

    def apply(self, doc: Document) -> Outcome:
        stats = code_statistics(doc.text)
        if stats["max_line_length"] > MAX_LINE_LENGTH:
            return self.reject(doc, "max_line_length")
        if stats["mean_line_length"] > MAX_MEAN_LINE_LENGTH:
            return self.reject(doc, "mean_line_length")
        if stats["alphanumeric_fraction"] < MIN_ALPHANUMERIC_FRACTION:
            return self.reject(doc, "low_alphanumeric")
        if stats["alpha_per_token"] < MIN_ALPHA_PER_TOKEN:
            return self.reject(doc, "low_alpha_per_token")
        return doc


MINIFIED_SUFFIXES = tuple(_RULES["minified_suffixes"])

# Generated files say so in a comment at the top, after the licence header if there is one
# (protoc's marker stands on line 17 under an Apache notice). Measured on 64,292 real files, the
# first 50 lines (at most 4 KB) find 99% of the files that the first 200 lines (16 KB) find; the
# rest are mostly hand-written files that mention a generated section further down.
GENERATED_HEAD_LINES = 50
GENERATED_HEAD_CHARS = 4096
GENERATED_SIGNATURES = tuple(_RULES["generated_signatures"])
DO_NOT_EDIT = tuple(_RULES["do_not_edit_phrases"])
GENERATED_NOTES = tuple(_RULES["generated_notes"])
HAND_WRITTEN = tuple(_RULES["hand_written_phrases"])

# A line that starts a comment in the languages of the whitelist (C preprocessor lines are code).
_COMMENT_START = re.compile(
    r"\s*(?:#(?!\s*(?:include|define|undef|if|ifdef|ifndef|elif|else|endif|pragma|import|line"
    r"|error)\b)|//|/\*|\*|--|;|%|!|<!--|\{-|\(\*|rem\s|::)",
    re.IGNORECASE,
)
# In markup (Markdown, reStructuredText, HTML, XML) only markup comments are comments: a line
# starting with `*`, `-` or `#` there is a bullet or a heading.
_MARKUP_COMMENT_START = re.compile(r"\s*(?:<!--|\.\.\s)")
MARKUP_EXTENSIONS = frozenset(_RULES["markup_extensions"])
_COMMENT_LEADER = re.compile(r"\s*(?:[#/*;%!-]+|<!--|\{-|\(\*|\.\.|rem\s|::)\s*", re.IGNORECASE)
_BLOCK_COMMENTS = (("/*", "*/"), ("<!--", "-->"), ("(*", "*)"), ("{-", "-}"))
_STRING_FENCES = ('"""', "'''", "`")
_QUOTED = re.compile(r'"[^"]*"|`[^`]*`')
# "Generated from config.h.in": a configure-style template, hand-written text with a few values
# substituted; the .in file itself is not whitelisted, so the output is its only copy.
_TEMPLATE_SOURCE = re.compile(r"\bfrom\s+\S+\.in\b")


def _open_comment(line: str, closer: str | None) -> str | None:
    """The end mark of a block comment still open after `line`, or None."""
    if closer is not None:
        return None if closer in line else closer
    text = line.lstrip()
    for opener, end in _BLOCK_COMMENTS:
        if text.startswith(opener):
            return None if end in text[len(opener) :] else end
    return None


def _comment_text(block: list[str]) -> str:
    """A comment block as one lowercased line without comment marks or quoted passages: a phrase
    wrapped over two lines reads as one, and a quoted phrase is only a mention."""
    words = (_QUOTED.sub(" ", _COMMENT_LEADER.sub("", line, count=1)) for line in block)
    return " ".join(" ".join(words).lower().split())


def head_comments(text: str, markup: bool = False) -> Iterator[str]:
    """The comment blocks of the file's head (first 50 lines, at most 4 KB), each as one line of
    text. A block is a run of comment lines (only markup comments when `markup`). Docstrings and
    the lines of a multi-line string that code opened (say a generator's template of its own
    output header) are not comments."""
    starts_comment = _MARKUP_COMMENT_START if markup else _COMMENT_START
    block: list[str] = []
    closer: str | None = None
    fence: str | None = None
    head = text[:GENERATED_HEAD_CHARS].split("\n", GENERATED_HEAD_LINES)[:GENERATED_HEAD_LINES]
    for line in head:
        if fence is not None:
            if line.count(fence) % 2:
                fence = None
            continue
        if closer is not None or starts_comment.match(line):
            block.append(line)
            closer = _open_comment(line, closer)
            continue
        if block:
            yield _comment_text(block)
            block = []
        fence = next((mark for mark in _STRING_FENCES if line.count(mark) % 2), None)
    if block:
        yield _comment_text(block)


MARKER, NOTE = "marker", "note"


def generated_claim(text: str, markup: bool = False) -> str | None:
    """What the head's comments say of the file's origin. MARKER: a code generator's signature,
    or a warning not to edit the file beside a statement that it is generated. NOTE: only a
    statement that a tool produced it. None: neither, or the comment names a `.in` template as the
    source or says part of the file is hand-written."""
    claim = None
    for comment in head_comments(text, markup):
        if any(signature in comment for signature in GENERATED_SIGNATURES):
            return MARKER
        if any(phrase in comment for phrase in HAND_WRITTEN) or _TEMPLATE_SOURCE.search(comment):
            continue
        if "generat" in comment and any(phrase in comment for phrase in DO_NOT_EDIT):
            return MARKER
        if any(note in comment for note in GENERATED_NOTES):
            claim = NOTE
    return claim


# Data tables: files whose tokens are nearly all literals. The thresholds and the measurements
# behind them are in mixture.yaml (sources.github).
DATA_TABLE_MIN_TOKENS = 200
DATA_TABLE_MIN_NUMBER_SHARE = 0.25
DATA_TABLE_MIN_LITERAL_SHARE = 0.85
DATA_TABLE_MIN_LITERAL_LINES = 0.85
# A file whose head only notes that a tool produced it is generated when half its tokens
# outside strings are literals: a generated table of ranges and names (`{0x0041, 0x005A, LATIN}`).
NOTED_TABLE_MIN_LITERAL_SHARE = 0.5
LITERAL_WORDS = frozenset(_RULES["literal_words"])

# Each byte mapped to its token class: `a` (letters, `_` and every non-ASCII byte) or `0` (digits)
# or a blank; a token starts where a blank is followed by `a` or `0`.
_TOKEN_CLASSES = bytes(
    ord("a") if byte in _ASCII_LETTERS or byte == ord("_") or byte > 127
    else ord("0") if byte in _ASCII_DIGITS
    else ord(" ")
    for byte in range(256)
)  # fmt: skip
# A string literal within one line, of at most 200 characters: the bound keeps the scan linear.
_STRING_LITERAL = re.compile(r'"(?:[^"\\\n]|\\.){0,200}"|\'(?:[^\'\\\n]|\\.){0,200}\'')
_TOKEN = re.compile(r"\b\d[\w.]*|\b[^\W\d]\w*")


def number_share(text: str) -> tuple[int, float]:
    """The word-like tokens of the whole text (identifiers, keywords, numbers, the words of
    strings and comments) and the share of them that are numbers, counted bytewise."""
    classes = b" " + text.encode("utf-8", "surrogatepass").translate(_TOKEN_CLASSES)
    numbers, words = classes.count(b" 0"), classes.count(b" a")
    total = numbers + words
    return total, numbers / total if total else 0.0


def literal_shares(text: str) -> tuple[int, float, float]:
    """Outside string literals: the tokens, the share of them that are literals (numbers, `None`,
    `true`, `null`...), and the share of lines holding only literals (strings included) among the
    lines holding any token or string."""
    tokens = literals = lines = literal_lines = 0
    for line in text.split("\n"):
        code, strings = _STRING_LITERAL.subn(" ", line)
        words = _TOKEN.findall(code)
        found = sum(1 for word in words if word[0].isdigit() or word in LITERAL_WORDS)
        tokens += len(words)
        literals += found
        if words or strings:
            lines += 1
            literal_lines += found == len(words)
    share = literals / tokens if tokens else 0.0
    return tokens, share, literal_lines / lines if lines else 0.0


def is_data_table(text: str) -> bool:
    """At least 200 tokens, a quarter of them numbers (a first look, counted bytewise); then 85%
    of the tokens outside string literals are literals and 85% of the lines hold nothing else."""
    total, numbers = number_share(text)
    if total < DATA_TABLE_MIN_TOKENS or numbers < DATA_TABLE_MIN_NUMBER_SHARE:
        return False
    _, literal_share, literal_lines = literal_shares(text)
    return (
        literal_share >= DATA_TABLE_MIN_LITERAL_SHARE
        and literal_lines >= DATA_TABLE_MIN_LITERAL_LINES
    )


def is_literal_heavy(text: str) -> bool:
    """At least 200 tokens outside string literals, half of them literals: with a note that a
    tool produced the file, a generated table even when its rows name things (`0x41, LATIN`)."""
    tokens, literal_share, _ = literal_shares(text)
    return tokens >= DATA_TABLE_MIN_TOKENS and literal_share >= NOTED_TABLE_MIN_LITERAL_SHARE


class MachineMade(Step):
    """What RedPajama's statistics let through although no one wrote it by hand: minified bundles
    by name, files whose head says they are generated (a marker; or a note on a file half made of
    literals), and data tables. It runs before the licence header is stripped, since the markers
    stand in or beside that header."""

    name = "machine_made"

    def apply(self, doc: Document) -> Outcome:
        path = doc.meta.get("path") or ""
        if file_name(path).endswith(MINIFIED_SUFFIXES):
            return self.reject(doc, "minified")
        claim = generated_claim(doc.text, extension_of(path) in MARKUP_EXTENSIONS)
        if claim == MARKER:
            return self.reject(doc, "generated")
        if is_data_table(doc.text):
            return self.reject(doc, "data_table")
        if claim == NOTE and is_literal_heavy(doc.text):
            return self.reject(doc, "generated")
        return doc


_LICENSE_WORDS = re.compile(
    r"copyright|\(c\)|©|licen[cs]e|spdx-license-identifier|all rights reserved|"
    r"permission is hereby granted|without warrant|redistribution and use",
    re.IGNORECASE,
)
# Line comments that may open a file: `//`, `--`, `;` (asm, lisp) and `#`, but not
# preprocessor lines (#include, #define, ...) nor a shebang.
_LINE_COMMENT = re.compile(
    r"^\s*(//|--|;|#(?!\s*(include|define|if|ifdef|ifndef|pragma|import|undef|error|line|!)\b))"
)
_MAX_HEADER_BLOCKS = 3


def strip_license_header(text: str) -> str:
    """Remove licence and copyright comment blocks at the top of a file (`/* */`, `//`, `#`,
    `--`, `<!-- -->`), keeping a shebang line and all code, including #include lines. A comment
    block without licence words (a module description) is kept, and so is everything after it."""
    lines = text.split("\n")
    head: list[str] = []
    start = 0
    if lines and lines[0].startswith("#!"):
        head, start = [lines[0]], 1
    for _ in range(_MAX_HEADER_BLOCKS):
        while start < len(lines) and not lines[start].strip():
            start += 1
        end = _comment_block_end(lines, start)
        if end is None or not _LICENSE_WORDS.search("\n".join(lines[start:end])):
            break
        start = end
    while start < len(lines) and not lines[start].strip():
        start += 1
    return "\n".join(head + lines[start:])


def _comment_block_end(lines: list[str], start: int) -> int | None:
    """Index just past the comment block starting at `start`, or None if no comment starts."""
    if start >= len(lines):
        return None
    first = lines[start].lstrip()
    for opener, closer in (("/*", "*/"), ("<!--", "-->"), ('"""', '"""'), ("(*", "*)")):
        if first.startswith(opener):
            for index in range(start, len(lines)):
                body = lines[index] if index > start else first[len(opener) :]
                if closer in body:
                    return index + 1
            return None  # unterminated: not a header we can safely cut
    if not _LINE_COMMENT.match(lines[start]):
        return None
    end = start
    while end < len(lines) and _LINE_COMMENT.match(lines[end]):
        end += 1
    return end


class StripLicenseHeader(Step):
    """Remove the licence boilerplate at the top of a file; drop files left empty."""

    name = "strip_header"

    def apply(self, doc: Document) -> Outcome:
        doc.text = strip_license_header(doc.text)
        return doc if doc.text.strip() else self.reject(doc, "empty_after_header")
