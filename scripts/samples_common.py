"""What the sample wrappers (scripts/make_*samples.py) share: where the sample data and the
shipped samples live, deterministic compression, and the command line.

Each wrapper reads the text of its source from scripts/sample_data/<source>/ and writes the
source's real file format under a samples folder (corpora/samples/ unless told otherwise)."""

from __future__ import annotations

import argparse
import gzip
from collections.abc import Callable
from pathlib import Path

import yaml

SCRIPTS = Path(__file__).resolve().parent
DATA = SCRIPTS / "sample_data"
SAMPLES = SCRIPTS.parent / "corpora" / "samples"


def gz(data: bytes) -> bytes:
    """Gzip at level 9 with mtime 0 and no file name, so the bytes never change."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def load_yaml(path: Path) -> object:
    """A YAML data file (UTF-8)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def read_text(path: Path) -> str:
    """A UTF-8 data file exactly as stored (no newline translation)."""
    return path.read_bytes().decode("utf-8")


def write(path: Path, data: bytes) -> Path:
    """Write `data` to `path`, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def run(write_samples: Callable[[Path], list[Path]], doc: str | None) -> None:
    """The wrappers' command line: `--out DIR` (default corpora/samples), then print what was
    written."""
    parser = argparse.ArgumentParser(
        description=(doc or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=SAMPLES,
        metavar="DIR",
        help="samples folder to write into (%(default)s)",
    )
    for path in write_samples(parser.parse_args().out):
        print(path)
