"""Peak memory of the runner process and of each SDK worker process as the CommonCrawl input
grows 10x, on the local runner with worker processes (`multi_processing`).

    .venv/bin/python -m bench.bench_memory [--base-copies 8] [--factor 10]

Beam's local FnApiRunner is two things at once: the workers that run our DoFns, and the
runner that holds every PCollection between fused stages (the part a cluster's shuffle service
plays on Dataflow, Spark or Flink). Polling /proc separates the two: a global stage that kept a
per-corpus structure on one worker would show in the workers' peak, not the runner's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_commoncrawl import ROOT, SAMPLE_WET, WORK, build_input, pipeline_run

POLL_SECONDS = 0.05
WORKER_MARK = "sdk_worker_main"


def _children(pid: int) -> list[int]:
    """Every process whose parent is `pid`, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


def _peak_kb(pid: int) -> int:
    """The process's resident-set high-water mark (VmHWM), 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _is_worker(pid: int) -> bool:
    """A Python process running Beam's SDK worker (not the shell that started it)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_text().split("\0")
    except OSError:
        return False
    return "python" in Path(args[0]).name and any(WORKER_MARK in arg for arg in args)


def watched_run(args: list[str]) -> dict:
    """Run the CLI; return its wall time and the peak RSS (MB) of the runner and each worker."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipelines.run", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peaks: dict[int, int] = {}
    workers: set[int] = set()
    while process.poll() is None:
        tree = [process.pid]
        for pid in tree:  # grows while it is walked: children, grandchildren...
            tree.extend(_children(pid))
        for pid in tree:
            peaks[pid] = max(peaks.get(pid, 0), _peak_kb(pid))
            if pid != process.pid and _is_worker(pid):
                workers.add(pid)
        time.sleep(POLL_SECONDS)
    if process.returncode:
        raise RuntimeError(f"pipelines.run {args} exited with {process.returncode}")
    return {
        "wall_s": time.monotonic() - started,
        "runner_mb": peaks.get(process.pid, 0) / 1024,
        "worker_mb": sorted((peaks[pid] / 1024 for pid in workers), reverse=True),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-copies", type=int, default=8)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    pipeline_run(str(SAMPLE_WET), [])  # trains the models once, not measured
    out = WORK / "out"
    rows = []
    for factor in (1, args.factor):
        copies = args.base_copies * factor
        paths = build_input(copies, 4)
        pattern = str(WORK / f"bench-{copies}-*-of-04.warc.wet.gz")
        common = ["--source", "commoncrawl", "--input", pattern, "--output", str(out)]
        for mode in (["--direct_running_mode=multi_processing", "--direct_num_workers=2"], []):
            run = watched_run([*common, *mode])
            stats = json.loads((out / "stats" / "commoncrawl.json").read_text())
            run["docs"] = stats["documents_in"]
            run["mb_in"] = sum(p.stat().st_size for p in paths) / 1e6
            run["mode"] = "multi_processing, 2 workers" if mode else "in_memory"
            rows.append((factor, run))
        for path in paths:
            path.unlink()
    print(
        "| input | mode | documents | gzip MB in | wall s | runner peak RSS MB | "
        "each worker's peak RSS MB |"
    )
    print("|---|---|---:|---:|---:|---:|---|")
    for factor, run in rows:
        workers = ", ".join(f"{mb:.0f}" for mb in run["worker_mb"]) or "(runs in the runner)"
        print(
            f"| {factor}x | {run['mode']} | {run['docs']} | {run['mb_in']:.1f} | "
            f"{run['wall_s']:.1f} | {run['runner_mb']:.0f} | {workers} |"
        )


if __name__ == "__main__":
    main()
