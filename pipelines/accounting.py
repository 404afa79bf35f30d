"""Counting every document through every stage (Beam counters), and the stats built from them.

Counter names are `<stage>|in`, `<stage>|kept` and `<stage>|dropped|<reason>` in the namespace
`llama_corpus.<source>`. The stats check that each stage's in = kept + dropped and that each
stage's in is the previous stage's kept; a mismatch is an error, never a silent loss.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.metrics.metric import MetricsFilter

from filters.document import Document, Rejection
from pipelines.progress import TALLY

SEPARATOR = "|"
REJECTED = "rejected"  # the tagged output of every stage's rejections
BYTES_KEPT = "bytes_kept"  # the metric of each stage's kept text size, UTF-8
PROGRESS_EVERY = 256  # documents a stage counts before it tells the progress line


def namespace(source: str) -> str:
    return f"llama_corpus.{source}"


class StageCounters:
    """Counts for the stages of one source (create inside a DoFn). They add up in a dict and go
    to Beam counters in `flush()`, at the end of each bundle, when Beam commits them anyway: a
    Beam counter update costs microseconds, a lot beside the work on a 1 KB post. The progress
    line hears of documents entering a stage every `PROGRESS_EVERY` of them, and at flush."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._namespace = namespace(source)
        self._pending: dict[tuple[str, ...], int] = defaultdict(int)
        self._counters: dict[tuple[str, ...], Any] = {}
        self._unreported: dict[str, int] = defaultdict(int)
        self._kept_unreported: dict[str, int] = defaultdict(int)

    def entered(self, stage: str, count: int = 1) -> None:
        self._pending[stage, "in"] += count
        self._unreported[stage] += count
        if self._unreported[stage] >= PROGRESS_EVERY:
            self._report(stage)

    def _report(self, stage: str) -> None:
        TALLY.add(f"{self._source}/{stage}|in", self._unreported.pop(stage))

    def kept(self, stage: str, docs: list) -> None:
        """Count documents a stage kept, and their UTF-8 bytes (the funnel's size column)."""
        TALLY.add(f"{self._source}/{stage}|kept", len(docs))
        self._pending[stage, "kept"] += len(docs)
        self._pending[stage, "metric", BYTES_KEPT] += sum(utf8_size(d.text) for d in docs)

    def kept_one(self, stage: str, doc: Document) -> None:
        """`kept` for one document, without building a list for it (the per-document path)."""
        self._kept_unreported[stage] += 1
        if self._kept_unreported[stage] >= PROGRESS_EVERY:
            TALLY.add(f"{self._source}/{stage}|kept", self._kept_unreported.pop(stage))
        self._pending[stage, "kept"] += 1
        self._pending[stage, "metric", BYTES_KEPT] += utf8_size(doc.text)

    def dropped(self, stage: str, reason: str, count: int = 1) -> None:
        self._pending[stage, "dropped", reason] += count

    def metric(self, stage: str, name: str, count: int) -> None:
        """A stage-specific count reported beside the funnel (e.g. lines removed by dedup)."""
        self._pending[stage, "metric", name] += count

    def flush(self) -> None:
        """Add the counts so far to the Beam counters `<stage>|in`, `<stage>|kept`, ..."""
        for stage in list(self._unreported):
            self._report(stage)
        for stage, count in self._kept_unreported.items():
            TALLY.add(f"{self._source}/{stage}|kept", count)
        self._kept_unreported.clear()
        for key, count in self._pending.items():
            counter = self._counters.get(key)
            if counter is None:
                counter = self._counters[key] = Metrics.counter(
                    self._namespace, SEPARATOR.join(key)
                )
            counter.inc(count)
        self._pending.clear()

    def discard(self) -> None:
        """Forget counts not yet flushed (a bundle that failed is retried whole)."""
        self._pending.clear()
        self._unreported.clear()
        self._kept_unreported.clear()


def utf8_size(text: str) -> int:
    """The UTF-8 size of `text` in bytes, without encoding it when it is ASCII."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


class CountingDoFn(beam.DoFn):
    """A DoFn that counts documents through stages of one source; its counters are made in
    `setup()`, on the worker, and handed to Beam at the end of each bundle (a subclass that
    defines `start_bundle` or `finish_bundle` calls this class's too)."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._counters: StageCounters | None = None

    def setup(self) -> None:
        self._counters = StageCounters(self._source)

    def start_bundle(self) -> None:
        self._counters.discard()

    def finish_bundle(self) -> None:
        self._counters.flush()

    def keep(self, stage: str, doc: Document) -> Document:
        """Count `doc` as kept by `stage` and hand it on to the main output."""
        self._counters.kept_one(stage, doc)
        return doc

    def drop(self, rejection: Rejection) -> beam.pvalue.TaggedOutput:
        """Count a rejection under its step and reason and send it to the `REJECTED` output."""
        self._counters.dropped(rejection.step, rejection.reason)
        return beam.pvalue.TaggedOutput(REJECTED, rejection)


class AccountingError(RuntimeError):
    """Documents went missing (or appeared) between or inside stages."""


def counter_totals(result, source: str) -> dict[str, int]:
    """Committed counter values of one source from a finished pipeline result, summed per name."""
    query = result.metrics().query(MetricsFilter().with_namespace(namespace(source)))
    totals: dict[str, int] = defaultdict(int)
    for counter in query["counters"]:
        totals[counter.key.metric.name] += int(counter.committed or 0)
    return dict(totals)


def build_stats(source: str, stage_names: list[str], totals: dict[str, int]) -> dict[str, Any]:
    """The stats document (DESIGN.md shape), checked: raises AccountingError on any mismatch."""
    stages = []
    problems = []
    previous_kept = None
    for name in stage_names:
        entered = totals.get(f"{name}{SEPARATOR}in", 0)
        kept = totals.get(f"{name}{SEPARATOR}kept", 0)
        prefix = f"{name}{SEPARATOR}dropped{SEPARATOR}"
        dropped = {k[len(prefix) :]: v for k, v in sorted(totals.items()) if k.startswith(prefix)}
        total_dropped = sum(dropped.values())
        if entered != kept + total_dropped:
            problems.append(f"{name}: in {entered} != kept {kept} + dropped {total_dropped}")
        if previous_kept is not None and entered != previous_kept:
            problems.append(f"{name}: in {entered} != previous stage's kept {previous_kept}")
        stage = {"name": name, "in": entered, "kept": kept, "dropped": dropped}
        metric_prefix = f"{name}{SEPARATOR}metric{SEPARATOR}"
        metrics = {
            k[len(metric_prefix) :]: v
            for k, v in sorted(totals.items())
            if k.startswith(metric_prefix)
        }
        if metrics:
            stage["metrics"] = metrics
        stages.append(stage)
        previous_kept = kept
    stats = {
        "source": source,
        "documents_in": stages[0]["in"] if stages else 0,
        "documents_out": stages[-1]["kept"] if stages else 0,
        "stages": stages,
    }
    if problems:
        raise AccountingError("; ".join(problems))
    return stats


def format_summary(stats: dict[str, Any]) -> str:
    """A short human summary of a stats document, one line per stage."""
    lines = [
        f"{stats['source']}: {stats['documents_in']} documents in, {stats['documents_out']} kept"
    ]
    for stage in stats["stages"]:
        drops = ", ".join(f"{reason} {n}" for reason, n in stage["dropped"].items()) or "none"
        extra = "".join(f"; {k} {v}" for k, v in stage.get("metrics", {}).items())
        lines.append(
            f"  {stage['name']:<16} in {stage['in']:>8}  kept {stage['kept']:>8}  "
            f"dropped: {drops}{extra}"
        )
    lines.extend(f"  WARNING: {name}: {warning}" for name, warning in stage_warnings(stats))
    return "\n".join(lines)


def stage_warnings(stats: dict[str, Any]) -> list[tuple[str, str]]:
    """(stage, warning) for each stage that says it could not do its job, its models' too."""
    found = []
    for stage in stats["stages"]:
        if stage.get("warning"):
            inert = " [inert: it dropped nothing]" if stage.get("inert") else ""
            found.append((stage["name"], stage["warning"] + inert))
        for model, info in sorted(stage.get("models", {}).items()):
            if isinstance(info, dict) and info.get("warning"):
                found.append((f"{stage['name']} [{model}]", info["warning"]))
    return found
