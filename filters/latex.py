"""ArXiv LaTeX cleaned as LLaMA did (section 2.1): "removed everything before the first
section, as well as the bibliography ... removed the comments ... and inline-expanded
definitions and macros written by users".

The source is read once (filters/latex_scan.py) into code, comments and verbatim text. Comments
go; each verbatim span (verbatim, lstlisting, minted, \\verb|...|, ...) becomes one placeholder,
so a `\\section`, `\\end{document}`, `\\bibliography{...}`, `%` or macro definition shown in an
example is text to keep, never structure. On the code: user macros are found and their
definitions removed (filters/latex_macros.py); the document body is taken (from
`\\begin{document}` to `\\end{document}`); the bibliography itself is removed and what follows it
(appendices) kept; macros are inlined; the text before the first sectioning command goes (a
paper without any, such as a reference card, keeps its whole body); the verbatim text is put
back as it was."""

from __future__ import annotations

import re

from filters.document import Document
from filters.latex_macros import WORK_FACTOR, Budget, expand_macros, find_macros
from filters.latex_scan import protect, restore, syntax
from filters.step import Outcome, Step

__all__ = [
    "CleanLatex",
    "document_body",
    "expand_macros",
    "find_macros",
    "remove_bibliography",
    "remove_comments",
]

SECTION = re.compile(
    r"\\(?=[pcs])(part|chapter|section|subsection|subsubsection|paragraph|subparagraph)\*?\s*[\[{]"
)
SECTIONING = re.compile(
    r"\\(?:part|chapter|section|subsection|subsubsection|paragraph|subparagraph)(?![A-Za-z])"
)
APPENDIX = re.compile(r"\\appendix(?![A-Za-z])|\\begin\{appendices\}")
BEGIN_DOCUMENT = re.compile(r"\\begin\s*\{document\}")
END_DOCUMENT = re.compile(r"\\end\s*\{document\}")
BIBLIOGRAPHY = re.compile(
    r"\\(?=[bnap])(?:begin\s*\{(?P<env>" + "|".join(syntax()["bibliography_environments"]) + r")\}"
    r"|(?:bibliography|nobibliography|bibliographystyle|addbibresource)\*?\s*"
    r"(?:\[[^\]]{0,500}\]\s*)?\{[^{}]{0,2000}\}"
    r"|printbibliography(?![A-Za-z])\*?(?:\s*\[[^\]]{0,500}\])?)"
)
_BLANK_LINES = re.compile(r"\n\n\n+")
# A `\bibitem` left after the reference lists are gone stands in a list of an unknown kind; the
# entry runs to the end of its paragraph, the next entry, heading or environment end.
STRAY_BIBITEM = re.compile(r"\\bibitem(?![A-Za-z])")
_ENTRY_END = re.compile(
    r"\n[ \t]*\n|\\bibitem(?![A-Za-z])|\\end\s*\{|\\(?:part|chapter|section|subsection|"
    r"subsubsection|paragraph)(?![A-Za-z])"
)


def remove_comments(tex: str) -> str:
    """Drop `%` comments: whole comment lines go, an inline comment is cut at its `%`. A `%`
    escaped as `\\%`, or inside verbatim text, is text; `comment` environments go too."""
    code, literals = protect(tex)
    return restore(code, literals)


def document_body(code: str) -> tuple[str, bool]:
    """The code between `\\begin{document}` and the last `\\end{document}` (all of it when the
    file has no `\\begin{document}`: an included part), and whether it had one."""
    start = code.find("\\begin{document}")  # the usual spelling first: a fast search
    if start >= 0:
        start += len("\\begin{document}")
    elif begin := BEGIN_DOCUMENT.search(code):
        start = begin.end()
    end = code.rfind("\\end{document}", max(start, 0))
    if end < 0:
        end = len(code)
        for found in END_DOCUMENT.finditer(code, max(start, 0)):
            end = found.start()
    return code[max(start, 0) : end], start >= 0


def remove_bibliography(code: str) -> str:
    """`code` without its reference lists (`thebibliography` and the like, each up to its
    `\\end`, or to the end when it is never closed) and without the commands that print or
    configure a bibliography (`\\bibliography{refs}`, `\\printbibliography`, ...), and without
    entries of reference lists of other kinds (a `\\bibitem` up to the end of its entry)."""
    out, last = [], 0
    for found in BIBLIOGRAPHY.finditer(code):
        if found.start() < last:
            continue
        out.append(code[last : found.start()])
        last = found.end()
        if found.group("env"):
            close = re.compile(r"\\end\s*\{" + found.group("env") + r"\}").search(code, last)
            last = close.end() if close else len(code)
    out.append(code[last:])
    return _remove_stray_entries("".join(out))


def _remove_stray_entries(code: str) -> str:
    """Bibliography entries outside any list this module knows: each `\\bibitem` up to where
    its entry ends."""
    out, last = [], 0
    for found in STRAY_BIBITEM.finditer(code):
        if found.start() < last:
            continue
        end = _ENTRY_END.search(code, found.end())
        out.append(code[last : found.start()])
        last = end.start() if end else len(code)
    out.append(code[last:])
    return "".join(out)


class CleanLatex(Step):
    """Comments out, macros inlined, text before the first section heading cut, bibliography
    (and, optionally, the appendix) removed, verbatim text kept as written. Drops files with
    neither a section heading nor a `\\begin{document}` body (`no_section`), papers whose
    macros cannot be inlined within the bounds (`macro_expansion_bound`: more than MAX_GROWTH
    times longer, uses left after MAX_PASSES, definitions or arguments that exhaust the
    scanning budget; the bound in `detail`) and papers left empty (`empty_after_cleaning`).
    Uses of recursive macros are removed (counted in `recursive_macro_uses`): TeX itself would
    loop on them, or stop through conditionals no inliner evaluates, and their literal control
    words are not text."""

    name = "clean_latex"

    def __init__(self, drop_appendix: bool = False) -> None:
        self.drop_appendix = drop_appendix

    def apply(self, doc: Document) -> Outcome:
        code, literals = protect(doc.text)
        budget = Budget(WORK_FACTOR * len(code) + 65536)
        macros, code = find_macros(code, budget)
        if budget.left < 0:
            doc.meta["detail"] = "scanning macro definitions"
            return self.reject(doc, "macro_expansion_bound")
        body, has_body = document_body(code)
        body = remove_bibliography(body)
        if self.drop_appendix and (appendix := APPENDIX.search(body)):
            body = body[: appendix.start()]
        if not any(SECTIONING.search(macro.body) for macro in macros.values()):
            first = SECTION.search(body)  # no macro makes a heading: cut first, expand less
            body = body[first.start() :] if first else body
        expansion = expand_macros(body, macros)
        if expansion.bound:
            doc.meta["detail"] = expansion.bound
            return self.reject(doc, "macro_expansion_bound")
        body = expansion.text
        first = SECTION.search(body)
        if not first and not has_body:
            return self.reject(doc, "no_section")
        body = _BLANK_LINES.sub("\n\n", body[first.start() if first else 0 :]).strip()
        doc.meta["macros"] = len(macros)
        doc.meta["recursive_macro_uses"] = expansion.removed
        doc.text = restore(body, literals)
        return doc if doc.text else self.reject(doc, "empty_after_cleaning")
