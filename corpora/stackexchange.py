"""StackExchange as LLaMA used it (section 2.1): the 28 largest sites of the official dump,
HTML removed, each question followed by its answers sorted by score, highest first."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import posixpath
import re
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any, BinaryIO

from pydantic import Field

from corpora import byte_ranges
from corpora.compression import file_name, open_decompressed
from corpora.decoding import RECORD_BYTES
from corpora.settings import SourceSettings
from corpora.xml_records import DECLARED_ENCODING, DTD, Damage, XmlRecords
from filters.document import Document, Rejection
from filters.post_html import post_text
from filters.step import GlobalStage, Step

SOURCE = "stackexchange"
READ_STEP = "read"
JOIN_STEP = "join_answers"
QUESTION, ANSWER = "1", "2"
SEVEN_ZIP_MAGIC = b"7z\xbc\xaf\x27\x1c"
MAX_ROW_BYTES = RECORD_BYTES["stackexchange_row"]  # the longest real posts are about 200 KB


class Settings(SourceSettings):
    """mixture.yaml `sources.stackexchange`: how many of the largest sites are kept."""

    sites: int = Field(ge=1)


def site_of(path: str) -> str:
    """The site a dump file belongs to: `cooking.stackexchange.com.7z`, `stackoverflow.com-
    Posts.7z`, or the folder of a `Posts.xml` (`.../cooking.stackexchange.com/Posts.xml`)."""
    name = file_name(path)
    if name.endswith(".7z"):
        return name[: -len(".7z")].removesuffix("-Posts")
    parent = posixpath.basename(posixpath.dirname(path.rstrip("/")))
    return parent or "unknown"


def read_file(stream: BinaryIO, path: str) -> Iterator[Document | Rejection]:
    """The posts of one site's `Posts.xml` (plain, gzip, bzip2, or inside the site's `.7z`),
    streamed row by row and parsed safely. Questions and answers become documents with their
    HTML turned into text; other post types are named drops."""
    name = file_name(path)
    site = site_of(path)
    data = open_decompressed(stream)
    if _is_seven_zip(data):
        yield from _read_seven_zip(data, name, site)
    elif ending := (yield from _read_posts(data, name, site)):
        yield ending


def _is_seven_zip(data: BinaryIO) -> bool:
    """Whether the (decompressed) stream starts as a .7z archive; a stream that cannot be read
    is not, and the XML reader counts why."""
    try:
        return data.peek(6)[:6] == SEVEN_ZIP_MAGIC
    except (EOFError, OSError, zlib.error):
        return False


@contextlib.contextmanager
def _posts_of_archive(stream: BinaryIO) -> Iterator[subprocess.Popen]:
    """The 7z tool (p7zip) writing the archive's Posts.xml to its stdout; it reads from a
    local copy of the archive."""
    with tempfile.NamedTemporaryFile(suffix=".7z") as local:
        shutil.copyfileobj(stream, local)
        local.flush()
        command = ["7z", "x", "-so", "-bd", local.name, "Posts.xml"]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
            yield proc


def _read_seven_zip(stream: BinaryIO, name: str, site: str) -> Iterator[Document | Rejection]:
    """Stream Posts.xml out of a .7z."""
    with _posts_of_archive(stream) as proc:
        ending = yield from _read_posts(proc.stdout, name, site)
        proc.stdout.close()
        error = proc.stderr.read().decode("utf-8", "replace")
        failed = proc.wait() != 0
    # A broken archive ends its Posts.xml short: one drop for the file, not two. An unsafe
    # Posts.xml stops the reading, and with it 7z, so the XML's own drop is kept.
    if failed and (ending is None or ending.reason != "unsafe_xml"):
        meta = {"source_file": name, "site": site, "detail": error[-300:]}
        yield Rejection(Document(f"{site}/archive", SOURCE, "", meta), READ_STEP, "bad_archive")
    elif ending is not None:
        yield ending


def _read_posts(
    stream: BinaryIO, name: str, site: str, shift: int = 0
) -> Generator[Document | Rejection, None, Rejection | None]:
    """The rows of one Posts.xml in order. A damaged row (an invalid byte, broken markup) is a
    named drop and reading goes on at the next `<row `; so is a row over MAX_ROW_BYTES, which
    is skipped unparsed (corpora/xml_records.py). The drop that ends the file (truncated,
    unsafe, empty), if any, is returned rather than yielded. `shift` is added to the offsets
    drops are named by (a block read on its own starts that far into the file)."""
    rows = XmlRecords(
        stream,
        record="row",
        root="posts",
        max_record_bytes=MAX_ROW_BYTES,
        malformed="malformed_row",
        too_large="record_too_large",
    )
    for item in rows:
        if isinstance(item, Damage):
            item = dataclasses.replace(item, offset=max(0, item.offset + shift))
            if item.final:
                return _damage(item, name, site)
            yield _damage(item, name, site)
        elif rows.is_record(item):
            yield _post(item.attrib, name, site)
    return None


def _damage(damage: Damage, name: str, site: str) -> Rejection:
    meta = {"source_file": name, "site": site, "detail": damage.detail}
    return Rejection(
        Document(f"{site}#{damage.offset}", SOURCE, "", meta), READ_STEP, damage.reason
    )


def _post(row: dict[str, str], name: str, site: str) -> Document | Rejection:
    post_type = row.get("PostTypeId", "")
    post_id = row.get("Id", "")
    meta: dict[str, Any] = {
        "source_file": name,
        "site": site,
        "post_type": {QUESTION: "question", ANSWER: "answer"}.get(post_type, post_type),
        "question_id": post_id if post_type == QUESTION else row.get("ParentId"),
        "score": _int(row.get("Score")),
        "title": row.get("Title", ""),
        "created": row.get("CreationDate"),
    }
    doc = Document(f"{site}/{post_id}", SOURCE, post_text(row.get("Body", "")), meta)
    if post_type not in (QUESTION, ANSWER):
        return Rejection(doc, READ_STEP, "not_question_or_answer")
    if not post_id or not meta["question_id"]:
        return Rejection(doc, READ_STEP, "malformed_post")
    return doc


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def format_thread(question: Document, answers: list[Document]) -> str:
    """`Q: title`, the question, then each answer as `A: ...`, highest score first (ties: the
    older, smaller id first), separated by blank lines."""
    ordered = sorted(answers, key=lambda a: (-a.meta["score"], _int(a.id.rsplit("/", 1)[-1])))
    parts = [f"Q: {question.meta['title']}\n{question.text}".rstrip()]
    parts += [f"A: {answer.text}" for answer in ordered]
    return "\n\n".join(parts)


def join_thread(site: str, question_id: str, posts: list[Document]) -> list[Document | Rejection]:
    """One thread's posts as outcomes: each answer a `merged_into_question` rejection (or
    `orphan_answer` when the question is absent), any further question a `duplicate_question`,
    and the question (smallest id) as one document holding the thread, with its URL and answer
    count."""
    posts = sorted(posts, key=lambda d: d.id)
    questions = [p for p in posts if p.meta["post_type"] == "question"]
    answers = [p for p in posts if p.meta["post_type"] == "answer"]
    reason = "merged_into_question" if questions else "orphan_answer"
    outcomes: list[Document | Rejection] = [Rejection(a, JOIN_STEP, reason) for a in answers]
    outcomes += [Rejection(extra, JOIN_STEP, "duplicate_question") for extra in questions[1:]]
    if questions:
        question = questions[0]
        question.text = format_thread(question, answers)
        question.meta["url"] = f"https://{site}/questions/{question_id}"
        question.meta["answer_count"] = len(answers)
        outcomes.append(question)
    return outcomes


def reader(
    settings: Settings, input_root: str | None = None
) -> Callable[[BinaryIO, str], Iterator[Document | Rejection]]:
    """The read function (no options)."""
    return read_file


ROW_START = re.compile(rb"<row[\s/>]")
ROOT_START, ROOT_END = b"<posts>\n", b"</posts>\n"
HEAD_BYTES = 64 * 1024
COMPRESSED_MAGIC = (b"\x1f\x8b", b"BZh", SEVEN_ZIP_MAGIC)


class PostsRanges:
    """One large uncompressed Posts.xml read in byte ranges by several workers
    (corpora/byte_ranges.py): each block of rows is parsed on its own, inside `<posts>`, as
    the whole file's reader parses it."""

    block_bytes = 8 * 1024 * 1024

    def splittable(self, path: str, head: bytes) -> bool:
        """Whether the file can be read in ranges: a plain Posts.xml in UTF-8 (no compression,
        no UTF-16, no other declared encoding) whose prologue holds no DTD. Any other file is
        read whole, by one worker."""
        if head.startswith(COMPRESSED_MAGIC) or b"\x00" in head:
            return False
        declared = DECLARED_ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
        if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
            return False
        first_row = ROW_START.search(head)
        return first_row is not None and not DTD.search(head, 0, first_row.start())

    def packed(self, head: bytes) -> bool:
        """Whether the file is a site's `.7z`, whose Posts.xml can be unpacked and read in
        ranges."""
        return head.startswith(SEVEN_ZIP_MAGIC)

    def unpacked_name(self, path: str) -> str:
        """Where, below a folder of its own, the archive's Posts.xml is unpacked: under the
        site's name, as a site's Posts.xml is laid out."""
        return f"{site_of(path)}/Posts.xml"

    def unpack(self, stream: BinaryIO, target: BinaryIO) -> bool:
        """Write the Posts.xml of the `.7z` in `stream` to `target`; whether 7z read the whole
        archive (if not, the file is read whole, which counts why)."""
        with _posts_of_archive(stream) as proc:
            shutil.copyfileobj(proc.stdout, target, 1024 * 1024)
            proc.stderr.read()
            return proc.wait() == 0

    def read_blocks(
        self,
        stream: BinaryIO,
        path: str,
        start: int,
        claim: Callable[[int], bool],
        current_stop: Callable[[], int],
        size: int,
        starts: Sequence[int] = (),  # unused: the records are found in the bytes
    ) -> Iterator[Document | Rejection]:
        """The posts that start in the range from `start` to the (possibly shrinking) stop."""
        name, site = file_name(path), site_of(path)
        rows = byte_ranges.starts_in(stream, ROW_START)
        for block in byte_ranges.blocks(start, rows, self.block_bytes, claim, current_stop, size):
            data = byte_ranges.read_block(stream, block)
            prefix = b"" if block.start == 0 else ROOT_START
            suffix = b"" if block.end == size else ROOT_END
            text = io.BytesIO(prefix + data + suffix)
            shift = block.start - len(prefix)
            if ending := (yield from _read_posts(text, name, site, shift)):
                yield ending


def range_reader(settings: Settings, input_root: str | None = None) -> PostsRanges:
    """How this source's files are read in byte ranges."""
    return PostsRanges()


def recipe(settings: Settings, model_dir: str) -> list[Step | GlobalStage]:
    """The largest sites by number of posts, then questions joined with their answers."""
    return [
        GlobalStage("threads", {"sites": settings.sites}, stages=("top_sites", "join_answers")),
    ]
