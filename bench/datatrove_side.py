"""datatrove's side of bench/bench_datatrove.py. Runs inside the separate environment
bench/work/datatrove-venv (datatrove's own dependencies), never imported by the project.

    bench/work/datatrove-venv/bin/python bench/datatrove_side.py DOCS.jsonl LID_MODEL
"""

from __future__ import annotations

import json
import sys
import time

from datatrove.data import Document
from datatrove.pipeline.filters import C4QualityFilter, LanguageFilter
from datatrove.utils.lid import FT176LID


def main() -> None:
    docs_path, model_path = sys.argv[1], sys.argv[2]
    FT176LID.MODEL_URL = model_path  # the same lid.176 model file as ours; no download
    with open(docs_path, encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    language = LanguageFilter(languages=["en"], language_threshold=0.5)
    c4 = C4QualityFilter()
    docs = [Document(text=t, id=str(i)) for i, t in enumerate(texts)]
    language.filter(docs[0])  # loads the model outside the timing
    started = time.process_time()
    kept = 0
    for doc in docs:
        if language.filter(doc) is True and c4.filter(doc) is True:
            kept += 1
    seconds = time.process_time() - started
    print(json.dumps({"docs": len(docs), "kept": kept, "cpu_s": seconds}))


if __name__ == "__main__":
    main()
