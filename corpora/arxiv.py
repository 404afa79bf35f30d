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
import tarfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from typing import BinaryIO

from corpora.compression import file_name, peekable
from corpora.decoding import RECORD_BYTES, Decoded, decode, read_bounded
from corpora.settings import SourceSettings
from corpora.tar_headers import FastTarInfo
from corpora.tar_members import TAR_HEAD, TarRanges, holds_tar, is_tar, members, read_tar
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
    buffered = peekable(stream)
    if holds_tar(buffered):  # each `.gz` member is a paper
        yield from read_tar(buffered, path, _bundle_member, _corrupt_tar)
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


def _bundle_member(
    bundle: tarfile.TarFile, member: tarfile.TarInfo, problem: str | None, path: str
) -> Iterator[Document | Rejection]:
    """A bulk tar's member: a `.gz` is one paper (its id is the member's file name); any other
    member but a folder is a counted drop: `pdf_only` (a paper arXiv has no sources of),
    `link_member`, `not_a_file` (devices, fifos), `not_a_paper`, `corrupt_member`."""
    name = file_name(path)
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


def _corrupt_tar(lost_id: str, path: str, detail: str) -> Rejection:
    return _rejection(lost_id, file_name(path), "corrupt_tar", detail)


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
    if is_tar(data[:TAR_HEAD]):
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
            for count, (member, problem) in enumerate(members(archive, len(data))):
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


def range_reader(settings: Settings, input_root: str | None = None) -> TarRanges:
    """How this source's files are read in byte ranges: bulk tars by member offsets."""
    return TarRanges(_bundle_member, _corrupt_tar)


def recipe(settings: Settings, model_dir: str) -> list[Step | GlobalStage]:
    """LaTeX cleaning, then one copy of each resulting text."""
    return [CleanLatex(drop_appendix=settings.drop_appendix), GlobalStage("exact_dedup")]
