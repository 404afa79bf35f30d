"""The local runner sends a bundle's input to its worker in pieces of about a megabyte.

Beam 2.77's FnApiRunner writes a stage's whole input for a worker (after a shuffle: every key
of the worker's share, encoded as one byte string) into one Data message, so the worker
receives, copies and parses it at once: on a dump of 500,000 pages, exact dedup's keys came
to one message of tens of megabytes, and the worker's heap kept the room it took. Here the
grouped share is cut at element boundaries (decoded with the stage's own coder) and sent as a
stream of messages of about `PIECE_BYTES`, as a cluster's shuffle streams a bundle's input;
the worker holds at most a few of them while it runs (Beam bounds its receive queue at 5).

Beam queues what is sent before the worker is told to start the bundle, up to 200 MB (two
queues of 100 MB); a larger input is written from a thread of its own, so the runner goes on
to start the bundle, which drains it. The elements, their order and the output are unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from apache_beam.coders.coder_impl import create_InputStream
from apache_beam.runners.portability.fn_api_runner import execution, fn_runner
from apache_beam.runners.worker import data_plane

PIECE_BYTES = 1 << 20
QUEUED_BYTES = 64 << 20  # sent before the bundle starts; more is sent from a thread

_beam_partition = execution.GroupingBuffer.partition
_beam_send_input = fn_runner.BundleManager._send_input_to_worker


def element_pieces(encoded: bytes, coder_impl, piece_bytes: int | None = None) -> list[bytes]:
    """`encoded` (nested elements one after another) cut at element boundaries into pieces of
    at least `piece_bytes` (default PIECE_BYTES; the last may be smaller)."""
    piece_bytes = piece_bytes or PIECE_BYTES
    if len(encoded) <= piece_bytes:
        return [encoded]
    stream = create_InputStream(encoded)
    pieces, start = [], 0
    while stream.size() > 0:
        coder_impl.decode_from_stream(stream, True)
        end = len(encoded) - stream.size()
        if end - start >= piece_bytes:
            pieces.append(encoded[start:end])
            start = end
    if start < len(encoded):
        pieces.append(encoded[start:])
    return pieces


def _partition_in_pieces(self: execution.GroupingBuffer, n: int) -> list[list[bytes]]:
    """GroupingBuffer.partition, each worker's share cut into element-aligned pieces."""
    parts = _beam_partition(self, n)
    coder_impl = self._post_grouped_coder.get_impl()
    for index, part in enumerate(parts):
        if any(len(encoded) > PIECE_BYTES for encoded in part):
            parts[index] = [
                piece for encoded in part for piece in element_pieces(encoded, coder_impl)
            ]
    return parts


def _send_input_in_pieces(
    self: fn_runner.BundleManager, process_bundle_id: str, read_transform_id: str, byte_streams
) -> None:
    """BundleManager._send_input_to_worker, flushing a message every PIECE_BYTES to a worker
    process (a worker in this process reads what it was given as it is)."""
    if isinstance(self._worker_handler.data_conn, data_plane.InMemoryDataChannel):
        return _beam_send_input(self, process_bundle_id, read_transform_id, byte_streams)
    pieces: list[bytes] = list(byte_streams or [])
    data_out = self._worker_handler.data_conn.output_stream(process_bundle_id, read_transform_id)
    if sum(map(len, pieces)) <= QUEUED_BYTES:
        _write(data_out, pieces)
    else:
        threading.Thread(target=_write, args=(data_out, pieces), daemon=True).start()


def _write(data_out, pieces: Iterable[bytes]) -> None:
    for piece in pieces:
        data_out.write(piece)
        if data_out.size() >= PIECE_BYTES:
            data_out.flush()
    data_out.close()


def send_inputs_in_pieces() -> None:
    """Make this process's FnApiRunner send bundle inputs in pieces (idempotent)."""
    execution.GroupingBuffer.partition = _partition_in_pieces
    fn_runner.BundleManager._send_input_to_worker = _send_input_in_pieces
