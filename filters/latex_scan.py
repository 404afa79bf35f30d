"""One left-to-right pass that splits LaTeX source into code, comments and verbatim text, as TeX
reads it: a `%` (not escaped as `\\%`) comments out the rest of its line, except inside verbatim
text; `\\begin{verbatim}` (and every environment of the kind, the `comment` block included) runs
to its own `\\end{...}` whatever it holds; `\\verb|...|`, `\\lstinline`, `\\mintinline` and
short-verb characters are literal up to their closing delimiter on the same line. Environments
and short verbs the paper declares itself (`\\lstnewenvironment`, `\\DefineVerbatimEnvironment`,
`\\MakeShortVerb`, ...) take effect from the declaration on, as in TeX.

Later steps work on the code only: `protect` turns each verbatim span into a placeholder (control
characters TeX source does not use: STX, digits from DLE..ESC, ETX) so that structure search,
macro discovery and expansion never look inside it, and `restore` puts the literal text back at
the end. The placeholders are ASCII, so the code stays a compact one-byte string. The scanner jumps
from one candidate to the next with a regular expression, so it is linear in the text."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from importlib import resources

CODE, COMMENT, VERBATIM = "code", "comment", "verbatim"
OPEN, CLOSE = "\x02", "\x03"  # a placeholder: OPEN, its number in base 12, CLOSE
DIGITS = "".join(map(chr, range(0x10, 0x1C)))  # not whitespace to Python, not text to TeX
PLACEHOLDER = re.compile("\x02[\x10-\x1b]+\x03")
MAX_INLINE_VERBATIM = 2000  # characters a \verb span may hold (it cannot cross a line anyway)
MAX_DECLARATION = 2000  # characters read after a declaring command to find what it declares


@functools.cache
def syntax() -> dict:
    """The reading rules of filters/data/latex_syntax.json."""
    data = resources.files("filters").joinpath("data/latex_syntax.json")
    return json.loads(data.read_text(encoding="utf-8"))


_INLINE = {  # inline verbatim commands, and what may stand between the name and the delimiter
    "verb": re.compile(r"\*?"),
    "Verb": re.compile(r"\*?(?:\[[^\]\n]*\])?"),
    "spverb": re.compile(""),
    "lstinline": re.compile(r"\*?(?:[ \t]*\[[^\]\n]*\])?"),
    "mintinline": re.compile(r"(?:[ \t]*\[[^\]\n]*\])?[ \t]*\{[^}\n]*\}"),
}
_DECLARATIONS = (
    "MakeShortVerb", "DefineShortVerb", "lstMakeShortInline", "DeleteShortVerb",
    "UndefineShortVerb", "lstDeleteShortInline", "lstnewenvironment",
    "DefineVerbatimEnvironment", "newtcblisting", "renewtcblisting", "DeclareTCBListing",
    "NewTCBListing", "RenewTCBListing", "ProvideTCBListing", "newenvironment",
    "renewenvironment", "excludecomment", "documentclass",
)  # fmt: skip
_SHORT_VERB_CHAR = re.compile(r"\*?\s*(?:\[[^\]\n]{0,200}\]\s*)?\{?\s*\\?([^A-Za-z\s{}%])")
_ENV_NAME = re.compile(r"\*?\s*(?:\[[^\]\n]{0,200}\]\s*)?\{\s*([A-Za-z@*]+)\s*\}")
_CLASS_NAME = re.compile(r"\s*(?:\[[^\]]{0,2000}\])?\s*\{\s*([\w-]+)\s*\}")
_NEWENV_ARGS = re.compile(r"\s*(?:\[\s*\d\s*\]\s*)?(?:\[[^\]]{0,200}\]\s*)?")
_STARTS_VERBATIM = re.compile(
    r"\\(?:begin\s*\{)?(?:[A-Za-z]*[Vv]erbatim|lstlisting|minted|alltt)(?![A-Za-z])"
)
_BRACE = re.compile(r"(?<!\\)[{}]")
_COMMENT_LINES = re.compile(r"(?:[ \t]*%[^\n]*(?:\n|\Z))*")


def prefix_tree(words: Iterable[str]) -> str:
    """A pattern for any of `words`, factored by shared prefixes: the engine then reads the
    text once instead of trying every word in turn."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [
            (char if char.isalnum() else re.escape(char)) + render(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + group + ")?" if "" in node else group

    return render(tree)


@functools.lru_cache(maxsize=256)
def _candidates(
    verbatim_envs: frozenset[str], comment_envs: frozenset[str], short: str, markers: bool
) -> tuple[re.Pattern, re.Pattern]:
    """The two patterns that find the next place where the reading mode may change: commands
    (every branch starts with a backslash) and single characters (`%`, the short verbs, the
    placeholder markers). Kept apart, each starts with a literal or a character set, which
    lets the regular expression engine skip ahead to it (together they are about three times
    slower); names are matched through prefix trees."""
    rules = syntax()
    names = set(rules["verbatim_environments"]) | verbatim_envs | comment_envs
    envs = prefix_tree(names) + "|" + rules["verbatim_environment_pattern"]
    words = [*_INLINE, *_DECLARATIONS]
    initials = "".join(sorted({word[0] for word in words} | {"b"}))
    env = r"begin\s*\{(?P<env>" + envs + r")\}"
    command = "(?P<command>" + prefix_tree(words) + r")(?![A-Za-z])"
    commands = re.compile(r"\\(?=[" + initials + "])(?:" + env + "|" + command + ")")
    chars = "%" + short + (OPEN + CLOSE if markers else "")
    single = "%" if chars == "%" else "[" + re.escape(chars) + "]"
    return commands, re.compile(single)


class _Candidates:
    """The next candidate at or after a position, from the two patterns of `_candidates`: each
    pattern's last match is kept while it still lies ahead (and a pattern found nowhere ahead
    is not searched again), so the text is read once per pattern, not once per candidate."""

    __slots__ = ("tex", "patterns", "ahead", "starts")

    def __init__(self, tex: str, patterns: tuple[re.Pattern, re.Pattern]) -> None:
        self.tex = tex
        self.patterns = patterns
        self.ahead: list[re.Match | None] = [None, None]
        self.starts = [-1, -1]  # where each kept match starts; len(tex) + 1 once none is left

    def next(self, index: int) -> re.Match | None:
        for which in (0, 1):
            if self.starts[which] < index:
                found = self.ahead[which] = self.patterns[which].search(self.tex, index)
                self.starts[which] = len(self.tex) + 1 if found is None else found.start()
        first = 0 if self.starts[0] <= self.starts[1] else 1
        return self.ahead[first]


class _Mode:
    """What the paper has declared so far: its own verbatim and comment environments, and the
    characters that currently act as short \\verb (a sorted string)."""

    __slots__ = ("verbatim_envs", "comment_envs", "short", "markers")

    def __init__(self, markers: bool) -> None:
        self.verbatim_envs: frozenset[str] = frozenset()
        self.comment_envs = frozenset(syntax()["comment_environments"])
        self.short = ""
        self.markers = markers  # the text has the characters placeholders are marked with

    def patterns(self) -> tuple[re.Pattern, re.Pattern]:
        return _candidates(self.verbatim_envs, self.comment_envs, self.short, self.markers)

    def declare(self, command: str, tex: str, index: int) -> bool:
        """Apply the declaration `command` whose arguments start at `index`; whether the
        reading rules changed."""
        before = (self.verbatim_envs, self.comment_envs, self.short)
        if command.endswith(("ShortVerb", "ShortInline")):
            found = _SHORT_VERB_CHAR.match(tex, index, index + MAX_DECLARATION)
            if found and command.startswith(("Make", "Define", "lstMake")):
                self.short = "".join(sorted(set(self.short + found.group(1))))
            elif found:
                self.short = self.short.replace(found.group(1), "")
        elif command == "documentclass":
            found = _CLASS_NAME.match(tex, index, index + 2 * MAX_DECLARATION)
            if found:
                chars = syntax()["short_verb_classes"].get(found.group(1), "")
                self.short = "".join(sorted(set(self.short + chars)))
        else:
            found = _ENV_NAME.match(tex, index, index + MAX_DECLARATION)
            if found and command == "excludecomment":
                self.comment_envs |= {found.group(1)}
            elif found and (
                not command.endswith("newenvironment") or _wraps_verbatim(tex, found.end())
            ):
                self.verbatim_envs |= {found.group(1)}
        return before != (self.verbatim_envs, self.comment_envs, self.short)


def _wraps_verbatim(tex: str, index: int) -> bool:
    """Whether the begin code of a `\\newenvironment` starting at `index` opens a verbatim."""
    start = _NEWENV_ARGS.match(tex, index).end()
    if not tex.startswith("{", start):
        return False
    found = _STARTS_VERBATIM.search(tex, start, min(len(tex), start + MAX_DECLARATION))
    if found is None:
        return False
    depth = 0
    for brace in _BRACE.finditer(tex, start, found.start()):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return False  # the begin code closed before the verbatim: it is in the end code
    return True


def escaped(tex: str, index: int) -> bool:
    """Whether the character at `index` follows an odd run of backslashes (`\\%`, `\\|`)."""
    count = 0
    while index > count and tex[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def segments(tex: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) spans that cover `tex` in order; kind is CODE, COMMENT or VERBATIM.
    A comment span is exactly the text to drop: a whole comment line with its newline, or an
    inline comment with the blanks before it (the newline stays)."""
    mode = _Mode(markers=OPEN in tex or CLOSE in tex)
    candidates = _Candidates(tex, mode.patterns())
    size = len(tex)
    cursor = search = 0
    while (found := candidates.next(search)) is not None:
        start, kind = found.start(), found.lastgroup
        if kind is None:
            char = tex[start]
            kind = "percent" if char == "%" else "marker" if char in OPEN + CLOSE else "short"
        if kind != "marker" and escaped(tex, start):
            search = start + 1
            continue
        if kind == "command" and found.group(kind) not in _INLINE:
            if mode.declare(found.group(kind), tex, found.end()):
                candidates = _Candidates(tex, mode.patterns())
            search = found.end()
            continue
        if kind == "percent":
            span = _comment(tex, start, cursor)
            kind = COMMENT
        elif kind == "env":
            name = found.group(kind)
            close = tex.find("\\end{" + name + "}", found.end())
            span = (start, size if close < 0 else close + len(name) + 6)
            kind = COMMENT if name in mode.comment_envs else VERBATIM
        elif kind == "marker":
            span, kind = (start, start + 1), VERBATIM
        elif kind == "short":
            span, kind = _inline(tex, start, start), VERBATIM
        else:
            options = _INLINE[found.group(kind)].match(tex, found.end())
            span, kind = _inline(tex, start, options.end() if options else -1), VERBATIM
        if span is None:
            search = found.end()
            continue
        if span[0] > cursor:
            yield CODE, cursor, span[0]
        yield kind, span[0], span[1]
        cursor = search = span[1]
    if cursor < size:
        yield CODE, cursor, size


def _comment(tex: str, index: int, cursor: int) -> tuple[int, int]:
    """The span a `%` at `index` removes; code before it on its line starts at or after
    `cursor`."""
    line_start = tex.rfind("\n", 0, index) + 1
    line_end = tex.find("\n", index)
    if line_end < 0:
        line_end = len(tex)
    if line_start >= cursor and not tex[line_start:index].strip():
        return line_start, _COMMENT_LINES.match(tex, min(line_end + 1, len(tex))).end()
    start = index
    while start > cursor and tex[start - 1] in " \t":
        start -= 1
    return start, line_end


def _inline(tex: str, start: int, delimiter_at: int) -> tuple[int, int] | None:
    """The span of an inline verbatim starting at `start` whose opening delimiter is at
    `delimiter_at` (the character at `start` itself for a short verb), or None if there is no
    delimiter or it does not close on its line."""
    if not start <= delimiter_at < len(tex):
        return None
    delimiter = tex[delimiter_at]
    if delimiter_at > start and (delimiter.isspace() or delimiter.isalpha()):
        return None
    closing = "}" if delimiter == "{" else delimiter
    limit = min(len(tex), delimiter_at + MAX_INLINE_VERBATIM)
    line_end = tex.find("\n", delimiter_at + 1, limit)
    close = tex.find(closing, delimiter_at + 1, limit if line_end < 0 else line_end)
    return None if close < 0 else (start, close + 1)


def protect(tex: str) -> tuple[str, dict[str, str]]:
    """The code of `tex` with comments removed and each verbatim span (and any placeholder
    marker character already in the text) replaced by a placeholder; and the literal text of
    each placeholder."""
    pieces: list[str] = []
    literals: dict[str, str] = {}
    for kind, start, end in segments(tex):
        if kind == CODE:
            pieces.append(tex[start:end])
        elif kind == VERBATIM:
            placeholder = _placeholder(len(literals))
            literals[placeholder] = tex[start:end]
            pieces.append(placeholder)
    return "".join(pieces), literals


def _placeholder(number: int) -> str:
    digits = [DIGITS[0]] if number == 0 else []
    while number:
        number, digit = divmod(number, len(DIGITS))
        digits.append(DIGITS[digit])
    return OPEN + "".join(reversed(digits)) + CLOSE


def restore(text: str, literals: dict[str, str]) -> str:
    """`text` with every placeholder replaced by the literal text it stands for."""
    if not literals:
        return text
    return PLACEHOLDER.sub(lambda m: literals.get(m.group(), ""), text)


def code_spans(tex: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the code spans of `tex` (neither comment nor verbatim)."""
    for kind, start, end in segments(tex):
        if kind == CODE:
            yield start, end
