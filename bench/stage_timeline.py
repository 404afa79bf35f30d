"""Where a pipeline run's time goes: for each fused stage, when its bundles ran (in any process)
and the CPU they took, and how long the run took before its first bundle and after its last.

    .venv/bin/python -m bench.stage_timeline -- --source c4 --output out/timeline \\
        --direct_running_mode=multi_processing --direct_num_workers=2

Runs `python -m pipelines.run <arguments>` once with bench/timeline_hook first on PYTHONPATH,
whose sitecustomize logs every process's bundles (wall and CPU clocks), then prints a table.
A stage's wall time is from its first bundle's start to its last bundle's end; with 2 workers
its bundles overlap, so its CPU time may be up to twice its wall time. The logging adds well
under a millisecond a bundle.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "bench" / "timeline_hook"


@dataclass(frozen=True)
class Event:
    wall: float
    cpu: float
    pid: int
    kind: str  # process, exit, start, end
    stage: str  # a bundle's stage (its descriptor's id)
    label: str


@dataclass
class Stage:
    label: str
    first: float
    last: float
    cpu: float = 0.0
    bundles: int = 0


def read_events(folder: Path) -> list[Event]:
    """Every process's log lines, in time order."""
    events = []
    for log in folder.glob("*.log"):
        for line in log.read_text(encoding="utf-8").splitlines():
            wall, cpu, kind, *stage = line.split("\t")
            stage_id, label = stage or ("", "")
            events.append(Event(float(wall), float(cpu), int(log.stem), kind, stage_id, label))
    return sorted(events, key=lambda e: e.wall)


def stages(events: list[Event]) -> list[Stage]:
    """Bundles paired start to end in their process, gathered by stage, in order of start."""
    started: dict[tuple[int, str], Event] = {}
    by_id: dict[str, Stage] = {}
    for event in events:
        key = (event.pid, event.stage)
        if event.kind == "start":
            started[key] = event
        elif event.kind == "end" and key in started:
            begin = started.pop(key)
            stage = by_id.setdefault(event.stage, Stage(event.label, begin.wall, event.wall))
            stage.first, stage.last = min(stage.first, begin.wall), max(stage.last, event.wall)
            stage.cpu += event.cpu - begin.cpu
            stage.bundles += 1
    return sorted(by_id.values(), key=lambda s: s.first)


def short(label: str, width: int = 72) -> str:
    """A stage's steps, cut to `width` characters (Beam's own steps only: `(Beam)`)."""
    text = label.replace("|", ", ") or "(Beam)"
    return text if len(text) <= width else text[: width - 3] + "..."


def table(events: list[Event]) -> str:
    """The run's stages as a Markdown table, with the time before and after them."""
    if not events:
        return "no process logged (was bench/timeline_hook on PYTHONPATH?)"
    launcher = events[0].pid  # the first process to log is the command itself
    began = events[0].wall
    left = max((e.wall for e in events if e.pid == launcher and e.kind == "exit"), default=None)
    rows = stages(events)
    if not rows:
        return "no bundle ran"
    lines = [
        "| stage | from s | to s | wall s | bundles | CPU s |",
        "|---|---:|---:|---:|---:|---:|",
        f"| before the first bundle | 0.00 | {rows[0].first - began:.2f} | "
        f"{rows[0].first - began:.2f} | | |",
    ]
    for stage in rows:
        lines.append(
            f"| {short(stage.label)} | {stage.first - began:.2f} | {stage.last - began:.2f} | "
            f"{stage.last - stage.first:.2f} | {stage.bundles} | {stage.cpu:.2f} |"
        )
    end = rows[-1].last
    if left is not None:
        lines.append(f"| after the last bundle | {end - began:.2f} | {left - began:.2f} | "
                     f"{left - end:.2f} | | |")  # fmt: skip
    ran_bundles = {e.pid for e in events if e.kind == "start"}
    workers = ran_bundles - {launcher}
    where = [f"{len(workers)} worker processes"] if workers else []
    where += ["the launcher"] if launcher in ran_bundles else []
    lines.append(f"\nBundles ran in {' and '.join(where)}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("arguments", nargs=argparse.REMAINDER, help="for pipelines.run")
    args = parser.parse_args(argv)
    arguments = args.arguments[1:] if args.arguments[:1] == ["--"] else args.arguments
    with tempfile.TemporaryDirectory(prefix="stage-timeline-") as folder:
        path = os.pathsep.join(filter(None, [str(HOOK), os.environ.get("PYTHONPATH")]))
        environment = dict(os.environ, PYTHONPATH=path, STAGE_TIMELINE_DIR=folder)
        command = [sys.executable, "-m", "pipelines.run", *arguments]
        subprocess.run(command, cwd=ROOT, env=environment, check=True)
        print(table(read_events(Path(folder))))


if __name__ == "__main__":
    main()
