"""The CLI as a user runs it: `python -m pipelines.run` from the project root, in a subprocess."""

import gzip
import hashlib
import html
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpora.schema import OUTPUT_SCHEMA
from tests.conftest import PROJECT_ROOT, SAMPLES, run_cli

# The local cluster-like mode: two worker processes; the output folder goes last.
COMMONCRAWL_TWO_WORKERS = ("--source", "commoncrawl", "--keep-rejected",
                           "--direct_running_mode=multi_processing", "--direct_num_workers=2",
                           "--output")  # fmt: skip


def file_digests(root: Path, sub: str) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / sub).rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def multiprocess_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("out-mp")
    result = run_cli(*COMMONCRAWL_TWO_WORKERS, str(out))
    return out, result


def test_default_run_writes_clean_parquet_stats_and_says_where(multiprocess_run):
    out, result = multiprocess_run
    assert f"stats: {out}/stats/commoncrawl.json" in result.stdout
    assert f"clean documents: {out}/clean/commoncrawl/" in result.stdout
    stats = json.loads((out / "stats" / "commoncrawl.json").read_text())
    assert [s["name"] for s in stats["stages"]] == [
        "read",
        "line_dedup",
        "min_length",
        "lid",
        "perplexity",
        "wiki_classifier",
    ]
    assert stats["models"]["wiki_classifier"]["train"]["positives"] > 0
    # the shipped sample is far too small to train the classifier on: it says so, drops nothing
    classifier = stats["stages"][-1]
    assert classifier["inert"] and "too few to filter with" in classifier["warning"]
    assert classifier["dropped"] == {}
    assert "WARNING: wiki_classifier: trained on" in result.stdout
    assert "too few to filter with" in (out / "report.html").read_text()
    # a page that line dedup left under the minimum length is dropped and counted
    assert stats["stages"][2]["dropped"] == {"too_short": 1}
    cutoffs = stats["stages"][4]["models"]["en"]
    assert "CommonCrawl pages in en" in cutoffs["cutoffs_from"]
    previous = stats["documents_in"]
    for stage in stats["stages"]:
        assert stage["in"] == previous
        assert stage["in"] == stage["kept"] + sum(stage["dropped"].values())
        previous = stage["kept"]
    assert stats["documents_out"] == previous > 0
    assert stats["stages"][3]["dropped"]["other_language"] == 9  # the 9 non-English pages
    dedup = stats["stages"][1]["metrics"]
    assert dedup["lines_kept"] < dedup["lines_in"]  # shared navigation and footers went

    files = sorted((out / "clean" / "commoncrawl").glob("part-*.parquet"))
    assert [f.name for f in files] == ["part-00000-of-00001.parquet"]  # sized by bytes
    rows = _rows(out / "clean" / "commoncrawl")
    assert len(rows) == stats["documents_out"]
    assert pq.read_schema(files[0]) == OUTPUT_SCHEMA
    assert {r["language"] for r in rows} == {"en"}
    _, tail = stats["stages"][4]["models"]["en"]["cutoffs"]
    assert all(r["bucket"] in ("head", "middle") and r["perplexity"] < tail for r in rows)
    assert all(r["nlines"] <= r["original_nlines"] for r in rows)
    # documents and rows parked while global stages decided are gone with the run
    assert not (out / "tmp").exists()  # the parking folders, and their parent once empty
    assert not list(out.rglob(".tmp-*"))
    assert len({r["id"] for r in rows}) == len(rows)
    # a footer line shared by a site's pages survives in exactly one kept document
    footer = "This site uses cookies to improve your experience."
    assert sum(footer in r["text"].split("\n") for r in rows) <= 1


def test_every_rejection_is_written_with_step_and_reason(multiprocess_run):
    out, _ = multiprocess_run
    stats = json.loads((out / "stats" / "commoncrawl.json").read_text())
    rejected = [
        r
        for f in sorted((out / "rejected" / "commoncrawl").glob("*.parquet"))
        for r in pq.read_table(f).to_pylist()
    ]
    expected = {
        (s["name"], reason): n for s in stats["stages"] for reason, n in s["dropped"].items()
    }
    found: dict = {}
    for row in rejected:
        found[(row["step"], row["reason"])] = found.get((row["step"], row["reason"]), 0) + 1
    assert found == expected


def test_same_bytes_on_rerun_and_across_running_modes(multiprocess_run, tmp_path):
    out, _ = multiprocess_run
    first = file_digests(out, "clean") | file_digests(out, "rejected")
    run_cli(*COMMONCRAWL_TWO_WORKERS, str(out))
    assert file_digests(out, "clean") | file_digests(out, "rejected") == first
    other = tmp_path / "in-memory"
    run_cli("--source", "commoncrawl", "--output", str(other), "--keep-rejected")
    assert file_digests(other, "clean") | file_digests(other, "rejected") == first
    assert file_digests(other, "models") == file_digests(out, "models")


def test_broken_inputs_are_counted_not_fatal(tmp_path):
    good = SAMPLES / "commoncrawl" / "sample-00001.warc.wet.gz"
    data = good.read_bytes()
    (tmp_path / "truncated.warc.wet.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "page.warc.wet.gz").write_bytes(gzip.compress(b"<html>not a warc</html>\n"))
    (tmp_path / "empty.warc.wet.gz").write_bytes(b"")
    out = tmp_path / "out"
    run_cli(
        "--source",
        "commoncrawl",
        "--input",
        str(tmp_path / "*.warc.wet.gz"),
        "--input",
        str(good),
        "--output",
        str(out),
        "--models",
        str(tmp_path / "models"),
    )
    stats = json.loads((out / "stats" / "commoncrawl.json").read_text())
    read = stats["stages"][0]
    assert read["dropped"]["truncated_or_corrupt_compression"] == 1
    assert read["dropped"]["corrupt_record"] == 1
    assert read["kept"] > 16  # the good file plus what came before the truncation
    assert sorted(stats["inputs"]) == [
        "empty.warc.wet.gz",
        "page.warc.wet.gz",
        "sample-00001.warc.wet.gz",
        "truncated.warc.wet.gz",
    ]


def test_unknown_input_is_a_clear_error(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.run",
            "--source",
            "commoncrawl",
            "--input",
            str(tmp_path / "nothing-*.wet.gz"),
            "--output",
            str(tmp_path),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert "error: no input file matches" in result.stderr
    assert "Traceback" not in result.stderr


def test_wiki_classifier_stage_takes_fetched_reference_pages(tmp_path):
    out = tmp_path / "out"
    run_cli("--source", "wikipedia", "--output", str(out))
    fetched = SAMPLES / "commoncrawl" / "sample-00001.warc.wet.gz"
    result = run_cli(
        "--stage",
        "wiki-classifier",
        "--output",
        str(out),
        "--input",
        str(SAMPLES / "commoncrawl" / "sample-00000.warc.wet.gz"),
        "--wiki-references",
        str(fetched),
    )
    assert "wiki classifier:" in result.stdout
    rows = [
        r
        for f in sorted((out / "models" / "wiki_classifier_data").glob("*.parquet"))
        for r in pq.read_table(f).to_pylist()
    ]
    positives = {r["id"] for r in rows if r["label"] == 1}
    from corpora.commoncrawl import read_file
    from filters.document import Document

    fetched_long = sum(
        isinstance(d, Document) and len(d.text) >= 1000
        for d in read_file(fetched.open("rb"), fetched.name)
    )
    assert fetched_long > 5
    assert sum(i.startswith("sample-00001") for i in positives) == fetched_long
    assert any(i.startswith("sample-00000") for i in positives)  # cited by the sample dumps
    negatives = [r for r in rows if r["label"] == 0]
    assert negatives and all(r["id"].startswith("sample-00000") for r in negatives)
    report = json.loads((out / "models" / "wiki_classifier.json").read_text())
    assert report["train"]["positives"] + report["heldout"]["positives"] == len(positives)


def _rows(directory: Path) -> list[dict]:
    """The rows of an output folder, each source's own `meta` fields lifted beside the others."""
    rows = [
        r for f in sorted(directory.glob("part-*.parquet")) for r in pq.read_table(f).to_pylist()
    ]
    return [{**(row.pop("meta") or {}), **row} for row in rows]


def _check_accounting(stats: dict) -> None:
    previous = stats["documents_in"]
    for stage in stats["stages"]:
        assert stage["in"] == previous == stage["kept"] + sum(stage["dropped"].values())
        previous = stage["kept"]
    assert stats["documents_out"] == previous == stats["rows_written"]


@pytest.fixture(scope="module")
def sources_run(tmp_path_factory):
    """Every rule-based source on its shipped sample, in one output folder."""
    out = tmp_path_factory.mktemp("out-sources")
    for source in ("c4", "github", "stackexchange", "wikipedia", "arxiv", "books"):
        run_cli("--source", source, "--output", str(out), "--keep-rejected")
    return out


@pytest.mark.parametrize("source", ["c4", "github", "stackexchange", "wikipedia", "arxiv", "books"])
def test_each_source_runs_on_its_sample_and_accounts_for_everything(sources_run, source):
    stats = json.loads((sources_run / "stats" / f"{source}.json").read_text())
    _check_accounting(stats)
    kept = _rows(sources_run / "clean" / source)
    rejected = _rows(sources_run / "rejected" / source)
    assert len(kept) == stats["documents_out"] > 0
    assert len(rejected) == stats["documents_in"] - stats["documents_out"]
    assert all(row["text"] for row in kept)
    # the run's drop examples are the smallest ids of each reason among the rejected rows
    smallest: dict[str, list[str]] = {}
    for row in sorted(rejected, key=lambda r: r["id"]):
        smallest.setdefault(f"{row['step']}/{row['reason']}", []).append(row["id"])
    examples = stats["drop_examples"]
    assert {name: [e["id"] for e in found] for name, found in examples.items()} == {
        name: ids[:3] for name, ids in smallest.items()
    }


def test_github_sample_outcomes_match_their_labels(sources_run):
    with gzip.open(SAMPLES / "github" / "github-sample.jsonl.gz", "rt") as lines:
        labels = {f"{r['repo_name']}/{r['path']}": r["expected"] for r in map(json.loads, lines)}
    reasons = {
        "drop_license": "license_not_allowed",
        "drop_extension": "extension_not_allowed",
        "drop_lock_file": "lock_file",
        "drop_max_line": "max_line_length",
        "drop_mean_line": "mean_line_length",
        "drop_alnum": "low_alphanumeric",
        "drop_alpha_per_token": "low_alpha_per_token",
        "drop_duplicate": "duplicate_content",
    }
    for row in _rows(sources_run / "rejected" / "github"):
        assert reasons[labels[row["id"]]] == row["reason"], row["id"]
    kept = _rows(sources_run / "clean" / "github")
    assert {row["id"] for row in kept} == {i for i, label in labels.items() if label == "keep"}
    assert not any(
        row["text"].lstrip().lower().startswith(("/*\n * copyright", "# copyright")) for row in kept
    )


def test_stackexchange_threads_and_c4_urls(sources_run):
    threads = _rows(sources_run / "clean" / "stackexchange")
    assert {row["site"] for row in threads} == {
        "cooking.stackexchange.com",
        "bicycles.stackexchange.com",
        "gardening.stackexchange.com",
        "chess.stackexchange.com",
    }
    assert all(
        row["text"].startswith("Q: ") and row["url"].endswith(row["question_id"]) for row in threads
    )
    c4 = _rows(sources_run / "clean" / "c4")
    assert len({row["url"] for row in c4}) == len(c4)


def test_all_stages_byte_identical_across_modes_and_shards_decode_to_clean_text(
    all_output, tmp_path
):
    from filters.tokenizer import Tokenizer
    from tests.test_tokens import read_megatron

    first, second = all_output, tmp_path / "multi-processing"
    run_cli(
        "--all",
        "--output",
        str(second),
        "--num-shards",
        "3",
        "--direct_running_mode=multi_processing",
        "--direct_num_workers=2",
    )
    digests = {sub: file_digests(first, sub) for sub in ("clean", "models", "tokens", "stats")}
    assert digests == {sub: file_digests(second, sub) for sub in digests}

    manifest = json.loads((first / "tokens" / "manifest.json").read_text())
    tokenizer = Tokenizer(first / "models" / "tokenizer.model")
    clean = {
        row["text"] for source in manifest["sources"] for row in _rows(first / "clean" / source)
    }
    rows = [row for source in manifest["sources"] for row in _rows(first / "clean" / source)]
    texts = {(row["source"], row["id"]): row["text"] for row in rows}
    total = 0
    for stem in manifest["shards"]:
        sequences = read_megatron(
            (first / "tokens" / f"{stem}.bin").read_bytes(),
            (first / "tokens" / f"{stem}.idx").read_bytes(),
        )
        provenance = pq.read_table(first / "tokens" / f"{stem}.parquet").to_pylist()
        assert [row["sequence"] for row in provenance] == list(range(len(sequences)))
        for tokens, origin in zip(sequences, provenance, strict=True):
            assert tokens[-1] == 2  # EOS closes every document
            assert tokenizer.decode(tokens) == texts[(origin["source"], origin["id"])]
            assert origin["epoch"] >= 0
        total += sum(len(s) for s in sequences)
    assert {text for text in texts.values()} == clean

    # the Hugging Face export encodes real text of every source as the .model does
    from transformers import AutoTokenizer

    hugging_face = AutoTokenizer.from_pretrained(str(first / "models" / "hf-tokenizer"))
    for source in manifest["sources"]:
        sample = [row["text"] for row in rows if row["source"] == source][:20]
        assert sample, source
        assert [hugging_face.encode(t, add_special_tokens=False) for t in sample] == [
            list(a[:-1]) for a in tokenizer.encode(sample)
        ], source
    assert total == manifest["total_tokens"] > 0
    assert len(manifest["shards"]) == 3
    for entry in manifest["sources"].values():
        assert entry["realized_epochs"] <= entry["configured_epochs"] + 1

    report = (first / "report.html").read_text()
    for source in manifest["sources"]:
        assert f"<h2 id='{source}'>{source}</h2>" in report
    assert "Tokens and mixture" in report and "Perplexity" in report
    assert report.count("<svg ") >= len(manifest["sources"]) + 3


def test_report_shows_drop_examples_without_keep_rejected(tmp_path):
    run_cli("--source", "c4", "--output", str(tmp_path))
    assert not (tmp_path / "rejected").exists()
    report = (tmp_path / "report.html").read_text()
    assert "lid / other_language (8)" in report
    assert "Wer keinen Garten hat" in report  # the German page the language filter dropped


def test_report_shows_drop_examples_with_keep_rejected(multiprocess_run):
    from pipelines.report import write_report

    out, _ = multiprocess_run
    report = Path(write_report(str(out))).read_text()
    assert "lid / other_language (9)" in report and "perplexity / bucket_tail" in report
    rejected = pq.read_table(out / "rejected" / "commoncrawl").to_pylist()
    tail = min((r for r in rejected if r["reason"] == "bucket_tail"), key=lambda r: r["id"])
    assert html.escape(tail["text"][:60]) in report  # the first page the LM put in the tail


def test_books_sample_drops_exactly_the_intended_near_duplicates(sources_run):
    manifest = json.loads((SAMPLES / "books" / "manifest.json").read_text())
    dropped = {row["id"]: row for row in _rows(sources_run / "rejected" / "books")}
    should_drop = {
        m["file"].removesuffix(".gz")  # ids are paths below the inputs' common folder
        for m in manifest
        if m["relation"] in ("rerendering", "light_edit")
    }
    assert set(dropped) == should_drop
    kept = {row["id"] for row in _rows(sources_run / "clean" / "books")}
    assert "books3/the-night-bakery-sampler.txt" in kept  # half a book is not a >90% duplicate
    assert "books3/the-keepers-of-skerrow-rock.txt" in kept  # same theme, different text


def test_a_user_warc_into_a_fresh_output_folder(shared_data, tmp_path):
    """A new user's first run on their own WARC: the models are built from the configured
    samples, then their pages are extracted (resiliparse) and cleaned."""
    warc = shared_data / "web" / "warc" / "eval-pages.warc.gz"
    result = run_cli(
        "--source",
        "commoncrawl",
        "--input",
        str(warc),
        "--extractor",
        "resiliparse",
        "--output",
        str(tmp_path),
    )
    stats = json.loads((tmp_path / "stats" / "commoncrawl.json").read_text())
    assert stats["inputs"] == ["eval-pages.warc.gz"] and stats["documents_in"] == 222
    assert 0 < stats["documents_out"] < 222
    assert "wiki-classifier: training on" in result.stdout
