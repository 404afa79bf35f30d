"""Local globs are matched as Beam's FileSystems.match matches them, without listing the
folders below the depth a glob can reach."""

from __future__ import annotations

import os

import pytest
from apache_beam.io.filesystems import FileSystems

import pipelines.files as files
from pipelines.files import match_metadata

TREE = [
    "dumps/enwiki-1.xml.bz2", "dumps/enwiki-2.xml.bz2", "dumps/.hidden.xml.bz2",
    "dumps/notes.txt", "dumps/old/enwiki-0.xml.bz2", "dumps/old/deeper/enwiki-9.xml.bz2",
    "dumps/b/c/enwiki-3.xml.bz2", "dumps/venv/lib/site/pkg/module.py",
    "papers/2301/main.tex", "papers/2302/main.tex", "papers/2302/sec/intro.tex",
]  # fmt: skip
PATTERNS = [
    "dumps/*.bz2", "dumps/enwiki-*.xml.bz2", "dumps/*", "dumps/*/*.bz2", "dumps/*/", "dumps/",
    "papers/*/*.tex", "papers/*/*/*.tex", "papers/23*/main.tex", "dumps/**/*.bz2",
    "dumps/enwiki-?.xml.bz2", "dumps/enwiki-[12].xml.bz2", "dumps/notes.txt", "missing/*.gz",
    "dumps/old*/*.bz2", "*.bz2",
]  # fmt: skip


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for number, name in enumerate(TREE):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * number)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _beam(pattern: str) -> list[tuple]:
    return [(m.path, m.size_in_bytes, m.last_updated_in_seconds)
            for m in FileSystems.match([pattern])[0].metadata_list]  # fmt: skip


def _ours(pattern: str) -> list[tuple]:
    return [(m.path, m.size_in_bytes, m.last_updated_in_seconds)
            for m in match_metadata([pattern])]  # fmt: skip


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("absolute", [False, True])
def test_the_same_files_as_beams_match(tree, pattern, absolute):
    if absolute:
        pattern = os.path.join(str(tree), pattern)
    assert _ours(pattern) == _beam(pattern)


def test_folders_deeper_than_the_glob_are_not_listed(tree, monkeypatch):
    listed: list[str] = []
    walk = os.walk

    def spying_walk(top, *args, **kwargs):
        for folder, folders, names in walk(top, *args, **kwargs):
            listed.append(folder)
            yield folder, folders, names

    monkeypatch.setattr(files.os, "walk", spying_walk)
    found = [m.path for m in match_metadata(["dumps/*.bz2"])]
    assert sorted(found) == [f"dumps/{n}.xml.bz2" for n in (".hidden", "enwiki-1", "enwiki-2")]
    assert listed == ["dumps"]  # not dumps/venv/lib/site/pkg, nor dumps/old
