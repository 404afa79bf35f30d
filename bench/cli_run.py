"""Run `python -m pipelines.run` as a user would and measure it: wall time, CPU time of the
process and its workers, peak resident memory."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measured_run(args: list[str]) -> dict[str, float]:
    """Wall and CPU seconds and peak RSS (MB, largest child so far) of one CLI run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "pipelines.run", *args], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "peak_rss_mb": after.ru_maxrss / 1024}
