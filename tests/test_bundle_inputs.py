"""The local runner sends a shuffle's output to a worker process as a stream of small messages
cut at element boundaries, and the worker gets every element, once, in order, whether the
pieces are queued before the bundle starts or sent from a thread while it runs."""

from __future__ import annotations

import apache_beam as beam
import pytest
from apache_beam.coders import coders
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.runners.worker import data_plane
from apache_beam.testing.util import assert_that, equal_to

from pipelines import bundle_inputs
from pipelines.local_runner import LocalRunner


def test_pieces_are_whole_elements_that_join_into_the_input():
    coder = coders.TupleCoder([coders.StrUtf8Coder(), coders.BytesCoder()]).get_impl()
    elements = [(f"key {i}", bytes([i % 251]) * (i * 37 % 900)) for i in range(400)]
    encoded = b"".join(coder.encode_nested(element) for element in elements)
    pieces = bundle_inputs.element_pieces(encoded, coder, piece_bytes=4096)
    assert len(pieces) > 20 and b"".join(pieces) == encoded
    assert all(len(piece) >= 4096 for piece in pieces[:-1])
    decoded = [coder.decode_all(piece) for piece in pieces]
    assert [element for part in decoded for element in part] == elements


def test_a_short_input_is_one_piece():
    coder = coders.BytesCoder().get_impl()
    encoded = coder.encode_nested(b"x" * 100)
    assert bundle_inputs.element_pieces(encoded, coder, piece_bytes=4096) == [encoded]


@pytest.mark.parametrize("queued_bytes", [1 << 30, 2048], ids=["queued", "from a thread"])
def test_a_worker_process_gets_a_grouped_share_whole_in_many_messages(monkeypatch, queued_bytes):
    monkeypatch.setattr(bundle_inputs, "PIECE_BYTES", 512)
    monkeypatch.setattr(bundle_inputs, "QUEUED_BYTES", queued_bytes)
    flushes = []
    beam_flush = data_plane.SizeBasedBufferingClosableOutputStream.flush

    def counted_flush(stream):
        flushes.append(stream.size())
        beam_flush(stream)

    monkeypatch.setattr(data_plane.SizeBasedBufferingClosableOutputStream, "flush", counted_flush)
    words = [f"word{i % 300}" for i in range(6000)]
    options = PipelineOptions(direct_running_mode="multi_processing", direct_num_workers=1)
    with beam.Pipeline(runner=LocalRunner(), options=options) as pipeline:
        counts = (
            pipeline
            | beam.Create(words, reshuffle=False)
            | beam.Map(lambda word: (word, 1))
            | beam.GroupByKey()
            | beam.MapTuple(lambda word, ones: (word, len(ones)))
        )
        assert_that(counts, equal_to([(f"word{i}", 20) for i in range(300)]))
    assert len(flushes) > 10 and all(size >= 512 for size in flushes)
