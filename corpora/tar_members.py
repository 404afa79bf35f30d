"""Tars of many records (arXiv's bulk tars of papers, a Books3-style tar of books) walked member
by member in constant memory, read whole or in byte ranges by several workers.

A source says what one member becomes (`MemberReader`: a document or a counted drop) and how a
tar that cannot be read further is dropped (`TarFailure`); this module walks the headers. A
member whose header lies about its size loses only itself, and where the tar seems to end but
data follows (an unreadable header, a stray zero block), headers are searched for block by block
until one reads. A range reader lists the members' header offsets once (the records' bytes
skipped) and owns the members whose header starts in its range, each read as a whole read
reads it.
"""

from __future__ import annotations

import io
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from corpora import byte_ranges
from corpora.compression import file_name, peek_head
from corpora.tar_headers import FastTarInfo
from filters.document import Document, Rejection

TAR_HEAD = 262  # a tar's first header, up to the end of its `ustar` magic
TAR_ERRORS = (tarfile.TarError, EOFError, OSError, zlib.error)

# (the open tar, a member, why its data cannot be read or None, the tar's path)
MemberReader = Callable[
    [tarfile.TarFile, tarfile.TarInfo, "str | None", str], Iterator[Document | Rejection]
]
# (an id for what was lost, the tar's path, the error) -> the counted drop
TarFailure = Callable[[str, str, str], Rejection]


def is_tar(head: bytes) -> bool:
    """Whether the first TAR_HEAD bytes of a file are a ustar or GNU tar header."""
    return len(head) >= TAR_HEAD and head[257:262] == b"ustar"


def holds_tar(stream: io.BufferedReader) -> bool:
    """Whether a stream that can peek (buffered, or a gzip or bzip2 reader) starts with a tar
    header, nothing consumed; False when its compression is broken already there."""
    head = peek_head(stream, TAR_HEAD)
    return head is not None and is_tar(head)


def members(archive: tarfile.TarFile, size: int) -> Iterator[tuple[tarfile.TarInfo, str | None]]:
    """The members of a tar of `size` bytes, each with why its data cannot be read, if so: a
    file whose stated size runs past the end of the archive is `corrupt_member`, and the search
    for the next header restarts just after its own. The member list is not kept."""
    while True:
        member = archive.next()
        if member is None:
            if archive.ignore_zeros or not _data_after(archive.fileobj, archive.offset):
                return
            archive.ignore_zeros = True  # step over what cannot be read to the next header
            continue
        archive.members.clear()
        archive.ignore_zeros = False
        if member.isfile() and member.offset_data + member.size > size:
            archive.offset = member.offset_data
            yield member, "corrupt_member"
        else:
            yield member, None


def read_tar(
    stream: BinaryIO, path: str, read_member: MemberReader, failure: TarFailure
) -> Iterator[Document | Rejection]:
    """Every member of the tar in `stream` (read from `path`) through `read_member`; a tar that
    breaks off costs what follows, as one `failure`. The tar is never held whole (a stream that
    cannot seek is copied to an unlinked temporary file first)."""
    with _seekable(stream) as tar_stream:
        size = tar_stream.seek(0, io.SEEK_END)
        tar_stream.seek(0)
        try:
            with tarfile.open(fileobj=tar_stream, mode="r:", tarinfo=FastTarInfo) as archive:
                for member, problem in members(archive, size):
                    yield from read_member(archive, member, problem, path)
        except TAR_ERRORS as exc:
            yield failure(f"{file_name(path)}#rest", path, f"{type(exc).__name__}: {exc}")


class TarRanges:
    """An uncompressed tar read in byte ranges by several workers (pipelines/read_files.py's
    range reader): members listed once by walking their headers, each range reading the
    members whose header starts in it. A tar whose headers cannot all be walked is read whole
    (which counts why)."""

    block_bytes = 32 * 1024 * 1024

    def __init__(self, read_member: MemberReader, failure: TarFailure) -> None:
        self._read_member = read_member
        self._failure = failure

    def splittable(self, path: str, head: bytes) -> bool:
        """Whether the file is an uncompressed tar."""
        return is_tar(head[:TAR_HEAD])

    def record_starts(self, stream: BinaryIO, size: int) -> tuple[int, ...] | None:
        """Where each member's header starts (its first extended header, if any), in order;
        None when the walk fails."""
        try:
            with tarfile.open(fileobj=stream, mode="r:", tarinfo=FastTarInfo) as archive:
                return tuple(member.offset for member, _ in members(archive, size))
        except TAR_ERRORS:
            return None

    def read_blocks(
        self,
        stream: BinaryIO,
        path: str,
        start: int,
        claim: Callable[[int], bool],
        current_stop: Callable[[], int],
        size: int,
        starts: Sequence[int] = (),
    ) -> Iterator[Document | Rejection]:
        """The members whose header starts in the range from `start` to the (possibly
        shrinking) stop, among the members that start at `starts`."""
        next_start = byte_ranges.starts_among(starts)
        try:
            with tarfile.open(fileobj=stream, mode="r:", tarinfo=FastTarInfo) as archive:
                for block in byte_ranges.blocks(start, next_start, self.block_bytes, claim,
                                                current_stop, size):  # fmt: skip
                    if block.start > 0:  # (at 0, tarfile.open has read the first header)
                        archive.firstmember = None
                        archive.offset = block.start
                    for member, problem in members(archive, size):
                        if member.offset >= block.end:
                            break
                        yield from self._read_member(archive, member, problem, path)
        except TAR_ERRORS as exc:
            lost = f"{file_name(path)}#{start}"
            yield self._failure(lost, path, f"{type(exc).__name__}: {exc}")


def _data_after(stream: BinaryIO, offset: int) -> bool:
    """Whether anything but zero bytes (a tar's end blocks and padding) follows `offset`."""
    stream.seek(offset)
    while chunk := stream.read(64 * 1024):
        if chunk.strip(b"\0"):
            return True
    return False


class _seekable:
    """The stream itself when it can seek, else a temporary copy of it (unlinked on creation,
    so nothing is left behind if the run dies)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._copy: BinaryIO | None = None

    def __enter__(self) -> BinaryIO:
        if self._stream.seekable():
            return self._stream
        self._copy = tempfile.TemporaryFile()
        shutil.copyfileobj(self._stream, self._copy, 1024 * 1024)
        return self._copy

    def __exit__(self, *exc) -> None:
        if self._copy is not None:
            self._copy.close()
