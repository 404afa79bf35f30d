"""Files on any file system Beam knows (local, gs://, s3://, hdfs://): written complete or not
at all (a temporary name, then a rename), crashed runs' leftovers cleared, and the launcher's
reads of globs, whole files and Parquet tables."""

from __future__ import annotations

import contextlib
import json
import os
import posixpath
import re
import uuid
from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystem import CompressionTypes, FileMetadata, FileSystem
from apache_beam.io.filesystems import FileSystems

from pipelines.object_stores import share_s3_clients

share_s3_clients()  # in every process that opens files through here: launcher and workers


def write_atomically(path: str, data: bytes) -> None:
    """Write to a temporary name beside `path`, then rename: readers never see a partial file.
    Missing local folders are created on the way (object stores have none)."""
    directory, name = posixpath.split(path)
    temporary = posixpath.join(directory, f".tmp-{uuid.uuid4().hex}-{name}")
    with FileSystems.create(temporary) as handle:
        handle.write(data)
    FileSystems.rename([temporary], [path])


def remove_stale(directory: str, expected: set[str], is_output: Callable[[str], bool]) -> None:
    """Delete the files of `directory` that `is_output` claims but `expected` does not name
    (earlier runs with other shard counts), and temporaries left by crashed runs."""
    pattern = FileSystems.join(directory, "*")
    existing = [meta.path for meta in match_metadata([pattern])]
    stale = [path for path in existing
             if (name := posixpath.basename(path)) not in expected
             and (is_output(name) or name.startswith(".tmp-"))]  # fmt: skip
    if stale:
        FileSystems.delete(stale)


def remove_if_empty(directory: str) -> None:
    """Remove a local folder when nothing is left in it (object stores have no folders)."""
    if FileSystems.get_scheme(directory) in (None, "file"):
        with contextlib.suppress(OSError):
            os.rmdir(directory)


def matching(patterns: list[str]) -> list[str]:
    """Every file the globs match on any file system (none is no error), sorted."""
    return sorted({meta.path for meta in match_metadata(patterns)})


def match_metadata(patterns: list[str]) -> list[FileMetadata]:
    """What FileSystems.match finds for the globs (path, size, modification time), in its
    order. On a local disk Beam lists every file below the glob's first folder, however deep,
    then filters: for `data/*.gz` beside a virtualenv that is 160,000 files read to keep four.
    A local glob made only of literals and `*` (which never matches `/`) cannot match deeper
    than its own slashes, so here the walk stops there; any other glob goes to Beam as is."""
    found: list[FileMetadata] = []
    for pattern in patterns:
        if FileSystems.get_scheme(pattern) is None and _depth_bound(pattern):
            found += _walk_matching(pattern)
        else:
            found += FileSystems.match([pattern])[0].metadata_list
    return found


def _glob_start(pattern: str) -> str:
    """The folder Beam's local matcher lists for `pattern` (its text before the first glob
    character, then that text's folder)."""
    prefix = re.match(r"^[^[*?]*", pattern).group(0)
    return os.path.dirname(prefix)


def _depth_bound(pattern: str) -> bool:
    rest = pattern[len(_glob_start(pattern)) :]
    return rest != pattern and "*" in rest and not re.search(r"\*\*|[?\[]", rest)


def _walk_matching(pattern: str) -> list[FileMetadata]:
    """Beam's local match of `pattern` (files only, Beam's glob syntax), walking no deeper
    than the pattern's slashes allow."""
    if pattern.endswith(("/", "\\")):
        pattern += "*"
    start = _glob_start(pattern)
    if not os.path.exists(start):
        return []
    depth = pattern[len(start) :].count("/") - 1  # folders below `start` a match can be in
    matches = re.compile(FileSystem.translate_pattern(pattern)).match
    found = []
    for folder, folders, files in os.walk(start):
        if folder[len(start) :].count(os.sep) >= depth:
            folders.clear()
        for name in files:
            path = os.path.join(folder, name)
            if matches(path):
                with contextlib.suppress(OSError):  # a file may go while it is listed
                    found.append(FileMetadata(path, os.path.getsize(path),
                                              os.path.getmtime(path)))  # fmt: skip
    return found


def read_bytes(path: str) -> bytes:
    """A whole file, as stored (no decompression by name)."""
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        return handle.read()


def read_parquet(path: str, columns: list[str] | None = None) -> pa.Table:
    """One Parquet file, local or on an object store."""
    if FileSystems.get_scheme(path) in (None, "file"):
        return pq.read_table(path, columns=columns)
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        return pq.read_table(handle, columns=columns)


def read_json(path: str) -> Any:
    """A JSON file's value, or None where there is no such file."""
    if not FileSystems.exists(path):
        return None
    return json.loads(read_bytes(path))


def parquet_schema(path: str) -> pa.Schema:
    """The schema of one Parquet file (its footer only), local or on an object store."""
    if FileSystems.get_scheme(path) in (None, "file"):
        return pq.read_schema(path)
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        return pq.read_schema(handle)
