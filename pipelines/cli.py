"""The command line's arguments: ours, and Beam's pipeline options, and nothing else.

Beam's own parser keeps any flag it does not know as an "unparseable" option with a warning and
carries on; a misspelled flag of ours would then be ignored. Here every argument is either one
of ours or one Beam declares; anything else is a usage error, with the closest flag named.
"""

from __future__ import annotations

import argparse
import difflib
from functools import cache

SOURCES = ("commoncrawl", "c4", "github", "wikipedia", "books", "arxiv", "stackexchange")
STAGES = ("quality-models", "wiki-classifier", "tokenizer", "mix")
# stages that read --input, and what it means for them
STAGE_INPUTS = {
    "quality-models": "reference text (<language>.txt or Parquet)",
    "wiki-classifier": "CommonCrawl WET/WARC pages",
}


class UsageError(Exception):
    """The command line cannot be run as given; the message says what to change."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print its usage and exit
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m pipelines.run",
        allow_abbrev=False,
        add_help=True,
        description="Clean one source, run one stage, or run the whole recipe.",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--source", choices=SOURCES, help="clean one source")
    what.add_argument("--stage", choices=STAGES, help="run one stage")
    what.add_argument("--all", action="store_true", help="every source and stage in order")
    parser.add_argument(
        "--input",
        action="extend",
        nargs="+",
        metavar="PATH_OR_GLOB",
        help="input files or globs (several, repeatable; default: the source's shipped sample)",
    )
    parser.add_argument("--output", default="out", help="output folder (default ./out)")
    parser.add_argument("--models", help="model folder (default OUTPUT/models)")
    parser.add_argument("--config", help="recipe file (default: the project's mixture.yaml)")
    parser.add_argument(
        "--keep-rejected",
        action="store_true",
        help="also write every dropped document with its step and reason",
    )
    parser.add_argument("--num-shards", type=_positive, help="output shards (default: config)")
    parser.add_argument(
        "--limit",
        type=_positive,
        metavar="N",
        help="read only the first N documents of each input file",
    )
    parser.add_argument(
        "--wiki-references",
        action="extend",
        nargs="+",
        metavar="PATH_OR_GLOB",
        help="WET/WARC files of fetched pages Wikipedia cites: extra positives "
        "for the Wikipedia-reference classifier",
    )
    parser.add_argument(
        "--cutoff-sample",
        action="extend",
        nargs="+",
        metavar="PATH_OR_GLOB",
        help="CommonCrawl WET/WARC files whose pages set a newly trained quality "
        "LM's perplexity cut-offs (default: the commoncrawl input)",
    )
    parser.add_argument(
        "--extractor",
        choices=("trafilatura", "resiliparse"),
        help="HTML extractor for WARC input (commoncrawl)",
    )
    parser.add_argument(
        "--allow-partial-mixture",
        action="store_true",
        help="mix even when a source has no tokens or too few for its share "
        "(the manifest and report say by how much)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="redo every source and stage, even those finished and unchanged",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress display")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


@cache
def _beam_parser() -> argparse.ArgumentParser:
    """A parser that knows every Beam pipeline option, as Beam's own get_all_options builds it."""
    from apache_beam.options.pipeline_options import PipelineOptions, _BeamArgumentParser

    class Parser(_BeamArgumentParser):
        def error(self, message: str):
            raise UsageError(f"Beam option: {message}")

    parser = Parser(allow_abbrev=False)
    seen = {}
    for cls in PipelineOptions.__subclasses__():
        seen.setdefault(str(cls), cls)
    for cls in seen.values():
        cls._add_argparse_args(parser)  # noqa: SLF001 - the way Beam itself collects them
    return parser


def _flags(parser: argparse.ArgumentParser) -> list[str]:
    return [flag for flag in parser._option_string_actions if flag.startswith("--")]  # noqa: SLF001


def parse_command_line(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our arguments and the Beam options; raises UsageError for anything else or any
    combination that cannot run."""
    args, rest = _parser().parse_known_args(argv)
    _, unknown = _beam_parser().parse_known_args(rest)
    if unknown:
        raise UsageError(_unknown(unknown[0]))
    if args.all and args.input:
        raise UsageError("--all runs every source on its configured input; drop --input")
    if args.stage and args.input and args.stage not in STAGE_INPUTS:
        raise UsageError(f"--stage {args.stage} reads no --input (it works on the output folder)")
    return args, rest


def _unknown(token: str) -> str:
    if not token.startswith("-"):
        return (
            f"unexpected argument {token!r}: give each input after --input (a glob in "
            "quotes, or files), and Beam options as --name=value"
        )
    name = token.split("=", 1)[0]
    ours, beams = _flags(_parser()), _flags(_beam_parser())
    close = difflib.get_close_matches(name, ours, n=1) or difflib.get_close_matches(
        name, beams, n=1
    )
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"unknown option {name}{hint}: neither ours (see --help) nor a Beam pipeline option"
