"""Our language ID + C4 rules against datatrove's LanguageFilter + C4QualityFilter, on the same
documents and the same lid.176 model file, each as a tight per-document loop on one core.

    bash bench/setup_datatrove.sh          # once: datatrove in bench/work/datatrove-venv
    .venv/bin/python -m bench.bench_datatrove [--copies 20]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time

from bench.bench_commoncrawl import REAL_WET, SAMPLE_WET, WORK
from corpora.commoncrawl import read_file
from filters.c4 import C4LineFilter
from filters.document import Document
from filters.fasttext_util import installed_lid_model
from filters.langid import LanguageID

DATATROVE_PYTHON = WORK / "datatrove-venv" / "bin" / "python"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    source = REAL_WET if REAL_WET.exists() else SAMPLE_WET
    texts = [d.text for d in read_file(source.open("rb"), source.name) if isinstance(d, Document)]
    texts = texts * args.copies
    docs_path = WORK / "compare-docs.jsonl"
    docs_path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), "utf-8")

    lid, rules = LanguageID(["en"], 0.5), C4LineFilter()
    lid.setup()
    started = time.process_time()
    kept = 0
    for start in range(0, len(texts), 256):
        batch = [Document(str(i), "c4", t) for i, t in enumerate(texts[start : start + 256])]
        for outcome in lid.apply_batch(batch):
            if isinstance(outcome, Document) and isinstance(rules.apply(outcome), Document):
                kept += 1
    ours = {"docs": len(texts), "kept": kept, "cpu_s": time.process_time() - started}

    result = subprocess.run([str(DATATROVE_PYTHON), "bench/datatrove_side.py", str(docs_path),
                             str(installed_lid_model())], capture_output=True, text=True,
                            check=True)  # fmt: skip
    theirs = json.loads(result.stdout.strip().splitlines()[-1])
    print("| implementation | documents | kept | docs/s per core |")
    print("|---|---:|---:|---:|")
    for name, run in (
        ("ours: LanguageID + C4LineFilter", ours),
        ("datatrove 0.10: LanguageFilter + C4QualityFilter", theirs),
    ):
        print(f"| {name} | {run['docs']} | {run['kept']} | {run['docs'] / run['cpu_s']:,.0f} |")
    print(f"\nratio: {(ours['docs'] / ours['cpu_s']) / (theirs['docs'] / theirs['cpu_s']):.2f}x")


if __name__ == "__main__":
    main()
