"""ArXiv as LLaMA used it (section 2.1): the LaTeX sources of papers, as arXiv distributes them
in bulk (tars of per-paper `.gz` files, each a gzipped `.tex` or a gzipped tar of the paper's
files), as single `.tex` / `.tex.gz` files, or as local folders of a paper's files
(`--input 'papers/*/*.tex'`: the main file of each folder is the paper). Archives are read
safely: no path traversal, no links, size and member limits, binaries skipped."""

from __future__ import annotations

import bisect
import io
import os
import posixpath
import re
import tarfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

import pyarrow as pa

from corpora.compression import file_name
from corpora.schema import columns
from corpora.settings import SourceSettings
from filters.document import Document, Rejection
from filters.latex import CleanLatex
from filters.latex_scan import code_spans
from filters.step import GlobalStage, Step

SOURCE = "arxiv"
READ_STEP = "read"
MAX_PAPER_BYTES = 50 * 1024 * 1024  # expanded size of one paper's sources
MAX_MEMBERS = 2000
TEXT_EXTENSIONS = (".tex", ".ltx", ".latex", ".sty", ".cls", ".def", ".bbl", ".cfg", ".txt")
MAX_INCLUDE_DEPTH = 8
_INCLUDE = re.compile(r"\\(?:input|include)\s*\{([^}]+)\}|\\input\s+([^\s{}\\]+)")
_DOCUMENTCLASS = re.compile(r"\\documentclass|\\documentstyle")
_BEGIN_DOCUMENT = re.compile(r"\\begin\{document\}")

COLUMNS = columns(
    ("paper_id", pa.string()),
)


class Settings(SourceSettings):
    """mixture.yaml `sources.arxiv`."""

    drop_appendix: bool


class PaperError(ValueError):
    """A paper's sources could not be used; the message is a countable reason."""


def decode_tex(data: bytes) -> str:
    """UTF-8, else latin-1 (older papers), so no paper is lost to its encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_file(stream: BinaryIO, path: str) -> Iterator[Document | Rejection]:
    """Papers of an arXiv bulk tar, of a per-paper `.gz`, or of a single `.tex` file."""
    name = file_name(path)
    data = stream.read(MAX_PAPER_BYTES * 8 + 1)
    if _is_tar(data):
        yield from _bundle(data, name)
        return
    paper_id = re.sub(r"(\.tex)?(\.gz)?$", "", name)
    folder = posixpath.basename(posixpath.dirname(path))
    if name.endswith((".tex", ".tex.gz")) and folder:
        paper_id = f"{folder}/{paper_id}"  # loose .tex files: the folder tells papers apart
    if name.endswith(".tex") and os.path.isdir(os.path.dirname(path) or "."):
        yield _folder_paper(data, path, paper_id, name)
        return
    yield _paper(data, paper_id, name)


def _folder_paper(data: bytes, path: str, paper_id: str, name: str) -> Document | Rejection:
    """A `.tex` file in a local folder of a paper's sources: the main file becomes the paper,
    with its `\\input`s resolved from the folder; a file another one in the folder includes is
    not a paper of its own (`included_file`)."""
    folder = os.path.dirname(path) or "."
    text = decode_tex(data)
    files = _folder_files(folder)
    relative = os.path.relpath(path, folder).replace(os.sep, "/")
    files[relative] = text
    if not _DOCUMENTCLASS.search(text) and any(
            _DOCUMENTCLASS.search(t) for p, t in files.items() if p != relative):  # fmt: skip
        return _rejection(paper_id, name, "included_file")
    return Document(
        paper_id,
        SOURCE,
        _resolve_includes(files, relative, MAX_INCLUDE_DEPTH),
        {"source_file": name, "paper_id": paper_id, "main_file": relative},
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
                files[os.path.relpath(full, folder).replace(os.sep, "/")] = decode_tex(
                    handle.read()
                )
    return files


def _is_tar(data: bytes) -> bool:
    return len(data) > 262 and data[257:262] == b"ustar"


def _bundle(data: bytes, name: str) -> Iterator[Document | Rejection]:
    """Each `.gz` member of a bulk tar is one paper (its id is the member's file name)."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as bundle:
        for member in bundle:
            if not member.isfile() or not member.name.endswith(".gz"):
                continue
            paper_id = posixpath.basename(member.name).removesuffix(".gz")
            if member.size > MAX_PAPER_BYTES:
                yield _rejection(paper_id, name, "paper_too_large")
                continue
            yield _paper(bundle.extractfile(member).read(), paper_id, name)


def _rejection(paper_id: str, name: str, reason: str, detail: str = "") -> Rejection:
    doc = Document(
        paper_id, SOURCE, "", {"source_file": name, "paper_id": paper_id, "detail": detail}
    )
    return Rejection(doc, READ_STEP, reason)


def _paper(data: bytes, paper_id: str, name: str) -> Document | Rejection:
    try:
        files = _paper_files(data)
        main = _main_file(files)
        text = _resolve_includes(files, main, MAX_INCLUDE_DEPTH)
    except PaperError as exc:
        return _rejection(paper_id, name, str(exc))
    return Document(
        paper_id, SOURCE, text, {"source_file": name, "paper_id": paper_id, "main_file": main}
    )


def _paper_files(data: bytes) -> dict[str, str]:
    """The paper's text files by normalised relative path."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = zlib.decompressobj(wbits=31).decompress(data, MAX_PAPER_BYTES + 1)
        except (zlib.error, EOFError) as exc:
            raise PaperError("corrupt_gzip") from exc
        if len(data) > MAX_PAPER_BYTES:
            raise PaperError("paper_too_large")
    if _is_tar(data):
        return _safe_members(data)
    if len(data) > MAX_PAPER_BYTES:
        raise PaperError("paper_too_large")
    if b"\x00" in data[:4096]:
        raise PaperError("not_latex")
    return {"main.tex": decode_tex(data)}


def _safe_members(data: bytes) -> dict[str, str]:
    """Regular text files of a paper's tar; links, devices, absolute paths and `..` skipped."""
    files: dict[str, str] = {}
    total = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
            for count, member in enumerate(archive):
                if count >= MAX_MEMBERS:
                    raise PaperError("too_many_files")
                path = posixpath.normpath(member.name)
                if (not member.isfile() or member.name.startswith("/") or path.startswith("..")
                        or not path.lower().endswith(TEXT_EXTENSIONS)):  # fmt: skip
                    continue
                total += member.size
                if total > MAX_PAPER_BYTES:
                    raise PaperError("paper_too_large")
                files[path] = decode_tex(archive.extractfile(member).read())
    except (tarfile.TarError, EOFError, zlib.error) as exc:
        raise PaperError("corrupt_tar") from exc
    if not files:
        raise PaperError("no_tex_file")
    return files


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


def _resolve_includes(files: dict[str, str], path: str, depth: int) -> str:
    """The file with `\\input`/`\\include` replaced by the files they name, where present; one
    in a comment (`%\\input{old}`) or shown in verbatim text is left as written."""
    text = files[path]
    if depth == 0 or not _INCLUDE.search(text):
        return text
    base = posixpath.dirname(path)

    def replace(match: re.Match) -> str:
        target = (match.group(1) or match.group(2)).strip()
        for candidate in (target, f"{target}.tex"):
            for root in (base, ""):
                resolved = posixpath.normpath(posixpath.join(root, candidate))
                if resolved in files and resolved != path:
                    return _resolve_includes(files, resolved, depth - 1)
        return match.group(0)

    spans = list(code_spans(text))
    starts = [start for start, _ in spans]
    pieces, last = [], 0
    for match in _INCLUDE.finditer(text):
        at = bisect.bisect_right(starts, match.start()) - 1
        if at < 0 or match.end() > spans[at][1]:
            continue  # in a comment or verbatim text
        pieces += [text[last : match.start()], replace(match)]
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def reader(
    settings: Settings, input_root: str | None = None
) -> Callable[[BinaryIO, str], Iterator[Document | Rejection]]:
    """The read function (no options)."""
    return read_file


def recipe(settings: Settings, model_dir: str) -> list[Step | GlobalStage]:
    """LaTeX cleaning, then one copy of each resulting text."""
    return [CleanLatex(drop_appendix=settings.drop_appendix), GlobalStage("exact_dedup")]
