"""Command line: clean one source, run a stage, or the whole recipe, on any Beam runner.

    python -m pipelines.run --source commoncrawl [--input PATH...] [--output DIR] [beam options]
    python -m pipelines.run --stage quality-models [--input 'DIR/*.txt']
    python -m pipelines.run --stage wiki-classifier [--input 'CC/*.warc.wet.gz']
    python -m pipelines.run --all

Without --input a source reads the sample shipped with the project; without --output, ./out.
Other flags must be Beam pipeline options (--runner, --direct_num_workers, Dataflow flags, ...).
Everything that can be checked is checked before any work: the arguments, the recipe, the
inputs, the output folder and the models. A source or stage finished with the same inputs,
settings and code is skipped (`--force` redoes it). Ctrl-C or SIGTERM stops with one line.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filters.mixture import MixtureError
from pipelines.cli import SOURCES, UsageError, parse_command_line
from pipelines.config import ConfigError, Recipe, load_config, project_path

EXIT_USAGE, EXIT_FAILED = 2, 1
EXIT_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143}
_RECEIVED: list[int] = []  # the signals this process was sent, in order
SAMPLES = str(Path(project_path("corpora")) / "samples")


class Interrupted(BaseException):
    """The run was stopped by a signal (SIGINT, SIGTERM); like KeyboardInterrupt, no
    `except Exception` on the way (ours, Beam's) can take it for a failure and go on."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@dataclass
class Task:
    """One source or stage of a command: how to run it, what decides its output, and whether
    that output is there."""

    name: str
    run: Callable[[], None]
    parts: Callable[[], dict[str, Any]]
    done: Callable[[], bool]
    abandon: Callable[[], None] = lambda: None  # remove what a stopped run left


class Command:
    """A parsed command line with its recipe: plans the tasks, checks them, runs them."""

    def __init__(self, args: argparse.Namespace, beam_args: list[str], recipe: Recipe) -> None:
        from apache_beam.options.pipeline_options import PipelineOptions, TestOptions

        self.args = args
        self.beam_args = beam_args
        self.recipe = recipe
        self.output = args.output
        self.model_dir = args.models or os.path.join(args.output, "models")
        self.dry_run = PipelineOptions(beam_args).view_as(TestOptions).dry_run
        self._state = None

    @property
    def state(self):
        if self._state is None:
            from pipelines.state import State

            self._state = State(self.output)
        return self._state

    # ------------------------------------------------------------------ planning

    def plan(self) -> list[Task]:
        """The tasks of the command, in dependency order."""
        args = self.args
        if args.all:
            names = [
                f"source:{s}"
                for s in ("c4", "github", "stackexchange", "books", "arxiv", "wikipedia")
            ]
            names.append("stage:quality-models")
            if self.recipe.sources.commoncrawl.classifies:
                names.append("stage:wiki-classifier")
            names += ["source:commoncrawl", "stage:tokenizer", "stage:mix"]
            return [self.task(name, own_input=False) for name in names]
        if args.stage:
            return [self.task(f"stage:{args.stage}")]
        tasks = []
        if args.source == "commoncrawl" and not self.dry_run:
            tasks += self.missing_model_tasks()
        return [*tasks, self.task(f"source:{args.source}")]

    def missing_model_tasks(self) -> list[Task]:
        """What CommonCrawl is scored with and is not there yet, in order: the Wikipedia output,
        the quality LMs, the Wikipedia-reference classifier. Models already there are used as
        they are (our own, or cc_net's given with --models)."""
        from filters.perplexity import LMFiles
        from pipelines.wiki_classifier import model_path

        languages = self.recipe.sources.commoncrawl.languages
        lm_dir = os.path.join(self.model_dir, "lm")
        lms_missing = not all(LMFiles.under(lm_dir, lang).exist() for lang in languages)
        classifier_missing = self.recipe.sources.commoncrawl.classifies and not _exists(
            model_path(self.model_dir)
        )
        tasks = []
        if lms_missing or classifier_missing:
            tasks.append(self.task("source:wikipedia", own_input=False))
        if lms_missing:
            tasks.append(self.task("stage:quality-models", own_input=False))
        if classifier_missing:
            tasks.append(self.task("stage:wiki-classifier", own_input=False))
        return tasks

    def task(self, name: str, own_input: bool = True) -> Task:
        kind, what = name.split(":")
        if kind == "source":
            return self.source_task(what, own_input)
        return getattr(self, f"{what.replace('-', '_')}_task")(own_input)

    def patterns(self, source: str, own_input: bool) -> list[str]:
        """A source's input globs: --input when the command is about this source, else the
        recipe's input for it (the shipped sample by default)."""
        if own_input and self.args.input:
            return list(self.args.input)
        return [project_path(p) for p in self.recipe.source(source).inputs]

    def source_task(self, source: str, own_input: bool) -> Task:
        from pipelines.source_pipeline import (
            SourceRun,
            clear_outputs,
            match_input_files,
            run_source,
        )
        from pipelines.state import files_state
        from pipelines.write import Sharding

        settings = self.recipe.source(source)
        if source == "commoncrawl" and self.args.extractor:
            settings = settings.model_copy(update={"extractor": self.args.extractor})
        patterns = self.patterns(source, own_input)
        module = importlib.import_module(f"corpora.{source}")
        sharding = (
            Sharding(num_shards=self.args.num_shards)
            if self.args.num_shards
            else (Sharding(shard_bytes=self.recipe.output.shard_bytes))
        )
        options = {
            "keep_rejected": self.args.keep_rejected,
            "sharding": [sharding.num_shards, sharding.shard_bytes],
            "limit": self.args.limit,
        }

        def make_run() -> SourceRun:
            report = self.commoncrawl_report(settings) if source == "commoncrawl" else {}
            return SourceRun(
                module=module,
                settings=settings,
                input_files=match_input_files(patterns),
                output_dir=self.output,
                model_dir=self.model_dir,
                keep_rejected=self.args.keep_rejected,
                limit=self.args.limit,
                sharding=sharding,
                split_bytes=self.recipe.input.split_bytes,
                report=report,
            )

        def run() -> None:
            started = time.monotonic()
            source_run = make_run()
            beam_options, runner = self.beam()
            if run_source(source_run, beam_options, runner, self.args.quiet) is None:
                return  # a dry run
            print(f"{source}: done in {time.monotonic() - started:.1f}s")
            print(f"  clean documents: {source_run.clean_dir}/")
            if source_run.keep_rejected:
                print(f"  rejected documents: {source_run.rejected_dir}/")
            print(f"  stats: {source_run.stats_path}")

        def parts() -> dict[str, Any]:
            found = {
                "settings": settings.model_dump(),
                "inputs": files_state(patterns),
                "options": options,
            }
            if source == "commoncrawl":
                models = [os.path.join(self.model_dir, "lm", "*")]
                if settings.classifies:
                    models.append(os.path.join(self.model_dir, "wiki_classifier.*"))
                found["models"] = files_state(models)
            return found

        return Task(
            name=f"source:{source}",
            run=run,
            parts=parts,
            done=lambda: _exists(os.path.join(self.output, "stats", f"{source}.json")),
            abandon=lambda: clear_outputs(self.output, source),
        )

    def commoncrawl_report(self, settings) -> dict[str, Any]:
        """The models CommonCrawl is scored with, for its stats."""
        from filters.perplexity import LMFiles
        from filters.wiki_classifier import read_report
        from pipelines.wiki_classifier import model_path

        lm_dir = os.path.join(self.model_dir, "lm")
        models = {"quality_lm": {lang: LMFiles.under(lm_dir, lang).read_info()
                                 for lang in settings.languages}}  # fmt: skip
        if settings.classifies:
            models["wiki_classifier"] = read_report(model_path(self.model_dir))
        return {"models": models, "lid_groups": settings.lid_groups}

    def quality_models_task(self, own_input: bool) -> Task:
        from pipelines.quality_models import (
            default_references,
            reference_documents,
            reference_patterns,
            train_quality_models,
        )
        from pipelines.state import files_state

        user_text = list(self.args.input) if own_input and self.args.input else None
        cutoff_sample = self.args.cutoff_sample or (
            self.patterns("commoncrawl", own_input=self.args.source == "commoncrawl")
        )

        def run() -> None:
            if user_text:
                documents = reference_documents(user_text)
                if not documents:
                    raise UsageError(f"no reference text in {user_text}")
            else:
                documents = default_references(self.recipe, self.output)
            trained = train_quality_models(
                self.recipe, self.model_dir, documents, cutoff_sample=cutoff_sample
            )
            print(
                f"quality-models: {len(trained)} language(s) -> "
                f"{os.path.join(self.model_dir, 'lm')}/"
            )

        def parts() -> dict[str, Any]:
            references = user_text or reference_patterns(self.recipe, self.output)
            return {
                "settings": self.recipe.quality_models.model_dump(),
                "commoncrawl": self.recipe.sources.commoncrawl.model_dump(),
                "references": files_state(references),
                "cutoff_sample": files_state(cutoff_sample),
            }

        return Task(
            "stage:quality-models",
            run,
            parts,
            done=lambda: _any(os.path.join(self.model_dir, "lm", "*.json")),
        )

    def wiki_classifier_task(self, own_input: bool) -> Task:
        from pipelines.state import files_state
        from pipelines.wiki_classifier import model_path, train_wiki_classifier

        pages = self.patterns("commoncrawl", own_input and self.args.stage is not None)
        fetched = self.args.wiki_references or []
        wikipedia = os.path.join(self.output, "clean", "wikipedia", "*.parquet")

        def run() -> None:
            print(f"wiki-classifier: training on {pages}")
            beam_options, runner = self.beam()
            train_wiki_classifier(
                self.recipe,
                self.output,
                self.model_dir,
                pages,
                beam_options,
                runner,
                fetched or None,
            )

        def parts() -> dict[str, Any]:
            return {
                "settings": self.recipe.wiki_classifier.model_dump(),
                "seed": self.recipe.seed,
                "commoncrawl": self.recipe.sources.commoncrawl.model_dump(),
                "wikipedia": files_state([wikipedia]),
                "pages": files_state(pages),
                "fetched": files_state(fetched) if fetched else [],
            }

        return Task(
            "stage:wiki-classifier", run, parts, done=lambda: _exists(model_path(self.model_dir))
        )

    def tokenizer_task(self, own_input: bool) -> Task:
        from pipelines.state import files_state
        from pipelines.tokens import TOKENIZER_NAME, cleaned_sources, run_tokenizer_stage

        def run() -> None:
            beam_options, runner = self.beam()
            run_tokenizer_stage(self.recipe, self.output, self.model_dir, beam_options, runner)

        def parts() -> dict[str, Any]:
            cleaned = cleaned_sources(self.output, self.recipe)
            return {
                "settings": self.recipe.tokenizer.model_dump(),
                "given": files_state([given]) if (given := self.recipe.tokenizer.model) else [],
                "seed": self.recipe.seed,
                "shares": {s: self.recipe.source(s).share for s in self.recipe.source_names},
                "cleaned": files_state([p for paths in cleaned.values() for p in paths]),
            }

        return Task(
            "stage:tokenizer",
            run,
            parts,
            done=lambda: _exists(os.path.join(self.model_dir, TOKENIZER_NAME)),
        )

    def mix_task(self, own_input: bool) -> Task:
        from pipelines.mix import run_mix_stage
        from pipelines.state import files_state
        from pipelines.tokens import TOKENIZER_NAME

        allow_partial = self.args.allow_partial_mixture or (self.args.all and self.on_samples())
        if allow_partial and not self.args.allow_partial_mixture:
            print(
                "--all on the shipped samples mixes with --allow-partial-mixture: the samples "
                "are too small for every source to reach its Table 1 share; the manifest "
                "and the report say by how much"
            )

        def run() -> None:
            beam_options, runner = self.beam()
            run_mix_stage(
                self.recipe,
                self.output,
                self.model_dir,
                beam_options,
                runner,
                self.args.num_shards,
                allow_partial,
            )

        def parts() -> dict[str, Any]:
            encoded = os.path.join(self.output, "tokens", "encoded", "*", "*")
            return {
                "settings": self.recipe.mix.model_dump(),
                "seed": self.recipe.seed,
                "sources": {
                    s: self.recipe.source(s).model_dump(include={"share", "epochs"})
                    for s in self.recipe.source_names
                },
                "encoded": files_state([encoded]),
                "tokenizer": files_state([os.path.join(self.model_dir, TOKENIZER_NAME)]),
                "num_shards": self.args.num_shards,
                "allow_partial": allow_partial,
            }

        return Task(
            "stage:mix",
            run,
            parts,
            done=lambda: _exists(os.path.join(self.output, "tokens", "manifest.json")),
        )

    def on_samples(self) -> bool:
        """Whether every source reads the sample the project ships."""
        return all(
            project_path(p).startswith(SAMPLES)
            for s in SOURCES
            for p in self.recipe.source(s).inputs
        )

    def beam(self):
        from apache_beam.options.pipeline_options import PipelineOptions

        from pipelines.local_runner import resolve_runner

        options = PipelineOptions(self.beam_args)
        return options, resolve_runner(options)

    # ------------------------------------------------------------------ checking

    def check(self, tasks: list[Task]) -> None:
        """Everything that can fail before work, checked before work: the inputs each task
        reads, the output folder, the models and tools it needs."""
        from apache_beam.options.pipeline_options import PipelineOptions

        from pipelines.local_runner import runner_problem
        from pipelines.source_pipeline import match_inputs

        problem = runner_problem(PipelineOptions(self.beam_args))
        if problem:
            raise UsageError(problem)
        for task in tasks:
            kind, what = task.name.split(":")
            if kind == "source":
                own = not self.args.all and what == self.args.source
                match_inputs(self.patterns(what, own))
        if self.args.stage == "wiki-classifier" and self.args.input:
            match_inputs(list(self.args.input))
        if self.args.wiki_references:
            match_inputs(list(self.args.wiki_references))
        if self.args.cutoff_sample:
            match_inputs(list(self.args.cutoff_sample))
        if not self.dry_run:
            _check_writable(self.output)
        names = [task.name for task in tasks]
        if "source:commoncrawl" in names and "stage:quality-models" not in names:
            self.check_models()
        if "stage:quality-models" in names:
            from filters.lm_training import kenlm_tool

            kenlm_tool("lmplz")
            kenlm_tool("build_binary")

    def check_models(self) -> None:
        """lid.176 comes installed; the LMs and the classifier are trained when missing."""
        from filters.fasttext_util import installed_lid_model

        installed_lid_model()

    # ------------------------------------------------------------------ running

    def execute(self, task: Task) -> None:
        """Run a task unless it finished before with the same fingerprint (and --force is not
        given); record it when it finishes. A dry run only builds the pipelines."""
        from pipelines.state import fingerprint

        if self.dry_run:
            task.run()
            return
        parts = task.parts()
        digest = fingerprint(parts)
        if not self.args.force and task.done() and self.state.is_current(task.name, digest):
            print(f"{task.name}: skipped: unchanged since it last finished (--force to redo)")
            return
        self.state.forget(task.name)
        try:
            task.run()
        except BaseException:
            task.abandon()
            raise
        self.state.record(task.name, digest, parts)


def _file_system_options(beam_args: list[str]) -> None:
    """The file systems this process opens (config, inputs, outputs, models) take the command
    line's options, as the workers' do: --s3_endpoint_url and the keys, hdfs_host, ..."""
    from apache_beam.io.filesystems import FileSystems
    from apache_beam.options.pipeline_options import PipelineOptions

    FileSystems.set_options(PipelineOptions(beam_args))


def _exists(path: str) -> bool:
    from apache_beam.io.filesystems import FileSystems

    return FileSystems.exists(path)


def _any(pattern: str) -> bool:
    """Whether any file matches the glob, on any file system."""
    from pipelines.files import matching

    return bool(matching([pattern]))


def _check_writable(folder: str) -> None:
    """Make the output folder (local) and write and remove a probe file in it."""
    from apache_beam.io.filesystems import FileSystems

    probe = FileSystems.join(folder, f".write-probe-{uuid.uuid4().hex}")
    try:
        if FileSystems.get_scheme(folder) in (None, "file"):
            os.makedirs(folder, exist_ok=True)
        with FileSystems.create(probe) as handle:
            handle.write(b"probe")  # S3 completes no upload of zero parts
        FileSystems.delete([probe])
    except Exception as error:  # noqa: BLE001 - any file system's refusal, said in one line
        reason = getattr(error, "strerror", None) or str(error).splitlines()[0][:200]
        raise UsageError(f"cannot write to the output folder {folder}: {reason}") from None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (2: usage, 1: failure, 130/143: signal)."""
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    if not debug:  # Beam's warnings (and its workers', forwarded) are for --debug
        logging.getLogger("apache_beam").setLevel(logging.ERROR)
    _RECEIVED.clear()
    previous = {signum: signal.signal(signum, _raise_interrupted) for signum in EXIT_SIGNAL}
    previous_unraisable = sys.unraisablehook
    sys.unraisablehook = _without_interruptions(previous_unraisable)
    task_name = None
    try:
        args, beam_args = parse_command_line(argv)
        _file_system_options(beam_args)
        command = Command(args, beam_args, load_config(args.config or _default_config()))
        tasks = command.plan()
        command.check(tasks)
        for task in tasks:
            task_name = task.name
            command.execute(task)
            if _RECEIVED:  # raised where something caught even a BaseException
                raise Interrupted(_RECEIVED[-1])
        task_name = None
        if not command.dry_run:
            _write_report(args.output)
        return 0
    except Interrupted as stop:
        return _interrupted(stop.signum, task_name)
    except (UsageError, ConfigError) as error:
        if debug:
            raise
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except MixtureError as error:
        if debug:
            raise
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except FileNotFoundError as error:  # an input, model or tool that is not there
        if debug:
            raise
        print(f"error: {error.args[0] if error.args else error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:  # noqa: BLE001 - one line, the traceback with --debug
        if _RECEIVED and not debug:  # what the stopped workers made fail on the way out
            return _interrupted(_RECEIVED[-1], task_name)
        if debug:
            raise
        first = str(error).strip().splitlines()[0][:300] if str(error).strip() else ""
        print(
            f"error: {type(error).__name__}: {first} (run again with --debug for the traceback)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        sys.unraisablehook = previous_unraisable
        logging.disable(logging.NOTSET)


def _default_config() -> str:
    from pipelines.config import DEFAULT_CONFIG

    return str(DEFAULT_CONFIG)


def _raise_interrupted(signum, frame) -> None:
    """Stop the local runner's worker processes (a signal sent to this process alone does not
    reach them, and the runner would wait for them forever), then unwind."""
    _RECEIVED.append(signum)
    threading.excepthook = lambda args: None  # the runner's threads fail as workers stop
    logging.disable(logging.CRITICAL)  # and log it, with tracebacks: the one line says it all
    for child in _descendants(os.getpid()):
        with contextlib.suppress(OSError):
            os.kill(child, signal.SIGTERM)
    raise Interrupted(signum)


def _without_interruptions(hook: Callable[[Any], None]) -> Callable[[Any], None]:
    """`hook` for exceptions Python cannot raise on (in a weakref callback, a `__del__`),
    except our Interrupted: a signal that lands there is recorded in _RECEIVED and reported
    once the run unwinds, so its traceback is not printed on the way."""

    def report(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, Interrupted):
            hook(unraisable)

    return report


def _descendants(pid: int) -> list[int]:
    """The processes started by `pid`, and by those, from /proc (empty where there is none)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = entry.read_text().rsplit(")", 1)[1].split()
            parents[int(entry.parent.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def _interrupted(signum: int, task: str | None) -> int:
    where = f" during {task}; its partial output was removed" if task else ""
    name = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
    print(
        f"interrupted ({name}){where}; finished sources and stages are kept: run the same "
        "command again to go on",
        file=sys.stderr,
    )
    return EXIT_SIGNAL[signum]


def _write_report(output: str) -> None:
    """The run report and the output folder's dataset card (on any file system)."""
    from pipelines.dataset_card import write_dataset_card
    from pipelines.report import write_report

    if not _any(os.path.join(output, "stats", "*.json")):
        return
    print(f"report: {write_report(output)}")
    card = write_dataset_card(output)
    if card:
        print(f"dataset card: {card}")


if __name__ == "__main__":
    sys.exit(main())
