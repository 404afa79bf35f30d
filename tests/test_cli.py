"""The command line as a user runs it (`python -m pipelines.run` in a subprocess): what it
refuses before any work, how it stops, what it skips on a re-run."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from tests.conftest import PROJECT_ROOT, SAMPLES

C4_SAMPLE = SAMPLES / "c4" / "c4-sample.json.gz"


def cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """One run of the CLI; its exit code is for the test to check."""
    env = {**os.environ, "NO_GCE_CHECK": "true", "GCE_METADATA_HOST": "127.0.0.1"}
    return subprocess.run([sys.executable, "-m", "pipelines.run", *args], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=timeout)  # fmt: skip


def stats(out: Path, source: str) -> dict:
    return json.loads((out / "stats" / f"{source}.json").read_text())


def one_line_error(result: subprocess.CompletedProcess) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def two_c4_files(tmp_path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = [folder / "c4-a.json.gz", folder / "c4-b.json.gz"]
    for path in paths:
        shutil.copy(C4_SAMPLE, path)
    return paths


def test_every_shell_expanded_input_is_read_and_limit_reads_the_first_n(two_c4_files, tmp_path):
    single = cli("--source", "c4", "--input", str(two_c4_files[0]), "--output", str(tmp_path / "a"))
    both = cli(
        "--source", "c4", "--input", *map(str, two_c4_files), "--output", str(tmp_path / "b")
    )
    assert single.returncode == both.returncode == 0
    per_file = stats(tmp_path / "a", "c4")["documents_in"]
    assert stats(tmp_path / "b", "c4")["documents_in"] == 2 * per_file > 10
    limited = cli("--source", "c4", "--input", *map(str, two_c4_files), "--limit", "5",
                  "--output", str(tmp_path / "c"))  # fmt: skip
    assert limited.returncode == 0 and stats(tmp_path / "c", "c4")["documents_in"] == 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--keep-rejcted"], "unknown option --keep-rejcted (did you mean --keep-rejected?)"),
        (["--direct_num_worker=2"], "did you mean --direct_num_workers?"),
        (["--limit", "0"], "must be at least 1"),
        (["stray.json.gz"], "unexpected argument 'stray.json.gz'"),
        (["--input", "no/such/*.json.gz"], "no input file matches 'no/such/*.json.gz'"),
        (["--output", "/proc/no-such-folder"], "cannot write to the output folder"),
    ],
)
def test_mistakes_stop_before_any_work_with_one_line(args, message, tmp_path):
    out = tmp_path / "out"
    result = cli("--source", "c4", "--output", str(out), *args)
    assert result.returncode == 2
    assert message in one_line_error(result)
    assert not out.exists()  # nothing written


def _recipe(tmp_path: Path, change) -> Path:
    recipe = yaml.safe_load((PROJECT_ROOT / "mixture.yaml").read_text())
    change(recipe)
    path = tmp_path / "mixture.yaml"
    path.write_text(yaml.safe_dump(recipe, sort_keys=False))
    return path


def _rename(section: dict, old: str, new: str) -> None:
    section[new] = section.pop(old)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: _rename(r["sources"]["c4"], "lid_threshold", "lid_treshold"),
         "sources.c4.lid_treshold: unknown key (did you mean `lid_threshold`?)"),
        (lambda r: r["sources"]["commoncrawl"].update(perplexity_cutofs={"en": [1, 2]}),
         "sources.commoncrawl.perplexity_cutofs: unknown key"),
        (lambda r: r["sources"]["commoncrawl"].update(lid_threshold=-0.5),
         "sources.commoncrawl.lid_threshold: Input should be greater than or equal to 0"),
        (lambda r: r["sources"]["commoncrawl"].update(share=0.9),
         "the sources' shares sum to 1.23, not 1"),
    ],
)  # fmt: skip
def test_recipe_mistakes_name_the_key(change, message, tmp_path):
    out = tmp_path / "out"
    result = cli("--source", "c4", "--config", str(_recipe(tmp_path, change)), "--output", str(out))
    assert result.returncode == 2
    assert message in one_line_error(result)
    assert not out.exists()


@pytest.mark.parametrize(
    ("runner", "reason"),
    [("DaskRunner", "mixes the outputs of multi-output steps"),
     ("NoSuchRunner", "not a runner these pipelines were run on")],
)  # fmt: skip
def test_a_runner_the_pipelines_cannot_run_on_is_refused_before_work(runner, reason, tmp_path):
    out = tmp_path / "out"
    result = cli("--source", "c4", "--output", str(out), "--runner", runner)
    assert result.returncode == 2
    line = one_line_error(result)
    assert f"--runner {runner} is not supported" in line and reason in line
    assert "FlinkRunner" in line and not out.exists()


def test_debug_shows_the_traceback(tmp_path):
    result = cli("--source", "c4", "--input", "no/such/file", "--output", str(tmp_path), "--debug")
    assert result.returncode == 1 and "Traceback" in result.stderr


def test_a_dry_run_on_the_local_runner_builds_the_graph_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = cli("--source", "c4", "--output", str(out), "--dry_run=True")
    assert result.returncode == 0, result.stderr
    assert (
        "c4: dry run: the pipeline" in result.stdout
        and "nothing was run or written" in result.stdout
    )
    assert not out.exists()


def test_a_rerun_skips_what_is_unchanged_and_redoes_what_is_stale(two_c4_files, tmp_path):
    out = str(tmp_path / "out")
    source = ("--source", "c4", "--input", str(two_c4_files[0]), "--output", out)
    assert cli(*source).returncode == 0
    assert cli("--stage", "tokenizer", "--output", out).returncode == 0
    again = cli(*source)
    assert "source:c4: skipped: unchanged" in again.stdout
    tokenizer = cli("--stage", "tokenizer", "--output", out)
    assert "stage:tokenizer: skipped: unchanged" in tokenizer.stdout
    forced = cli(*source, "--force")
    assert "skipped" not in forced.stdout and "c4: done" in forced.stdout
    # an input changed: the source is redone, and so is the tokenizer that read its output
    shutil.copy(two_c4_files[1], two_c4_files[0])
    os.utime(two_c4_files[0], (time.time() + 5, time.time() + 5))
    assert "c4: done" in cli(*source).stdout
    assert "skipped" not in cli("--stage", "tokenizer", "--output", out).stdout


def test_mix_refuses_a_partial_mixture_unless_asked(tmp_path):
    out = str(tmp_path / "out")
    assert cli("--source", "c4", "--output", out).returncode == 0
    assert cli("--stage", "tokenizer", "--output", out).returncode == 0
    refused = cli("--stage", "mix", "--output", out)
    assert refused.returncode == 1
    line = one_line_error(refused)
    assert "arxiv 0 of 0.025: no encoded tokens" in line and "--allow-partial-mixture" in line
    assert not (tmp_path / "out" / "tokens" / "manifest.json").exists()
    allowed = cli("--stage", "mix", "--output", out, "--allow-partial-mixture")
    assert allowed.returncode == 0 and "PARTIAL MIXTURE" in allowed.stdout
    manifest = json.loads((tmp_path / "out" / "tokens" / "manifest.json").read_text())
    assert manifest["sources"]["arxiv"]["note"] == "0 of 0.025: no encoded tokens"
    assert manifest["sources"]["c4"]["table_share"] == 0.15
    assert "Partial mixture" in (tmp_path / "out" / "report.html").read_text()


@pytest.mark.parametrize(
    ("signum", "code", "name", "whole_group"),
    [
        (signal.SIGINT, 130, "Ctrl-C", False),
        (signal.SIGTERM, 143, "SIGTERM", False),
        (signal.SIGINT, 130, "Ctrl-C", True),  # a terminal's Ctrl-C: the workers get it too
    ],
)
def test_a_signal_stops_with_one_line_and_leaves_no_temporary_file(
    signum, code, name, whole_group, tmp_path
):
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "pipelines.run", "--source", "commoncrawl", "--output", str(out),
         "--direct_running_mode=multi_processing", "--direct_num_workers=2"],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (out / "tmp").exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # until the first source (the Wikipedia the models need) is running
    if whole_group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == code
    assert stderr.strip().splitlines()[-1].startswith(f"interrupted ({name})")
    assert "Traceback" not in stderr
    leftovers = [p for p in out.rglob("*") if p.name.startswith((".tmp", ".write-probe"))
                 or p.name == "tmp"]  # fmt: skip
    assert leftovers == []
    workers = subprocess.run(["pgrep", "-f", str(out)], capture_output=True, text=True).stdout
    assert workers == ""  # the local runner's worker processes were stopped too
    # finished tasks are kept and skipped; the rest is done now
    resumed = cli("--source", "commoncrawl", "--output", str(out))
    assert resumed.returncode == 0 and "commoncrawl: done" in resumed.stdout


def test_a_signal_landing_in_a_weakref_callback_prints_no_traceback(monkeypatch, capsys):
    """Python cannot raise from a weakref callback and prints what it raises; a signal's
    Interrupted landing there is reported once, by the run, while other errors still show."""
    import weakref

    from pipelines import run

    monkeypatch.setattr(sys, "unraisablehook", run._without_interruptions(sys.__unraisablehook__))

    class Batch:
        """Something the runner holds a weak reference to."""

    def raising(error: BaseException):
        def callback(_) -> None:
            raise error

        return callback

    interrupted, broken = Batch(), Batch()
    refs = [weakref.ref(interrupted, raising(run.Interrupted(signal.SIGTERM))),
            weakref.ref(broken, raising(ValueError("a real bug")))]  # fmt: skip
    del interrupted, broken
    printed = capsys.readouterr().err
    assert "ValueError: a real bug" in printed
    assert "Interrupted" not in printed and "SIGTERM" not in printed
    assert all(ref() is None for ref in refs)


def test_progress_line_says_what_was_read_kept_and_how_long_is_left(monkeypatch):
    from pipelines import progress

    display = progress.Display("c4", ["read", "lid"], total_bytes=4_000_000, quiet=True)
    with display:
        progress.TALLY.add("c4/read|in", 1200)
        progress.TALLY.add("c4|bytes_read", 1_000_000)
        progress.TALLY.add("c4/lid|kept", 900)
        time.sleep(0.05)
        line = display.line(display.totals())
    assert line.startswith("c4: read 1,200 documents, 1.0 of 4.0 MB (25%), kept 900 so far;")
    assert "docs/s" in line and "MB/s" in line and "elapsed, about" in line and "left" in line
    assert not Path(display.folder).exists()  # removed with the display


def test_progress_lines_when_not_a_terminal_and_none_when_quiet(tmp_path, monkeypatch):
    monkeypatch.setenv("LLAMA_CORPUS_PROGRESS_EVERY", "0.1")
    shown = cli("--source", "wikipedia", "--output", str(tmp_path / "a"))
    lines = [line for line in shown.stderr.splitlines() if line.startswith("wikipedia: read ")]
    assert lines and "MB (" in lines[-1] and "elapsed" in lines[-1]
    quiet = cli("--source", "wikipedia", "--output", str(tmp_path / "b"), "--quiet")
    assert quiet.returncode == 0 and "wikipedia: read " not in quiet.stderr


def test_a_given_tokenizer_is_used_as_it_is_and_a_bad_one_is_one_line(tmp_path):
    out = str(tmp_path / "out")
    assert cli("--source", "c4", "--output", out).returncode == 0
    assert cli("--stage", "tokenizer", "--output", out).returncode == 0
    trained = tmp_path / "theirs.model"  # stands in for a released tokenizer.model
    shutil.copy(Path(out) / "models" / "tokenizer.model", trained)
    recipe = yaml.safe_load((PROJECT_ROOT / "mixture.yaml").read_text())
    recipe["tokenizer"]["model"] = str(trained)
    config = tmp_path / "given.yaml"
    config.write_text(yaml.safe_dump(recipe, sort_keys=False))
    given_out = str(tmp_path / "given")
    shutil.copytree(Path(out) / "clean", Path(given_out) / "clean")
    shutil.copytree(Path(out) / "stats", Path(given_out) / "stats")
    result = cli("--stage", "tokenizer", "--output", given_out, "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert f"given ({trained})" in result.stdout
    models = Path(given_out) / "models"
    assert (models / "tokenizer.model").read_bytes() == trained.read_bytes()
    assert not (models / "hf-tokenizer").exists()  # nothing trained, nothing converted
    report = json.loads((models / "tokenizer_report.json").read_text())
    assert report["tokenizer"]["given"] == str(trained) and report["sample"] == {}
    encoded = sorted((Path(given_out) / "tokens" / "encoded" / "c4").glob("*.parquet"))
    assert [p.read_bytes() for p in encoded] == [
        p.read_bytes() for p in sorted((Path(out) / "tokens" / "encoded" / "c4").glob("*.parquet"))
    ]  # the same model gives the same shards, trained here or given
    trained.write_bytes(b"not a model at all\n")
    bad = cli("--stage", "tokenizer", "--output", given_out, "--config", str(config), "--force")
    assert bad.returncode == 1
    assert "is not a SentencePiece model" in one_line_error(bad)


def test_a_null_wiki_threshold_runs_ccnet_alone_without_a_classifier(all_output, tmp_path):
    models = tmp_path / "models"
    shutil.copytree(all_output / "models" / "lm", models / "lm")  # the LMs, no classifier
    config = _recipe(tmp_path, lambda r: r["sources"]["commoncrawl"].update(wiki_threshold=None))
    out = tmp_path / "out"
    result = cli("--source", "commoncrawl", "--output", str(out), "--models", str(models),
                 "--config", str(config))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "wiki-classifier" not in result.stdout and not list(models.glob("wiki_classifier*"))
    ours, classified = stats(out, "commoncrawl"), stats(all_output, "commoncrawl")
    assert [s["name"] for s in ours["stages"]] == [s["name"] for s in classified["stages"]][:-1]
    assert ours["stages"][-1]["name"] == "perplexity" and "wiki_classifier" not in ours["models"]
    assert ours["stages"][-1]["kept"] == classified["stages"][-2]["kept"] > 0
    rows = [r for p in (out / "clean" / "commoncrawl").glob("*.parquet")
            for r in pq.read_table(p, columns=["meta"]).to_pylist()]  # fmt: skip
    assert rows and all(r["meta"]["wiki_prob"] is None for r in rows)
