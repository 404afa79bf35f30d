"""Checksums of the models and lists a run used, for its stats."""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

MAX_HASHED_BYTES = 512 * 1024 * 1024  # larger files (cc_net's 4 GB LMs) are named by size and time


@functools.lru_cache(maxsize=64)
def _digest(path: str, size: int, mtime: float) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_checksum(path: str | Path) -> str:
    """`sha256:<hex>` of a file, or `size:<bytes>,mtime:<seconds>` for one over 512 MB."""
    stat = os.stat(path)
    if stat.st_size > MAX_HASHED_BYTES:
        return f"size:{stat.st_size},mtime:{int(stat.st_mtime)}"
    return "sha256:" + _digest(str(path), stat.st_size, stat.st_mtime)
