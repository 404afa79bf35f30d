"""User macros of a LaTeX paper, found and inlined (LLaMA 2.1: "inline-expanded definitions and
macros written by users"). Forms read: `\\newcommand`, `\\renewcommand`, `\\providecommand` and
`\\DeclareRobustCommand` (starred too, with an optional first argument); `\\def`, `\\gdef`,
`\\edef`, `\\xdef` (with `\\long`, `\\global`, `\\protected`), delimited parameters included
(`\\def\\foo#1#2\\relax{...}`, `\\def\\pair(#1,#2){...}`); and xparse's `\\NewDocumentCommand`
family with the argument types m, o, O{..}, s, t, d, D, r and R, whose `\\IfBooleanTF` /
`\\IfNoValueTF` tests on an argument are decided at each use. A definition of another form (an
xparse `v` or `e` argument, a `#{` parameter) is removed but its uses are left as written.

Every inlining keeps TeX's reading of the text: a control word ending a body or an argument is
never glued to the letters after it (`\\ntt` then `amsmath` gives `\\ntt amsmath`, not the new
word `\\nttamsmath`). A recursive macro (bodies that use each other in a cycle: a TeX loop,
which ends only through conditionals this does not evaluate) is not inlined; its uses are removed.
Expansion is bounded: at most MAX_PASSES passes, output at most MAX_GROWTH times the input
(checked as it is built, so no pass can outgrow it), and argument scanning within a work budget
proportional to the text, so an exponential macro or an unbalanced argument ends in a counted
bound, never a hang."""

from __future__ import annotations

import functools
import re
import string
from typing import NamedTuple

from filters.latex_scan import CLOSE, OPEN, escaped, prefix_tree, syntax

MAX_PASSES = 10
MAX_GROWTH = 4  # expanded text may be at most this many times the original (plus 64 KiB)
WORK_FACTOR = 8  # characters argument scanning may read, per character of text (plus 64 KiB)
MAX_PARAMETER_TEXT = 200  # characters between a \def's name and its body
MAX_DELIMITED = 20_000  # characters a delimited argument may span

_LETTERS = string.ascii_letters + "@"
_BRACES = re.compile(r"\\[\\{}]|[{}]")
_PARAMETER = re.compile(r"#(#|[1-9])")


class Param(NamedTuple):
    """How one argument is read at a use: `m` one token or group; `u` everything up to the
    delimiter `pattern` (a TeX delimited parameter); `o` an optional argument between `open`
    and `close` (`default` when absent, None for xparse's no-value); `r` a required one; `t`
    a test for the token `open` (xparse `s`, `t`)."""

    kind: str
    open: str = ""
    close: str = ""
    default: str | None = None
    pattern: re.Pattern | None = None


class Macro:
    """A user macro: how its arguments are read, and its body as literal pieces and argument
    numbers (0-based); `constant` is the body of a macro without arguments."""

    __slots__ = ("name", "params", "body", "prefix", "tests", "pieces", "constant")

    def __init__(
        self,
        name: str,
        params: tuple[Param, ...],
        body: str,
        prefix: re.Pattern | None = None,  # text a \def requires between the name and #1
        tests: bool = False,  # the body has xparse \IfBooleanTF / \IfNoValueTF tests
    ) -> None:
        self.name, self.params, self.body, self.prefix, self.tests = (
            name, params, body, prefix, tests
        )  # fmt: skip
        self.pieces = _pieces(body)
        simple = not params and prefix is None and not tests
        text = simple and all(isinstance(piece, str) for piece in self.pieces)
        self.constant = "".join(self.pieces) if text else None


class Budget:
    """Characters that reading groups and arguments may still scan: the bound that keeps
    unbalanced or hostile text linear."""

    __slots__ = ("left",)

    def __init__(self, left: int) -> None:
        self.left = left

    def spend(self, amount: int) -> None:
        self.left -= amount


def _pieces(body: str) -> tuple[str | int, ...]:
    """`#1`..`#9` become argument numbers, `##` a literal `#`."""
    if "#" not in body:
        return (body,) if body else ()
    pieces: list[str | int] = []
    text = []
    for index, part in enumerate(_PARAMETER.split(body)):
        if index % 2 == 0 or part == "#":
            text.append(part if index % 2 == 0 else "#")
        else:
            pieces.append("".join(text))
            pieces.append(int(part) - 1)
            text = []
    pieces.append("".join(text))
    return tuple(piece for piece in pieces if piece != "")


# ------------------------------------------------------------------ finding definitions

_NEWCOMMANDS = ("newcommand", "renewcommand", "providecommand", "DeclareRobustCommand")
_DOCUMENT_COMMANDS = tuple(
    f"{verb}{kind}DocumentCommand"
    for verb in ("New", "Renew", "Provide", "Declare")
    for kind in ("", "Expandable")
)
_DEFINITION = re.compile(  # names as prefix trees: one reading of the text, not one per name
    r"\\(?=[rnpdDNRPgexlo])(?:(?P<newcommand>" + prefix_tree(_NEWCOMMANDS) + ")"
    r"|(?P<document>" + prefix_tree(_DOCUMENT_COMMANDS) + ")"
    r"|(?P<def>(?:(?:long|global|protected|outer)\s*\\)*[gex]?def))(?![A-Za-z])"
)
_NAME = re.compile(r"\s*(?:\{\s*\\([A-Za-z]{1,100})\s*\}|\\([A-Za-z]{1,100})(?![A-Za-z@]))")
_ARITY = re.compile(r"\s*\[\s*([0-9])\s*\]")
_SPACES = re.compile(r"[ \t]*\n?[ \t]*")


def find_macros(tex: str, budget: Budget | None = None) -> tuple[dict[str, Macro], str]:
    """User macros defined in `tex`, and `tex` with their definitions removed. Redefinitions
    of structural commands (`\\section`, `\\begin`, ...) are removed but not inlined. With a
    `budget`, reading definitions stops when it is spent (the rest stay as text)."""
    macros: dict[str, Macro] = {}
    spans: list[tuple[int, int]] = []
    structural = _structural()
    budget = budget or Budget(WORK_FACTOR * len(tex) + 65536)
    for match in _DEFINITION.finditer(tex):
        if escaped(tex, match.start()):
            continue
        if budget.left < 0:
            break
        kind = match.lastgroup
        parse = _newcommand if kind == "newcommand" else _document if kind == "document" else _def
        parsed = parse(tex, match.end(), budget)
        if parsed is None:
            continue
        macro, end = parsed
        spans.append((match.start(), end))
        if macro is None or macro.name in structural:
            continue
        if match.group(kind) != "providecommand" or macro.name not in macros:
            macros[macro.name] = macro
    kept, last = [], 0
    for start, end in spans:  # in text order; a definition inside another one goes with it
        if start >= last:
            kept.append(tex[last:start])
            last = end
    kept.append(tex[last:])
    return macros, "".join(kept)


@functools.cache
def _structural() -> frozenset[str]:
    return frozenset(syntax()["structural_commands"])


def _name(tex: str, index: int) -> tuple[str, int] | None:
    found = _NAME.match(tex, index)
    return (found.group(1) or found.group(2), found.end()) if found else None


def _newcommand(tex: str, index: int, budget: Budget) -> tuple[Macro | None, int] | None:
    """`\\newcommand*{\\name}[n][default]{body}` from just after the command."""
    if tex.startswith("*", index):
        index += 1
    named = _name(tex, index)
    if named is None:
        return None
    name, index = named
    arity, default = 0, None
    found = _ARITY.match(tex, index)
    if found:
        arity, index = int(found.group(1)), found.end()
        start = _skip_blanks(tex, index)
        if tex.startswith("[", start):
            end = _balanced(tex, start, "[", "]", budget)
            if end is None:
                return None
            default, index = tex[start + 1 : end - 1], end
    body = _body(tex, index, budget)
    if body is None:
        return None
    text, end = body
    params = [Param("m")] * arity
    if default is not None and arity:
        params[0] = Param("o", "[", "]", default)
    return _checked(Macro(name, tuple(params), text)), end


def _def(tex: str, index: int, budget: Budget) -> tuple[Macro | None, int] | None:
    """`\\def\\name<parameter text>{body}` from just after `\\def`."""
    named = _name(tex, index)
    if named is None:
        return None
    name, index = named
    brace = tex.find("{", index, index + MAX_PARAMETER_TEXT)
    if brace < 0:
        return None
    parameter_text = tex[index:brace]
    if "}" in parameter_text or "\n\n" in parameter_text:
        return None
    body = _body(tex, brace, budget)
    if body is None:
        return None
    text, end = body
    return _checked(_delimited_macro(name, parameter_text, text)), end


def _delimited_macro(name: str, parameter_text: str, body: str) -> Macro | None:
    """The macro of a \\def whose parameter text is `parameter_text`, or None if TeX would
    not accept it or it ends in `#` (the `#{` form)."""
    if parameter_text.endswith("#"):
        return None
    parts = re.split(r"#([1-9])", parameter_text)
    numbers = [int(n) for n in parts[1::2]]
    if numbers != list(range(1, len(numbers) + 1)) or "#" in "".join(parts[::2]):
        return None
    prefix = parts[0].lstrip()
    params = []
    for delimiter in parts[2::2]:
        if delimiter:
            params.append(Param("u", close=delimiter, pattern=_literal(delimiter)))
        else:
            params.append(Param("m"))
    return Macro(name, tuple(params), body, _literal(prefix) if prefix else None)


def _literal(text: str) -> re.Pattern:
    """A pattern for delimiter text as TeX matches it: blanks match any blank run, and a
    control word at the end must not continue with a letter."""
    if re.search(r"\\[A-Za-z]+\s+\Z", text):
        text = text.rstrip()  # TeX skips the blanks after a control word
    words = [re.escape(part) for part in text.split()]
    if not words:
        return re.compile(r"\s+")
    pattern = r"\s+".join(words)
    if text[0].isspace():
        pattern = r"\s+" + pattern
    if text[-1].isspace():
        pattern += r"\s+"
    elif re.search(r"\\[A-Za-z]+\Z", text):
        pattern += "(?![A-Za-z])"
    return re.compile(pattern)


def _document(tex: str, index: int, budget: Budget) -> tuple[Macro | None, int] | None:
    """`\\NewDocumentCommand{\\name}{spec}{body}` from just after the command."""
    named = _name(tex, index)
    if named is None:
        return None
    name, index = named
    spec = _body(tex, index, budget)
    if spec is None:
        return None
    body = _body(tex, spec[1], budget)
    if body is None:
        return None
    params = _xparse(spec[0])
    if params is None:
        return None, body[1]
    tests = bool(_TEST.search(body[0]))
    return _checked(Macro(name, params, body[0], tests=tests)), body[1]


def _xparse(spec: str) -> tuple[Param, ...] | None:
    """The parameters of an xparse argument specification, or None for a type not read."""
    params: list[Param] = []
    index = 0
    while index < len(spec):
        kind = spec[index]
        index += 1
        if kind.isspace() or kind in "+!":
            continue
        if kind == "m":
            params.append(Param("m"))
        elif kind in "st":
            token = "*" if kind == "s" else spec[index : index + 1]
            index += kind == "t"
            if not token or token.isspace() or token in "{}\\":
                return None
            params.append(Param("t", token))
        elif kind in "oOdDrR":
            pair = "[]" if kind in "oO" else spec[index : index + 2]
            index += 0 if kind in "oO" else 2
            if len(pair) != 2 or any(c.isspace() or c in "{}\\" for c in pair):
                return None
            default = None
            if kind in "ODR":
                group = _body(spec, index)
                if group is None:
                    return None
                default, index = group
            params.append(Param("r" if kind in "rR" else "o", pair[0], pair[1], default))
        else:
            return None
    return tuple(params) if len(params) <= 9 else None


def _checked(macro: Macro | None) -> Macro | None:
    """The macro, unless its body uses an argument it does not have."""
    if macro is None or "#" not in macro.body:
        return macro
    if any(isinstance(p, int) and p >= len(macro.params) for p in macro.pieces):
        return None
    return macro


def _body(tex: str, index: int, budget: Budget | None = None) -> tuple[str, int] | None:
    """The text of the brace group at `index` (after blanks) and the index after it."""
    index = _skip_blanks(tex, index)
    if not tex.startswith("{", index):
        return None
    end = _group_end(tex, index, budget)
    return None if end is None else (tex[index + 1 : end - 1], end)


def _skip_blanks(tex: str, index: int) -> int:
    if index < len(tex) and tex[index] not in " \t\n":
        return index
    return _SPACES.match(tex, index).end()


@functools.lru_cache(maxsize=64)
def _group_pattern(opening: str, closing: str) -> re.Pattern:
    return re.compile(r"\\[\\{}]|[{}]|" + re.escape(opening) + "|" + re.escape(closing))


def _group_end(tex: str, index: int, budget: Budget | None = None) -> int | None:
    """Index just past the brace group that opens at `index`, or None if it never closes."""
    close = tex.find("}", index)
    if close >= 0 and tex.find("{", index + 1, close) < 0 and not escaped(tex, close):
        if budget is not None:  # a flat group, the usual case
            budget.spend(close + 1 - index)
        return close + 1
    depth = 0
    end = None
    for token in _BRACES.finditer(tex, index):
        mark = token.group()
        if mark == "{":
            depth += 1
        elif mark == "}":
            depth -= 1
            if depth == 0:
                end = token.end()
                break
    if budget is not None:
        budget.spend((end or len(tex)) - index)
    return end


def _balanced(tex: str, index: int, opening: str, closing: str, budget: Budget | None = None):
    """Index just past the group that opens with `opening` at `index`: braces always nest,
    `opening`/`closing` nest outside braces; None if it never closes (or a brace closes
    first)."""
    if opening == "{":
        return _group_end(tex, index, budget)
    braces = depth = 0
    end = None
    for token in _group_pattern(opening, closing).finditer(tex, index):
        mark = token.group()
        if mark == "{":
            braces += 1
        elif mark == "}":
            braces -= 1
            if braces < 0:
                break
        elif braces == 0 and mark == closing and token.start() > index:
            depth -= 1
            if depth == 0:
                end = token.end()
                break
        elif braces == 0 and mark == opening:
            depth += 1
    if budget is not None:
        budget.spend((end or len(tex)) - index)
    return end


# ------------------------------------------------------------------ expanding uses


class Expansion(NamedTuple):
    """What `expand_macros` made: the text, the bound that stopped it if one did (`growth`:
    the text would outgrow MAX_GROWTH; `passes`: uses were still left after MAX_PASSES;
    `scanning`: argument scanning spent its budget), and the uses of recursive macros removed.
    The text is only complete when no bound stopped it."""

    text: str
    bound: str = ""
    removed: int = 0


_TEST = re.compile(r"\\If(?:Boolean|NoValue|Value)(?:TF|T|F)(?![A-Za-z])")
_TEST_ON = re.compile(r"\\If(Boolean|NoValue|Value)(TF|T|F)\s*(?:\{\s*#([1-9])\s*\}|#([1-9]))")


def expand_macros(tex: str, macros: dict[str, Macro]) -> Expansion:
    """Replace uses of `macros` by their bodies (arguments substituted), pass after pass until
    nothing changes; uses of recursive macros are removed with their arguments. Stops at the
    first bound met (MAX_GROWTH, MAX_PASSES, the scanning budget), named in the result."""
    if not macros:
        return Expansion(tex)
    uses = _uses(macros)
    recursive = _cyclic(uses)
    inlined = {name: macro for name, macro in macros.items() if name not in recursive}
    limit = MAX_GROWTH * len(tex) + 65536
    budget = Budget(WORK_FACTOR * len(tex) + 65536)
    if inlined:
        use = _use_pattern(frozenset(inlined))
        nested = {name: any(used in inlined for used in uses[name]) for name in inlined}
        for _ in range(MAX_PASSES):
            expanded, again = _expand_once(tex, use, inlined, nested, budget, limit)
            if expanded is None:
                return Expansion(tex, "growth")
            if budget.left < 0:
                return Expansion(expanded, "scanning")
            tex = expanded
            if not again:
                break
        else:
            return Expansion(tex, "passes")
    removed = 0
    if recursive:
        tex, removed = _remove_uses(tex, {name: macros[name] for name in recursive}, budget)
    return Expansion(tex, "scanning" if budget.left < 0 else "", removed)


def recursive_macros(macros: dict[str, Macro]) -> frozenset[str]:
    """The macros on a cycle of bodies that use each other (one using itself included)."""
    return _cyclic(_uses(macros))


def _uses(macros: dict[str, Macro]) -> dict[str, list[str]]:
    """The macros each macro's body uses."""
    use = _use_pattern(frozenset(macros))
    return {name: sorted({found.group(1) for found in use.finditer(macro.body)})
            for name, macro in macros.items()}  # fmt: skip


def _cyclic(edges: dict[str, list[str]]) -> frozenset[str]:
    """The nodes of `edges` on a cycle: the strongly connected components with a cycle, by
    Tarjan's algorithm, made iterative so no paper's macros can exhaust Python's stack."""
    if not any(edges.values()):
        return frozenset()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cyclic: set[str] = set()
    for root in edges:
        if root in index:
            continue
        work = [(root, 0)]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, at = work[-1]
            if at < len(edges[node]):
                work[-1] = (node, at + 1)
                successor = edges[node][at]
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, 0))
                elif successor in on_stack:
                    low[node] = min(low[node], index[successor])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = [stack.pop()]
                while component[-1] != node:
                    component.append(stack.pop())
                on_stack.difference_update(component)
                if len(component) > 1 or node in edges[node]:
                    cyclic.update(component)
    return frozenset(cyclic)


def _remove_uses(tex: str, macros: dict[str, Macro], budget: Budget) -> tuple[str, int]:
    """`tex` without the uses of `macros`: each with its arguments where they read within the
    budget, else the control word alone; and how many were removed."""
    use = _use_pattern(frozenset(macros))
    out: list[str] = []
    last = removed = 0
    for match in use.finditer(tex):
        start = match.start()
        if start < last or (start and tex[start - 1] == "\\" and escaped(tex, start)):
            continue
        read = None
        if budget.left >= 0:
            read = _arguments(tex, match.end(), macros[match.group(1)], budget)
        _append(out, tex[last:start])
        last = read[2] if read is not None else match.end()
        removed += 1
    _append(out, tex[last:])
    return "".join(out), removed


@functools.lru_cache(maxsize=256)
def _use_pattern(names: frozenset[str]) -> re.Pattern:
    initials = "".join(sorted({name[0] for name in names}))
    return re.compile(r"\\(?=[" + initials + "])(" + prefix_tree(names) + r")(?![A-Za-z])")


def _expand_once(
    tex: str,
    use: re.Pattern,
    macros: dict[str, Macro],
    nested: dict[str, bool],
    budget: Budget,
    limit: int,
) -> tuple[str | None, bool]:
    """One pass; also says whether the inlined text may hold further uses. None instead of
    the text as soon as it would be longer than `limit`."""
    out: list[str] = []
    last, again, size = 0, False, 0
    for match in use.finditer(tex):
        start = match.start()
        if start < last or (start and tex[start - 1] == "\\" and escaped(tex, start)):
            continue
        macro = macros[match.group(1)]
        if macro.constant is not None:
            text, end = macro.constant, match.end()
            again = again or nested[macro.name]
        else:
            read = _arguments(tex, match.end(), macro, budget)
            if budget.left < 0:
                break
            if read is None:
                continue
            values, present, end = read
            text = _substitute(macro, values, present)
            again = again or nested[macro.name] or any(use.search(v) for v in values)
        _append(out, tex[last:start])
        _append(out, text)
        size += start - last + len(text)
        if size > limit:
            return None, again
        last = end
    _append(out, tex[last:])
    return "".join(out), again


def _append(out: list[str], piece: str) -> None:
    """Add `piece`, with a blank first if the text so far ends in a control word and the piece
    starts with a letter (TeX would otherwise read one longer control word)."""
    if not piece:
        return
    if out and piece[0].isalpha() and _ends_in_control_word(out[-1]):
        out.append(" ")
    out.append(piece)


def _ends_in_control_word(text: str) -> bool:
    """Whether `text` ends in a control word (`@` counted as a letter, as package code and
    \\makeatletter preambles have it)."""
    if not text or text[-1] not in _LETTERS:
        return False
    stem = text.rstrip(_LETTERS)
    backslashes = len(stem) - len(stem.rstrip("\\"))
    return backslashes % 2 == 1


def _substitute(macro: Macro, values: list[str], present: tuple[bool, ...]) -> str:
    pieces = _decided(macro, present) if macro.tests else macro.pieces
    if len(pieces) == 1 and isinstance(pieces[0], str):
        return pieces[0]
    out: list[str] = []
    for piece in pieces:
        _append(out, values[piece] if isinstance(piece, int) else piece)
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _decided(macro: Macro, present: tuple[bool, ...]) -> tuple[str | int, ...]:
    """The body's pieces with each `\\IfBooleanTF{#n}` / `\\IfNoValueTF{#n}` / `\\IfValueTF{#n}`
    replaced by the branch that argument selects (`present`: star given, or value given)."""
    body = macro.body
    for _ in range(body.count("\\If")):
        found = _TEST_ON.search(body)
        if found is None:
            break
        kind, branches = found.group(1), found.group(2)
        number = int(found.group(3) or found.group(4))
        if number > len(present):
            return macro.pieces
        given = present[number - 1]
        index, groups = found.end(), []
        for _ in branches:
            group = _body(body, index)
            if group is None:
                return macro.pieces
            groups.append(group[0])
            index = group[1]
        chosen = given if kind != "NoValue" else not given
        if branches == "TF":
            text = groups[0] if chosen else groups[1]
        else:
            text = groups[0] if chosen == (branches == "T") else ""
        body = body[: found.start()] + text + body[index:]
    return _pieces(body)


def _arguments(
    tex: str, index: int, macro: Macro, budget: Budget
) -> tuple[list[str], tuple[bool, ...], int] | None:
    """The arguments of a use of `macro` whose name ends at `index`: their texts, whether each
    was given, and the index after the last one; None if the text does not match."""
    if macro.prefix is not None:
        found = macro.prefix.match(tex, _skip_blanks(tex, index))
        if found is None:
            return None
        index = found.end()
    elif macro.params and macro.params[0].kind == "u":
        index = _skip_blanks(tex, index)  # TeX skips the blanks after a control word
    values: list[str] = []
    present: list[bool] = []
    for param in macro.params:
        if param.kind == "m":
            token = _token(tex, index, budget)
            if token is None:
                return None
            value, index = token
            given = True
        elif param.kind == "u":
            delimited = _delimited(tex, index, param, budget)
            if delimited is None:
                return None
            value, index = delimited
            given = True
        else:
            probe = _skip_blanks(tex, index)
            given = tex.startswith(param.open, probe)
            value = ""
            if given and param.kind == "t":
                index = probe + len(param.open)
            elif given:
                end = _balanced(tex, probe, param.open, param.close, budget)
                if end is None:
                    return None
                value, index = tex[probe + 1 : end - 1], end
            elif param.kind == "r" and param.default is None:
                return None
            elif param.default is not None:
                value, given = param.default, param.kind == "o"
        values.append(value)
        present.append(given)
    return values, tuple(present), index


_CONTROL = re.compile(r"\\(?:[A-Za-z]+|.)", re.S)


def _token(tex: str, index: int, budget: Budget) -> tuple[str, int] | None:
    """An undelimited argument: the next group (without its braces), control sequence or
    character after blanks."""
    index = _skip_blanks(tex, index)
    if index >= len(tex) or tex[index] == "}":
        return None
    if tex[index] == "{":
        end = _group_end(tex, index, budget)
        return None if end is None else (tex[index + 1 : end - 1], end)
    if tex[index] == "\\":
        found = _CONTROL.match(tex, index)
        return (found.group(), found.end()) if found else None
    if tex[index] == OPEN:  # a verbatim placeholder is one token
        end = tex.find(CLOSE, index) + 1
        return (tex[index:end], end) if end else None
    return tex[index], index + 1


def _delimited(tex: str, index: int, param: Param, budget: Budget) -> tuple[str, int] | None:
    """A delimited argument: the shortest brace-balanced text before the delimiter, with one
    outer group's braces removed."""
    limit = min(len(tex), index + MAX_DELIMITED)
    depth, scanned = 0, index
    for found in param.pattern.finditer(tex, index, limit):
        for mark in _BRACES.finditer(tex, scanned, found.start()):
            depth += {"{": 1, "}": -1}.get(mark.group(), 0)
            if depth < 0:
                budget.spend(found.start() - index)
                return None
        scanned = found.start()
        if depth == 0:
            budget.spend(found.end() - index)
            value = tex[index : found.start()]
            if value.startswith("{") and _group_end(value, 0) == len(value):
                value = value[1:-1]
            return value, found.end()
    budget.spend(limit - index)
    return None
