"""The README's "Using the outputs" snippets, run as written from a folder holding a fresh `--all`
output at `out/`, each in its own interpreter; what they print is checked against the files."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import PROJECT_ROOT

SECTION = "## Using the outputs"


def readme_snippets() -> list[str]:
    """The Python blocks of the README's "Using the outputs" section, in order."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(SECTION) :]
    section = section[: section.index("\n## ", len(SECTION))]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def snippet(word: str) -> str:
    """The one snippet that uses `word`."""
    found = [code for code in readme_snippets() if word in code]
    assert len(found) == 1, f"{len(found)} snippets use {word!r}"
    return found[0]


@pytest.fixture(scope="module")
def user_folder(all_output, tmp_path_factory) -> Path:
    """A folder where `out` is the `--all` output, as in the project root after a run."""
    folder = tmp_path_factory.mktemp("user")
    (folder / "out").symlink_to(all_output, target_is_directory=True)
    return folder


def run_snippet(code: str, folder: Path) -> list:
    """Run `code` in `folder`; each line it prints, read as a Python literal."""
    env = {**os.environ, "HF_HOME": str(folder / "hf-home"), "HF_HUB_OFFLINE": "1",
           "HF_DATASETS_OFFLINE": "1", "PYTHONWARNINGS": "ignore"}  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code], cwd=folder, env=env,
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    printed = []
    for line in result.stdout.strip().splitlines():
        try:
            printed.append(ast.literal_eval(line))
        except (ValueError, SyntaxError):
            printed.append(tuple(ast.literal_eval(part) for part in line.split(" ", 1)))
    return printed


def clean_rows(out: Path) -> dict[str, int]:
    """Documents per source in the cleaned output, read with pyarrow."""
    return {folder.name: pq.read_table(folder).num_rows for folder in (out / "clean").iterdir()}


def test_every_snippet_is_checked_here():
    words = ["load_dataset", "read_parquet", "GROUP BY source", "IndexedDataset", "s.sequence",
             "AutoTokenizer"]  # fmt: skip
    assert len(readme_snippets()) == len(words)
    for word in words:
        snippet(word)


def test_datasets_loads_every_source_as_one_table(user_folder, all_output):
    [(rows, columns)] = run_snippet(snippet("load_dataset"), user_folder)
    assert rows == sum(clean_rows(all_output).values())
    assert columns == pq.read_schema(next((all_output / "clean").rglob("*.parquet"))).names
    assert "meta" in columns and "source" in columns


def test_pandas_reads_every_row_of_every_source(user_folder, all_output):
    [(rows, per_source)] = run_snippet(snippet("read_parquet"), user_folder)
    assert per_source == clean_rows(all_output) and rows == sum(per_source.values())
    assert len(per_source) == 7


def test_duckdb_counts_per_source_and_reads_meta_fields(user_folder, all_output):
    totals, buckets = run_snippet(snippet("GROUP BY source"), user_folder)
    assert {source: documents for source, documents, _ in totals} == clean_rows(all_output)
    assert all(characters > 0 for _, _, characters in totals)
    kept = pq.read_table(all_output / "clean" / "commoncrawl").column("meta").to_pylist()
    assert dict(buckets) == Counter(meta["bucket"] for meta in kept)


def test_megatron_indexed_dataset_reads_our_shards(user_folder, all_output):
    from tests.test_tokens import read_megatron

    [(sequences, first_tokens)] = run_snippet(snippet("IndexedDataset"), user_folder)
    prefix = sorted((all_output / "tokens").glob("shard-*.idx"))[0].with_suffix("")
    ours = read_megatron(
        prefix.with_suffix(".bin").read_bytes(), prefix.with_suffix(".idx").read_bytes()
    )
    assert sequences == len(ours) > 0
    assert first_tokens == list(ours[0][:8])


def test_a_training_sample_leads_back_to_its_document(user_folder, all_output):
    [[(source, doc_id, epoch, text)]] = run_snippet(snippet("s.sequence"), user_folder)
    prefix = sorted((all_output / "tokens").glob("shard-*.idx"))[0].with_suffix("")
    first = pq.read_table(prefix.with_suffix(".parquet")).to_pylist()[0]
    assert (source, doc_id, epoch) == (first["source"], first["id"], first["epoch"])
    documents = pq.read_table(all_output / "clean" / source).to_pylist()
    assert text == next(row["text"] for row in documents if row["id"] == doc_id)[:60]


def test_the_hugging_face_tokenizer_gives_the_models_ids(user_folder):
    assert run_snippet(snippet("AutoTokenizer"), user_folder) == [True]
