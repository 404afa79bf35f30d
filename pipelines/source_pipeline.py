"""One source's cleaning pipeline: read -> recipe (steps and global stages) -> write, with every
document accounted for."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import StandardOptions, TestOptions

from corpora.compression import file_name
from corpora.input_paths import common_root
from corpora.schema import OUTPUT_SCHEMA
from corpora.settings import SourceSettings
from filters.step import GlobalStage, Step
from pipelines.accounting import (
    build_stats,
    counter_totals,
    format_summary,
    namespace,
)
from pipelines.drop_examples import read_examples, write_drop_examples
from pipelines.files import match_metadata, remove_if_empty, write_atomically
from pipelines.keyed_dedup import ExactDedup, UrlDedup
from pipelines.line_dedup import LineDedup
from pipelines.local_runner import LocalRunner
from pipelines.near_dedup import NearDedup
from pipelines.park import clear
from pipelines.progress import Display
from pipelines.read_files import InputFile, ReadInputs
from pipelines.stackexchange_stages import Threads
from pipelines.steps import REJECTED, apply_steps
from pipelines.write import (
    REJECTED_COLUMNS,
    Sharding,
    WriteParquetShards,
    document_columns,
    rejection_row,
)

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
    "threads",
    "near_dedup",
}  # global stages that park documents in files while deciding
OUTPUT_ROWS = "output|rows"


@dataclass(frozen=True)
class SourceRun:
    """What to run: a source module from corpora/, its settings, inputs and outputs."""

    module: ModuleType
    settings: SourceSettings
    input_files: list[InputFile]
    output_dir: str
    model_dir: str
    keep_rejected: bool = False
    limit: int | None = None  # records read per input file, for a quick trial
    sharding: Sharding = field(default_factory=lambda: Sharding(num_shards=1))
    split_bytes: int = 64 * 1024 * 1024  # a larger file is read in byte ranges where it can be
    report: dict[str, Any] = field(default_factory=dict)  # added to the stats (model reports)

    @property
    def source(self) -> str:
        return self.module.SOURCE

    @property
    def input_paths(self) -> list[str]:
        return [file.path for file in self.input_files]

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
    return [file.path for file in match_input_files(patterns)]


def match_input_files(patterns: list[str]) -> list[InputFile]:
    """Every file matching the globs with its size, sorted by path; fails loudly when a
    pattern matches nothing. The only time the inputs are listed: later steps use these sizes
    (on a local disk, Beam's match of each single path is a glob of its own)."""
    files: dict[str, int] = {}
    for pattern in patterns:
        matched = match_metadata([pattern])
        if not matched:
            raise FileNotFoundError(f"no input file matches {pattern!r}")
        files.update((m.path, m.size_in_bytes) for m in matched)
    return [InputFile(path, files[path]) for path in sorted(files)]


def build(pipeline: beam.Pipeline, run: SourceRun) -> list[str]:
    """Add the source's graph to `pipeline`; returns the stage names, in order, for the stats."""
    module = run.module
    source = run.source
    range_reader = getattr(module, "range_reader", None)
    input_root = common_root(run.input_paths)
    read = (
        pipeline
        | "Input files" >> beam.Create(run.input_files)
        | "Spread files" >> beam.Reshuffle()
        | "Read"
        >> ReadInputs(
            source,
            module.reader(run.settings, input_root),
            module.READ_STEP,
            run.limit,
            range_reader(run.settings, input_root) if range_reader else None,
            run.split_bytes,
            FileSystems.join(run.park_dir, "unpacked"),
        )
    )
    docs = read["kept"]
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

    for stage in module.recipe(run.settings, run.model_dir):
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

    docs | "Write clean" >> WriteParquetShards(
        run.clean_dir,
        OUTPUT_SCHEMA,
        columns=document_columns,
        counter=(namespace(source), OUTPUT_ROWS),
        sharding=run.sharding,
    )
    write_drop_examples(rejected, run.examples_path)
    if run.keep_rejected:
        (
            rejected
            | "All rejected" >> beam.Flatten()
            | "Rejected rows" >> beam.Map(rejection_row)
            | "Write rejected"
            >> WriteParquetShards(run.rejected_dir, REJECTED_COLUMNS, sharding=run.sharding)
        )
    return stage_names


def describe_steps(run: SourceRun) -> dict[str, dict[str, Any]]:
    """What each step of the recipe says of itself for the stats (models, figures, warnings)."""
    steps = module_steps(run)
    return {step.name: described for step in steps if (described := step.describe())}


def module_steps(run: SourceRun) -> list[Step]:
    """The per-document steps of the source's recipe, in order."""
    return [s for s in run.module.recipe(run.settings, run.model_dir) if isinstance(s, Step)]


def run_source(run: SourceRun, options, runner=None, quiet: bool = False) -> dict[str, Any] | None:
    """Run the source's pipeline to completion; write and return its checked stats. A dry run
    builds (and, on a remote runner, translates) the pipeline and returns None."""
    pipeline = beam.Pipeline(runner=runner, options=options)
    stage_names = build(pipeline, run)
    if options.view_as(TestOptions).dry_run:
        return _dry_run(pipeline, run, runner, options)
    clear_outputs(run.output_dir, run.source)  # what an earlier or interrupted run left
    total = sum(file.size for file in run.input_files)
    with Display(run.source, stage_names, total, quiet):
        result = pipeline.run()
        result.wait_until_finish()
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


def _dry_run(pipeline: beam.Pipeline, run: SourceRun, runner, options) -> None:
    """On the local runner: the graph is built and checked, nothing runs or is written. On a
    remote runner: the pipeline is translated (Dataflow's --dry_run) and not submitted."""
    if isinstance(runner, LocalRunner):
        transforms = len(pipeline.to_runner_api().components.transforms)
        print(f"{run.source}: dry run: the pipeline ({transforms} transforms) was built and "
              "checked; nothing was run or written")  # fmt: skip
        return None
    pipeline.run().wait_until_finish()
    runner_name = options.view_as(StandardOptions).runner
    print(f"{run.source}: dry run: the pipeline was translated for {runner_name} and not submitted")
    return None


def clear_outputs(output_dir: str, source: str) -> None:
    """Remove a source's cleaned and rejected documents, parked files and stats."""
    for sub in ("clean", "rejected", "tmp"):
        clear(FileSystems.join(output_dir, sub, source))
    remove_if_empty(FileSystems.join(output_dir, "tmp"))
    stats = FileSystems.join(output_dir, "stats", f"{source}.json")
    if FileSystems.exists(stats):
        FileSystems.delete([stats])
