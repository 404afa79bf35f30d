"""Input files read into documents, by one worker per file or, for a large single file, by
several workers over its byte ranges (a splittable DoFn).

Where a source has a `range_reader` (Posts.xml, multistream Wikipedia dumps, arXiv bulk tars),
each file is planned first: one larger than `split_bytes` that the range reader can split is
read in offset ranges of that size (Beam's OffsetRange and OffsetRestrictionTracker, so any
runner can also split a range while it is read); any other is one whole read. Both kinds go
through the same splittable DoFn, a whole file as one restriction nothing can split, so no
Flatten joins two reads (on the local runner a Flatten after two stages is held in the
runner's memory whole). The documents and drops are those of a whole read of the file. A
source without a range reader reads every file whole with `ReadDocuments`.
"""

from __future__ import annotations

import hashlib
from operator import attrgetter
from typing import NamedTuple

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.io.restriction_trackers import OffsetRange, OffsetRestrictionTracker
from apache_beam.transforms.core import RestrictionProvider

from corpora.compression import file_name
from filters.document import Document, Rejection
from pipelines.accounting import PROGRESS_EVERY, REJECTED, CountingDoFn
from pipelines.progress import TALLY


class ReadDocuments(CountingDoFn):
    """Read one input file into documents; unreadable files and records are counted drops.
    Kept documents are counted a list of `PROGRESS_EVERY` at a time, not one by one: counting
    each of StackExchange's small posts cost 2% of reading them. With `limit`, only the first
    `limit` records of each file are read (kept or dropped). A file that yields no record at
    all is counted as one drop (`empty_file`, or `no_records` when it has bytes)."""

    def __init__(self, source: str, read_file, stage: str, limit: int | None = None) -> None:
        super().__init__(source)
        self._read_file = read_file
        self._stage = stage
        self._limit = limit

    def process(self, path: str):
        name = file_name(path)
        try:
            with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as raw:
                records, position = yield from self.emit(self._read_file(raw, path), raw)
            if records == 0:  # every input file shows up in the stats
                reason = "empty_file" if position == 0 else "no_records"
                yield self._file_drop(name, reason, "the file holds no record of this source")
        except Exception as exc:  # noqa: BLE001 - a broken file is one counted drop, not a crash
            yield self._file_drop(name, "unreadable_file", f"{type(exc).__name__}: {exc}")

    def emit(self, outcomes, raw):
        """Yield what a reader gives (drops to the rejected output), counting kept documents a
        list at a time and the bytes read from `raw` (the stream, or None) as it goes; returns
        how many records there were and the offset reading ended at."""
        uncounted: list[Document] = []
        records, position = 0, 0
        try:
            for outcome in outcomes:
                records += 1
                if self._limit is not None and records > self._limit:
                    break
                if isinstance(outcome, Rejection):
                    self._counters.entered(self._stage)
                    yield self.drop(outcome)
                    continue
                uncounted.append(outcome)
                if len(uncounted) == PROGRESS_EVERY:
                    self._count_kept(uncounted)
                    uncounted = []
                    position = self._count_bytes(raw, position)
                yield outcome
            position = self._count_bytes(raw, position)
        finally:
            self._count_kept(uncounted)
        return records, position

    def _file_drop(self, name: str, reason: str, detail: str):
        """A whole input file counted as one drop."""
        doc = Document(
            f"{name}#file", self._source, "", {"source_file": name, "detail": detail[:500]}
        )
        self._counters.entered(self._stage)
        return self.drop(Rejection(doc, self._stage, reason))

    def _count_kept(self, docs: list[Document]) -> None:
        self._counters.entered(self._stage, len(docs))
        self._counters.kept(self._stage, docs)

    def _count_bytes(self, raw, counted: int) -> int:
        """Tell the progress display how far into the file reading is; returns the offset
        (nothing to tell without a stream: a byte range counts its size when it ends)."""
        if raw is None:
            return counted
        try:
            offset = raw.tell()
        except (OSError, ValueError, AttributeError):
            return counted
        TALLY.add(f"{self._source}|bytes_read", offset - counted)
        return offset


HEAD_BYTES = 64 * 1024


class InputFile(NamedTuple):
    """An input file as the launcher matched it: its path and size, so that no worker has to
    ask the file system again."""

    path: str
    size: int


class RangedFile(NamedTuple):
    """A file read in byte ranges of `split_bytes`; `source` is the input it came from and its
    documents are named after (the file itself, or the archive it was extracted from);
    `starts`, where its records start when the range reader lists them beforehand (a tar's
    members), else empty."""

    path: str
    size: int
    split_bytes: int
    source: str
    starts: tuple[int, ...] = ()


class PlanReads(beam.DoFn):
    """Each InputFile, as a RangedFile, or as it is to be read whole. A file larger than
    `split_bytes` is read in ranges when its source's range reader can split it; an archive
    the range reader can unpack (a site's `.7z`) is first extracted under `staging_dir`, and
    the extracted file is read in ranges. Anything else, or an archive that does not extract,
    is read whole (which counts why)."""

    def __init__(
        self, range_reader, split_bytes: int, staging_dir: str | None = None, source: str = ""
    ) -> None:
        self._ranges = range_reader
        self._split_bytes = split_bytes
        self._staging_dir = staging_dir
        self._source = source

    def process(self, file: InputFile):
        path, size = file
        if size > self._split_bytes:
            head = _head(path)
            if self._ranges.splittable(path, head):
                starts = self._starts(path, size)
                if starts is not None:
                    yield RangedFile(path, size, self._split_bytes, path, starts)
                    return
            extracted = self._extracted(path, head)
            if extracted is not None:
                TALLY.add(f"{self._source}|bytes_read", size)  # the archive was read whole
                yield RangedFile(*extracted, self._split_bytes, path)
                return
        yield file

    def _starts(self, path: str, size: int) -> tuple[int, ...] | None:
        """The record starts the range reader lists beforehand, empty when it finds them in
        the bytes; None when the listing fails (the file is then read whole)."""
        record_starts = getattr(self._ranges, "record_starts", None)
        if record_starts is None:
            return ()
        with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as raw:
            return record_starts(raw, size)

    def _extracted(self, path: str, head: bytes) -> tuple[str, int] | None:
        """The path and size of the splittable file unpacked from the archive `path`, or None."""
        unpack = getattr(self._ranges, "unpack", None)
        if self._staging_dir is None or unpack is None or not self._ranges.packed(head):
            return None
        folder = hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]
        target = FileSystems.join(self._staging_dir, folder, self._ranges.unpacked_name(path))
        plain = CompressionTypes.UNCOMPRESSED
        with (
            FileSystems.open(path, compression_type=plain) as raw,
            FileSystems.create(target, compression_type=plain) as out,
        ):
            unpacked = unpack(raw, out)
        matched = FileSystems.match([target])[0].metadata_list
        if unpacked and matched and self._ranges.splittable(target, _head(target)):
            return target, matched[0].size_in_bytes
        FileSystems.delete([target])
        return None


def _head(path: str) -> bytes:
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as raw:
        return raw.read(HEAD_BYTES)


class ByteRanges(RestrictionProvider):
    """A RangedFile's restriction: its bytes, split every `split_bytes` to start with. A
    whole InputFile's: the one offset 0, which cannot be split once claimed; it weighs the file's
    size, so runners balance whole files against ranges."""

    def initial_restriction(self, element: RangedFile | InputFile) -> OffsetRange:
        return OffsetRange(0, element.size if isinstance(element, RangedFile) else 1)

    def create_tracker(self, restriction: OffsetRange) -> OffsetRestrictionTracker:
        return OffsetRestrictionTracker(restriction)

    def split(self, element: RangedFile | InputFile, restriction: OffsetRange):
        if isinstance(element, RangedFile):
            yield from restriction.split(element.split_bytes)
        else:
            yield restriction

    def restriction_size(self, element: RangedFile | InputFile, restriction: OffsetRange) -> int:
        return restriction.size() if isinstance(element, RangedFile) else max(element.size, 1)


BYTE_RANGES = ByteRanges()


class ReadPlanned(ReadDocuments):
    """An InputFile read whole, or the documents and drops whose records start in one byte
    range of a RangedFile (the range that starts the file counts it as `no_records` when it
    holds none)."""

    def __init__(self, source: str, read_file, range_reader, stage: str) -> None:
        super().__init__(source, read_file, stage)
        self._ranges = range_reader

    def process(
        self,
        element: RangedFile | InputFile,
        tracker=beam.DoFn.RestrictionParam(BYTE_RANGES),  # noqa: B008 - Beam's way to ask for it
    ):
        if isinstance(element, InputFile):
            if tracker.try_claim(0):
                yield from super().process(element.path)
            return
        start = tracker.current_restriction().start
        name = file_name(element.source)
        try:
            with FileSystems.open(
                element.path, compression_type=CompressionTypes.UNCOMPRESSED
            ) as raw:
                outcomes = self._ranges.read_blocks(
                    raw, element.source, start, tracker.try_claim,
                    lambda: tracker.current_restriction().stop, element.size, element.starts,
                )  # fmt: skip
                records, _ = yield from self.emit(outcomes, None)
            if element.path == element.source:  # an archive's bytes were counted as extracted
                TALLY.add(f"{self._source}|bytes_read", tracker.current_restriction().size())
            if records == 0 and start == 0:
                yield self._file_drop(name, "no_records", "the file holds no record of its source")
        except Exception as exc:  # noqa: BLE001 - a broken range is one counted drop
            detail = f"bytes from {start}: {type(exc).__name__}: {exc}"
            yield self._file_drop(f"{name}@{start}", "unreadable_file", detail)


class ReadInputs(beam.PTransform):
    """InputFiles -> documents (main output) and drops (`rejected`): files read whole, and
    where the source can, large ones in byte ranges by several workers."""

    def __init__(
        self,
        source: str,
        read_file,
        stage: str,
        limit: int | None,
        range_reader,
        split_bytes: int,
        staging_dir: str | None = None,
    ) -> None:
        super().__init__()
        self._source, self._read_file, self._stage = source, read_file, stage
        self._limit, self._ranges, self._split_bytes = limit, range_reader, split_bytes
        self._staging_dir = staging_dir  # where archives are extracted to be read in ranges

    def expand(self, files):
        if self._ranges is None or self._limit is not None:
            whole = ReadDocuments(self._source, self._read_file, self._stage, self._limit)
            paths = files | "Paths" >> beam.Map(attrgetter("path"))
            return paths | "Read whole" >> beam.ParDo(whole).with_outputs(REJECTED, main="kept")
        planned = files | "Plan reads" >> beam.ParDo(
            PlanReads(self._ranges, self._split_bytes, self._staging_dir, self._source)
        )
        read = ReadPlanned(self._source, self._read_file, self._ranges, self._stage)
        return planned | "Read" >> beam.ParDo(read).with_outputs(REJECTED, main="kept")
