"""Records parked in files while a global stage decides about them.

A global stage (line, exact, URL and near dedup, the shard writer) must see every key before it
can act on any record. Shuffling whole documents through Beam to wait for that makes the local
runner hold the corpus in memory, and a cluster move it twice. Instead a batch of records is
written once to a file under a parking folder, and only small keys and the file's path travel
through Beam; the stage reads the file back when its decision is ready. The folder sits beside
the stage's output on any filesystem Beam knows (local, gs://, s3://), and is removed when the
run ends.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections.abc import Iterable
from typing import Any

from apache_beam.io.filesystem import BeamIOError, CompressionTypes
from apache_beam.io.filesystems import FileSystems

from pipelines.files import write_atomically

_GROUP_KEY = b"llama-corpus/park"
PARKED = "parked"  # the tagged output of a stage's (group, path) for every batch it parked


def group_of(keys: Iterable[str]) -> int:
    """A 63-bit name for a batch, from the ids it holds: the same batch gets the same file, so a
    retried bundle rewrites its file rather than adding one."""
    digest = hashlib.blake2b(key=_GROUP_KEY, digest_size=8)
    for key in keys:
        digest.update(key.encode("utf-8", "surrogatepass") + b"\0")
    return int.from_bytes(digest.digest(), "little") >> 1  # 63 bits: Beam's int coder is signed


def _parked_path(directory: str, group: int, suffix: str) -> str:
    """A batch's file in `directory`: the group's name, in hex, and `suffix`."""
    return FileSystems.join(directory, f"{group:016x}.{suffix}")


def park(records: Any, directory: str, group: int) -> str:
    """Write `records` (any picklable value: a batch, and what the stage keeps with it) to
    `directory` under the group's name, atomically; return the path."""
    return park_bytes(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL), directory, group,
                      "pickle")  # fmt: skip


def unpark(path: str) -> Any:
    """The records parked at `path` (written by `park` in this run)."""
    return pickle.loads(unpark_bytes(path))


def park_bytes(data: bytes | memoryview, directory: str, group: int, suffix: str) -> str:
    """Write `data` as it is (no pickling: a table in Arrow's format, say) to `directory` under
    the group's name (ending in `suffix`), atomically; return the path."""
    path = _parked_path(directory, group, suffix)
    write_atomically(path, data)
    return path


def unpark_bytes(path: str) -> bytes:
    """The bytes parked at `path` by `park_bytes`."""
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        return handle.read()


def park_pieces(
    pieces: list[bytes], directory: str, group: int, suffix: str
) -> list[tuple[str, int, int]]:
    """Write `pieces` one after another to one file in `directory` under the group's name
    (ending in `suffix`), atomically; return where each lies, `(path, offset, length)`, for
    `read_range`: records read back one by one, not the file whole."""
    path = park_bytes(b"".join(pieces), directory, group, suffix)
    places, offset = [], 0
    for piece in pieces:
        places.append((path, offset, len(piece)))
        offset += len(piece)
    return places


def read_range(path: str, offset: int, length: int) -> bytes:
    """`length` bytes of the file at `path` from `offset` (one of several records parked in
    one file)."""
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        handle.seek(offset)
        return handle.read(length)


def clear(directory: str) -> None:
    """Remove a parking folder and everything in it; nothing to do when it does not exist."""
    local = FileSystems.get_scheme(directory) in (None, "file")
    # A local folder goes with its files; on an object store a trailing slash names the prefix.
    target = directory if local else directory.rstrip("/") + "/"
    with contextlib.suppress(BeamIOError):
        FileSystems.delete([target])
