"""cc_net's side of bench/ccnet_agreement.py and bench/peers.py: Common Crawl WET files through
cc_net 1.0.0's own pipeline code, as its `mine.py` composes it, on this machine.

Runs inside bench/work/cc_net-venv (bench/setup_peers.sh), never imported by the project:

    bench/work/cc_net-venv/bin/python bench/ccnet_side.py --lid LID --lm-dir DIR \
        --cutoff CSV --output OUT.jsonl [--processes N] [--probe PROBE.jsonl] WET [WET ...]

As `mine.py`: the WET files parsed by `process_wet_file.parse_warc_file` (pages under
`--min-len` characters dropped there), a first pass of `dedup.HashesCollector` over every page,
then `dedup.DuplicatesRemover` with those hashes (a line found in two pages is removed from
both; a line repeated within one page is kept once), `split_by_lang.Classifier` (top label,
score >= 0.5), `perplexity.MultiSentencePiece` (normalised text) and `perplexity.DocLM` for the
languages with a model in `--lm-dir`, `perplexity.PerplexityBucket` with `--cutoff`, all run by
`jsonql.run_pipes` with `--processes` workers (`mine_num_processes`). Without `--languages`
(mine.py's `lang_whitelist`) every language above the threshold is kept, with bucket `all`
where there is no model.

`--probe` (agreement only; it costs a second fastText call per page) also writes, for every page
that dedup left, its text, `line_ids` and cc_net's top label and score before the threshold
(a second `Classifier` with threshold 0), so pages the threshold drops can be compared too.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cc_net import dedup, jsonql, perplexity, process_wet_file, split_by_lang

TOKENS = "tokenized"


def read_wet(paths: list[Path], min_len: int, read_log: list | None = None) -> Iterator[dict]:
    """cc_net's WET parsing of each file in turn; `read_log` collects every parsed page's url
    and length (kept or not) when given."""
    for path in paths:
        for doc in process_wet_file.parse_warc_file(jsonql.open_read(path), min_len=0):
            if read_log is not None:
                read_log.append({"url": doc["url"], "length": len(doc["raw_content"])})
            if len(doc["raw_content"]) < min_len:
                continue
            doc["cc_segment"] = path.name
            yield doc


class Probe(jsonql.Transformer):
    """Records each page as dedup left it, with cc_net's label before the threshold."""

    def __init__(self, rows: list) -> None:
        super().__init__()
        self.rows = rows

    def do(self, doc: dict) -> dict:
        self.rows.append(
            {
                "url": doc["url"],
                "title": doc["title"],
                "raw_content": doc["raw_content"],
                "line_ids": doc["line_ids"],
                "original_nlines": doc["original_nlines"],
                "probe_language": doc.get("probe_language"),
                "probe_language_score": float(doc.get("probe_language_score", 0.0)),
            }
        )
        return doc


def mine(args: argparse.Namespace) -> None:
    paths = [Path(p) for p in args.wet]
    languages = [m.name.split(".")[0] for m in Path(args.lm_dir).glob("*.arpa.bin")]
    read_log: list | None = [] if args.probe else None
    probe_rows: list = []
    with tempfile.TemporaryDirectory() as tmp:
        hashes = Path(tmp) / "hashes.bin"
        # mine.py's `hashes` job: one pass over the shard, every line's hash.
        jsonql.run_pipes(
            dedup.HashesCollector(field="raw_content", output=hashes),
            inputs=read_wet(paths, args.min_len),
            output=Path(tmp) / "none.json",
        )
        steps: list = [dedup.DuplicatesRemover(field="raw_content", hashes_files=[hashes])]
        if args.probe:
            steps += [
                split_by_lang.Classifier(
                    model=Path(args.lid), field="raw_content", out_field="probe_language"
                ),
                Probe(probe_rows),
            ]
        steps += [
            split_by_lang.Classifier(
                model=Path(args.lid),
                field="raw_content",
                out_field="language",
                top=1,
                threshold=args.lang_threshold,
            ),
        ]
        if args.languages:  # mine.py's keep_lang step, with Config.lang_whitelist
            steps.append(jsonql.where([lambda doc: doc.get("language") in set(args.languages)]))
        steps += [
            perplexity.MultiSentencePiece(
                {lang: Path(args.lm_dir) / f"{lang}.sp.model" for lang in languages},
                field="raw_content",
                output_field=TOKENS,
                normalize=True,
            ),
            perplexity.DocLM(
                {lang: Path(args.lm_dir) / f"{lang}.arpa.bin" for lang in languages},
                field=TOKENS,
                output_field="perplexity",
                normalize=False,  # as mine.py: normalised before SentencePiece
            ),
            perplexity.PerplexityBucket(Path(args.cutoff)),
            perplexity.DropKeys(TOKENS),
        ]
        jsonql.run_pipes(
            *steps,
            inputs=read_wet(paths, args.min_len, read_log),
            output=Path(args.output),
            processes=args.processes,
            chunksize=100,  # mine.py's
        )
    if args.probe:
        with open(args.probe, "w", encoding="utf-8") as out:
            out.write(json.dumps({"read": read_log}) + "\n")
            for row in probe_rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wet", nargs="+")
    parser.add_argument("--lid", required=True, help="fastText lid.176 model file")
    parser.add_argument("--lm-dir", required=True, help="<lang>.sp.model and <lang>.arpa.bin")
    parser.add_argument("--cutoff", required=True, help="cutoff.csv for PerplexityBucket")
    parser.add_argument("--output", required=True)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--min-len", type=int, default=300)  # mine.py's Config.min_len
    parser.add_argument("--lang-threshold", type=float, default=0.5)  # Config.lang_threshold
    parser.add_argument(
        "--languages", type=lambda s: s.split(","), help="keep only these, comma-separated"
    )
    parser.add_argument("--probe", help="also write every deduplicated page here")
    mine(parser.parse_args())


if __name__ == "__main__":
    main()
