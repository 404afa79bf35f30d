"""Input files named relative to the folder all of a run's inputs are under: ids made from these
names are unique across folders (two `README.txt` in two folders differ) and the same on every
machine that holds the same layout (no absolute path in them)."""

from __future__ import annotations

import os

from corpora.compression import file_name


def common_root(paths: list[str]) -> str:
    """The deepest folder holding every path, for local paths and URLs alike
    (`gs://b/books/a/x.txt`, `gs://b/books/y.txt` -> `gs://b/books`); one file's own folder."""
    folders = [path.split("/")[:-1] for path in paths]
    shared = os.path.commonprefix(folders) if folders else []
    return "/".join(shared) or ("/" if shared else "")


def relative_path(path: str, root: str | None) -> str:
    """`path` below `root` (`books/a/x.txt` below `books` -> `a/x.txt`); the file name when no
    root is known or the path is not below it."""
    if root is None:
        return file_name(path)
    prefix = root.rstrip("/") + "/" if root else ""
    return path[len(prefix) :] if path.startswith(prefix) else file_name(path)
