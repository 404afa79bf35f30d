"""Files on any file system Beam knows (local, gs://, s3://, hdfs://): written complete or not
at all (a temporary name, then a rename), crashed runs' leftovers cleared, and the launcher's
reads of globs, whole files and Parquet tables."""

from __future__ import annotations

import contextlib
import json
import os
import posixpath
import uuid
from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystem import CompressionTypes
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
    existing = [m.path for r in FileSystems.match([pattern]) for m in r.metadata_list]
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
    found = {m.path for r in FileSystems.match(list(patterns)) for m in r.metadata_list}
    return sorted(found)


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
