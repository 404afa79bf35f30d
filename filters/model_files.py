"""Model files wherever the model folder is: a local path, or a URL on a file system Beam knows
(gs://, s3://, hdfs://).

KenLM, SentencePiece and fastText read local files only, so a model under a URL is copied once
into a local cache (`LLAMA_CORPUS_MODEL_CACHE`, default a folder under the system's temporary
directory) under a name that changes with the remote file's size and modification time: a
retrained model is fetched again, an unchanged one never. Beam's FileSystems is imported only
for URLs, so a filter over local models needs no Beam.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import tempfile
import uuid
from pathlib import Path

CACHE_VARIABLE = "LLAMA_CORPUS_MODEL_CACHE"


def is_remote(path: str | Path) -> bool:
    """True for a URL other than file://."""
    text = str(path)
    return "://" in text and not text.startswith("file://")


def join(folder: str | Path, *names: str) -> str:
    """`folder`/`names`, for a local path or a URL alike."""
    if is_remote(folder):
        return posixpath.join(str(folder), *names)
    return os.path.join(str(folder), *names)


def basename(path: str | Path) -> str:
    """The file's name, for a local path or a URL alike."""
    return posixpath.basename(str(path)) if is_remote(path) else os.path.basename(str(path))


def sibling(path: str | Path, name: str) -> str:
    """The file called `name` in the folder of `path`."""
    text = str(path)
    if is_remote(text):
        return posixpath.join(posixpath.dirname(text), name)
    return os.path.join(os.path.dirname(text), name)


def _metadata(path: str):
    from apache_beam.io.filesystems import FileSystems

    matched = FileSystems.match([path])[0].metadata_list
    return matched[0] if matched else None


def exists(path: str | Path) -> bool:
    """Whether the file is there."""
    if not is_remote(path):
        return Path(str(path).removeprefix("file://")).is_file()
    return _metadata(str(path)) is not None


def cache_folder() -> Path:
    """Where copies of remote model files are kept on this machine."""
    default = Path(tempfile.gettempdir()) / "llama-corpus-models"
    return Path(os.environ.get(CACHE_VARIABLE) or default)


def local(path: str | Path) -> Path:
    """A local file with the content of `path`: the path itself when local, else a copy in the
    local cache, made on first use (written under a temporary name, then renamed, so workers on
    one machine share it safely). A missing file is a FileNotFoundError naming it."""
    text = str(path)
    if not is_remote(text):
        return Path(text.removeprefix("file://"))
    from apache_beam.io.filesystems import FileSystems

    found = _metadata(text)
    if found is None:
        raise FileNotFoundError(f"no model file at {text}")
    version = f"{text}\0{found.size_in_bytes}\0{found.last_updated_in_seconds}"
    folder = cache_folder() / hashlib.sha256(version.encode()).hexdigest()[:24]
    target = folder / posixpath.basename(text)
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{target.name}.{uuid.uuid4().hex}.tmp"
    try:
        with FileSystems.open(text) as source, open(temporary, "wb") as copy:
            for block in iter(lambda: source.read(1 << 22), b""):
                copy.write(block)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def read_text(path: str | Path) -> str:
    """A small text file (a model's report), local or remote."""
    return local(path).read_text(encoding="utf-8")


def read_bytes(path: str | Path) -> bytes:
    """A model file's bytes, local or remote."""
    return local(path).read_bytes()


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write a model file whole: locally under a temporary name then renamed (its folder made
    on the way); to a URL as one object, which an object store shows only once complete."""
    text = str(path)
    if is_remote(text):
        from apache_beam.io.filesystems import FileSystems

        with FileSystems.create(text) as handle:
            handle.write(data)
        return
    target = Path(text.removeprefix("file://"))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def remove(path: str | Path) -> None:
    """Delete the file if it is there."""
    if not is_remote(path):
        Path(str(path).removeprefix("file://")).unlink(missing_ok=True)
    elif exists(path):
        from apache_beam.io.filesystems import FileSystems

        FileSystems.delete([str(path)])
