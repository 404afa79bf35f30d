"""Our pipeline against the tools a user would otherwise pick, as whole processes on the same
input: which finishes first, and what each keeps. Writes bench/peers.json.

    bash bench/setup_peers.sh                    # once, with the package index: the peers' venvs
    .venv/bin/python -m bench.peers              # everything (about half an hour on 2 cores)
    .venv/bin/python -m bench.peers --copies 2 --runs 1 --warmup 0 --jobs filter   # a quick try

Jobs, each at 1 and 2 workers a side, the input split into as many files as workers (the peers
parallelise by file); ours is `python -m pipelines.run` with
`--direct_running_mode=multi_processing --direct_num_workers=2` at 2 workers:

- commoncrawl: `--source commoncrawl` against cc_net's own mine.py steps (bench/ccnet_side.py),
  with the models, cut-offs and settings of bench/ccnet_agreement.py, whose per-page agreement
  (at `--copies` and 4x that) goes in the cc_net entry.
- filter: `--source c4` (URL dedup, C4 line rules, line dedup, 3 sentences, English lid.176 at
  0.5, bad words) against datatrove (LanguageFilter, C4QualityFilter, C4BadWordsFilter with our
  word list) and dolma (`tag` with its C4 tagger and its English fastText tagger on our lid.176
  file, then `mix` dropping pages under 0.5, with braces, lorem ipsum or bad words, and lines
  without end punctuation or under 3 words).
- near_dedup: `--source books` (MinHash LSH, 5-word shingles, 32 bands of 4, confirmed by word
  overlap) against datatrove's four MinHash stages with the same shingles and bands (every LSH
  candidate removed).
- tokenize: `--stage tokenizer` with the recipe's `tokenizer.model` set to a SentencePiece model
  (ours, trained once beforehand on a 2 MB sample), which it encodes with as it is, against
  datatrove's DocumentTokenizer and dolma's `tokens` with that model converted to a tokenizers
  JSON file, on the same cleaned documents (the filter job's, TOKENIZE_REPEAT times).

Timing: the two sides run in turn, ours then the peer, `--warmup` pairs uncounted then `--runs`
pairs; each run is one process tree from a fresh output folder, wall time and CPU time (user +
system of it and its children) taken by this process; ratios are taken pair by pair (peer over
ours), and medians are reported. The machine must be otherwise quiet for final figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from bench import ccnet_agreement as cc
from filters.c4 import load_badwords
from filters.fasttext_util import installed_lid_model

ROOT = cc.ROOT
WORK = cc.WORK
VENVS = cc.BENCH_WORK
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATATROVE = str(VENVS / "datatrove-venv" / "bin" / "python")
DOLMA = str(VENVS / "dolma-venv" / "bin" / "dolma")
DOLMA_PYTHON = str(VENVS / "dolma-venv" / "bin" / "python")
JOBS = ("commoncrawl", "filter", "near_dedup", "tokenize")
PEERS = {
    "commoncrawl": ("cc_net",),
    "filter": ("datatrove", "dolma"),
    "near_dedup": ("datatrove",),
    "tokenize": ("datatrove", "dolma"),
}
TOKENIZER_SAMPLE_CHARS = 2_000_000
# The filter job's cleaned documents this many times (distinct ids) for the tokenize job: once,
# they are 18 MB, and each side's start-up is a third of its time.
TOKENIZE_REPEAT = 4


@dataclass
class Side:
    """One side of a job: its shell command, the folder it writes (emptied before each run)
    and how to count the documents it kept once it has run."""

    command: str
    output: Path
    kept: Callable[[], int]
    tokens: Callable[[], int] | None = None  # tokens written, for the tokenize job
    kept_urls: Callable[[], set[str]] | None = None  # which documents, where sides differ


# ----------------------------------------------------------------------------------- timing

PR_SET_CHILD_SUBREAPER = 36  # prctl(2)


def adopt_orphans() -> None:
    """Make this process the reaper of its descendants: worker processes a tool leaves to
    finish on their own are reparented here and reaped, so their CPU time is counted too (it
    is otherwise lost with them). Linux only; elsewhere the CPU figures may miss such workers."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def reap_orphans(limit_s: float = 60.0) -> None:
    """Wait for descendants the last command left running, for at most `limit_s` seconds."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def compile_sources() -> None:
    """Write the bytecode of our packages and the bench's scripts before timing. An installed
    package's bytecode is written at install time (the peers' are), and a user's first run
    writes ours; with PYTHONDONTWRITEBYTECODE set (as on these machines) an edited module would
    otherwise be compiled again in every timed run."""
    folders = [str(ROOT / name) for name in ("pipelines", "corpora", "filters", "bench")]
    subprocess.run([PYTHON, "-m", "compileall", "-q", "-x", "bench/work", *folders], check=True)


def timed(side: Side) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `side` from a fresh output folder."""
    for path in (
        side.output,
        Path(f"{side.output}-logs"),
        Path(f"{side.output}-work"),
        Path(f"{side.output}-tmp"),
    ):
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(["sh", "-c", side.command], cwd=ROOT, capture_output=True, text=True)
    wall = time.monotonic() - started
    reap_orphans()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"failed: {side.command}\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def pairs(ours: Side, peer: Side, runs: int, warmup: int) -> dict:
    """Ours and the peer in turn; medians of each side and of the pair-by-pair ratios."""
    rows = []
    for number in range(warmup + runs):
        mine, theirs = timed(ours), timed(peer)
        if number >= warmup:
            rows.append((mine, theirs))
    median = statistics.median
    return {
        "ours_wall": round(median(m[0] for m, _ in rows), 2),
        "ours_cpu": round(median(m[1] for m, _ in rows), 2),
        "peer_wall": round(median(t[0] for _, t in rows), 2),
        "peer_cpu": round(median(t[1] for _, t in rows), 2),
        "ratio_wall": round(median(t[0] / m[0] for m, t in rows), 2),
        "ratio_cpu": round(median(t[1] / m[1] for m, t in rows), 2),
        "ratio_wall_range": [
            round(min(t[0] / m[0] for m, t in rows), 2),
            round(max(t[0] / m[0] for m, t in rows), 2),
        ],
        "pairs": len(rows),
    }


# ----------------------------------------------------------------------------------- inputs


def write_jsonl(docs: list[dict], folder: Path, files: int) -> list[Path]:
    """`docs` as gzipped JSON lines in `files` files under `folder` (document i in file i mod
    files), named as released C4 files are."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    paths = [folder / f"c4-train.{i:05d}-of-{files:05d}.json.gz" for i in range(files)]
    for number, path in enumerate(paths):
        lines = (json.dumps(d, ensure_ascii=False) + "\n" for d in docs[number::files])
        path.write_bytes(gzip.compress("".join(lines).encode("utf-8"), compresslevel=1, mtime=0))
    return paths


END_MARKS = (".", "!", "?", '"')


def glued_tag(line: str, copy: int) -> str:
    """`line` of copy `copy` made distinct without changing what the C4 rules see: the copy's
    letters glued to its last word, before a final end mark (no word added, the ending kept)."""
    tag = cc.copy_tag(copy).strip()
    if not tag or not line.strip():
        return line
    if line.endswith(END_MARKS):
        return line[:-1] + tag + line[-1]
    return line + tag


def page_docs(copies: int) -> list[dict]:
    """The real eval-pages texts `copies` times with distinct lines (tags glued to each line's
    last word) and distinct URLs (a query, which URL dedup keeps, where a fragment is dropped),
    with the fields each tool reads (ours and datatrove: text, url, id; dolma: id, source)."""
    docs = []
    for copy in range(copies):
        for url, date, text in cc.pages(cc.source_records(), 1):
            url = url.removesuffix("#copy0")
            if copy:
                url += ("&" if "?" in url else "?") + f"bench_copy={copy}"
                text = "\n".join(glued_tag(line, copy) for line in text.split("\n"))
            docs.append(
                {
                    "id": url,
                    "text": text,
                    "url": url,
                    "timestamp": date,
                    "source": "bench",
                    "added": date,
                }
            )
    return docs


def near_duplicate_docs(copies: int) -> list[dict]:
    """Each real page `copies` times, copy k without every tenth line from line k on: copies of a
    page share most of their 5-word shingles, different pages few."""
    docs = []
    for url, date, text in cc.pages(cc.source_records(), 1):
        lines = text.split("\n")
        for copy in range(copies):
            kept = [line for n, line in enumerate(lines) if copy == 0 or n % 10 != copy % 10]
            docs.append(
                {
                    "id": f"{url}#near{copy}",
                    "text": "\n".join(kept),
                    "url": url,
                    "timestamp": date,
                    "source": "bench",
                    "added": date,
                }
            )
    return docs


def _size(docs: list[dict]) -> int:
    return sum(len(d["text"].encode("utf-8")) for d in docs)


def _jsonl_lines(folder: Path, pattern: str) -> Iterator[str]:
    """Every line of the gzipped JSON-lines files under `folder` matching `pattern`."""
    for path in folder.rglob(pattern):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            yield from lines


def _jsonl_count(folder: Path, pattern: str = "*.jsonl.gz") -> int:
    return sum(1 for _ in _jsonl_lines(folder, pattern))


def _bytes(folder: Path, pattern: str) -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern))


def _ours_tokens(output: Path) -> int:
    import pyarrow.parquet as pq

    paths = (output / "tokens" / "encoded").rglob("*.parquet")
    return sum(sum(pq.read_table(p, columns=["n_tokens"])["n_tokens"].to_pylist()) for p in paths)


def _jsonl_ids(folder: Path, pattern: str) -> set[str]:
    """The `id` of every document in the gzipped JSON lines under `folder`."""
    return {json.loads(line)["id"] for line in _jsonl_lines(folder, pattern)}


def _ours_urls(output: Path, source: str) -> set[str]:
    import pyarrow.parquet as pq

    paths = (output / "clean" / source).glob("*.parquet")
    return {
        url for path in paths for url in pq.read_table(path, columns=["url"])["url"].to_pylist()
    }


def _ours_kept(output: Path, source: str) -> Callable[[], int]:
    def count() -> int:
        stats = json.loads((output / "stats" / f"{source}.json").read_text(encoding="utf-8"))
        return int(stats["documents_out"])

    return count


def ours(
    source: str, inputs: list[Path], output: Path, workers: int, extra: list[str] | None = None
) -> Side:
    """Our pipeline as a user runs it."""
    command = [PYTHON, "-m", "pipelines.run", "--source", source, "--output", str(output)]
    for path in inputs:
        command += ["--input", str(path)]
    command += extra or []
    if workers > 1:
        command += ["--direct_running_mode=multi_processing", f"--direct_num_workers={workers}"]
    return Side(shlex.join(command), output, _ours_kept(output, source))


# ----------------------------------------------------------------------------------- jobs


def commoncrawl_job(copies: int, workers: int) -> tuple[dict, Side, dict[str, Side]]:
    models = cc.prepare_models(WORK / "models")
    cutoff_csv = cc.write_cutoff_csv(models, WORK / "cutoff.csv")
    config = cc.write_config(WORK / "ccnet.yaml")
    inputs, items = cc.build_inputs(copies, workers, "aligned", None, WORK / "input")
    out = WORK / "timing" / f"commoncrawl-{workers}"
    mine = ours(
        "commoncrawl",
        inputs.ours,
        out / "ours",
        workers,
        ["--models", str(models), "--config", str(config)],
    )
    cc_out = out / "cc_net.jsonl"

    def cc_kept() -> int:
        return sum(1 for _ in cc_out.open(encoding="utf-8"))

    command = cc.ccnet_command(
        inputs.cc_net, cc_out, models, cutoff_csv, processes=workers, languages=[cc.LANGUAGE]
    )
    info = {"documents": inputs.documents, "bytes": inputs.text_bytes}
    return info, mine, {"cc_net": Side(shlex.join(command), cc_out, cc_kept)}


def filter_job(copies: int, workers: int) -> tuple[dict, Side, dict[str, Side]]:
    docs = page_docs(copies)
    folder = WORK / "input" / f"filter-{copies}x-{workers}" / "documents"
    paths = write_jsonl(docs, folder, workers)
    out = WORK / "timing" / f"filter-{workers}"
    words, _ = load_badwords("en")
    badwords = WORK / "badwords-en.txt"
    badwords.write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    lid = str(installed_lid_model())
    datatrove = [
        DATATROVE,
        str(ROOT / "bench" / "datatrove_jobs.py"),
        "filter",
        str(folder),
        str(out / "datatrove"),
        "--workers",
        str(workers),
        "--lid",
        lid,
        "--badwords",
        str(badwords),
    ]
    sides = {
        "datatrove": Side(
            shlex.join(datatrove),
            out / "datatrove",
            lambda: _jsonl_count(out / "datatrove"),
            kept_urls=lambda: _jsonl_ids(out / "datatrove", "*.jsonl.gz"),
        )
    }
    sides["dolma"] = dolma_filter(folder, out / "dolma", workers, lid)
    info = {"documents": len(docs), "bytes": _size(docs)}
    mine = ours("c4", paths, out / "ours", workers)
    mine.kept_urls = lambda: _ours_urls(out / "ours", "c4")  # ids are the pages' URLs
    return info, mine, sides


def dolma_filter(folder: Path, output: Path, workers: int, lid: str) -> Side:
    """dolma's `tag` then `mix`, as one shell command; the attributes it writes beside the
    documents are removed first."""
    attributes = folder.parent / "attributes"
    mix = {
        "streams": [
            {
                "name": "filter",
                "documents": [str(folder / "*.json.gz")],
                "attributes": ["bench"],
                "output": {"path": str(output), "max_size_in_bytes": 1_000_000_000},
                "filter": {
                    "syntax": "jq",
                    "exclude": [
                        ".attributes.bench__lid176_en__en[0][2] < 0.5",
                        ".attributes.bench__c4_v2__has_curly_brace != null",
                        ".attributes.bench__c4_v2__has_lorem_ipsum != null",
                        ".attributes.bench__c4_v2__has_naughty_word != null",
                    ],
                },
                "span_replacement": [
                    {
                        "span": "$.attributes.bench__c4_v2__lines_with_no_ending_punctuation",
                        "min_score": 0.0,
                        "replacement": "",
                    },
                    {
                        "span": "$.attributes.bench__c4_v2__lines_with_too_few_words",
                        "min_score": 0.0,
                        "replacement": "",
                    },
                ],
            }
        ],
        "processes": workers,
        "work_dir": {"input": str(output) + "-work/in", "output": str(output) + "-work/out"},
    }
    config = output.parent / "dolma-mix.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(yaml.safe_dump(mix), encoding="utf-8")
    tag = [
        DOLMA,
        "tag",
        "--documents",
        str(folder / "*.json.gz"),
        "--experiment",
        "bench",
        "--taggers",
        "lid176_en",
        "c4_v2",
        "--tagger_modules",
        str(ROOT / "bench" / "dolma_taggers.py"),
        "--processes",
        str(workers),
    ]
    command = (
        f"rm -rf {shlex.quote(str(attributes))} && LID176_MODEL={shlex.quote(lid)} "
        f"{shlex.join(tag)} && {shlex.join([DOLMA, '-c', str(config), 'mix'])}"
    )
    return Side(
        command,
        output,
        lambda: _jsonl_count(output, "*.gz"),
        kept_urls=lambda: _jsonl_ids(output, "*.gz"),
    )


def near_dedup_job(copies: int, workers: int) -> tuple[dict, Side, dict[str, Side]]:
    docs = near_duplicate_docs(copies)
    base = WORK / "input" / f"near-{copies}x-{workers}"
    folder = base / "documents"
    write_jsonl(docs, folder, workers)
    books = base / "books"
    if books.exists():
        shutil.rmtree(books)
    books.mkdir(parents=True)
    for number, doc in enumerate(docs):
        (books / f"page-{number:06d}.txt").write_text(doc["text"], encoding="utf-8")
    out = WORK / "timing" / f"near_dedup-{workers}"
    datatrove = [
        DATATROVE,
        str(ROOT / "bench" / "datatrove_jobs.py"),
        "near_dedup",
        str(folder),
        str(out / "datatrove"),
        "--workers",
        str(workers),
    ]
    sides = {
        "datatrove": Side(
            shlex.join(datatrove), out / "datatrove", lambda: _jsonl_count(out / "datatrove")
        )
    }
    mine = ours("books", [books / "*.txt"], out / "ours", workers)
    return {"documents": len(docs), "bytes": _size(docs)}, mine, sides


def tokenizer_files(clean_root: Path, config: Path) -> tuple[Path, Path]:
    """Our tokenizer trained once on the cleaned documents (the same model every run trains),
    and its tokenizers JSON file for the peers."""
    output = WORK / "tokenizer-model"
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(clean_root, output)
    subprocess.run(
        [
            PYTHON,
            "-m",
            "pipelines.run",
            "--stage",
            "tokenizer",
            "--output",
            str(output),
            "--config",
            str(config),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    model = output / "models" / "tokenizer.model"
    json_file = WORK / "tokenizer.json"
    # transformers' Llama converter; these options keep SentencePiece's dummy prefix, so the
    # JSON file gives our model's ids on every bench document (checked when this was written)
    convert = (
        "import sys\nfrom transformers import LlamaTokenizerFast\n"
        "tok = LlamaTokenizerFast(vocab_file=sys.argv[1], from_slow=True, legacy=False,"
        " add_prefix_space=True)\ntok.backend_tokenizer.save(sys.argv[2])\n"
    )
    subprocess.run(
        [DOLMA_PYTHON, "-c", convert, str(model), str(json_file)], check=True, capture_output=True
    )
    return model, json_file


def cleaned_documents(copies: int) -> Path:
    """An output folder holding our cleaned C4 documents (stats and Parquet): one run of `--source
    c4` on the filter job's pages (redone each time, as the pages may have changed)."""
    folder = WORK / "input" / f"clean-{copies}x"
    paths = write_jsonl(page_docs(copies), WORK / "input" / f"clean-{copies}x-input", 1)
    timed(ours("c4", paths, folder, 1))
    return folder


def tokenize_job(copies: int, workers: int) -> tuple[dict, Side, dict[str, Side]]:
    config = WORK / "tokenize.yaml"
    recipe = yaml.safe_load((ROOT / "mixture.yaml").read_text(encoding="utf-8"))
    recipe["tokenizer"]["sample_chars"] = TOKENIZER_SAMPLE_CHARS
    config.write_text(yaml.safe_dump(recipe, sort_keys=False), encoding="utf-8")
    clean = cleaned_documents(copies)
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [
        r
        for p in sorted((clean / "clean" / "c4").glob("*.parquet"))
        for r in pq.read_table(p, columns=["id", "text"]).to_pylist()
    ]
    docs = [
        {"id": f"{r['id']}#{k}", "text": r["text"], "source": "bench", "added": ""}
        for k in range(TOKENIZE_REPEAT)
        for r in rows
    ]
    folder = WORK / "input" / f"tokenize-{copies}x-{workers}" / "documents"
    write_jsonl(docs, folder, workers)
    model, tokenizer_json = tokenizer_files(clean, config)
    # ours: the same documents as cleaned Parquet beside the run's stats, and the same model,
    # given in the recipe (encoded as it is, as the peers do, not trained again)
    prepared = WORK / "input" / f"tokenize-{copies}x-{workers}" / "ours"
    if prepared.exists():
        shutil.rmtree(prepared)
    (prepared / "clean" / "c4").mkdir(parents=True)
    shutil.copytree(clean / "stats", prepared / "stats")
    for number in range(workers):
        part = docs[number::workers]
        table = pa.table({"id": [d["id"] for d in part], "text": [d["text"] for d in part]})
        pq.write_table(table, prepared / "clean" / "c4" / f"part-{number:05d}.parquet")
    recipe["tokenizer"]["model"] = str(model)
    given = WORK / "tokenize-given.yaml"
    given.write_text(yaml.safe_dump(recipe, sort_keys=False), encoding="utf-8")
    out = WORK / "timing" / f"tokenize-{workers}"
    datatrove = [
        DATATROVE,
        str(ROOT / "bench" / "datatrove_jobs.py"),
        "tokenize",
        str(folder),
        str(out / "datatrove"),
        "--workers",
        str(workers),
        "--tokenizer",
        str(tokenizer_json),
    ]
    dolma = [
        DOLMA,
        "tokens",
        "--documents",
        str(folder / "*.json.gz"),
        "--destination",
        str(out / "dolma"),
        "--tokenizer.name_or_path",
        str(tokenizer_json),
        "--tokenizer.eos_token_id",
        "2",
        "--processes",
        str(workers),
        "--dtype",
        "uint16",
    ]
    sides = {
        "datatrove": Side(
            shlex.join(datatrove),
            out / "datatrove",
            lambda: len(docs),
            lambda: _bytes(out / "datatrove", "*.ds") // 2,
        ),
        "dolma": Side(
            shlex.join(dolma),
            out / "dolma",
            lambda: len(docs),
            lambda: _bytes(out / "dolma", "*.npy") // 2,
        ),
    }
    ours_dir = out / "ours"
    command = (
        f"mkdir -p {shlex.quote(str(ours_dir))} && cp -r {shlex.quote(str(prepared))}/clean "
        f"{shlex.quote(str(prepared))}/stats {shlex.quote(str(ours_dir))}/ && "
        + shlex.join(
            [
                PYTHON,
                "-m",
                "pipelines.run",
                "--stage",
                "tokenizer",
                "--output",
                str(ours_dir),
                "--config",
                str(given),
            ]
        )
    )
    if workers > 1:
        command += " --direct_running_mode=multi_processing --direct_num_workers=2"
    mine = Side(command, ours_dir, lambda: len(docs), lambda: _ours_tokens(ours_dir))
    return {"documents": len(docs), "bytes": _size(docs)}, mine, sides


BUILDERS = {
    "commoncrawl": commoncrawl_job,
    "filter": filter_job,
    "near_dedup": near_dedup_job,
    "tokenize": tokenize_job,
}


# ----------------------------------------------------------------------------------- report


def measure(job: str, copies: int, runs: int, warmup: int) -> list[dict]:
    """One entry per peer of `job`: sizes, both sides' wall and CPU at 1 and 2 workers, the
    pair-by-pair wall ratio at 2 workers, documents kept."""
    entries: dict[str, dict] = {}
    for workers in (1, 2):
        info, mine, sides = BUILDERS[job](copies, workers)
        for peer, side in sides.items():
            timing = pairs(mine, side, runs, warmup)
            suffix = "1_worker" if workers == 1 else "2_workers"
            entry = entries.setdefault(
                peer,
                {
                    "job": job,
                    "peer": peer,
                    "input_documents": info["documents"],
                    "input_bytes": info["bytes"],
                },
            )
            entry[f"ours_wall_{suffix}"] = timing["ours_wall"]
            entry[f"ours_cpu_{suffix}"] = timing["ours_cpu"]
            entry[f"peer_wall_{suffix}"] = timing["peer_wall"]
            entry[f"peer_cpu_{suffix}"] = timing["peer_cpu"]
            entry[f"ratio_wall_{suffix}"] = timing["ratio_wall"]
            entry[f"ratio_cpu_{suffix}"] = timing["ratio_cpu"]
            entry[f"ratio_wall_range_{suffix}"] = timing["ratio_wall_range"]
            entry["pairs"] = timing["pairs"]
            entry["ours_kept"], entry["peer_kept"] = mine.kept(), side.kept()
            if mine.kept_urls and side.kept_urls:
                entry["both_kept"] = len(mine.kept_urls() & side.kept_urls())
            if mine.tokens and side.tokens:
                entry["ours_tokens"], entry["peer_tokens"] = mine.tokens(), side.tokens()
    return list(entries.values())


def add_agreement(entries: list[dict], copies: list[int]) -> None:
    """The cc_net entries get bench/ccnet_agreement.py's reports at each of `copies`, and as
    `agreement` the lowest share of pages on which every decision agrees."""
    for entry in entries:
        if entry["peer"] == "cc_net":
            reports = [cc.agreement(c) for c in copies]
            entry["agreement"] = min(r["agreement"] for r in reports)
            entry["agreement_runs"] = reports


def render(result: dict) -> str:
    """The Markdown tables of bench/RESULTS.md's "Against the peers" from a peers.json."""
    lines = [
        f"{result['machine']}; {result['copies']} copies of the 222 real eval pages; medians of "
        "the pairs counted, ratio = peer's time / ours, pair by pair; each row's commit and "
        "start time in its last column.",
        "",
        "| job | peer | docs | MB | wall 1 worker: ours / peer (ratio) "
        "| wall 2 workers: ours / peer (ratio, range) | CPU 2 workers: ours / peer "
        "| kept: ours / peer | pairs, commit, date |",
        "|---|---|---:|---:|---|---|---|---|---|",
    ]
    for e in result["jobs"]:
        low, high = e["ratio_wall_range_2_workers"]
        lines.append(
            f"| {e['job']} | {e['peer']} | {e['input_documents']:,} | "
            f"{e['input_bytes'] / 1e6:.1f} | {e['ours_wall_1_worker']:.1f} / "
            f"{e['peer_wall_1_worker']:.1f} s ({e['ratio_wall_1_worker']:.2f}x) | "
            f"{e['ours_wall_2_workers']:.1f} / {e['peer_wall_2_workers']:.1f} s "
            f"(**{e['ratio_wall_2_workers']:.2f}x**, {low:.2f}-{high:.2f}) | "
            f"{e['ours_cpu_2_workers']:.1f} / {e['peer_cpu_2_workers']:.1f} s | "
            f"{e['ours_kept']:,} / {e['peer_kept']:,} | "
            f"{e['pairs']}, {e['commit'][:7]}, {e['date']} |"
        )
    for e in result["jobs"]:
        if "ours_tokens" in e:
            lines.append(
                f"\n{e['peer']} tokens written: {e['peer_tokens']:,}; ours {e['ours_tokens']:,}."
            )
        for run in e.get("agreement_runs", []):
            lines.append(
                f"\ncc_net agreement, {run['documents']:,} pages ({run['copies']} copies): "
                f"{run['agreeing']:,} agree on every decision ({run['agreement']:.1%})."
            )
    return "\n".join(lines)


def commit() -> str:
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return done.stdout.strip() + ("+uncommitted" if dirty else "")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=30, help="copies of the 222 real pages")
    parser.add_argument("--agreement-copies", type=int, nargs="+", default=[4, 16])
    parser.add_argument("--runs", type=int, default=3, help="counted pairs per measurement")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--jobs", nargs="+", choices=JOBS, default=list(JOBS))
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "peers.json")
    parser.add_argument("--render", action="store_true", help="only print --output's tables")
    parser.add_argument(
        "--agreement-only", action="store_true", help="only redo --output's cc_net agreement"
    )
    args = parser.parse_args(argv)
    if args.render:
        print(render(json.loads(args.output.read_text(encoding="utf-8"))))
        return
    if args.agreement_only:
        subprocess.run(["bash", str(ROOT / "bench" / "setup_peers.sh"), "cc_net"], check=True)
        result = json.loads(args.output.read_text(encoding="utf-8"))
        add_agreement(result["jobs"], args.agreement_copies)
        args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(render(result))
        return
    adopt_orphans()
    subprocess.run(["bash", str(ROOT / "bench" / "setup_peers.sh")], check=True)
    compile_sources()
    result = {
        "commit": commit(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
        "copies": args.copies,
        "jobs": [],
    }
    if set(args.jobs) != set(JOBS) and args.output.is_file():  # redo some jobs, keep the rest
        kept = json.loads(args.output.read_text(encoding="utf-8"))["jobs"]
        result["jobs"] = [e for e in kept if e["job"] not in args.jobs]
    for job in args.jobs:
        entries = measure(job, args.copies, args.runs, args.warmup)
        for entry in entries:
            entry["commit"], entry["date"] = result["commit"], result["date"]
        add_agreement(entries, args.agreement_copies)
        result["jobs"] += entries
        args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        for entry in entries:
            print(json.dumps({k: v for k, v in entry.items() if k != "agreement_runs"}))
    print(render(result))


if __name__ == "__main__":
    main()
