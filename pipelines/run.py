"""Command line: run one source's cleaning pipeline, or a stage, on any Beam runner.

    python -m pipelines.run --source commoncrawl [--input GLOB] [--output DIR] [beam options]
    python -m pipelines.run --stage quality-models [--input 'DIR/*.txt']
    python -m pipelines.run --all

Without --input a source reads the sample shipped with the project; without --output, ./out.
Unknown flags are Beam pipeline options (--runner, --direct_num_workers, Dataflow flags, ...).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from typing import Any

SOURCES = ("commoncrawl", "c4", "github", "wikipedia", "books", "arxiv", "stackexchange")
IMPLEMENTED_SOURCES = ("commoncrawl",)
STAGES = ("quality-models", "tokenizer", "mix")
IMPLEMENTED_STAGES = ("quality-models",)


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
        "--extractor",
        choices=("trafilatura", "resiliparse"),
        help="HTML extractor for WARC input (commoncrawl)",
    )
    return parser.parse_known_args(argv)


def run_source(name: str, args: argparse.Namespace, config: dict[str, Any], beam_args: list[str]):
    from apache_beam.options.pipeline_options import PipelineOptions

    from pipelines.config import project_path
    from pipelines.local_runner import resolve_runner
    from pipelines.quality_models import ensure_quality_models
    from pipelines.source_pipeline import SourceRun, match_inputs
    from pipelines.source_pipeline import run_source as execute

    if name not in IMPLEMENTED_SOURCES:
        raise SystemExit(
            f"source {name!r} is not implemented yet (available: {', '.join(IMPLEMENTED_SOURCES)})"
        )
    module = importlib.import_module(f"corpora.{name}")
    source_config = dict(config["sources"][name])
    if args.extractor:
        source_config["extractor"] = args.extractor
    model_dir = args.models or os.path.join(args.output, "models")
    if name == "commoncrawl":
        ensure_quality_models(config, model_dir, source_config["languages"])
    patterns = args.input or [project_path(source_config["input"])]
    run = SourceRun(
        module=module,
        config=source_config,
        input_paths=match_inputs(patterns),
        output_dir=args.output,
        model_dir=model_dir,
        keep_rejected=args.keep_rejected,
    )
    options = PipelineOptions(beam_args)
    started = time.monotonic()
    execute(run, args.num_shards or source_config["num_shards"], options, resolve_runner(options))
    print(f"{name}: done in {time.monotonic() - started:.1f}s")
    print(f"  clean documents: {run.clean_dir}/")
    if run.keep_rejected:
        print(f"  rejected documents: {run.rejected_dir}/")
    print(f"  stats: {run.stats_path}")


def run_stage(name: str, args: argparse.Namespace, config: dict[str, Any]) -> None:
    from pipelines.quality_models import train_quality_models

    if name not in IMPLEMENTED_STAGES:
        raise SystemExit(
            f"stage {name!r} is not implemented yet (available: {', '.join(IMPLEMENTED_STAGES)})"
        )
    model_dir = args.models or os.path.join(args.output, "models")
    trained = train_quality_models(config, model_dir, inputs=args.input)
    print(f"quality-models: {len(trained)} language(s) -> {os.path.join(model_dir, 'lm')}/")


def main(argv: list[str] | None = None) -> int:
    args, beam_args = parse_args(sys.argv[1:] if argv is None else argv)
    from pipelines.config import DEFAULT_CONFIG, load_config

    config = load_config(args.config or DEFAULT_CONFIG)
    if args.stage:
        run_stage(args.stage, args, config)
    elif args.source:
        run_source(args.source, args, config, beam_args)
    else:
        if args.input:
            raise SystemExit("--all runs every source on its configured input; drop --input")
        run_stage("quality-models", args, config)
        for name in IMPLEMENTED_SOURCES:
            run_source(name, args, config, beam_args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
