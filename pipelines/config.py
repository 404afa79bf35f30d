"""The recipe file (mixture.yaml) and paths relative to the project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "mixture.yaml"


def load_config(path: str | Path = DEFAULT_CONFIG) -> dict[str, Any]:
    """Parse mixture.yaml; fails with the file's name when it is missing or malformed."""
    with open(path, encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    if not isinstance(config, dict) or "sources" not in config:
        raise ValueError(f"{path}: expected a mapping with a `sources` section")
    return config


def project_path(pattern: str) -> str:
    """A path or glob from the config, taken relative to the project root when not absolute."""
    if "://" in pattern or Path(pattern).is_absolute():
        return pattern
    return str(PROJECT_ROOT / pattern)
