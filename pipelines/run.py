"""Command line: run one source's cleaning pipeline, or a stage, on any Beam runner.

    python -m pipelines.run --source commoncrawl [--input GLOB] [--output DIR] [beam options]
    python -m pipelines.run --stage quality-models [--input 'DIR/*.txt']
    python -m pipelines.run --stage wiki-classifier [--input 'CC/*.warc.wet.gz']
    python -m pipelines.run --all

Without --input a source reads the sample shipped with the project; without --output, ./out.
Unknown flags are Beam pipeline options (--runner, --direct_num_workers, Dataflow flags, ...).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from typing import Any

SOURCES = ("commoncrawl", "c4", "github", "wikipedia", "books", "arxiv", "stackexchange")
STAGES = ("quality-models", "wiki-classifier", "tokenizer", "mix")
# --all: the quality models and the reference classifier learn from cleaned Wikipedia;
# CommonCrawl is scored with them.
ALL_IN_ORDER = (
    "source:c4",
    "source:github",
    "source:stackexchange",
    "source:books",
    "source:arxiv",
    "source:wikipedia",
    "stage:quality-models",
    "stage:wiki-classifier",
    "source:commoncrawl",
    "stage:tokenizer",
    "stage:mix",
)


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.run", description=__doc__.split("\n\n")[0]
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--source", choices=SOURCES, help="clean one source")
    what.add_argument("--stage", choices=STAGES, help="run one stage")
    what.add_argument("--all", action="store_true", help="every stage in dependency order")
    parser.add_argument(
        "--input",
        action="append",
        metavar="GLOB",
        help="input files (repeatable); default: the source's shipped sample",
    )
    parser.add_argument("--output", default="out", help="output directory (default ./out)")
    parser.add_argument("--models", help="model directory (default OUTPUT/models)")
    parser.add_argument("--config", help="recipe file (default: the project's mixture.yaml)")
    parser.add_argument(
        "--keep-rejected",
        action="store_true",
        help="also write every dropped document with its step and reason",
    )
    parser.add_argument("--num-shards", type=int, help="output shards (default from config)")
    parser.add_argument(
        "--wiki-references",
        action="append",
        metavar="GLOB",
        help="WET/WARC files of fetched pages Wikipedia cites: extra positives for the "
        "Wikipedia-reference classifier",
    )
    parser.add_argument(
        "--cutoff-sample",
        action="append",
        metavar="GLOB",
        help="CommonCrawl WET/WARC files whose pages set a trained quality LM's perplexity "
        "cut-offs (default: the commoncrawl input)",
    )
    parser.add_argument(
        "--extractor",
        choices=("trafilatura", "resiliparse"),
        help="HTML extractor for WARC input (commoncrawl)",
    )
    return parser.parse_known_args(argv)


def _model_dir(args: argparse.Namespace) -> str:
    return args.models or os.path.join(args.output, "models")


def _patterns(name: str, args: argparse.Namespace, config: dict[str, Any], own_input: bool):
    """A source's input globs: --input when the command is about this source, else its sample."""
    from pipelines.config import project_path

    if own_input and args.input:
        return args.input
    return [project_path(config["sources"][name]["input"])]


def run_source(
    name: str,
    args: argparse.Namespace,
    config: dict[str, Any],
    beam_args: list[str],
    own_input: bool = True,
) -> None:
    """Clean one source; CommonCrawl first gets the models it is scored with."""
    from pipelines.source_pipeline import SourceRun, match_inputs
    from pipelines.source_pipeline import run_source as execute

    source_config = dict(config["sources"][name])
    if args.extractor:
        source_config["extractor"] = args.extractor
    patterns = _patterns(name, args, config, own_input)
    report = {}
    if name == "commoncrawl":
        report = ensure_commoncrawl_models(args, config, beam_args)
        report["lid_groups"] = source_config["lid_groups"]
    options, runner = _beam(beam_args)
    run = SourceRun(
        module=importlib.import_module(f"corpora.{name}"),
        config=source_config,
        input_paths=match_inputs(patterns),
        output_dir=args.output,
        model_dir=_model_dir(args),
        keep_rejected=args.keep_rejected,
        report=report,
    )
    started = time.monotonic()
    if not execute(run, args.num_shards or source_config["num_shards"], options, runner):
        return  # a dry run: nothing was written
    print(f"{name}: done in {time.monotonic() - started:.1f}s")
    print(f"  clean documents: {run.clean_dir}/")
    if run.keep_rejected:
        print(f"  rejected documents: {run.rejected_dir}/")
    print(f"  stats: {run.stats_path}")


def _beam(beam_args: list[str]):
    from apache_beam.options.pipeline_options import PipelineOptions

    from pipelines.local_runner import resolve_runner

    options = PipelineOptions(beam_args)
    return options, resolve_runner(options)


def ensure_commoncrawl_models(
    args: argparse.Namespace, config: dict[str, Any], beam_args: list[str]
) -> dict[str, Any]:
    """Build what a CommonCrawl run is scored with and has not got yet, in dependency order:
    the Wikipedia output, the quality LMs, the Wikipedia-reference classifier (from the
    CommonCrawl input mixture.yaml names, whatever this run reads: `--stage wiki-classifier
    --input` trains it on other pages). Returns the models' reports for the run's stats."""
    from filters.perplexity import LMFiles
    from pipelines.quality_models import ensure_quality_models
    from pipelines.wiki_classifier import model_path, train_wiki_classifier

    model_dir = _model_dir(args)
    languages = config["sources"]["commoncrawl"]["languages"]
    wikipedia_done = os.path.exists(os.path.join(args.output, "stats", "wikipedia.json"))
    needs_wikipedia = not model_path(model_dir).exists() or not all(
        LMFiles.under(os.path.join(model_dir, "lm"), lang).exist() for lang in languages
    )
    if needs_wikipedia and not wikipedia_done:
        print("no Wikipedia output yet: cleaning the configured Wikipedia input first")
        run_source("wikipedia", args, config, beam_args, own_input=False)
    cutoff_sample = args.cutoff_sample or _patterns("commoncrawl", args, config, own_input=True)
    ensure_quality_models(config, args.output, model_dir, languages, cutoff_sample)
    if not model_path(model_dir).exists():
        training_input = _patterns("commoncrawl", args, config, own_input=False)
        print(f"no Wikipedia-reference classifier yet: training it on {training_input}")
        options, runner = _beam(beam_args)
        train_wiki_classifier(
            config, args.output, model_dir, training_input, options, runner, args.wiki_references
        )
    classifier = json.loads(model_path(model_dir).with_suffix(".json").read_text())
    lms = {
        lang: LMFiles.under(os.path.join(model_dir, "lm"), lang).read_info() for lang in languages
    }
    return {"models": {"wiki_classifier": classifier, "quality_lm": lms}}


def run_stage(
    name: str,
    args: argparse.Namespace,
    config: dict[str, Any],
    beam_args: list[str],
    own_input: bool = True,
) -> None:
    from pipelines.quality_models import (
        default_references,
        reference_documents,
        train_quality_models,
    )
    from pipelines.wiki_classifier import train_wiki_classifier

    model_dir = _model_dir(args)
    if name in ("tokenizer", "mix"):
        from pipelines.mix import run_mix_stage
        from pipelines.tokens import run_tokenizer_stage

        options, runner = _beam(beam_args)
        if name == "tokenizer":
            run_tokenizer_stage(config, args.output, model_dir, options, runner)
        else:
            run_mix_stage(config, args.output, model_dir, options, runner, args.num_shards)
        return
    if name == "wiki-classifier":
        options, runner = _beam(beam_args)
        train_wiki_classifier(
            config,
            args.output,
            model_dir,
            _patterns("commoncrawl", args, config, own_input),
            options,
            runner,
            args.wiki_references,
        )
        return
    if own_input and args.input:
        documents = reference_documents(args.input)
        if not documents:
            raise SystemExit(f"no reference text matches {args.input}")
    else:
        documents = default_references(config, args.output)
    trained = train_quality_models(config, model_dir, documents, cutoff_sample=args.cutoff_sample)
    print(f"quality-models: {len(trained)} language(s) -> {os.path.join(model_dir, 'lm')}/")


def main(argv: list[str] | None = None) -> int:
    args, beam_args = parse_args(sys.argv[1:] if argv is None else argv)
    from pipelines.config import DEFAULT_CONFIG, load_config

    config = load_config(args.config or DEFAULT_CONFIG)
    if args.stage:
        run_stage(args.stage, args, config, beam_args)
    elif args.source:
        run_source(args.source, args, config, beam_args)
    else:
        if args.input:
            raise SystemExit("--all runs every source on its configured input; drop --input")
        for step in ALL_IN_ORDER:
            kind, name = step.split(":")
            run = run_source if kind == "source" else run_stage
            run(name, args, config, beam_args, own_input=False)
    if "://" not in args.output and os.path.isdir(os.path.join(args.output, "stats")):
        from pipelines.report import write_report

        print(f"report: {write_report(args.output)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except FileNotFoundError as missing:  # an input or model that is not there: say so, briefly
        sys.exit(f"error: {missing}")
