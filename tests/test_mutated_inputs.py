"""Every source's reader over damaged copies of its shipped samples (truncated, bytes flipped,
NULs inserted, a `>` deleted, a huge line inserted; the damage made to the compressed file or
to its content, compressed again): no exception ever escapes a reader, each reading ends, and
what it yields is documents and drops with a named reason; and the pipeline's read step makes
at least one outcome of every file (a file with no record is one counted drop)."""

from __future__ import annotations

import bz2
import gzip
import importlib
import io
from pathlib import Path

import pytest
from apache_beam.pvalue import TaggedOutput
from hypothesis import given, settings
from hypothesis import strategies as st

from filters.document import Document, Rejection
from pipelines.config import load_config
from pipelines.read_files import ReadDocuments
from tests.conftest import SAMPLES
from tests.test_wikipedia import mutate

INPUTS = {
    "commoncrawl": ["commoncrawl/*.warc.wet.gz", "commoncrawl/*.warc.gz"],
    "c4": ["c4/*.json.gz"],
    "github": ["github/*.jsonl.gz"],
    "wikipedia": ["wikipedia/*.xml.bz2"],
    "books": ["books/*/*.txt*"],
    "arxiv": ["arxiv/*.tar"],
    "stackexchange": ["stackexchange/*/Posts.xml"],
}
MUTATIONS = st.tuples(st.sampled_from(["cut", "flip", "nul", "no_gt", "huge"]), st.floats(0, 1))


def _codec(name: str):
    """(decompress, compress) for a file's compression, by its name."""
    if name.endswith(".gz"):
        return gzip.decompress, lambda data: gzip.compress(data, mtime=0)
    if name.endswith(".bz2"):
        return bz2.decompress, bz2.compress
    return (lambda data: data), (lambda data: data)


def _reader(source: str):
    module = importlib.import_module(f"corpora.{source}")
    return module.reader(load_config().source(source), None)


def _outcomes(source: str, read, path: Path) -> list:
    """What the pipeline's read step makes of one file: its documents and drops, a file that
    yields no record counted as one drop."""
    step = ReadDocuments(source, read, "read")
    step.setup()
    outcomes = []
    for item in step.process(str(path)):
        outcomes.append(item.value if isinstance(item, TaggedOutput) else item)
    return outcomes


@pytest.mark.parametrize("source", sorted(INPUTS))
def test_mutated_samples_never_raise_and_every_file_is_accounted_for(source, tmp_path):
    samples = sorted(p for pattern in INPUTS[source] for p in SAMPLES.glob(pattern))
    assert samples, source
    read = _reader(source)

    @settings(max_examples=40, deadline=None, derandomize=True, database=None)
    @given(
        sample=st.sampled_from(samples),
        inside=st.booleans(),
        mutations=st.lists(MUTATIONS, min_size=1, max_size=3),
    )
    def check(sample, inside, mutations):
        raw = sample.read_bytes()
        decompress, compress = _codec(sample.name)
        data = compress(mutate(decompress(raw), mutations)) if inside else mutate(raw, mutations)
        items = list(read(io.BytesIO(data), sample.name))  # nothing may escape the reader
        for item in items:
            assert isinstance(item, Document) or (isinstance(item, Rejection) and item.reason)
        path = tmp_path / sample.name
        path.write_bytes(data)
        outcomes = _outcomes(source, read, path)
        assert outcomes, "every input file shows up: read, or one counted drop"
        reasons = {o.reason for o in outcomes if isinstance(o, Rejection)}
        assert "unreadable_file" not in reasons  # the reader handled the damage itself

    check()
