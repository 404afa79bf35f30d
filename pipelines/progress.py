"""Live progress of a local run: documents and megabytes read, documents kept, rates, elapsed
time and an estimate of the time left from the input bytes read.

Workers (threads of this process, or worker processes of the local runner) add their counts
to this process's `TALLY`; each process writes its tally to a small JSON file in the folder
named by `$LLAMA_CORPUS_PROGRESS` about twice a second. The launching process sums the files
and draws a tqdm bar on a terminal, or prints a plain line every 5 seconds
(`$LLAMA_CORPUS_PROGRESS_EVERY`) when its output is not a terminal. Runners elsewhere
(Dataflow, Flink, Spark) have their own consoles: without the variable, tallies stay in memory
and nothing is written.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ENVIRONMENT = "LLAMA_CORPUS_PROGRESS"
WRITE_EVERY = 0.5  # seconds between a worker's tally files
PLAIN_EVERY = "LLAMA_CORPUS_PROGRESS_EVERY"  # seconds between plain lines (default 5)


class Tally:
    """Counts of one process: documents entering and kept by each stage, input bytes read."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = defaultdict(int)
        self._written = 0.0

    def add(self, key: str, count: int) -> None:
        """Add to a count (`<stage>|in`, `<stage>|kept`, `bytes_read`) and write the tally
        when it is due."""
        with self._lock:
            self._counts[key] += count
            now = time.monotonic()
            if now - self._written < WRITE_EVERY:
                return
            self._written = now
            snapshot = dict(self._counts)
        _write(snapshot)

    def forget(self, source: str) -> None:
        """Drop this process's counts of `source` (its stages and bytes read), which an earlier
        run in the same process left (a model stage read the same files, a test ran it)."""
        with self._lock:
            for key in [k for k in self._counts if k.startswith((f"{source}|", f"{source}/"))]:
                del self._counts[key]

    def flush(self) -> None:
        with self._lock:
            snapshot = dict(self._counts)
        _write(snapshot)


def _write(counts: dict[str, int]) -> None:
    folder = os.environ.get(ENVIRONMENT)
    if not folder or not os.path.isdir(folder):
        return
    path = Path(folder) / f"{os.getpid()}.json"
    temporary = path.with_suffix(".tmp")
    try:
        temporary.write_text(json.dumps(counts))
        os.replace(temporary, path)
    except OSError:
        pass  # progress is a courtesy; the run goes on without it


TALLY = Tally()


class Display:
    """Sums the workers' tallies of one source (`label`, its funnel `stages`) and shows them
    while the context is open."""

    def __init__(self, label: str, stages: list[str], total_bytes: int, quiet: bool) -> None:
        self.label = label
        self.stages = stages
        self.total_bytes = max(total_bytes, 1)
        self.quiet = quiet
        self.folder = tempfile.mkdtemp(prefix="llama-corpus-progress-")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._started = time.monotonic()
        self._bar = None
        self._previous = os.environ.get(ENVIRONMENT)
        self.every = float(os.environ.get(PLAIN_EVERY, "5"))

    def __enter__(self) -> Display:
        TALLY.forget(self.label)  # this run's counts start from nothing
        os.environ[ENVIRONMENT] = self.folder
        if not self.quiet:
            if sys.stderr.isatty():
                from tqdm import tqdm

                self._bar = tqdm(total=self.total_bytes, unit="B", unit_scale=True,
                                 desc=self.label, file=sys.stderr, leave=False)  # fmt: skip
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        if self._bar is not None:
            self._bar.close()
        if self._previous is None:
            os.environ.pop(ENVIRONMENT, None)
        else:
            os.environ[ENVIRONMENT] = self._previous
        for path in Path(self.folder).glob("*"):
            path.unlink(missing_ok=True)
        os.rmdir(self.folder)

    def totals(self) -> dict[str, int]:
        """The sum of every worker's latest tally (this process's current one included)."""
        TALLY.flush()
        summed: dict[str, int] = defaultdict(int)
        for path in Path(self.folder).glob("*.json"):
            try:
                counts = json.loads(path.read_text())
            except (OSError, ValueError):
                continue  # being replaced right now
            for key, value in counts.items():
                summed[key] += value
        return summed

    def counts(self, totals: dict[str, int]) -> tuple[int, int, int]:
        """Documents read, input bytes read, and documents kept by the furthest stage yet."""
        read = totals.get(f"{self.label}/{self.stages[0]}|in", 0)
        kept = next((totals[key] for stage in reversed(self.stages)
                     if totals.get(key := f"{self.label}/{stage}|kept")), 0)  # fmt: skip
        return read, totals.get(f"{self.label}|bytes_read", 0), kept

    def line(self, totals: dict[str, int]) -> str:
        """One plain line of progress."""
        elapsed = time.monotonic() - self._started
        read, bytes_read, kept = self.counts(totals)
        megabytes = bytes_read / 1e6
        share = min(1.0, bytes_read / self.total_bytes)
        rate = f"{read / elapsed:,.0f} docs/s, {megabytes / elapsed:.1f} MB/s" if elapsed else ""
        left = f", about {_clock(elapsed * (1 - share) / share)} left" if 0 < share < 1 else ""
        if share >= 1:
            left = ", input read; finishing the stages"
        return (f"{self.label}: read {read:,} documents, {megabytes:.1f} of "
                f"{self.total_bytes / 1e6:.1f} MB ({share:.0%}), kept {kept:,} so far; {rate}; "
                f"{_clock(elapsed)} elapsed{left}")  # fmt: skip

    def _loop(self) -> None:
        last_line = time.monotonic()
        while not self._stop.wait(min(0.5, self.every)):
            totals = self.totals()
            if self._bar is not None:
                read, bytes_read, kept = self.counts(totals)
                self._bar.n = min(bytes_read, self.total_bytes)
                self._bar.set_postfix_str(f"{read:,} docs read, {kept:,} kept", refresh=True)
            elif time.monotonic() - last_line >= self.every:
                last_line = time.monotonic()
                print(self.line(totals), file=sys.stderr, flush=True)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
