"""Shared fixtures: paths, the CLI run as a user runs it and one `--all` output, the real inputs
in ../shared/data (skipped with a message when absent), and a quality LM trained once per
session from the project's reference text."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

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
