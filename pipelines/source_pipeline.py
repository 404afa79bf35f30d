"""One source's cleaning pipeline: read -> recipe (steps and global stages) -> write, with every
document accounted for."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import StandardOptions, TestOptions

from corpora.compression import file_name
from corpora.input_paths import common_root
from filters.document import Document, Rejection
from filters.step import GlobalStage, Step
from pipelines.accounting import (
    PROGRESS_EVERY,
    CountingDoFn,
    build_stats,
    counter_totals,
    format_summary,
    namespace,
)
from pipelines.drop_examples import read_examples, write_drop_examples
from pipelines.files import remove_if_empty, write_atomically
from pipelines.keyed_dedup import ExactDedup, UrlDedup
from pipelines.line_dedup import LineDedup
from pipelines.near_dedup import NearDedup
from pipelines.park import clear
from pipelines.stackexchange_stages import Threads
from pipelines.steps import REJECTED, apply_steps
from pipelines.write import REJECTED_COLUMNS, WriteParquetShards, document_columns, rejection_row

GLOBAL_STAGES = {
    "line_dedup": LineDedup,
    "exact_dedup": ExactDedup,
    "url_dedup": UrlDedup,
    "threads": Threads,
    "near_dedup": NearDedup,
}
PARKING_STAGES = {
    "line_dedup",
    "exact_dedup",
    "url_dedup",
    "near_dedup",
}  # global stages that park documents in files while deciding
OUTPUT_ROWS = "output|rows"


@dataclass(frozen=True)
class SourceRun:
    """What to run: a source module from corpora/, its config section, inputs and outputs."""

    module: ModuleType
    config: dict[str, Any]
    input_paths: list[str]
    output_dir: str
    model_dir: str
    keep_rejected: bool = False
    report: dict[str, Any] = field(default_factory=dict)  # added to the stats (model reports)

    @property
    def source(self) -> str:
        return self.module.SOURCE

    @property
    def clean_dir(self) -> str:
        return FileSystems.join(self.output_dir, "clean", self.source)

    @property
    def rejected_dir(self) -> str:
        return FileSystems.join(self.output_dir, "rejected", self.source)

    @property
    def park_dir(self) -> str:
        """Where global stages park documents during the run (removed when it ends)."""
        return FileSystems.join(self.output_dir, "tmp", self.source)

    @property
    def examples_path(self) -> str:
        """Where the run's drop examples wait until they join the stats."""
        return FileSystems.join(self.park_dir, "drop-examples.json")

    @property
    def stats_path(self) -> str:
        return FileSystems.join(self.output_dir, "stats", f"{self.source}.json")


def match_inputs(patterns: list[str]) -> list[str]:
    """Every file matching the globs, sorted; fails loudly when a pattern matches nothing."""
    paths: set[str] = set()
    for pattern in patterns:
        matched = [m.path for r in FileSystems.match([pattern]) for m in r.metadata_list]
        if not matched:
            raise FileNotFoundError(f"no input file matches {pattern!r}")
        paths.update(matched)
    return sorted(paths)


class ReadDocuments(CountingDoFn):
    """Read one input file into documents; unreadable files and records are counted drops.
    Kept documents are counted a list of `PROGRESS_EVERY` at a time, not one by one: counting
    each of StackExchange's small posts cost 2% of reading them."""

    def __init__(self, source: str, read_file, stage: str) -> None:
        super().__init__(source)
        self._read_file = read_file
        self._stage = stage

    def process(self, path: str):
        name = file_name(path)
        uncounted: list[Document] = []
        try:
            with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as raw:
                for outcome in self._read_file(raw, path):
                    if isinstance(outcome, Rejection):
                        self._counters.entered(self._stage)
                        yield self.drop(outcome)
                        continue
                    uncounted.append(outcome)
                    if len(uncounted) == PROGRESS_EVERY:
                        self._count_kept(uncounted)
                        uncounted = []
                    yield outcome
        except Exception as exc:  # noqa: BLE001 - a broken file is one counted drop, not a crash
            doc = Document(
                f"{name}#file",
                self._source,
                "",
                {"source_file": name, "detail": f"{type(exc).__name__}: {exc}"[:500]},
            )
            self._counters.entered(self._stage)
            yield self.drop(Rejection(doc, self._stage, "unreadable_file"))
        self._count_kept(uncounted)

    def _count_kept(self, docs: list[Document]) -> None:
        self._counters.entered(self._stage, len(docs))
        self._counters.kept(self._stage, docs)


def build(pipeline: beam.Pipeline, run: SourceRun, num_shards: int) -> list[str]:
    """Add the source's graph to `pipeline`; returns the stage names, in order, for the stats."""
    module = run.module
    source = run.source
    reader_config = {**run.config, "input_root": common_root(run.input_paths)}  # for unique ids
    read = (
        pipeline
        | "Input files" >> beam.Create(run.input_paths)
        | "Spread files" >> beam.Reshuffle()
        | "Read"
        >> beam.ParDo(
            ReadDocuments(source, module.reader(reader_config), module.READ_STEP)
        ).with_outputs(REJECTED, main="kept")
    )
    docs = read.kept
    rejected = [read[REJECTED]]
    stage_names = [module.READ_STEP]
    pending_steps: list[Step] = []

    def flush_steps(docs):
        if not pending_steps:
            return docs
        label = "+".join(step.name for step in pending_steps)
        kept, dropped = apply_steps(docs, source, list(pending_steps), label)
        rejected.append(dropped)
        pending_steps.clear()
        return kept

    for stage in module.recipe(run.config, run.model_dir):
        if isinstance(stage, GlobalStage):
            stage_names.extend(stage.funnel_stages)
            docs = flush_steps(docs)
            params = dict(stage.params)
            if stage.name in PARKING_STAGES:
                params["park_dir"] = FileSystems.join(run.park_dir, stage.name)
            result = docs | stage.name >> GLOBAL_STAGES[stage.name](source, **params)
            docs = result.kept
            rejected.append(result[REJECTED])
        else:
            stage_names.append(stage.name)
            pending_steps.append(stage)
    docs = flush_steps(docs)

    schema = module.COLUMNS
    docs | "Write clean" >> WriteParquetShards(
        run.clean_dir,
        schema,
        num_shards,
        columns=document_columns,
        counter=(namespace(source), OUTPUT_ROWS),
    )
    write_drop_examples(rejected, run.examples_path)
    if run.keep_rejected:
        (
            rejected
            | "All rejected" >> beam.Flatten()
            | "Rejected rows" >> beam.Map(rejection_row)
            | "Write rejected" >> WriteParquetShards(run.rejected_dir, REJECTED_COLUMNS, num_shards)
        )
    return stage_names


def describe_steps(run: SourceRun) -> dict[str, dict[str, Any]]:
    """What each step of the recipe says of itself for the stats (models, figures, warnings)."""
    steps = module_steps(run)
    return {step.name: described for step in steps if (described := step.describe())}


def module_steps(run: SourceRun) -> list[Step]:
    """The per-document steps of the source's recipe, in order."""
    return [s for s in run.module.recipe(run.config, run.model_dir) if isinstance(s, Step)]


def run_source(run: SourceRun, num_shards: int, options, runner=None) -> dict[str, Any]:
    """Run the source's pipeline to completion; write and return its checked stats."""
    pipeline = beam.Pipeline(runner=runner, options=options)
    stage_names = build(pipeline, run, num_shards)
    result = pipeline.run()
    result.wait_until_finish()
    if options.view_as(TestOptions).dry_run:
        runner_name = options.view_as(StandardOptions).runner
        print(
            f"{run.source}: dry run, the pipeline was translated for {runner_name} and not "
            "submitted"
        )
        return {}
    examples = read_examples(run.examples_path)
    clear(run.park_dir)
    remove_if_empty(posixpath.dirname(run.park_dir))  # the other sources' runs may still use it
    totals = counter_totals(result, run.source)
    stats = build_stats(run.source, stage_names, totals)
    described = describe_steps(run)
    for stage in stats["stages"]:
        stage.update(described.get(stage["name"], {}))
    written = totals.get(OUTPUT_ROWS, 0)
    stats["rows_written"] = written
    stats["inputs"] = [file_name(path) for path in run.input_paths]
    stats["drop_examples"] = examples
    stats.update(run.report)
    if written != stats["documents_out"]:
        raise RuntimeError(f"{written} rows written but {stats['documents_out']} documents kept")
    write_atomically(run.stats_path, (json.dumps(stats, indent=2) + "\n").encode("utf-8"))
    print(format_summary(stats))
    return stats
