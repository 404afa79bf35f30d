"""Main-content text from HTML: trafilatura (default, best fidelity) or resiliparse (fast)."""

from __future__ import annotations

EXTRACTORS = ("trafilatura", "resiliparse")


def extract_text(html: bytes, extractor: str = "trafilatura", charset: str | None = None) -> str:
    """The page's main text, paragraphs on their own lines; empty when nothing is extractable."""
    if extractor == "trafilatura":
        return _trafilatura(html, charset)
    if extractor == "resiliparse":
        return _resiliparse(html, charset)
    raise ValueError(f"unknown extractor {extractor!r}; choose one of {EXTRACTORS}")


def _decode(html: bytes, charset: str | None) -> str:
    if charset:
        try:
            return html.decode(charset, errors="replace")
        except LookupError:
            pass
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    return bytes_to_str(html, detect_encoding(html))


def _trafilatura(html: bytes, charset: str | None) -> str:
    import trafilatura

    text = trafilatura.extract(
        _decode(html, charset),
        include_comments=False,
        include_tables=False,
        favor_precision=False,
        deduplicate=False,
    )
    return text or ""


def _resiliparse(html: bytes, charset: str | None) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(_decode(html, charset))
    return extract_plain_text(tree, main_content=True, list_bullets=False)
