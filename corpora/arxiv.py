"""ArXiv as LLaMA used it (section 2.1): the LaTeX sources of papers, as arXiv distributes them
in bulk (tars of per-paper `.gz` files, each a gzipped `.tex` or a gzipped tar of the paper's
files), as single `.tex` / `.tex.gz` files, or as local folders of a paper's files
(`--input 'papers/*/*.tex'`: the main file of each folder is the paper). Archives are read
safely: no path traversal, no links, size and member limits, binaries skipped; every member of
a bulk tar is a paper or a counted drop, and a member whose header lies about its size loses
only itself. Sizes and decoding follow corpora/decoding.py (Windows-1252 for lines that were
never UTF-8, as latin-1 papers are)."""

from __future__ import annotations

import bisect
import io
import os
import posixpath
import re
import shutil
import tarfile
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from corpora import byte_ranges
from corpora.compression import file_name
from corpora.decoding import RECORD_BYTES, Decoded, decode, read_bounded
from corpora.settings import SourceSettings
from corpora.tar_headers import FastTarInfo
from filters.document import Document, Rejection
from filters.latex import CleanLatex
from filters.latex_macros import MAX_GROWTH
from filters.latex_scan import code_spans
from filters.step import GlobalStage, Step

SOURCE = "arxiv"
READ_STEP = "read"
MAX_PAPER_BYTES = RECORD_BYTES["arxiv_paper"]  # a paper's text sources, and what includes make
MAX_MEMBERS = 2000
TEXT_EXTENSIONS = (".tex", ".ltx", ".latex", ".sty", ".cls", ".def", ".bbl", ".cfg", ".txt")
MAX_INCLUDE_DEPTH = 8
_INCLUDE = re.compile(r"\\(?:input|include)\s*\{([^}]+)\}|\\input\s+([^\s{}\\]+)")
_DOCUMENTCLASS = re.compile(r"\\documentclass|\\documentstyle")
_BEGIN_DOCUMENT = re.compile(r"\\begin\{document\}")
_TAR_HEAD = 262  # a tar's first header, up to the end of its `ustar` magic


class Settings(SourceSettings):
    """mixture.yaml `sources.arxiv`."""

    drop_appendix: bool


class PaperError(ValueError):
    """A paper's sources could not be used; the message is a countable reason."""


def decode_tex(data: bytes) -> str | None:
    """A TeX file's text (corpora/decoding.py, Windows-1252 for lines that were never UTF-8);
    None when its bytes are not text."""
    decoded = decode(data, legacy=True)
    return decoded.text if isinstance(decoded, Decoded) else None


def read_file(stream: BinaryIO, path: str) -> Iterator[Document | Rejection]:
    """Papers of an arXiv bulk tar, of a per-paper `.gz`, or of a single `.tex` file. An empty
    or blank file yields nothing: it holds no paper (the pipeline counts it `empty_file`)."""
    name = file_name(path)
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)
    if _is_tar(buffered.peek(_TAR_HEAD)[:_TAR_HEAD]):
        yield from _bundle(buffered, name)
        return
    paper_id = re.sub(r"(\.tex)?(\.gz)?$", "", name)
    folder = posixpath.basename(posixpath.dirname(path))
    if name.endswith((".tex", ".tex.gz")) and folder:
        paper_id = f"{folder}/{paper_id}"  # loose .tex files: the folder tells papers apart
    data = read_bounded(buffered, MAX_PAPER_BYTES)
    if data is None:
        yield _rejection(paper_id, name, "record_too_large")
    elif data and not data.isspace():
        if name.endswith(".tex") and os.path.isdir(os.path.dirname(path) or "."):
            yield _folder_paper(data, path, paper_id, name)
        else:
            yield _paper(data, paper_id, name)


def _folder_paper(data: bytes, path: str, paper_id: str, name: str) -> Document | Rejection:
    """A `.tex` file in a local folder of a paper's sources: the main file becomes the paper,
    with its `\\input`s resolved from the folder; a file another one in the folder includes is
    not a paper of its own (`included_file`)."""
    folder = os.path.dirname(path) or "."
    text = decode_tex(data)
    if text is None:
        return _rejection(paper_id, name, "not_text")
    files = _folder_files(folder)
    relative = os.path.relpath(path, folder).replace(os.sep, "/")
    files[relative] = text
    if not _DOCUMENTCLASS.search(text) and any(
            _DOCUMENTCLASS.search(t) for p, t in files.items() if p != relative):  # fmt: skip
        return _rejection(paper_id, name, "included_file")
    try:
        text = _Includes(files).resolved(relative)
    except PaperError as exc:
        return _rejection(paper_id, name, str(exc))
    return Document(
        paper_id, SOURCE, text, {"source_file": name, "paper_id": paper_id, "main_file": relative}
    )


def _folder_files(folder: str) -> dict[str, str]:
    """The TeX text files under a local folder (links not followed), within the size limits."""
    files: dict[str, str] = {}
    total = 0
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        for file in sorted(names):
            full = os.path.join(root, file)
            if os.path.islink(full) or not file.lower().endswith(TEXT_EXTENSIONS):
                continue
            total += os.path.getsize(full)
            if total > MAX_PAPER_BYTES or len(files) >= MAX_MEMBERS:
                return files
            with open(full, "rb") as handle:
                text = decode_tex(handle.read())
            if text is not None:
                files[os.path.relpath(full, folder).replace(os.sep, "/")] = text
    return files


def _is_tar(head: bytes) -> bool:
    return len(head) >= _TAR_HEAD and head[257:262] == b"ustar"


def _bundle(stream: BinaryIO, name: str) -> Iterator[Document | Rejection]:
    """Each `.gz` member of a bulk tar is one paper (its id is the member's file name); every
    other member but a folder is a counted drop: `pdf_only` (a paper arXiv has no sources
    of), `link_member`, `not_a_file` (devices, fifos), `not_a_paper`, `corrupt_member`. The tar
    is read from the stream, never held whole."""
    with _seekable(stream) as tar_stream:
        size = tar_stream.seek(0, io.SEEK_END)
        tar_stream.seek(0)
        try:
            with tarfile.open(fileobj=tar_stream, mode="r:", tarinfo=FastTarInfo) as bundle:
                for member, problem in _members(bundle, size):
                    yield from _bundle_member(bundle, member, problem, name)
        except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
            yield _rejection(f"{name}#rest", name, "corrupt_tar", f"{type(exc).__name__}: {exc}")


def _bundle_member(
    bundle: tarfile.TarFile, member: tarfile.TarInfo, problem: str | None, name: str
) -> Iterator[Document | Rejection]:
    paper_id = posixpath.basename(member.name).removesuffix(".gz")
    if member.isdir():
        return
    if problem is not None:
        yield _rejection(paper_id, name, problem)
    elif member.issym() or member.islnk():
        yield _rejection(paper_id, name, "link_member", member.linkname[:200])
    elif not member.isfile():
        yield _rejection(paper_id, name, "not_a_file")
    elif member.name.endswith(".pdf"):
        yield _rejection(paper_id.removesuffix(".pdf"), name, "pdf_only")
    elif not member.name.endswith(".gz"):
        yield _rejection(paper_id, name, "not_a_paper")
    elif member.size > MAX_PAPER_BYTES:
        yield _rejection(paper_id, name, "record_too_large")
    else:
        yield _paper(bundle.extractfile(member).read(), paper_id, name)


class BundleRanges:
    """An uncompressed arXiv bulk tar read in byte ranges by several workers. Its members'
    headers are listed once, before the reading, by walking the headers as a whole read does
    (the papers' bytes are skipped); a range owns the members whose header starts in it, and
    each is read as a whole read reads it. A tar whose headers cannot all be walked is read
    whole (which counts why)."""

    block_bytes = 32 * 1024 * 1024

    def splittable(self, path: str, head: bytes) -> bool:
        """Whether the file is an uncompressed tar."""
        return _is_tar(head[:_TAR_HEAD])

    def record_starts(self, stream: BinaryIO, size: int) -> tuple[int, ...] | None:
        """Where each member's header starts (its first extended header, if any), in order;
        None when the walk fails."""
        try:
            with tarfile.open(fileobj=stream, mode="r:", tarinfo=FastTarInfo) as bundle:
                return tuple(member.offset for member, _ in _members(bundle, size))
        except (tarfile.TarError, EOFError, OSError, zlib.error):
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
        """The papers whose member header starts in the range from `start` to the (possibly
        shrinking) stop, among the members that start at `starts`."""
        name = file_name(path)
        members = byte_ranges.starts_among(starts)
        try:
            with tarfile.open(fileobj=stream, mode="r:", tarinfo=FastTarInfo) as bundle:
                for block in byte_ranges.blocks(start, members, self.block_bytes, claim,
                                                current_stop, size):  # fmt: skip
                    if block.start > 0:  # (at 0, tarfile.open has read the first header)
                        bundle.firstmember = None
                        bundle.offset = block.start
                    for member, problem in _members(bundle, size):
                        if member.offset >= block.end:
                            break
                        yield from _bundle_member(bundle, member, problem, name)
        except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
            yield _rejection(f"{name}#{start}", name, "corrupt_tar", f"{type(exc).__name__}: {exc}")


def _members(archive: tarfile.TarFile, size: int) -> Iterator[tuple[tarfile.TarInfo, str | None]]:
    """The members of a tar, each with why its data cannot be read, if so: a file whose stated
    size runs past the end of the archive is `corrupt_member`, and the search for the next
    header restarts just after its own, so a bogus size loses that member only. Where the tar
    seems to end but data follows (an unreadable header, a stray zero block), headers are
    searched for block by block until one reads. The member list is not kept (constant memory
    over bulk tars)."""
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


def _rejection(paper_id: str, name: str, reason: str, detail: str = "") -> Rejection:
    doc = Document(
        paper_id, SOURCE, "", {"source_file": name, "paper_id": paper_id, "detail": detail}
    )
    return Rejection(doc, READ_STEP, reason)


def _paper(data: bytes, paper_id: str, name: str) -> Document | Rejection:
    skipped: Counter[str] = Counter()
    try:
        files = _paper_files(data, skipped)
        main = _main_file(files)
        text = _Includes(files).resolved(main)
    except PaperError as exc:
        return _rejection(paper_id, name, str(exc))
    meta = {"source_file": name, "paper_id": paper_id, "main_file": main}
    if skipped:
        meta["skipped_members"] = dict(skipped)
    return Document(paper_id, SOURCE, text, meta)


def _paper_files(data: bytes, skipped: Counter[str]) -> dict[str, str]:
    """The paper's text files by normalised relative path; members left out are counted in
    `skipped` by why."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = zlib.decompressobj(wbits=31).decompress(data, MAX_PAPER_BYTES + 1)
        except (zlib.error, EOFError) as exc:
            raise PaperError("corrupt_gzip") from exc
        if len(data) > MAX_PAPER_BYTES:
            raise PaperError("record_too_large")
    if _is_tar(data[:_TAR_HEAD]):
        return _safe_members(data, skipped)
    if len(data) > MAX_PAPER_BYTES:
        raise PaperError("record_too_large")
    decoded = decode(data, legacy=True)
    if isinstance(decoded, str):
        raise PaperError(decoded)
    return {"main.tex": decoded.text}


def _safe_members(data: bytes, skipped: Counter[str]) -> dict[str, str]:
    """Regular text files of a paper's tar; links, devices, absolute paths, `..`, binaries
    and members with a bogus size are left out and counted in `skipped`."""
    files: dict[str, str] = {}
    total = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:", tarinfo=FastTarInfo) as archive:
            for count, (member, problem) in enumerate(_members(archive, len(data))):
                if count >= MAX_MEMBERS:
                    raise PaperError("too_many_files")
                why = problem or _left_out(member)
                if why is not None:
                    if why:
                        skipped[why] += 1
                    continue
                total += member.size
                if total > MAX_PAPER_BYTES:
                    raise PaperError("record_too_large")
                text = decode_tex(archive.extractfile(member).read())
                if text is None:
                    skipped["not_text"] += 1
                    continue
                files[posixpath.normpath(member.name)] = text
    except (tarfile.TarError, EOFError, zlib.error) as exc:
        raise PaperError("corrupt_tar") from exc
    if not files:
        raise PaperError("no_tex_file")
    return files


def _left_out(member: tarfile.TarInfo) -> str | None:
    """None for a member read as one of the paper's text files; else why it is not: an empty
    string for what a paper is expected to hold (folders, figures), else a reason."""
    if member.isdir():
        return ""
    if member.issym() or member.islnk():
        return "link"
    if not member.isfile():
        return "not_a_file"
    path = posixpath.normpath(member.name)
    if member.name.startswith("/") or path.startswith(".."):
        return "unsafe_path"
    return None if path.lower().endswith(TEXT_EXTENSIONS) else ""


def _main_file(files: dict[str, str]) -> str:
    """The file with \\documentclass and \\begin{document}; ties: main.tex/ms.tex, then the
    shortest path, then alphabetical."""
    sources = [p for p in files if p.endswith((".tex", ".ltx", ".latex"))]
    candidates = [p for p in sources if _DOCUMENTCLASS.search(files[p])] or sources
    if not candidates:
        raise PaperError("no_tex_file")

    def rank(path: str) -> tuple:
        has_body = bool(_BEGIN_DOCUMENT.search(files[path]))
        usual = posixpath.basename(path) in ("main.tex", "ms.tex", "paper.tex")
        return (not has_body, not usual, len(path), path)

    return min(candidates, key=rank)


class _Includes:
    """`\\input` and `\\include` resolved over a paper's files, at most MAX_INCLUDE_DEPTH deep;
    one in a comment (`%\\input{old}`) or shown in verbatim text is left as written.

    The size the resolved text will have is computed first, per file and depth, without
    building it: a paper whose includes would make it longer than MAX_PAPER_BYTES, or than
    MAX_GROWTH times its sources (plus 64 KiB; as for macros: a real paper includes each file
    once or a small one a few times), is `include_expansion_too_large`, found in time linear
    in its sources however the includes fan out. Only then is the text built."""

    def __init__(self, files: dict[str, str]) -> None:
        self._files = files
        self._links: dict[str, list[tuple[int, int, str | None]]] = {}
        self._sizes: dict[tuple[str, int], int] = {}
        self._texts: dict[tuple[str, int], str] = {}

    def resolved(self, path: str) -> str:
        """The text of `path` with its includes resolved, or PaperError when too large."""
        sources = sum(map(len, self._files.values()))
        limit = min(MAX_PAPER_BYTES, MAX_GROWTH * sources + 65536)
        if self._size(path, MAX_INCLUDE_DEPTH) > limit:
            raise PaperError("include_expansion_too_large")
        return self._text(path, MAX_INCLUDE_DEPTH)

    def _size(self, path: str, depth: int) -> int:
        key = (path, depth)
        if key not in self._sizes:
            size = len(self._files[path])
            if depth > 0:
                for start, end, target in self._includes(path):
                    if target is not None:
                        size += self._size(target, depth - 1) - (end - start)
            self._sizes[key] = size
        return self._sizes[key]

    def _text(self, path: str, depth: int) -> str:
        key = (path, depth)
        if key not in self._texts:
            text = self._files[path]
            pieces, last = [], 0
            for start, end, target in self._includes(path) if depth > 0 else ():
                if target is not None:
                    pieces += [text[last:start], self._text(target, depth - 1)]
                    last = end
            self._texts[key] = "".join(pieces) + text[last:] if pieces else text
        return self._texts[key]

    def _includes(self, path: str) -> list[tuple[int, int, str | None]]:
        """Each include in the code of `path` (not in comments or verbatim text): its span and
        the file it names, None if the paper has no such file."""
        if path not in self._links:
            text = self._files[path]
            links = []
            if _INCLUDE.search(text):
                spans = list(code_spans(text))
                starts = [start for start, _ in spans]
                for match in _INCLUDE.finditer(text):
                    at = bisect.bisect_right(starts, match.start()) - 1
                    if at >= 0 and match.end() <= spans[at][1]:
                        links.append((match.start(), match.end(), self._target(path, match)))
            self._links[path] = links
        return self._links[path]

    def _target(self, path: str, match: re.Match) -> str | None:
        target = (match.group(1) or match.group(2)).strip()
        base = posixpath.dirname(path)
        for candidate in (target, f"{target}.tex"):
            for root in (base, ""):
                resolved = posixpath.normpath(posixpath.join(root, candidate))
                if resolved in self._files and resolved != path:
                    return resolved
        return None


def reader(
    settings: Settings, input_root: str | None = None
) -> Callable[[BinaryIO, str], Iterator[Document | Rejection]]:
    """The read function (no options)."""
    return read_file


def range_reader(settings: Settings, input_root: str | None = None) -> BundleRanges:
    """How this source's files are read in byte ranges."""
    return BundleRanges()


def recipe(settings: Settings, model_dir: str) -> list[Step | GlobalStage]:
    """LaTeX cleaning, then one copy of each resulting text."""
    return [CleanLatex(drop_appendix=settings.drop_appendix), GlobalStage("exact_dedup")]
