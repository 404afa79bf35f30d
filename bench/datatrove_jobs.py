"""datatrove's side of bench/peers.py: each job as a datatrove user writes it, a pipeline run by
LocalPipelineExecutor with one task per input file. Runs inside bench/work/datatrove-venv
(bench/setup_peers.sh), never imported by the project:

    bench/work/datatrove-venv/bin/python bench/datatrove_jobs.py filter IN_DIR OUT_DIR \
        --workers N --lid LID_MODEL --badwords WORDS.txt
    bench/work/datatrove-venv/bin/python bench/datatrove_jobs.py near_dedup IN_DIR OUT_DIR \
        --workers N
    bench/work/datatrove-venv/bin/python bench/datatrove_jobs.py tokenize IN_DIR OUT_DIR \
        --workers N --tokenizer tokenizer.json

Inputs are JSON lines (`*.json.gz`, a `text` and an `id` per line). Nothing is downloaded: the
lid.176 model and the bad-words list are handed in and put where datatrove looks for them.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.io import cached_assets_path, strip_protocol
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter


def _tasks(folder: str) -> int:
    return len(list(Path(folder).glob("*.json.gz")))


def _run(pipeline: list, tasks: int, workers: int, logs: str) -> None:
    LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=workers, logging_dir=logs).run()


def _place_badwords(words: str) -> None:
    """Our English bad-words list where C4BadWordsFilter would download its own."""
    from datatrove.pipeline.filters import c4_filters

    folder = cached_assets_path(
        library_name="datatrove", namespace="filters", subfolder="c4_badwords"
    )
    target = os.path.join(folder, strip_protocol(c4_filters._EN_BADWORDS_URL).replace("/", "_"))
    shutil.copyfile(words, target)
    Path(f"{target}.completed").touch()  # datatrove's mark of a finished download


def filter_job(args: argparse.Namespace) -> None:
    """English at 0.5 (lid.176), C4's quality rules and bad words, written back out."""
    from datatrove.pipeline.filters import C4BadWordsFilter, C4QualityFilter, LanguageFilter

    _place_badwords(args.badwords)
    language = LanguageFilter(languages=["en"], language_threshold=0.5)
    # the same lid.176 model file as ours, no download; set on the instance, which the
    # executor pickles to its workers (a class attribute would not travel)
    language.model.MODEL_URL = args.lid
    pipeline = [
        JsonlReader(args.input, glob_pattern="*.json.gz"),
        language,
        C4QualityFilter(),
        C4BadWordsFilter(),
        JsonlWriter(args.output),
    ]
    _run(pipeline, _tasks(args.input), args.workers, args.output + "-logs")


def near_dedup_job(args: argparse.Namespace) -> None:
    """MinHash with our LSH: word 5-grams, 32 bands of 4 hashes; its four stages in turn."""
    from datatrove.pipeline.dedup import (
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
        MinhashDedupSignature,
    )
    from datatrove.pipeline.dedup.minhash import MinhashConfig

    config = MinhashConfig(n_grams=5, num_buckets=32, hashes_per_bucket=4)
    work, tasks = args.output + "-work", _tasks(args.input)
    stages = [
        (
            [
                JsonlReader(args.input, glob_pattern="*.json.gz"),
                MinhashDedupSignature(output_folder=f"{work}/signatures", config=config),
            ],
            tasks,
        ),
        (
            [
                MinhashDedupBuckets(
                    input_folder=f"{work}/signatures",
                    output_folder=f"{work}/buckets",
                    config=config,
                )
            ],
            config.num_buckets,
        ),
        (
            [
                MinhashDedupCluster(
                    input_folder=f"{work}/buckets",
                    output_folder=f"{work}/remove_ids",
                    config=config,
                )
            ],
            1,
        ),
        (
            [
                JsonlReader(args.input, glob_pattern="*.json.gz"),
                MinhashDedupFilter(input_folder=f"{work}/remove_ids"),
                JsonlWriter(args.output),
            ],
            tasks,
        ),
    ]
    for number, (pipeline, stage_tasks) in enumerate(stages):
        _run(pipeline, stage_tasks, args.workers, f"{work}/logs-{number}")


def tokenize_job(args: argparse.Namespace) -> None:
    """DocumentTokenizer with the SentencePiece model (as a tokenizers JSON file)."""
    from datatrove.pipeline.tokens import DocumentTokenizer

    pipeline = [
        JsonlReader(args.input, glob_pattern="*.json.gz"),
        DocumentTokenizer(
            output_folder=args.output,
            tokenizer_name_or_path=args.tokenizer,
            eos_token="</s>",  # ours: each document's ids then EOS, no BOS
            local_working_dir=args.output + "-tmp",
            shuffle_documents=False,
        ),
    ]
    _run(pipeline, _tasks(args.input), args.workers, args.output + "-logs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("job", choices=("filter", "near_dedup", "tokenize"))
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--lid")
    parser.add_argument("--badwords")
    parser.add_argument("--tokenizer")
    args = parser.parse_args()
    {"filter": filter_job, "near_dedup": near_dedup_job, "tokenize": tokenize_job}[args.job](args)


if __name__ == "__main__":
    main()
