"""Files that are either complete or absent: write under a temporary name and rename, and
clear what crashed runs left behind."""

from __future__ import annotations

import contextlib
import os
import posixpath
import uuid
from collections.abc import Callable

from apache_beam.io.filesystems import FileSystems


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
