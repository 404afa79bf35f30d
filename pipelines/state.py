"""What each finished source and stage depended on, so a re-run skips what is finished and
unchanged and redoes what is stale.

A task's fingerprint is a SHA-256 over what decides its output: the project's code and data
files, its section of the recipe, the options that change output, and the size and modification
time of every file it reads (inputs, models, upstream outputs). It is recorded in
`OUTPUT/.state/<task>.json` after the task has written everything, and removed before the task
starts again: a task killed at any point has no record, and runs again in full.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from apache_beam.io.filesystems import FileSystems

from pipelines.files import match_metadata, write_atomically

STATE_FOLDER = ".state"
_PACKAGES = ("pipelines", "corpora", "filters")
_CODE_SUFFIXES = (".py", ".json")


@functools.cache
def code_version() -> str:
    """A digest of the project's code and rule data (not its samples): any change to what a
    stage computes makes every recorded task stale."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.suffix in _CODE_SUFFIXES and "samples" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def files_state(patterns: list[str]) -> list[list]:
    """[path, size, modification time] of every file the globs match, sorted; the same for an
    unchanged set of files on any file system Beam knows."""
    found = []
    for meta in match_metadata(patterns):
        found.append([meta.path, meta.size_in_bytes, meta.last_updated_in_seconds])
    return sorted(found)


def fingerprint(parts: dict[str, Any]) -> str:
    """The digest of a task's parts (JSON with sorted keys)."""
    encoded = json.dumps({**parts, "code": code_version()}, sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


class State:
    """The records of the tasks finished in one output folder."""

    def __init__(self, output_dir: str) -> None:
        self.folder = FileSystems.join(output_dir, STATE_FOLDER)

    def _path(self, task: str) -> str:
        return FileSystems.join(self.folder, f"{task.replace(':', '-')}.json")

    def recorded(self, task: str) -> dict | None:
        """The record of a finished task, or None."""
        path = self._path(task)
        if not FileSystems.exists(path):
            return None
        with FileSystems.open(path) as handle:
            return json.loads(handle.read())

    def is_current(self, task: str, digest: str) -> bool:
        """Whether the task finished with exactly this fingerprint."""
        record = self.recorded(task)
        return record is not None and record.get("fingerprint") == digest

    def forget(self, task: str) -> None:
        """Remove a task's record before it runs again."""
        path = self._path(task)
        if FileSystems.exists(path):
            FileSystems.delete([path])

    def record(self, task: str, digest: str, parts: dict[str, Any]) -> None:
        """Mark a task finished, after everything it writes is written."""
        body = {"task": task, "fingerprint": digest, "parts": parts}
        write_atomically(
            self._path(task), (json.dumps(body, indent=2, default=str) + "\n").encode()
        )
