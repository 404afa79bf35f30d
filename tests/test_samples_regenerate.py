"""The shipped samples are made from their data: each wrapper in scripts/ regenerates its
samples from scripts/sample_data/ (into a temporary folder) byte for byte, every shipped file
has a wrapper or is itself data, and an edit to a data file reaches the sample."""

from __future__ import annotations

import bz2
import importlib
import shutil
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = PROJECT_ROOT / "scripts"
SAMPLES = PROJECT_ROOT / "corpora" / "samples"
WRAPPERS = [
    "make_samples",
    "make_wiki_samples",
    "make_github_samples",
    "make_stackexchange_samples",
    "make_books_samples",
    "make_arxiv_samples",
]
# Shipped files that are data themselves: the pages the CommonCrawl and C4 samples are made
# from (the tests read them too) and the plain reference text.
HAND_WRITTEN = {"commoncrawl/pages.jsonl", "reference/en.txt"}


def wrapper(name: str):
    """A wrapper module from scripts/ (which imports its neighbour samples_common)."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    return importlib.import_module(name)


def regenerate(name: str, out: Path) -> dict[str, bytes]:
    """Run one wrapper into `out`; the files it wrote, by path relative to `out`."""
    paths = wrapper(name).write_samples(out)
    assert paths, name
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in paths}


@pytest.mark.parametrize("name", WRAPPERS)
def test_wrapper_regenerates_its_shipped_samples_byte_for_byte(name, tmp_path):
    for rel, data in regenerate(name, tmp_path).items():
        shipped = SAMPLES / rel
        assert shipped.is_file(), f"{name} writes {rel}, which is not shipped"
        assert data == shipped.read_bytes(), f"{rel} differs from what {name} makes of its data"


def test_every_shipped_sample_has_a_wrapper_or_is_data(tmp_path):
    made = set()
    for name in WRAPPERS:
        made |= set(regenerate(name, tmp_path / name))
    shipped = {p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*") if p.is_file()}
    assert shipped - HAND_WRITTEN == made


def copy_data(module, tmp_path: Path) -> Path:
    """A copy of the wrapper's data folder, made the wrapper's source for this test."""
    copy = tmp_path / "data"
    shutil.copytree(module.SOURCE, copy)
    return copy


def test_an_edited_wikitext_file_reaches_the_dump(tmp_path, monkeypatch):
    module = wrapper("make_wiki_samples")
    data = copy_data(module, tmp_path)
    monkeypatch.setattr(module, "SOURCE", data)
    page = data / "fr" / "Compostage.wiki"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n== Voir aussi ==\n* [[Lombricompostage]]\n",
        encoding="utf-8",
    )
    module.write_samples(tmp_path / "out")
    name = "wikipedia/frwiki-sample-pages-articles.xml.bz2"
    dump = bz2.decompress((tmp_path / "out" / name).read_bytes())
    assert b"== Voir aussi ==\n* [[Lombricompostage]]</text>" in dump
    assert b"Lombricompostage" not in bz2.decompress((SAMPLES / name).read_bytes())


def test_an_edited_post_body_reaches_posts_xml_escaped(tmp_path, monkeypatch):
    module = wrapper("make_stackexchange_samples")
    data = copy_data(module, tmp_path)
    monkeypatch.setattr(module, "SOURCE", data)
    site = data / "chess.stackexchange.com.yaml"
    text = site.read_text(encoding="utf-8")
    old = "Is the Fried Liver Attack sound against a prepared opponent?"
    assert text.count(old) == 1
    site.write_text(text.replace(old, 'Is 4.Ng5 "sound" & safe?'), encoding="utf-8")
    module.write_samples(tmp_path / "out")
    posts = (tmp_path / "out/stackexchange/chess.stackexchange.com/Posts.xml").read_text()
    assert 'Title="Is 4.Ng5 &quot;sound&quot; &amp; safe?"' in posts
    assert old not in posts
