"""Does `--source commoncrawl` compute what cc_net computes? The same WET files, the same lid.176
model and the same SentencePiece + KenLM models go through cc_net 1.0.0's own pipeline code
(bench/ccnet_side.py, in bench/work/cc_net-venv) and through our pipeline; every page's
decisions are compared and every disagreement is put in a class whose cause is checked.

    bash bench/setup_peers.sh cc_net
    .venv/bin/python -m bench.ccnet_agreement [--copies 4 16] [--files 2] [--limit 12]

It exits 1 and names each problem where the two disagree for a reason not checked (see
`problems`). cc_net lives in its own environment, never in the project's, so this is a bench,
not a test: CI has neither cc_net nor its models.

Input: the real eval-pages WET text (the shipped sample when absent) written `copies` times
with distinct lines (bench_commoncrawl's tagging), in Common Crawl's WET header layout, which
cc_net's parser reads by position. A Common Crawl WET page starts with its title line; cc_net
keeps that line out of `raw_content` (as `title`) and our reader keeps it in the text. To
compare the steps on the same text, cc_net reads the same records with a title line (the URL)
before each page ("aligned"); `--framing same` hands both sides the very same files instead, to
measure what the title line changes.

Our side runs with a copy of mixture.yaml (bench/work/peers/ccnet.yaml) set as cc_net runs:
no language groups, every bucket kept, no Wikipedia-reference classifier, and `min_length`
(cc_net's 300) checked on the raw page only. Scores are compared at the precision cc_net
writes them: language score to 0.01 (ours too, for CommonCrawl), perplexity to 0.1.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq
import yaml

from corpora.commoncrawl import LID_DECIMALS
from corpora.compression import open_decompressed
from corpora.warc import WarcRecord, iter_records
from filters.fasttext_util import installed_lid_model
from filters.langid import LanguageID
from filters.perplexity import LMFiles, QualityLM, bucket_of

ROOT = Path(__file__).resolve().parent.parent
BENCH_WORK = ROOT / "bench" / "work"
WORK = BENCH_WORK / "peers"
CC_NET_PYTHON = BENCH_WORK / "cc_net-venv" / "bin" / "python"
REAL_WET = ROOT.parent / "shared" / "data" / "web" / "warc" / "eval-pages.warc.wet.gz"
SAMPLE_WET = ROOT / "corpora" / "samples" / "commoncrawl" / "sample-00000.warc.wet.gz"
REUSED_MODELS = BENCH_WORK / "eval_quality" / "out" / "models"
LANGUAGE = "en"  # the one language our quality models are trained for
SCORE_SLACK = 1e-9  # both sides round the language score to 0.01
PERPLEXITY_SLACK = 0.05 + 1e-6  # both sides round perplexity to 0.1
RELATIVE = 1e-4


# ----------------------------------------------------------------------------------- inputs


def source_records(limit: int | None = None) -> list[WarcRecord]:
    """The conversion records of the real eval-pages WET file (the shipped sample if absent)."""
    source = REAL_WET if REAL_WET.exists() else SAMPLE_WET
    with source.open("rb") as raw:
        records = [
            r
            for r in iter_records(open_decompressed(raw))
            if isinstance(r, WarcRecord) and r.type == "conversion"
        ]
    return records[:limit]


def copy_tag(copy: int) -> str:
    """A letter tag for copy `copy` (none for the first): digits would not keep copies apart,
    as dedup normalises every digit to 0."""
    if copy == 0:
        return ""
    letters = ""
    while True:
        copy, digit = divmod(copy, 26)
        letters = chr(ord("a") + digit) + letters
        if copy == 0:
            return " q" + letters


def _cc_record(url: str, date: str, text: str) -> bytes:
    """One WET conversion record with Common Crawl's headers in Common Crawl's order."""
    block = text.encode("utf-8")
    digest = base64.b32encode(hashlib.sha1(block).digest()).decode("ascii")
    headers = [
        ("WARC-Type", "conversion"),
        ("WARC-Target-URI", url),
        ("WARC-Date", date),
        ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>"),
        ("WARC-Refers-To", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'response ' + url)}>"),
        ("WARC-Block-Digest", f"sha1:{digest}"),
        ("Content-Type", "text/plain"),
        ("Content-Length", str(len(block))),
    ]
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    return f"WARC/1.0\r\n{head}\r\n".encode() + block + b"\r\n\r\n"


def _warcinfo(name: str) -> bytes:
    body = b"isPartOf: llama-corpus peers bench\r\noperator: bench/ccnet_agreement.py\r\n"
    head = (
        f"WARC-Type: warcinfo\r\nWARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Filename: {name}\r\n"
        f"Content-Type: application/warc-fields\r\nContent-Length: {len(body)}\r\n"
    )
    return f"WARC/1.0\r\n{head}\r\n".encode() + body + b"\r\n\r\n"


def pages(records: list[WarcRecord], copies: int) -> list[tuple[str, str, str]]:
    """(url, date, text) of every copy of every record; copy k's non-blank lines end with its
    tag and its URL with `#copyk`."""
    out = []
    for copy in range(copies):
        tag = copy_tag(copy)
        for record in records:
            lines = record.block.decode("utf-8", errors="replace").split("\n")
            text = "\n".join(line.rstrip("\r") + tag if line.strip() else "" for line in lines)
            url = f"{record.header('WARC-Target-URI')}#copy{copy}"
            out.append((url, record.header("WARC-Date") or "2024-05-01T00:00:00Z", text.strip()))
    return out


def write_wet(
    items: list[tuple[str, str, str]], directory: Path, stem: str, files: int, titles: bool
) -> list[Path]:
    """The pages in `files` gzipped WET files (page i in file i mod files); with `titles`, each
    page's text starts with a title line (its URL), as Common Crawl's WET pages do."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / f"{stem}-{i:02d}-of-{files:02d}.warc.wet.gz" for i in range(files)]
    chunks: list[list[bytes]] = [[_warcinfo(p.name)] for p in paths]
    for number, (url, date, text) in enumerate(items):
        chunks[number % files].append(_cc_record(url, date, f"{url}\n{text}" if titles else text))
    for path, chunk in zip(paths, chunks, strict=True):
        path.write_bytes(gzip.compress(b"".join(chunk), compresslevel=1, mtime=0))
    return paths


@dataclass
class Inputs:
    """The WET files each side reads, and how many pages and bytes of text they hold."""

    ours: list[Path]
    cc_net: list[Path]
    documents: int
    text_bytes: int


def build_inputs(
    copies: int,
    files: int,
    framing: str = "aligned",
    limit: int | None = None,
    directory: Path = WORK / "input",
) -> tuple[Inputs, list[tuple[str, str, str]]]:
    """The replicated WET files for both sides (see the module docstring for `framing`), and
    the pages they hold."""
    items = pages(source_records(limit), copies)
    stem = f"cc-{copies}x{limit or 'all'}"
    ours = write_wet(items, directory, stem, files, titles=False)
    theirs = ours
    if framing == "aligned":
        theirs = write_wet(items, directory, stem + "-titled", files, titles=True)
    size = sum(len(text.encode("utf-8")) for _, _, text in items)
    return Inputs(ours, theirs, len(items), size), items


# ----------------------------------------------------------------------------------- models


def prepare_models(directory: Path = WORK / "models") -> Path:
    """A models folder for both sides: lm/<lang>.sp.model, lm/<lang>.arpa.bin (cc_net's names)
    with our lm/<lang>.json, and the Wikipedia-reference classifier. Copied from
    bench/work/eval_quality when that run left them, else trained as a user's first run trains
    them: `--source wikipedia` on its sample, then `--stage quality-models` and
    `--stage wiki-classifier`."""
    lm = directory / "lm"
    if (lm / f"{LANGUAGE}.arpa.bin").is_file() and (directory / "wiki_classifier.bin").is_file():
        return directory
    if (REUSED_MODELS / "lm" / f"{LANGUAGE}.arpa.bin").is_file():
        lm.mkdir(parents=True, exist_ok=True)
        for name in (f"{LANGUAGE}.sp.model", f"{LANGUAGE}.arpa.bin", f"{LANGUAGE}.json"):
            (lm / name).write_bytes((REUSED_MODELS / "lm" / name).read_bytes())
        for name in ("wiki_classifier.bin", "wiki_classifier.json"):
            (directory / name).write_bytes((REUSED_MODELS / name).read_bytes())
        return directory
    out = str(directory.parent / "out")
    for step in (["--source", "wikipedia"], ["--stage", "quality-models"],
                 ["--stage", "wiki-classifier"]):  # fmt: skip
        command = [sys.executable, "-m", "pipelines.run", *step, "--output", out]
        subprocess.run([*command, "--models", str(directory)], cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
    return directory


def cutoffs(models: Path) -> tuple[float, float]:
    """Our model's own (head, tail) perplexity cut-offs, from its lm/<lang>.json."""
    info = json.loads((models / "lm" / f"{LANGUAGE}.json").read_text(encoding="utf-8"))
    head, tail = info["cutoffs"]
    return float(head), float(tail)


def write_cutoff_csv(models: Path, path: Path) -> Path:
    """cc_net's cutoff.csv (a row per percentile, a column per language) holding our model's
    cut-offs as its 30th and 60th percentiles, the rows PerplexityBucket reads."""
    head, tail = cutoffs(models)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f",{LANGUAGE}\n30,{head}\n60,{tail}\n", encoding="utf-8")
    return path


def write_config(path: Path = WORK / "ccnet.yaml") -> Path:
    """A copy of mixture.yaml whose commoncrawl section runs as cc_net does (module docstring)."""
    config = yaml.safe_load((ROOT / "mixture.yaml").read_text(encoding="utf-8"))
    config["sources"]["commoncrawl"].update(
        min_length=300,  # cc_net's Config.min_len
        min_length_after_dedup=False,  # cc_net checks the raw page only
        dedup_scope="global",  # cc_net: every hash of the shard group; here one group
        languages=[LANGUAGE],
        lid_threshold=0.5,  # cc_net's Config.lang_threshold
        lid_groups={},  # cc_net thresholds the top label alone
        keep_buckets=["head", "middle", "tail"],  # compare every bucket
        wiki_threshold=None,  # no classifier step: cc_net has none
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------------- running


def ours_command(
    inputs: list[Path],
    output: Path,
    models: Path,
    config: Path,
    workers: int = 1,
    keep_rejected: bool = True,
) -> list[str]:
    """Our pipeline on the WET files, as a user runs it."""
    command = [
        str(ROOT / ".venv" / "bin" / "python"),
        "-m",
        "pipelines.run",
        "--source",
        "commoncrawl",
        "--output",
        str(output),
        "--models",
        str(models),
        "--config",
        str(config),
    ]
    for path in inputs:
        command += ["--input", str(path)]
    if keep_rejected:
        command.append("--keep-rejected")
    if workers > 1:
        command += ["--direct_running_mode=multi_processing", f"--direct_num_workers={workers}"]
    return command


def ccnet_command(
    inputs: list[Path],
    output: Path,
    models: Path,
    cutoff_csv: Path,
    processes: int = 1,
    probe: Path | None = None,
    languages: list[str] | None = None,
) -> list[str]:
    """cc_net's pipeline on the WET files (bench/ccnet_side.py in cc_net's venv)."""
    command = [
        str(CC_NET_PYTHON),
        str(ROOT / "bench" / "ccnet_side.py"),
        "--lid",
        str(installed_lid_model()),
        "--lm-dir",
        str(models / "lm"),
        "--cutoff",
        str(cutoff_csv),
        "--output",
        str(output),
        "--processes",
        str(processes),
    ]
    if probe is not None:
        command += ["--probe", str(probe)]
    if languages:
        command.append("--languages=" + ",".join(languages))
    return command + [str(p) for p in inputs]


SCORING_LIBRARIES = ("sentencepiece", "kenlm", "fasttext")


def library_versions(python: Path | str) -> dict[str, str]:
    """The versions of the libraries that compute the scores, in the environment of `python`."""
    code = (
        "import importlib.metadata as m, json\n"
        f"print(json.dumps({{d: m.version(d) for d in {SCORING_LIBRARIES!r}}}))"
    )
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def run(command: list[str], output: Path) -> None:
    """Run one side into a fresh `output` (our runner skips a finished run, datatrove a
    finished task); its error output is shown when it fails."""
    if output.is_dir():
        shutil.rmtree(output)
    output.unlink(missing_ok=True)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} ... failed:\n{done.stderr[-3000:]}")


# ----------------------------------------------------------------------------------- reading


@dataclass
class Page:
    """One page's decisions on one side; None where the page never reached that step."""

    read: bool = False
    lines: list[str] | None = None  # the non-blank lines dedup left (None: dropped before)
    dropped_at: str | None = None  # step that dropped the page
    language: str | None = None
    language_score: float | None = None
    perplexity: float | None = None
    bucket: str | None = None
    extra: dict = field(default_factory=dict)


def _non_blank(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def load_ours(output: Path) -> dict[str, Page]:
    """Our clean and rejected rows, by URL."""
    by_url: dict[str, Page] = {}
    for path in sorted((output / "clean" / "commoncrawl").glob("*.parquet")):
        for row in pq.read_table(path).to_pylist():
            by_url[row["url"]] = Page(
                True,
                _non_blank(row["text"]),
                None,
                row["language"],
                row["meta"]["language_score"],
                row["meta"]["perplexity"],
                row["meta"]["bucket"],
            )
    for path in sorted((output / "rejected" / "commoncrawl").glob("*.parquet")):
        for row in pq.read_table(path).to_pylist():
            meta = json.loads(row["meta_json"] or "{}")
            step = row["step"]
            page = Page(
                step != "read",
                None,
                f"{step}/{row['reason']}",
                meta.get("language"),
                meta.get("language_score"),
                meta.get("perplexity"),
                meta.get("bucket"),
            )
            if step not in ("read", "line_dedup"):
                page.lines = _non_blank(row["text"])
            by_url[row["url"]] = page
    return by_url


def load_ccnet(output: Path, probe: Path) -> dict[str, Page]:
    """cc_net's output rows and its probe rows (every page after dedup), by URL."""
    with probe.open(encoding="utf-8") as handle:
        read_log = json.loads(handle.readline())["read"]
        probed = [json.loads(line) for line in handle]
    by_url = {entry["url"]: Page(False, None, "read/too_short") for entry in read_log}
    for entry in read_log:
        if entry["length"] >= 300:
            by_url[entry["url"]] = Page(True, None, "dedup/all_lines_duplicate")
    for row in probed:
        by_url[row["url"]] = Page(
            True,
            _non_blank(row["raw_content"]),
            "lid/below_threshold",
            row["probe_language"],
            row["probe_language_score"],
            extra={"text": row["raw_content"], "title": row["title"]},
        )
    with output.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            page = by_url[row["url"]]
            page.dropped_at = None
            page.language, page.language_score = row["language"], row["language_score"]
            page.perplexity, page.bucket = row.get("perplexity"), row.get("bucket")
    return by_url


# ----------------------------------------------------------------------------------- comparing

TITLE = "read: a page's first line is cc_net's title, kept out of its text, and in ours"
FOLLOWS = "follows an earlier step's difference"


class Checks:
    """Our language ID and perplexity as the CommonCrawl recipe sets them, to score cc_net's
    text with, and the title lines cc_net kept out of its pages."""

    def __init__(self, models: Path, titles: set[str]) -> None:
        self.titles = titles
        self.lid = LanguageID(None, 0.5, line_joiner="", decimals=LID_DECIMALS)
        self.lid.setup()
        self.lm = QualityLM(LMFiles.under(models / "lm", LANGUAGE))
        self.cutoffs = cutoffs(models)

    def dedup_cause(self, ours: list[str], theirs: list[str]) -> str:
        """TITLE when a line kept by one side only is some page's title line (which cc_net
        neither keeps nor hashes), else unexplained."""
        ours_only = [line for line in ours if line not in set(theirs)]
        theirs_only = [line for line in theirs if line not in set(ours)]
        if self.titles.intersection(ours_only + theirs_only):
            return TITLE
        return "dedup: unexplained"


def _close(ours: float | None, theirs: float | None, slack: float) -> bool:
    if ours is None or theirs is None:
        return ours is theirs
    return abs(ours - theirs) <= max(slack, RELATIVE * abs(theirs))


def _kept_by_lid(page: Page) -> bool:
    return page.dropped_at not in ("lid/low_confidence", "lid/below_threshold")


def compare_page(ours: Page, theirs: Page, checks: Checks) -> list[str]:
    """The disagreement classes of one page, step by step (empty: every decision agrees). A
    later step's difference on a page whose text an earlier step already made differ is
    counted as following it."""
    if ours.read != theirs.read:
        return ["read: kept by one side only"]
    if not ours.read:
        return []
    if ours.lines is None or theirs.lines is None:
        return [] if ours.lines is theirs.lines else ["dedup: page kept by one side only"]
    classes = []
    if ours.lines != theirs.lines:
        classes.append(checks.dedup_cause(ours.lines, theirs.lines))
    earlier = bool(classes)
    if ours.language != theirs.language or not _close(
        ours.language_score, theirs.language_score, SCORE_SLACK
    ):
        what = "score only" if ours.language == theirs.language else "label"
        classes.append(f"lid: {FOLLOWS}" if earlier else f"lid: unexplained ({what})")
    if _kept_by_lid(ours) != _kept_by_lid(theirs):
        classes.append(f"lid threshold: {FOLLOWS}" if classes else "lid threshold: unexplained")
    both_scored = _kept_by_lid(ours) and _kept_by_lid(theirs)
    if not (both_scored and ours.language == theirs.language == LANGUAGE):
        return classes
    earlier = bool(classes)
    if not _close(ours.perplexity, theirs.perplexity, PERPLEXITY_SLACK):
        classes.append(f"perplexity: {FOLLOWS}" if earlier else "perplexity: unexplained")
    if ours.bucket != theirs.bucket:
        classes.append(f"bucket: {FOLLOWS}" if classes else "bucket: unexplained")
    return classes


def compare_steps(theirs: dict[str, Page], checks: Checks) -> dict:
    """Each of our steps on exactly the text cc_net's step saw (its deduplicated pages):
    language label and score, then perplexity and bucket of its English pages."""
    pages = [p for p in theirs.values() if p.lines is not None and p.language is not None]
    texts = [p.extra["text"] for p in pages]
    predicted = checks.lid.predict(texts) if texts else []
    lid: Counter[str] = Counter()
    scored: Counter[str] = Counter()
    for page, text, (label, score) in zip(pages, texts, predicted, strict=True):
        same = label == page.language and _close(score, page.language_score, SCORE_SLACK)
        lid["agree" if same else "lid: unexplained"] += 1
        if page.language != LANGUAGE or page.perplexity is None:
            continue
        perplexity = checks.lm.perplexity(text)
        if _close(perplexity, page.perplexity, PERPLEXITY_SLACK):
            scored["agree"] += 1
        else:
            scored["perplexity: unexplained"] += 1
        scored[
            "bucket agrees"
            if bucket_of(perplexity, *checks.cutoffs) == page.bucket
            else "bucket differs"
        ] += 1
    return {
        "lid_pages": len(pages),
        "lid": dict(lid.most_common()),
        "perplexity_pages": scored["agree"]
        + sum(v for k, v in scored.items() if k.startswith("perplexity")),
        "perplexity": dict(scored.most_common()),
    }


def compare(ours: dict[str, Page], theirs: dict[str, Page], checks: Checks) -> dict:
    """Per-page agreement over every page either side read, and the disagreement classes."""
    urls = sorted(set(ours) | set(theirs))
    classes: Counter[str] = Counter()
    examples: dict[str, str] = {}
    agreeing = 0
    for url in urls:
        found = compare_page(ours.get(url, Page()), theirs.get(url, Page()), checks)
        agreeing += not found
        for name in found:
            classes[name] += 1
            examples.setdefault(name, url)
    return {
        "documents": len(urls),
        "agreeing": agreeing,
        "agreement": round(agreeing / len(urls), 4) if urls else 0.0,
        "classes": dict(classes.most_common()),
        "examples": examples,
        "ours_outcomes": dict(Counter(p.dropped_at or "kept" for p in ours.values())),
        "cc_net_outcomes": dict(Counter(p.dropped_at or "kept" for p in theirs.values())),
        "steps_on_cc_net_text": compare_steps(theirs, checks),
    }


def agreement(
    copies: int,
    files: int = 2,
    framing: str = "aligned",
    limit: int | None = None,
    work: Path = WORK,
    models: Path | None = None,
) -> dict:
    """Both pipelines on `copies` copies of the pages (the first `limit` records), compared;
    `models` defaults to a folder prepared under `work`."""
    models = models or prepare_models(work / "models")
    cutoff_csv = write_cutoff_csv(models, work / "cutoff.csv")
    config = write_config(work / "ccnet.yaml")
    inputs, _ = build_inputs(copies, files, framing, limit, work / "input")
    name = f"{copies}x{limit or 'all'}-{framing}"
    ours_out = work / "agreement" / f"ours-{name}"
    cc_out = work / "agreement" / f"cc_net-{name}.jsonl"
    probe = work / "agreement" / f"cc_net-{name}-probe.jsonl"
    run(ours_command(inputs.ours, ours_out, models, config), ours_out)
    run(ccnet_command(inputs.cc_net, cc_out, models, cutoff_csv, probe=probe), cc_out)
    theirs = load_ccnet(cc_out, probe)
    titles = {p.extra["title"] for p in theirs.values() if framing == "same" and p.extra}
    checks = Checks(models, titles)
    report = compare(load_ours(ours_out), theirs, checks)
    report["libraries"] = {
        "ours": library_versions(sys.executable),
        "cc_net": library_versions(CC_NET_PYTHON),
    }
    report.update(
        copies=copies, framing=framing, input_bytes=inputs.text_bytes, cutoffs=list(cutoffs(models))
    )
    return report


def problems(report: dict, documents: int | None = None) -> list[str]:
    """What in a report breaks the agreement: pages cc_net did not parse, other library
    releases on its side, a disagreement with no checked cause, language ID or perplexity on
    the same text differing for a reason other than the known ones."""
    found = []
    parsed = sum(report["cc_net_outcomes"].values())
    if documents is not None and parsed != documents:
        found.append(f"cc_net parsed {parsed} of {documents} pages")
    if report["libraries"]["ours"] != report["libraries"]["cc_net"]:
        found.append(f"library releases differ: {report['libraries']} (bench/setup_peers.sh)")
    found += [f"unexplained: {name} ({n})" for name, n in report["classes"].items()
              if "unexplained" in name or name == "read: kept by one side only"]  # fmt: skip
    steps = report["steps_on_cc_net_text"]
    if not steps["lid"].get("agree"):
        found.append("language ID agrees on no page")
    found += [f"language ID: {name}" for name in steps["lid"] if name != "agree"]
    known = {"agree", "bucket agrees"}
    found += [f"perplexity: {name}" for name in steps["perplexity"] if name not in known]
    return found


def main(argv: Iterable[str] | None = None) -> int:
    """Print each run's report and what in it breaks the agreement; 1 if anything does."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[4, 16])
    parser.add_argument("--files", type=int, default=2)
    parser.add_argument("--framing", choices=("aligned", "same"), default="aligned")
    parser.add_argument("--limit", type=int, help="only the first LIMIT pages of the input")
    args = parser.parse_args(list(argv) if argv is not None else None)
    failed = False
    for copies in args.copies:
        report = agreement(copies, args.files, args.framing, args.limit)
        print(json.dumps(report, indent=2))
        found = problems(report, report["documents"])
        for problem in found:
            print(f"DISAGREEMENT ({copies} copies): {problem}")
        failed = failed or bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
