"""ArXiv LaTeX cleaned as LLaMA did (section 2.1): "removed everything before the first
section, as well as the bibliography ... removed the comments ... and inline-expanded
definitions and macros written by users". Macros with arguments are expanded too (RedPajama's
code did only argument-free ones), with a bound on passes and size so a recursive macro cannot
hang a run."""

from __future__ import annotations

import re
from dataclasses import dataclass

from filters.document import Document
from filters.step import Outcome, Step

SECTION = re.compile(
    r"\\(part|chapter|section|subsection|subsubsection|paragraph|subparagraph)\*?\s*[\[{]"
)
BIBLIOGRAPHY = re.compile(r"\\begin\{thebibliography\}|\\bibliography\{|\\printbibliography")
APPENDIX = re.compile(r"\\appendix(?![A-Za-z])|\\begin\{appendices\}")
END_DOCUMENT = re.compile(r"\\end\{document\}")
MAX_PASSES = 10
MAX_GROWTH = 4  # expanded text may be at most this many times the original (plus 64 KiB)


def remove_comments(tex: str) -> str:
    """Drop `%` comments: whole comment lines go, an inline comment is cut at its `%`. A `%`
    preceded by an odd number of backslashes is text (`50\\%`)."""
    out = []
    for line in tex.split("\n"):
        cut = _comment_start(line)
        if cut is None:
            out.append(line)
        elif line[:cut].strip():
            out.append(line[:cut].rstrip())
    return "\n".join(out)


def _comment_start(line: str) -> int | None:
    index = line.find("%")
    while index >= 0:
        backslashes = len(line[:index]) - len(line[:index].rstrip("\\"))
        if backslashes % 2 == 0:
            return index
        index = line.find("%", index + 1)
    return None


@dataclass(frozen=True)
class Macro:
    name: str
    arity: int
    default: str | None  # default of an optional first argument
    body: str


def _group(tex: str, start: int, opening: str = "{", closing: str = "}") -> int | None:
    """Index just past the balanced group opening at `start`, or None if unbalanced."""
    depth = 0
    index = start
    while index < len(tex):
        char = tex[index]
        if char == "\\":
            index += 2
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


_NEWCOMMAND = re.compile(r"\\(?:re)?newcommand\*?|\\providecommand\*?|\\DeclareRobustCommand\*?")
_DEF = re.compile(r"\\(?:g|e|x)?def\s*\\([A-Za-z]+)((?:#\d)*)\s*\{")


def find_macros(tex: str) -> tuple[dict[str, Macro], str]:
    """User macros defined in `tex`, and `tex` with the definitions removed."""
    macros: dict[str, Macro] = {}
    spans: list[tuple[int, int]] = []
    for match in _NEWCOMMAND.finditer(tex):
        parsed = _parse_newcommand(tex, match.end())
        if parsed:
            macro, end = parsed
            macros[macro.name] = macro
            spans.append((match.start(), end))
    for match in _DEF.finditer(tex):
        end = _group(tex, match.end() - 1)
        if end is None:
            continue
        arity = match.group(2).count("#")
        macros[match.group(1)] = Macro(match.group(1), arity, None, tex[match.end() : end - 1])
        spans.append((match.start(), end))
    kept, last = [], 0
    for start, end in sorted(spans):
        if start >= last:
            kept.append(tex[last:start])
            last = end
    kept.append(tex[last:])
    return macros, "".join(kept)


def _parse_newcommand(tex: str, index: int) -> tuple[Macro, int] | None:
    index = _skip_spaces(tex, index)
    if tex.startswith("{", index):
        end = _group(tex, index)
        if end is None:
            return None
        name = tex[index + 1 : end - 1].strip()
        index = end
    else:
        found = re.match(r"\\[A-Za-z]+", tex[index:])
        if not found:
            return None
        name = found.group()
        index += len(name)
    if not re.fullmatch(r"\\[A-Za-z]+", name):
        return None
    arity, default = 0, None
    index = _skip_spaces(tex, index)
    if tex.startswith("[", index):
        end = tex.find("]", index)
        if end < 0 or not tex[index + 1 : end].strip().isdigit():
            return None
        arity = int(tex[index + 1 : end])
        index = _skip_spaces(tex, end + 1)
        if tex.startswith("[", index):
            end = _group(tex, index, "[", "]")
            if end is None:
                return None
            default = tex[index + 1 : end - 1]
            index = _skip_spaces(tex, end)
    if not tex.startswith("{", index):
        return None
    end = _group(tex, index)
    if end is None:
        return None
    return Macro(name[1:], arity, default, tex[index + 1 : end - 1]), end


def _skip_spaces(tex: str, index: int) -> int:
    while index < len(tex) and tex[index] in " \t\n":
        index += 1
    return index


def expand_macros(tex: str, macros: dict[str, Macro]) -> tuple[str, bool]:
    """Replace uses of `macros` by their bodies (arguments substituted), pass after pass until
    nothing changes; stops after MAX_PASSES or when the text outgrows MAX_GROWTH. Returns the
    text and whether a bound was hit (a recursive macro)."""
    if not macros:
        return tex, False
    names = sorted(macros, key=len, reverse=True)
    use = re.compile(r"\\(" + "|".join(map(re.escape, names)) + r")(?![A-Za-z])")
    limit = MAX_GROWTH * len(tex) + 65536
    for _ in range(MAX_PASSES):
        expanded, changed = _expand_once(tex, use, macros)
        if not changed:
            return expanded, False
        if len(expanded) > limit:
            return tex, True
        tex = expanded
    return tex, True


def _expand_once(tex: str, use: re.Pattern, macros: dict[str, Macro]) -> tuple[str, bool]:
    out, last, changed = [], 0, False
    for match in use.finditer(tex):
        if match.start() < last:
            continue
        macro = macros[match.group(1)]
        args, end = _arguments(tex, match.end(), macro)
        if args is None:
            continue
        body = macro.body
        for number, value in enumerate(args, start=1):
            body = body.replace(f"#{number}", value)
        out.append(tex[last : match.start()])
        out.append(body)
        last, changed = end, True
    out.append(tex[last:])
    return "".join(out), changed


def _arguments(tex: str, index: int, macro: Macro) -> tuple[list[str] | None, int]:
    args: list[str] = []
    count = macro.arity
    if macro.default is not None and count:
        probe = _skip_spaces(tex, index)
        if tex.startswith("[", probe):
            end = _group(tex, probe, "[", "]")
            if end is None:
                return None, index
            args.append(tex[probe + 1 : end - 1])
            index = end
        else:
            args.append(macro.default)
        count -= 1
    for _ in range(count):
        index = _skip_spaces(tex, index)
        if index >= len(tex):
            return None, index
        if tex[index] == "{":
            end = _group(tex, index)
            if end is None:
                return None, index
            args.append(tex[index + 1 : end - 1])
            index = end
        elif tex[index] == "\\":
            found = re.match(r"\\([A-Za-z]+|.)", tex[index:])
            args.append(found.group())
            index += len(found.group())
        else:
            args.append(tex[index])
            index += 1
    return args, index


class CleanLatex(Step):
    """Comments out, macros inlined, text before the first section heading and from the
    bibliography (and, optionally, the appendix) on cut. Drops papers without any section
    heading (`no_section`) or left empty."""

    name = "clean_latex"

    def __init__(self, drop_appendix: bool = False) -> None:
        self.drop_appendix = drop_appendix

    def apply(self, doc: Document) -> Outcome:
        tex = remove_comments(doc.text)
        macros, tex = find_macros(tex)
        first = SECTION.search(tex)
        if not first:
            return self.reject(doc, "no_section")
        tex = tex[first.start() :]
        for ending in (BIBLIOGRAPHY, END_DOCUMENT, *((APPENDIX,) if self.drop_appendix else ())):
            found = ending.search(tex)
            if found:
                tex = tex[: found.start()]
        tex, capped = expand_macros(tex, macros)
        doc.meta["macros"] = len(macros)
        doc.meta["macro_expansion_capped"] = capped
        doc.text = re.sub(r"\n{3,}", "\n\n", tex).strip()
        return doc if doc.text else self.reject(doc, "empty_after_cleaning")
