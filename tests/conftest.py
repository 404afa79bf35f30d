"""Shared fixtures: paths, the CLI run as a user runs it and one `--all` output, the real inputs
in ../shared/data (skipped with a message when absent), a quality LM trained once per session
from the project's reference text, and the helpers of the byte-range tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from apache_beam.io.restriction_trackers import OffsetRange, OffsetRestrictionTracker

from filters.document import Document

# Nothing may probe Google's metadata server from a test machine.
os.environ.setdefault("NO_GCE_CHECK", "true")
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # no model hub: every tokenizer here is local
os.environ.setdefault("GCE_METADATA_HOST", "127.0.0.1")
os.environ.setdefault("GCE_METADATA_IP", "127.0.0.1")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT_ROOT / "corpora" / "samples"
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


def free_port() -> int:
    """A TCP port free on the loopback interface, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """`python -m pipelines.run` as a user runs it, from the project root; it must succeed."""
    env = {
        **os.environ,
        "NO_GCE_CHECK": "true",
        "GCE_METADATA_HOST": "127.0.0.1",
        "GCE_METADATA_IP": "127.0.0.1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.run", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def outcome(item) -> tuple:
    """A reader's outcome as comparable data: a kept document whole, a drop by reason and id."""
    if isinstance(item, Document):
        return ("kept", item.id, item.text, json.dumps(item.meta, sort_keys=True))
    return (item.reason, item.document.id)


def read_in_ranges(ranges, path: Path, cuts: list[int], starts: tuple[int, ...] = ()) -> list:
    """The outcomes of the range reader `ranges` reading `path` in the ranges between `cuts`,
    range after range (`starts`: the record starts it lists beforehand, if it does)."""
    size = path.stat().st_size
    bounds = [0, *sorted(set(cuts)), size]
    found = []
    with path.open("rb") as stream:
        for start, stop in zip(bounds, bounds[1:], strict=False):
            tracker = OffsetRestrictionTracker(OffsetRange(start, stop))
            found += [outcome(item) for item in ranges.read_blocks(
                stream, str(path), start, tracker.try_claim,
                lambda t=tracker: t.current_restriction().stop, size, starts)]  # fmt: skip
    return found


def split_config(folder: Path, split_bytes: int) -> Path:
    """The project's mixture.yaml with `input.split_bytes` set, written in `folder`."""
    recipe = yaml.safe_load((PROJECT_ROOT / "mixture.yaml").read_text(encoding="utf-8"))
    recipe["input"]["split_bytes"] = split_bytes
    config = folder / "ranges.yaml"
    config.write_text(yaml.safe_dump(recipe), encoding="utf-8")
    return config


def whole_and_ranged(source: str, path: Path, folder: Path, split_bytes: int) -> tuple[Path, Path]:
    """The output folders of `--source` over `path` read whole (one process, the default
    split_bytes) and read by two worker processes in ranges of `split_bytes`."""
    whole, ranged = folder / "whole", folder / "ranged"
    run_cli("--source", source, "--input", str(path), "--output", str(whole))
    run_cli("--source", source, "--input", str(path), "--output", str(ranged),
            "--config", str(split_config(folder, split_bytes)),
            "--direct_running_mode=multi_processing", "--direct_num_workers=2")  # fmt: skip
    return whole, ranged


@pytest.fixture(scope="session")
def all_output(tmp_path_factory) -> Path:
    """One `--all` run over every shipped sample (in memory, three token shards), shared by the
    tests that only read it."""
    out = tmp_path_factory.mktemp("all") / "out"
    run_cli("--all", "--output", str(out), "--num-shards", "3")
    return out


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real inputs beside the project; tests using them skip in a clone without them."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real inputs not present: {SHARED_DATA} is missing (needs ../shared/data)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def reference_docs() -> list[str]:
    text = (SAMPLES / "reference" / "en.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def english_lm_dir(tmp_path_factory, reference_docs) -> Path:
    """A directory holding an English quality LM trained by our own training code."""
    from filters.lm_training import train_quality_lm

    model_dir = tmp_path_factory.mktemp("models") / "lm"
    train_quality_lm(reference_docs, model_dir, "en", vocab_size=2000)
    return model_dir


@pytest.fixture(scope="session")
def sample_pages() -> list[dict]:
    import json

    lines = (SAMPLES / "commoncrawl" / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
