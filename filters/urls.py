"""URL normalisation, so a page cited by Wikipedia matches its crawled copy."""

from __future__ import annotations

from urllib.parse import urlsplit


def normalize_url(url: str) -> str | None:
    """`host/path?query` with the scheme, `www.`, default ports, fragment and trailing slash
    removed and the host lowercased; None for anything that is not an http(s) URL."""
    url = url.strip()
    if url.startswith("//"):
        url = "http:" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"
