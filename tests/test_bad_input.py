"""Bad input as a user meets it, through the CLI: the run succeeds, the bad record or file is a
named drop, and the good records beside it are kept."""

import bz2
import gzip
import json

import pytest

from tests.conftest import SAMPLES
from tests.test_cli import cli, stats
from tests.test_wikipedia import _dump, _page


def read_drops(out, source: str) -> dict:
    summary = stats(out, source)
    return summary["stages"][0]["dropped"]


def test_wrong_typed_c4_fields_cost_only_their_rows(tmp_path):
    with gzip.open(SAMPLES / "c4" / "c4-sample.json.gz", "rt") as lines:
        good = [json.loads(line) for line in lines]
    bad = [
        {**good[0], "timestamp": 1556196000},  # a number: kept, as text
        {**good[1], "url": ["https://a.example/list"]},  # a list: dropped
    ]
    path = tmp_path / "c4-mixed.json.gz"
    path.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in good[2:] + bad).encode()))
    result = cli("--source", "c4", "--input", str(path), "--output", str(tmp_path / "out"))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    summary = stats(tmp_path / "out", "c4")
    assert summary["documents_in"] == len(good)
    assert read_drops(tmp_path / "out", "c4") == {"wrong_type_url": 1}
    assert summary["stages"][0]["kept"] == len(good) - 1


def test_wrong_typed_github_fields_cost_only_their_rows(tmp_path):
    code = "def area(radius):\n    return 3.14159 * radius * radius\n"
    rows = [
        {"repo_name": "acme/geometry", "path": "area.py", "license": "mit", "content": code},
        {"repo_name": "acme/geometry", "path": 12, "license": "mit", "content": code + "\n"},
        {"repo_name": {"owner": "acme"}, "path": "x.py", "license": "mit", "content": code},
        {"repo_name": "acme/geometry", "path": "y.py", "license": ["mit"], "content": code},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = cli("--source", "github", "--input", str(path), "--output", str(tmp_path / "out"))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert read_drops(tmp_path / "out", "github") == {
        "wrong_type_license": 1,
        "wrong_type_repo_name": 1,
    }
    assert stats(tmp_path / "out", "github")["stages"][0]["kept"] == 2


def test_a_markup_bomb_page_costs_only_itself(tmp_path):
    pages = (
        _page(1, "Wren", "The '''wren''' is a small [[bird]]. It sings loudly for its size.")
        + _page(2, "Bomb", "{{" * 2000 + "x" + "}}" * 2000)
        + _page(3, "Mixed", "Some text {{a|{{{b|[[c|{{d| " * 4000)
        + _page(4, "Robin", "The [[robin]] has a red breast and sings at dawn.")
    )
    path = tmp_path / "enwiki-latest-pages-articles.xml.bz2"
    path.write_bytes(bz2.compress(_dump(pages)))
    result = cli("--source", "wikipedia", "--input", str(path), "--output", str(tmp_path / "out"))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    stages = {s["name"]: s for s in stats(tmp_path / "out", "wikipedia")["stages"]}
    assert stages["strip_markup"]["dropped"] == {"markup_too_deep": 2}
    assert stages["strip_markup"]["kept"] == 2


@pytest.mark.parametrize(
    ("source", "sample"),
    [("c4", "c4/c4-sample.json.gz"), ("github", "github/github-sample.jsonl.gz")],
)
def test_an_empty_input_file_shows_up_in_the_stats(source, sample, tmp_path):
    empty = tmp_path / f"empty{''.join(SAMPLES.joinpath(sample).suffixes)}"
    empty.write_bytes(b"")
    args = ["--source", source, "--input", str(SAMPLES / sample), "--input", str(empty)]
    result = cli(*args, "--output", str(tmp_path / "out"))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert read_drops(tmp_path / "out", source).get("empty_file") == 1
    assert stats(tmp_path / "out", source)["documents_out"] > 0
