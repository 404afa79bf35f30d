"""GitHub source files as LLaMA filtered them (section 2.1): permissive licences only, then
RedPajama-Data v1's heuristics (line lengths, alphanumeric share, alphabetic characters per
token, an extension whitelist) and the removal of licence boilerplate headers."""

from __future__ import annotations

import re

from filters.document import Document
from filters.step import Outcome, Step

# LLaMA 2.1: "we only kept projects that are distributed under the Apache, BSD and MIT licenses".
PERMISSIVE_LICENSES = frozenset({"apache-2.0", "mit", "bsd-2-clause", "bsd-3-clause"})

# Extensions of source code and prose that code models train on (RedPajama-Data v1's list).
EXTENSIONS = frozenset(
    [
        "asm", "bat", "cmd", "c", "h", "cs", "cpp", "hpp", "c++", "h++", "cc", "hh", "cxx",
        "hxx", "cmake", "css", "dockerfile", "f90", "f", "f03", "f08", "f77", "f95", "for",
        "fpp", "go", "hs", "html", "java", "js", "jl", "lua", "md", "markdown", "php", "php3",
        "php4", "php5", "phps", "phpt", "pl", "pm", "pod", "perl", "ps1", "psd1", "psm1", "py",
        "rb", "rs", "sql", "scala", "sh", "bash", "command", "zsh", "ts", "tsx", "tex", "vb",
        "xml", "rst", "m", "smali", "kt", "kts", "swift", "dart", "r",
    ]
)  # fmt: skip
FILENAMES = frozenset({"dockerfile", "makefile", "cmakelists.txt"})

# Machine-generated files that say so in the conventional markers near the top: Go's
# "Code generated ... DO NOT EDIT." and the "@generated" tag. Looser phrases ("do not edit",
# "automatically generated") also head hand-maintained headers (OpenSSL, libxml2), so not them.
_CODE_GENERATED = "code generated "
_GENERATED_HEAD_LINES = 10


def says_generated(lines: list[str]) -> bool:
    """A line with `@generated`, or `code generated ` followed later on it by `do not edit`
    (any case). Plain searches: one pass per line however the markers repeat."""
    for line in lines:
        lowered = line.lower()
        if "@generated" in lowered:
            return True
        start = lowered.find(_CODE_GENERATED)
        if start >= 0 and lowered.find("do not edit", start + len(_CODE_GENERATED)) >= 0:
            return True
    return False


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


def extension_of(path: str) -> str:
    """The file's extension in lowercase (`src/App.TSX` -> `tsx`), or its whole name when it has
    none (`Makefile` -> `makefile`)."""
    name = path.rsplit("/", 1)[-1].lower()
    return name.rsplit(".", 1)[-1] if "." in name.strip(".") else name


class ExtensionFilter(Step):
    """Keep files whose extension (or name, for Makefile and Dockerfile) is whitelisted."""

    name = "extension"

    def apply(self, doc: Document) -> Outcome:
        path = doc.meta.get("path") or ""
        name = path.rsplit("/", 1)[-1].lower()
        if name in FILENAMES or extension_of(path) in EXTENSIONS:
            return doc
        return self.reject(doc, "extension_not_allowed")


def code_statistics(text: str) -> dict[str, float]:
    """RedPajama's file statistics: longest and mean line length, alphanumeric share of all
    characters, alphabetic characters per whitespace token."""
    lines = text.split("\n")
    lengths = [len(line) for line in lines]
    tokens = len(text.split())
    return {
        "max_line_length": max(lengths) if lengths else 0,
        "mean_line_length": sum(lengths) / len(lengths) if lengths else 0.0,
        "alphanumeric_fraction": sum(ch.isalnum() for ch in text) / len(text) if text else 0.0,
        "alpha_per_token": sum(ch.isalpha() for ch in text) / tokens if tokens else 0.0,
    }


class CodeQuality(Step):
    """Drop generated, minified and data files: a generated-file marker in the first lines, a
    line over 1000 characters, mean line over 100, under 25% alphanumeric characters, or under
    1.5 alphabetic characters per token."""

    name = "code_quality"

    def apply(self, doc: Document) -> Outcome:
        if says_generated(doc.text.split("\n", _GENERATED_HEAD_LINES)[:_GENERATED_HEAD_LINES]):
            return self.reject(doc, "generated_file")
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
