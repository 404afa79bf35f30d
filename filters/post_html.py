"""Stack Exchange post bodies (the HTML the sites store) as readable plain text: paragraphs on
their own lines, list items as `- ` or `1. `, code blocks verbatim, quotes as `> `."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_WHITESPACE = re.compile(r"\s+")
# A `<` that meets another `<` (or the end) before any `>` opens no tag. Python's HTMLParser
# rescans the rest of the text for each such `<` (quadratic: minutes on a crafted 200 KB body),
# so they are escaped to text first, in one linear pass.
_UNCLOSED_TAG = re.compile(r"<(?=[^<>]*+(?:<|\Z))")
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "hr", "dl", "dt", "dd"}


class _TextBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self.pre = 0
        self.quote = 0

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS or tag in ("pre", "blockquote"):
            self._newline()
        if tag == "br":
            self.parts.append("\n")
        elif tag == "pre":
            self.pre += 1
        elif tag == "blockquote":
            self.quote += 1
        elif tag == "ul":
            self.lists.append([])
        elif tag == "ol":
            self.lists.append([1])
        elif tag == "li":
            self._newline()
            marker = "- "
            if self.lists and self.lists[-1]:
                marker = f"{self.lists[-1][0]}. "
                self.lists[-1][0] += 1
            self.parts.append("  " * max(0, len(self.lists) - 1) + marker)
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f"[{alt}]")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in _BLOCKS or tag in ("pre", "blockquote", "li", "ul", "ol"):
            self._newline()

    def handle_data(self, data: str) -> None:
        if not self.pre:
            data = _WHITESPACE.sub(" ", data)
            if data.startswith(" ") and (not self.parts or self.parts[-1].endswith((" ", "\n"))):
                data = data[1:]
            if not data:
                return
        if self.quote and (not self.parts or self.parts[-1].endswith("\n")):
            data = "> " * self.quote + data.lstrip()
        self.parts.append(data)


def post_text(html: str) -> str:
    """Readable plain text of a post body; blank lines squeezed, line ends stripped."""
    builder = _TextBuilder()
    builder.feed(_UNCLOSED_TAG.sub("&lt;", html))
    builder.close()
    lines = [line.rstrip() for line in "".join(builder.parts).split("\n")]
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1]):
            out.append(line if line.strip() else "")
    return "\n".join(out).strip("\n")
