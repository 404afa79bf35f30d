"""The records of a large XML file (a MediaWiki dump's `<page>`s, a StackExchange Posts.xml's
`<row>`s), read so that damage costs only the records it touches.

The text is cut into stretches that end right before a record's start tag (a *boundary*), and
the stretches go in order to one streaming parser: expat behind defusedxml, which refuses entity
declarations and external entities. A well-formed file is read by that one parser, many records
per call. A stretch has gone wrong when the parser fails in it (an invalid byte, a mismatched
tag) or when one of the records that started in it did not end in it (an unclosed `<page>`, or a
comment or attribute left open that swallowed what follows). Then the first such record is
counted as damaged and a new parser starts at the next boundary, inside a copy of the root's
start tag: a new parser never sees the file's prologue, so no record can bring in a DTD. The
rest of the failed stretch is fed again one record at a time, so every byte is parsed at most
twice however many records are damaged.

Memory holds one read chunk and the unfinished records; a record longer than `max_record_bytes`
is skipped unparsed and counted. UTF-16 and other non-UTF-8 files are transcoded to UTF-8 first,
and offsets are counted in that UTF-8 text.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, TreeBuilder
from xml.sax.saxutils import quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

CHUNK_BYTES = 256 * 1024
HEAD_BYTES = 256  # enough for a byte order mark and the XML declaration
DECLARED_ENCODING = re.compile(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z][\w.:-]*)[\"']")
DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")


@dataclass(frozen=True, slots=True)
class Damage:
    """A stretch of the file that gave no record. `reason` is short and countable, `offset` is
    where the stretch starts in the file's UTF-8 text; `final` when nothing was read after it."""

    reason: str
    detail: str
    offset: int
    final: bool = False


class XmlRecords:
    """The direct children of a file's root element (its records, and anything else such as
    MediaWiki's `<siteinfo>`) and the `Damage` met on the way, in file order.

    `record` is the local name of the repeated element; `root` names the root element when the
    file's own start tag could not be read; `malformed` and `too_large` name the drops of a
    broken record and of one over `max_record_bytes` bytes. A file whose prologue declares
    entities (or holds a DTD the parser could not read) gives one `unsafe_xml` and nothing else.
    `root_attributes` holds the root's attributes once its start tag has been read.
    """

    def __init__(
        self,
        stream: BinaryIO,
        *,
        record: str,
        root: str,
        max_record_bytes: int,
        malformed: str,
        too_large: str,
    ) -> None:
        self._stream = stream
        self._record, self._suffix = record, "}" + record
        self._root_tag = f"<{root}>".encode()
        self._encoding: str | None = None  # the parsers' encoding, set once the file is opened
        self._max_record_bytes = max_record_bytes
        self._malformed = malformed
        self._too_large = too_large
        self._opener = b"<" + record.encode()
        self._boundary = re.compile(re.escape(self._opener) + rb"[\s/>]")
        self.root_attributes: dict[str, str] = {}

    def __iter__(self) -> Iterator[Element | Damage]:
        text = _Utf8Chunks(self._stream)
        stretches = _Stretches(text, self._opener, self._boundary, self._max_record_bytes)
        self._encoding = text.parser_encoding
        session = self._new_session(0, b"", restarted=False)
        refeed_until = 0
        while (stretch := stretches.take(one=stretches.position < refeed_until)) is not None:
            if isinstance(stretch, _Skipped):
                yield self._skipped(stretch, session)
                if session.start == stretch.offset == 0:  # no prologue: restart without it
                    session = self._session(stretches.position, session)
                continue
            failure = session.feed(stretch, final=stretches.exhausted)
            if failure is None and session.complete(len(self._boundary.findall(stretch))):
                yield from session.take_done()
                continue
            if isinstance(failure, DefusedXmlException):
                yield Damage("unsafe_xml", f"{type(failure).__name__}: {failure}", 0, final=True)
                return
            offset = stretches.position - len(stretch)
            resume = yield from self._settle(session, stretch, offset, failure, stretches)
            if resume is None:
                break
            refeed_until = max(refeed_until, stretches.position)
            stretches.rewind(resume)
            session = self._session(resume, session)
        yield from _end_of_text(stretches, text)

    def is_record(self, element: Element) -> bool:
        """Whether a child of the root is one of the file's records."""
        return element.tag == self._record or element.tag.endswith(self._suffix)

    def _session(self, start: int, previous: _Session) -> _Session:
        """A new parser from `start` on, inside a copy of the root's start tag."""
        builder = previous.builder
        if not previous.restarted and builder.root_tag:
            self._root_tag = _start_tag(builder.root_tag, builder.namespaces)
        return self._new_session(start, self._root_tag, restarted=True)

    def _new_session(self, start: int, prefix: bytes, restarted: bool) -> _Session:
        builder = _Builder(self._record, start - len(prefix), self.root_attributes)
        return _Session(builder, start, prefix, self._encoding, restarted)

    def _skipped(self, skipped: _Skipped, session: _Session) -> Damage:
        if skipped.offset == 0 and session.start == 0:
            detail = f"no <{self._record}> in the first {self._max_record_bytes} bytes"
            return Damage("malformed_xml", detail, 0)
        detail = f"a <{self._record}> over {self._max_record_bytes} bytes, skipped unparsed"
        return Damage(self._too_large, detail, skipped.offset)

    def _settle(
        self,
        session: _Session,
        stretch: bytes,
        offset: int,
        failure: _Failure | None,
        stretches: _Stretches,
    ) -> Iterator[Element | Damage]:
        """Yield what a failed stretch still gave and the damage; return the text offset where
        a new parser resumes, None when nothing is left to read."""
        bounds = [offset + m.start() for m in self._boundary.finditer(stretch)]
        ended = {start for start, element in session.done if session.builder.is_record(element)}
        where = failure.offset if failure is not None else offset + len(stretch)
        if session.restarted:  # a restarted parser must get past its first boundary
            where = max(where, session.start + 1)
        unfinished = [b for b in bounds if b not in ended and b < where]
        rest = None if stretches.exhausted else stretches.position
        if unfinished:
            damaged = unfinished[0]
            resume = next((b for b in bounds if b > damaged), rest)
            yield from session.take_done(before=resume)
            if failure is not None and failure.at_end and resume is None:
                yield _end_damage(stretches.text, damaged, failure.message)
            else:
                piece = stretch[damaged - offset : (resume or stretches.position) - offset]
                yield Damage(self._reason(piece, stretches.text), _detail(failure), damaged)
            return resume
        yield from session.take_done()
        if failure is not None and failure.at_end:
            yield _end_damage(stretches.text, where, failure.message)
            return None
        if _dtd_in_damaged_prologue(session, stretch, offset, bounds, where):
            yield Damage("unsafe_xml", f"an unreadable DTD: {_detail(failure)}", 0, final=True)
            return None
        yield Damage("malformed_xml", _detail(failure), where)
        return next((b for b in bounds if b >= where), rest)

    def _reason(self, piece: bytes, text: _Utf8Chunks) -> str:
        """A damaged record's drop reason: its bytes are not text, or its XML is broken."""
        try:
            piece.decode("utf-8")
        except UnicodeDecodeError:
            return "invalid_utf8" if text.encoding == "utf-8" else "invalid_encoding"
        return self._malformed


@dataclass(frozen=True, slots=True)
class _Skipped:
    """A record (or a prologue) over the size bound, read past without parsing it."""

    offset: int


@dataclass(frozen=True, slots=True)
class _Failure:
    """Where a parser stopped making sense of the text; `at_end` when it failed only because
    the text ended (a truncated file)."""

    offset: int
    message: str
    at_end: bool = False


def _dtd_in_damaged_prologue(
    session: _Session, stretch: bytes, offset: int, bounds: list[int], where: int
) -> bool:
    """Whether the damage is in the file's prologue (before its first record), after a DTD:
    nothing in a file whose DTD could not be checked is trusted."""
    if session.restarted or (bounds and where >= bounds[0]):
        return False
    return DTD.search(stretch, 0, (bounds[0] if bounds else where + 1) - offset) is not None


def _detail(failure: _Failure | None) -> str:
    return failure.message if failure is not None else "the record never ended"


def _end_damage(text: _Utf8Chunks, offset: int, message: str) -> Damage:
    text.end_reported = True
    if text.error is not None:
        return Damage("truncated_or_corrupt_compression", text.error, offset, final=True)
    return Damage("truncated_file", message, offset, final=True)


def _end_of_text(stretches: _Stretches, text: _Utf8Chunks) -> Iterator[Damage]:
    """An empty file, or a stream that broke off, when nothing has said so yet."""
    if text.end_reported:
        return
    if stretches.position == 0 and text.error is None:
        yield Damage("empty_file", "no XML in the file", 0, final=True)
    elif text.error is not None:
        yield _end_damage(text, stretches.position, text.error)


def _start_tag(tag: str, namespaces: dict[str, str]) -> bytes:
    """The root's start tag with the namespaces the file declared on it."""
    uri, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    prefix = ""
    if uri and namespaces.get("") != uri:
        prefix = next((p for p, u in namespaces.items() if p and u == uri), "")
    name = f"{prefix}:{local}" if prefix else local
    declarations = "".join(
        f" xmlns{':' + p if p else ''}={quoteattr(u)}" for p, u in namespaces.items()
    )
    return f"<{name}{declarations}>".encode()


_tree_start, _tree_end = TreeBuilder.start, TreeBuilder.end  # called once per element


class _Builder(TreeBuilder):
    """A tree builder that keeps the root's children as they end, each with the text offset
    where it started."""

    def __init__(self, record: str, shift: int, root_attributes: dict[str, str]) -> None:
        super().__init__()
        self.expat = None  # the expat parser feeding this builder, for byte offsets
        self.shift = shift  # a parser byte index plus this is a text offset
        self.depth = 0
        self.record, self._suffix = record, "}" + record
        self.opened = 0
        self.done: list[tuple[int, Element]] = []
        self.others = 0  # children of the root in `done` that are not records
        self.root: Element | None = None
        self.root_tag = ""
        self.root_attributes = root_attributes  # filled from the root's start tag
        self.namespaces: dict[str, str] = {}

    def is_record(self, element: Element) -> bool:
        """Whether `element` (namespaced or not) is a record."""
        return element.tag == self.record or element.tag.endswith(self._suffix)

    def start_ns(self, prefix: str, uri: str) -> None:
        """Remember the root's namespace declarations (a restarted parser repeats them)."""
        if self.depth == 0:
            self.namespaces[prefix] = uri

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        """Open an element, noting where a child of the root starts."""
        depth = self.depth = self.depth + 1
        if depth == 2:
            self.opened = self.expat.CurrentByteIndex + self.shift
        element = _tree_start(self, tag, attrs)
        if depth == 1:
            self.root, self.root_tag = element, tag
            self.root_attributes.update(attrs)
        return element

    def end(self, tag: str) -> Element:
        """Close an element; a child of the root is kept for the reader."""
        element = _tree_end(self, tag)
        depth = self.depth = self.depth - 1
        if depth == 1:
            self.done.append((self.opened, element))
            if tag != self.record and not tag.endswith(self._suffix):
                self.others += 1
        return element


class _Session:
    """One parser over the text from `start` on (after `prefix`, a root start tag of our own
    when `restarted`), fed the stretches that follow."""

    def __init__(
        self, builder: _Builder, start: int, prefix: bytes, encoding: str | None, restarted: bool
    ) -> None:
        self.start = start
        self.restarted = restarted
        self.builder = builder
        self.parser = DefusedXMLParser(target=self.builder, encoding=encoding)
        self.builder.expat = self.parser.parser
        if prefix:
            self.parser.feed(prefix)

    @property
    def done(self) -> list[tuple[int, Element]]:
        """The root's children that ended since the last `take_done`."""
        return self.builder.done

    def feed(self, data: bytes, final: bool) -> _Failure | DefusedXmlException | None:
        """Parse `data` (and end the document when `final`); how that failed, if it did."""
        try:
            self.parser.feed(data)
        except DefusedXmlException as exc:
            return exc
        except ParseError as exc:
            return self._failure(exc, at_end=False)
        if final:
            try:
                self.parser.close()
            except ParseError as exc:
                return self._failure(exc, at_end=True)
        return None

    def _failure(self, exc: ParseError, at_end: bool) -> _Failure:
        return _Failure(self.builder.expat.ErrorByteIndex + self.builder.shift, str(exc), at_end)

    def complete(self, boundaries: int) -> bool:
        """Whether the records that ended since the last `take_done` are as many as the
        boundaries in the stretch just fed (each record ends before the next one starts)."""
        return len(self.builder.done) - self.builder.others == boundaries

    def take_done(self, before: int | None = None) -> Iterator[Element]:
        """The root's children that ended (those that start before `before`), then forget them
        and detach them from the root."""
        done, self.builder.done, self.builder.others = self.builder.done, [], 0
        for start, element in done:
            if before is None or start < before:
                yield element
        if self.builder.root is not None:
            del self.builder.root[:]


class _Utf8Chunks:
    """A byte stream's text as UTF-8 chunks. UTF-16 (told by its byte order mark or by its
    zero bytes) and other encodings named in the XML declaration are transcoded; undecodable
    bytes become bytes that are not UTF-8, which the parser refuses, so they cost their record."""

    def __init__(self, stream: BinaryIO) -> None:
        self._read = getattr(stream, "read1", stream.read)
        self.error: str | None = None  # why the stream could not be read to its end
        self.end_reported = False
        self.encoding = "utf-8"
        self.parser_encoding: str | None = None  # overrides the declaration once transcoded
        self._decoder: codecs.IncrementalDecoder | None = None
        self._head = self._first_bytes()
        self._choose_decoder(self._head)

    def next(self) -> bytes:
        """The next chunk of text; b"" at the end."""
        while True:
            raw, self._head = (self._head or self._raw(CHUNK_BYTES)), b""
            if self._decoder is None:
                return raw
            try:
                text = self._decoder.decode(raw, final=not raw)
            except UnicodeDecodeError:  # a last odd byte of UTF-16: the file is cut short
                text = ""
            if text or not raw:
                return text.encode("utf-8", "surrogatepass")

    def _raw(self, size: int) -> bytes:
        if self.error is not None:
            return b""
        try:
            return self._read(size)
        except (EOFError, OSError, ValueError, zlib.error) as exc:
            self.error = f"{type(exc).__name__}: {exc}"
            return b""

    def _first_bytes(self) -> bytes:
        head = b""
        while len(head) < HEAD_BYTES and (more := self._raw(CHUNK_BYTES)):
            head += more
        return head

    def _choose_decoder(self, head: bytes) -> None:
        name = _encoding_of(head)
        if name in ("utf-8", "ascii"):
            return
        self.encoding = name
        errors = "surrogatepass" if name.startswith("utf-") else "surrogateescape"
        self._decoder = codecs.getincrementaldecoder(name)(errors)
        self.parser_encoding = "utf-8"


def _encoding_of(head: bytes) -> str:
    """The encoding a file's first bytes give: a byte order mark, UTF-16's zero bytes around
    `<`, else the XML declaration's (UTF-8 when it names none, or one it cannot be in)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head[:2] == b"<\x00" and head[3:4] == b"\x00":
        return "utf-16-le"
    if head[:2] == b"\x00<" and head[2:3] == b"\x00":
        return "utf-16-be"
    declared = DECLARED_ENCODING.match(head)
    if declared is None:
        return "utf-8"
    try:
        name = codecs.lookup(declared[1].decode("ascii")).name
    except LookupError:
        return "utf-8"
    # A declaration readable as ASCII that names UTF-16 or UTF-32 is wrong about its own bytes.
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


class _Stretches:
    """The text handed out in stretches that end right before a boundary (or at its end).

    The bytes of the last stretch are kept, so that it can be handed out again from one of its
    boundaries (`rewind`)."""

    def __init__(
        self, text: _Utf8Chunks, opener: bytes, boundary: re.Pattern[bytes], max_record: int
    ) -> None:
        self.text = text
        self._opener = opener
        self._boundary = boundary
        self._max_record = max_record
        self._data = bytearray()  # grows by appending: a long record is read in linear time
        self._base = 0  # text offset of _data[0]
        self.position = 0  # text offset of the next byte to hand out
        self._ended = False

    @property
    def exhausted(self) -> bool:
        """Whether the whole text has been read and handed out."""
        return self._ended and self.position == self._base + len(self._data)

    def take(self, one: bool) -> bytes | _Skipped | None:
        """The text from `position` to the last boundary read so far (`one`: to the next one),
        or to the end of the text; `_Skipped` for a record over the size bound; None when all
        was handed out."""
        self._forget(self.position)
        while True:
            start = self.position - self._base
            end = self._next_boundary(start) if one else self._last_boundary(start)
            if end is None and self._ended:
                if start == len(self._data):
                    return None
                end = len(self._data)
            if end is not None:
                return self._hand_out(start, end)
            if len(self._data) - start > self._max_record:
                return self._skip()
            self._more()

    def _hand_out(self, start: int, end: int) -> bytes | _Skipped:
        """`_data[start:end]`; when that is over the bound, its first record alone, or
        `_Skipped` when that record is over the bound itself."""
        if end - start > self._max_record:
            first = self._next_boundary(start)
            end = first if first is not None and first < end else end
            if end - start > self._max_record:
                self.position = self._base + end
                return _Skipped(self._base + start)
        self.position = self._base + end
        with memoryview(self._data) as view:
            return view[start:end].tobytes()

    def rewind(self, offset: int) -> None:
        """Hand out the text again from `offset`, a boundary inside the last stretch."""
        self.position = offset

    def _next_boundary(self, start: int) -> int | None:
        found = self._boundary.search(self._data, start + 1)
        return found.start() if found else None

    def _last_boundary(self, start: int) -> int | None:
        end = len(self._data)
        while (index := self._data.rfind(self._opener, start + 1, end)) > start:
            if self._boundary.match(self._data, index):
                return index
            end = index + len(self._opener) - 1
        return None

    def _skip(self) -> _Skipped:
        """Read past the record at `position` to the next boundary, keeping little of it."""
        skipped = _Skipped(self.position)
        search = self.position - self._base + 1
        while (found := self._boundary.search(self._data, search)) is None and not self._ended:
            self._forget(self._base + max(search, len(self._data) - len(self._opener)))
            search = 0
            self._more()
        self.position = self._base + (found.start() if found else len(self._data))
        return skipped

    def _forget(self, offset: int) -> None:
        """Drop the bytes before `offset`."""
        cut = offset - self._base
        if cut > 0:
            del self._data[:cut]
            self._base = offset
            self.position = max(self.position, offset)

    def _more(self) -> None:
        chunk = self.text.next()
        if chunk:
            self._data += chunk
        else:
            self._ended = True
