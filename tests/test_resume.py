"""A run killed with SIGKILL part-way and started again with the same command ends with exactly
the output of an uninterrupted run: no partial file taken for a finished one, nothing twice."""

import os
import signal
import subprocess
import sys
import time

from tests.conftest import PROJECT_ROOT
from tests.test_end_to_end import file_digests, run_cli


def test_rerun_after_kill_matches_an_uninterrupted_run(tmp_path):
    reference = tmp_path / "reference"
    run_cli("--source", "commoncrawl", "--output", str(reference), "--keep-rejected")
    expected = {sub: file_digests(reference, sub) for sub in ("clean", "rejected", "models")}

    resumed = tmp_path / "resumed"
    command = [
        sys.executable,
        "-m",
        "pipelines.run",
        "--source",
        "commoncrawl",
        "--output",
        str(resumed),
        "--keep-rejected",
    ]
    for delay in (1.5, 3.0, 4.5):  # kill at different points: models, wikipedia, pipeline
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    run_cli("--source", "commoncrawl", "--output", str(resumed), "--keep-rejected")
    assert {sub: file_digests(resumed, sub) for sub in expected} == expected
    leftovers = [p for p in resumed.rglob("*") if p.name.startswith(".tmp-")]
    assert not leftovers
