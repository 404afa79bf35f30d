"""Do CommonCrawl's quality models rank web pages as people do? Measured through the real
pipeline on the human-labelled web texts of ../shared/data/web/quality (DCLM's annotations,
1 good, 0 bad), against the text-length-only baseline.

    .venv/bin/python -m bench.eval_quality [--work bench/work/eval_quality]

As a user would, with the CLI only:
1. `--source wikipedia` over the real dumps in ../shared/data/wiki: cleaned Wikipedia.
2. `--stage quality-models --input <that output>`: the perplexity LM, from real Wikipedia only.
3. `--stage wiki-classifier`: negatives are random pages of the real crawls beside the data
   (the eval-pages WET, the dolma and cc_net samples); positives, standing in for the fetched
   pages Wikipedia cites (`--wiki-references`), are the cleaned English Wikipedia articles and
   the 40 real news articles of the article-extraction benchmark, given as their WARC records
   (so the reader extracts them as it would fetched pages). News sites are what English
   Wikipedia cites most, and its articles are written in the register of the pages it cites:
   edited, expository prose. A page is never both: the news pages are left out of the
   negatives.
4. `--source commoncrawl --keep-rejected` over a WET of the labelled texts (each once), with
   every bucket kept and no minimum length, so that every text is scored; the scores are read
   back from out/clean and out/rejected.
The last line: `quality eval: classifier AUC A, perplexity AUC P, length baseline AUC L`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import yaml

from corpora.warc import WarcRecord, iter_records
from corpora.warc_writer import gzip_member, warc_record, wet_file
from filters.metrics import roc_auc

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
QUALITY = DATA / "web" / "quality" / "dclm_majority_data.jsonl.gz"  # holds the agreement set
EVAL_HOST = "https://quality-eval.invalid/"


def cli(*args: str) -> None:
    """One `python -m pipelines.run` as a user runs it; its output is shown on failure."""
    done = subprocess.run([sys.executable, "-m", "pipelines.run", *args], cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode:
        sys.exit(
            f"failed: pipelines.run {' '.join(args)}\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    for line in done.stdout.splitlines():
        if line.startswith(("quality LM", "wiki classifier", "WARNING", "commoncrawl:")):
            print(f"  {line}")


def labelled_texts() -> dict[str, int]:
    """Each labelled text once, with its label (0 bad, 1 good)."""
    with gzip.open(QUALITY, "rt") as lines:
        rows = [json.loads(line) for line in lines]
    return {row["text"]: row["label"] for row in rows}


def records(path: Path):
    """The WARC records of a gzipped WARC or WET file."""
    with gzip.open(path) as stream:
        yield from (r for r in iter_records(stream) if isinstance(r, WarcRecord))


def news_urls() -> set[str]:
    rows = [json.loads(line) for line in (DATA / "web" / "pages.jsonl").open()]
    return {row["url"] for row in rows if "news-article" in row["tags"]}


def write_inputs(work: Path) -> dict[str, Path]:
    """The classifier's negatives and fetched-page positives, and the labelled texts as WET."""
    news = news_urls()
    negatives, fetched = [], []
    for record in records(DATA / "web" / "warc" / "eval-pages.warc.wet.gz"):
        url = record.header("WARC-Target-URI")
        if record.type == "conversion" and url not in news:
            negatives.append((url, record.block.decode("utf-8", "replace")))
    for record in records(DATA / "web" / "warc" / "eval-pages.warc.gz"):
        if record.header("WARC-Target-URI") in news:
            headers = {k: v for k, v in record.headers.items()
                       if k.lower() not in ("content-length", "warc-block-digest")}  # fmt: skip
            fetched.append(gzip_member(warc_record(headers, record.block)))
    texts = list(labelled_texts())
    paths = {
        "negatives": work / "random-pages.warc.wet.gz",
        "news": work / "fetched-news.warc.gz",
        "labelled": work / "labelled.warc.wet.gz",
    }
    paths["negatives"].write_bytes(wet_file(negatives))
    paths["news"].write_bytes(b"".join(fetched))
    paths["labelled"].write_bytes(
        wet_file((f"{EVAL_HOST}{i}", text) for i, text in enumerate(texts))
    )
    return paths


def wikipedia_as_wet(out: Path, path: Path) -> None:
    """The cleaned English Wikipedia articles as WET records: fetched reference pages' stand-in."""
    rows = [r for f in sorted((out / "clean" / "wikipedia").glob("*.parquet"))
            for r in pq.read_table(f, columns=["url", "text", "language"]).to_pylist()
            if r["language"] == "en"]  # fmt: skip
    path.write_bytes(wet_file((r["url"], r["text"]) for r in rows))


def eval_config(work: Path) -> Path:
    """mixture.yaml with every labelled text scored: no minimum length, every bucket kept."""
    config = yaml.safe_load((ROOT / "mixture.yaml").read_text())
    config["sources"]["commoncrawl"].update(min_length=0, keep_buckets=["head", "middle", "tail"])
    path = work / "eval.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def scores(out: Path) -> dict[str, dict]:
    """url -> the scores each labelled text got, from the clean and the rejected rows."""
    found = {}
    for folder in ("clean", "rejected"):
        for path in sorted((out / folder / "commoncrawl").glob("*.parquet")):
            for row in pq.read_table(path).to_pylist():
                meta = row.get("meta") or {}
                meta = json.loads(meta) if isinstance(meta, str) else meta
                found[row["url"] if row.get("url") else meta.get("url")] = {**meta, **row}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", default=str(ROOT / "bench" / "work" / "eval_quality"))
    work = Path(parser.parse_args().work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    out = work / "out"
    inputs = write_inputs(work)
    print("cleaning Wikipedia, training the LM and the classifier on real material")
    cli("--source", "wikipedia", "--input", str(DATA / "wiki" / "*.xml.bz2"), "--output", str(out))
    wikipedia_as_wet(out, work / "fetched-wikipedia.warc.wet.gz")
    cli("--stage", "quality-models", "--input", str(out / "clean" / "wikipedia" / "*.parquet"),
        "--cutoff-sample", str(inputs["negatives"]), "--output", str(out))  # fmt: skip
    crawl = [inputs["negatives"], DATA / "web" / "warc" / "real" / "*.warc.gz",
             DATA / "web" / "warc" / "real" / "*.wet.txt"]  # fmt: skip
    cli("--stage", "wiki-classifier", *(a for p in crawl for a in ("--input", str(p))),
        "--wiki-references", str(work / "fetched-wikipedia.warc.wet.gz"),
        "--wiki-references", str(inputs["news"]), "--output", str(out))  # fmt: skip
    print("scoring the labelled texts through --source commoncrawl")
    cli("--source", "commoncrawl", "--input", str(inputs["labelled"]), "--output", str(out),
        "--config", str(eval_config(work)), "--keep-rejected")  # fmt: skip

    labels = labelled_texts()
    texts = list(labels)
    found = scores(out)
    rows = [(text, labels[text], found.get(f"{EVAL_HOST}{i}", {})) for i, text in enumerate(texts)]
    scored = [(text, label, s) for text, label, s in rows
              if s.get("wiki_prob") is not None and s.get("perplexity") is not None]  # fmt: skip
    y = [label for _, label, _ in scored]
    classifier = roc_auc([s["wiki_prob"] for *_, s in scored], y)
    perplexity = roc_auc([-s["perplexity"] for *_, s in scored], y)
    length = roc_auc([len(text) for text, *_ in scored], y)
    unscored = sorted({s.get("reason") for *_, s in rows if s.get("wiki_prob") is None})
    print(f"{len(scored)} of {len(texts)} labelled texts scored ({sum(y)} good); the others "
          f"were dropped before scoring: {unscored}")  # fmt: skip
    print(
        f"quality eval: classifier AUC {classifier:.3f}, perplexity AUC {perplexity:.3f}, "
        f"length baseline AUC {length:.3f}"
    )


if __name__ == "__main__":
    main()
