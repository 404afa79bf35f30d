"""One size and decoding policy for every source: how many bytes one record may take, and how
its bytes become text. The README's "Bad input" table is this module in prose.

Size: `RECORD_BYTES` bounds one record of each kind. Readers check the bound while reading
(`read_bounded`, `bounded_lines`, a length header), so a record over it is skipped without
ever being held whole and counted `record_too_large` (or the source's own name for it).
Measured: every step's memory grows with a record's size, not with its line length (a 50 MB
page on one line or on 600,000 lines costs the same 1.9 GB in the perplexity step), so there
is no line bound, only the record bound.

Decoding (`decode`): UTF-8, a UTF-8 BOM dropped; UTF-16 when the bytes say so (a BOM, or
without one NUL bytes falling on one byte of each pair); line ends made LF. NUL bytes are not
text: a record with more than `MAX_BAD_SHARE` of its bytes control characters is `not_text`,
fewer NULs are removed. Invalid byte sequences are damage when few (decoded as U+FFFD, kept,
counted in the result) and a wrong encoding when many: more than `MAX_BAD_SHARE` of the bytes
is an `invalid_utf8` drop. Sources of loose files written before UTF-8 was usual (Gutenberg
books, old arXiv papers) have a legacy encoding: a line with no valid UTF-8 multi-byte
character was never UTF-8 and is read as Windows-1252 (WHATWG's reading of latin-1), so a
latin-1 paper or a UTF-8 book with one pasted latin-1 line loses nothing. Formats that fix
their encoding have none: WET text and JSON are UTF-8 by their specifications, XML says its own
encoding and is decoded by the XML parser."""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from corpora.compression import peekable

MIB = 1024 * 1024

# The largest record each source may hold, in bytes as read. Each number is above the largest
# legitimate record of its kind, and below what keeps a run under 1.5 GB of memory.
RECORD_BYTES = {
    # A web page's HTML (WARC response) or text (WET conversion record). Common Crawl has cut
    # every capture at 1 MiB since 2013 (500 KiB before), so no page of any crawl is larger;
    # 4x that leaves room for WARCs of other crawlers. Trafilatura's time on one page grows
    # quadratically (measured: 2.3 s at 1 MiB, 28 s at 4 MiB, 117 s at 8 MiB).
    "web_page": 4 * MIB,
    # One released C4 JSON line: a Common Crawl page's text (at most 1 MiB) with JSON's
    # escapes (up to 6 bytes per character); unchanged from corpora/c4.py.
    "c4_row": 16 * MIB,
    # One GitHub row (JSON line or Parquet row): corpora/github.py keeps files of at most 1M
    # characters, which JSON-escaped take at most 6 MB; 8 MiB is the row bound that matches.
    "github_row": 8 * MIB,
    # One <page> of a MediaWiki dump: its wikitext is at most 4 M characters (corpora/wikipedia
    # MAX_WIKITEXT_CHARS; the longest real articles are under 1.5 M), escaped in the XML at
    # most 6 bytes a character (`&quot;`; UTF-8 takes 4 at most), plus the page's other
    # elements: no page within the character bound is over this one.
    "wikipedia_page": 6 * 4_000_000 + 64 * 1024,
    # One Posts.xml row: Stack Exchange caps a post's body at 30,000 (questions, answers) to
    # 65,536 characters of Markdown; its stored HTML, escaped, stays well under this.
    "stackexchange_row": 4_000_000,
    # One book: the largest Project Gutenberg text (eBook #29765, Webster's Unabridged
    # Dictionary) is about 28 MB. Measured through the CLI: a 34 MB book peaks at 0.96 GB,
    # a 62 MB one at 1.54 GB.
    "book": 32 * MIB,
    # One arXiv paper's text sources (TeX, bbl, sty... summed, and the text its \input and
    # \include make): arXiv refuses submissions over its size limit (tens of MB, figures
    # included); the longest real papers (book-length theses) are a few MB of TeX. Cleaning
    # a 50 MB paper peaks at 0.4 GB.
    "arxiv_paper": 50 * MIB,
}

MAX_BAD_SHARE = 0.01  # bytes that are not text (controls, invalid sequences), per record
LEGACY_ENCODING = "cp1252"  # WHATWG's reading of latin-1 labels; its 5 holes read as latin-1

_BOMS = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}
_SNIFF_BYTES = 64 * 1024
_READ_PIECE = 256 * 1024
_MIN_NUL_SHARE = 0.02  # of byte pairs, on one side, for BOM-less UTF-16 (newlines suffice)
# C0 controls that no text has: all but tab, LF, VT, FF, CR and ESC (ANSI colour codes).
_CONTROLS = bytes([*range(0, 9), 14, 15, *range(16, 27), *range(28, 32), 127])
_ASCII = bytes(range(128))


@dataclass(slots=True, frozen=True)
class Decoded:
    """A record's text, the encoding it was read in (`utf-8`, `utf-16-le`, `utf-16-be`, or
    `utf-8+cp1252` when some lines were legacy), and how many byte sequences were replaced by
    U+FFFD (`invalid`) or NUL bytes removed (`removed`)."""

    text: str
    encoding: str = "utf-8"
    invalid: int = 0
    removed: int = 0


def decode(data: bytes, legacy: bool = False) -> Decoded | str:
    """The text of one record's bytes, or the reason it has none (`not_text`, `invalid_utf8`).
    `legacy`: lines that were never UTF-8 are Windows-1252 (loose files of old books, papers).
    Valid UTF-8 without NUL bytes, nearly every record, costs one decode."""
    nul = b"\x00" in data
    if not nul:
        try:
            return Decoded(_lf(data.decode("utf-8")).removeprefix("\ufeff"))
        except UnicodeDecodeError:
            pass
    if nul or data[:2] in _BOMS:
        encoding = utf16_encoding(data)
        if encoding is not None:
            return _decoded_utf16(data, encoding)
    if (nul or legacy) and _binary(data):  # what a legacy encoding would read as text
        return "not_text"
    removed = data.count(0) if nul else 0
    if removed:
        data = data.replace(b"\x00", b"")
    text = _strict_utf8(data) if removed else None  # else it failed above
    invalid, encoding = 0, "utf-8"
    if text is None:
        text, invalid, encoding = _decode_damaged(data, legacy)
    if invalid > MAX_BAD_SHARE * len(data):
        return "invalid_utf8"
    return Decoded(_lf(text).removeprefix("\ufeff"), encoding, invalid, removed)


def utf16_encoding(data: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` if the bytes are UTF-16: a BOM not followed by valid UTF-8
    (two stray bytes before UTF-8 text are not UTF-16), or NUL bytes on one side of the byte
    pairs (the high bytes of ASCII characters, newlines at least) and none on the other, with
    text (not controls) when read so."""
    head = data[:_SNIFF_BYTES]
    encoding = _BOMS.get(head[:2])
    if encoding is not None:
        rest = head[2:]
        return encoding if b"\x00" in rest or not _utf8_prefix(rest) else None
    pairs = len(head) // 2
    even, odd = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
    if pairs == 0 or min(even, odd) * 10 > max(even, odd):
        return None
    if max(even, odd) < _MIN_NUL_SHARE * pairs:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    sample = head[: 2 * pairs].decode(encoding, "replace")
    bad = sample.count("\ufffd") + sum(sample.count(chr(c)) for c in _CONTROLS)
    return encoding if bad <= MAX_BAD_SHARE * len(sample) else None


def read_bounded(stream: BinaryIO, limit: int) -> bytes | None:
    """All of `stream`, or None if it holds more than `limit` bytes (then at most `limit + 1`
    bytes were read, never the rest). Read in pieces: one `read(limit)` would allocate the
    whole bound for every small file."""
    pieces, size = [], 0
    while size <= limit and (piece := stream.read(min(_READ_PIECE, limit + 1 - size))):
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces) if size <= limit else None


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Each line of `stream` (with its newline), or None in place of a line longer than
    `limit` bytes, which is read past in pieces of `limit` bytes and never held whole."""
    while line := stream.readline(limit):
        if len(line) == limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def as_utf8(stream: BinaryIO) -> BinaryIO:
    """`stream` as UTF-8 bytes, for readers that split a file into records themselves (JSON
    lines): a UTF-16 file (by `utf16_encoding` on its first 64 KiB) is re-encoded as it is
    read; a UTF-8 BOM is skipped; anything else is returned as it is."""
    buffered = peekable(stream)
    head = buffered.peek(_SNIFF_BYTES)
    if head[:3] == codecs.BOM_UTF8:
        buffered.read(3)
        return buffered
    encoding = utf16_encoding(head)
    if encoding is None:
        return buffered
    if head[:2] in _BOMS:
        buffered.read(2)
    return io.BufferedReader(_Recoded(buffered, encoding))


class _Recoded(io.RawIOBase):
    """A byte stream in another encoding, read as UTF-8 (undecodable sequences as U+FFFD)."""

    def __init__(self, stream: BinaryIO, encoding: str) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)("replace")
        self._pending = b""
        self._offset = 0
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self._offset == len(self._pending) and not self._done:
            chunk = self._stream.read(1024 * 1024)
            self._done = not chunk
            self._pending = self._decoder.decode(chunk, final=self._done).encode("utf-8")
            self._offset = 0
        count = min(len(buffer), len(self._pending) - self._offset)
        buffer[:count] = memoryview(self._pending)[self._offset : self._offset + count]
        self._offset += count
        return count


def _binary(data: bytes) -> bool:
    """Whether more than MAX_BAD_SHARE of the bytes are control characters no text has."""
    return len(data) - len(data.translate(None, _CONTROLS)) > MAX_BAD_SHARE * len(data)


def _strict_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _lf(text: str) -> str:
    """Line ends as LF (CRLF and lone CR, as XML parsers and universal newlines read them)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _utf8_prefix(data: bytes) -> bool:
    """Whether `data` is valid UTF-8, allowing a character cut at its end."""
    try:
        codecs.utf_8_decode(data, "strict", False)
    except UnicodeDecodeError:
        return False
    return True


def _decoded_utf16(data: bytes, encoding: str) -> Decoded | str:
    body = data[2:] if data[:2] in _BOMS else data
    text = body.decode(encoding, "replace")
    invalid = text.count("\ufffd") - body.count("\ufffd".encode(encoding))
    if invalid > MAX_BAD_SHARE * len(data):
        return "invalid_utf8"
    removed = text.count("\x00")
    text = text.replace("\x00", "") if removed else text
    return Decoded(_lf(text).removeprefix("\ufeff"), encoding, invalid, removed)


def _decode_damaged(data: bytes, legacy: bool) -> tuple[str, int, str]:
    """Bytes that are not all valid UTF-8: the text, the sequences replaced, the encoding.
    Without `legacy`, every invalid sequence is replaced. With it, bytes whose non-ASCII bytes
    are mostly not in valid UTF-8 characters were never UTF-8 and are Windows-1252; otherwise
    the same is decided line by line (a latin-1 line pasted into a UTF-8 file), and the other
    lines are UTF-8 with their damage replaced."""
    if not legacy or _mostly_utf8(data):
        lines = data.split(b"\n") if legacy else [data]
    else:
        return data.decode(LEGACY_ENCODING, "_latin1_holes"), 0, LEGACY_ENCODING
    texts, invalid, legacy_lines = [], 0, 0
    for line in lines:
        try:
            texts.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if legacy and not _mostly_utf8(line):
            texts.append(line.decode(LEGACY_ENCODING, "_latin1_holes"))
            legacy_lines += 1
            continue
        text = line.decode("utf-8", "replace")
        invalid += text.count("\ufffd") - line.count(b"\xef\xbf\xbd")
        texts.append(text)
    return "\n".join(texts), invalid, f"utf-8+{LEGACY_ENCODING}" if legacy_lines else "utf-8"


def _mostly_utf8(data: bytes) -> bool:
    """Whether most non-ASCII bytes of `data` are in valid UTF-8 characters: damaged UTF-8
    rather than a single-byte encoding, whose letters only form one by chance."""
    non_ascii = len(data.translate(None, _ASCII))
    ascii_count = len(data) - non_ascii
    in_characters = len(data.decode("utf-8", "ignore").encode("utf-8")) - ascii_count
    return in_characters * 2 >= non_ascii


def _latin1_holes(error: UnicodeDecodeError) -> tuple[str, int]:
    """Windows-1252's five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) read as latin-1,
    as WHATWG's decoder does."""
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("_latin1_holes", _latin1_holes)
