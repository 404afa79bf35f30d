"""Local SDK workers forked from a warm process instead of started as new interpreters.

A `multi_processing` run started each of its workers as a new Python process, which imported
Beam and the project again (about 1 s of CPU a worker, for every pipeline of a command) before
it could take work. Instead, the command forks one *zygote* as soon as it knows it will run
workers, while it is still single-threaded and before gRPC has started; the zygote imports
Beam's worker harness, and every worker of every pipeline the command runs is forked from it,
with that and all the command had imported already loaded. Forking the launcher itself at run
time would not be safe: by then it holds gRPC's and Beam's threads.

For each worker the launcher sends the zygote one end of a socket pair; over it the worker
receives its environment (the runner's addresses, the pipeline options), runs Beam's SDK
harness, and answers with its exit status before leaving. The zygote waits for its workers (so
their CPU time is counted, as a subprocess worker's is) and leaves when the launcher closes its
socket, at exit or when the kernel closes it for a launcher that died: no process outlives it.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import socket
import sys
import threading
import traceback

_zygote: socket.socket | None = None
_zygote_pid = 0
_running: set[ForkedWorker] = set()  # started and not yet waited for
_started_grpc = False  # once a pipeline has run, this process holds gRPC's threads


def start_zygote() -> bool:
    """Fork the zygote if it is safe (Linux, one thread, no pipeline run yet); whether one runs."""
    global _zygote, _zygote_pid
    if _zygote is not None:
        return True
    if not sys.platform.startswith("linux") or _started_grpc or threading.active_count() > 1:
        return False
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    pid = os.fork()
    if pid == 0:
        ours.close()
        _serve(theirs)
    theirs.close()
    _zygote, _zygote_pid = ours, pid
    atexit.register(_stop_zygote)
    return True


def _stop_zygote() -> None:
    """Close the zygote's socket and wait for it to leave, unless workers of an interrupted run
    are still connected to this process: they, then the zygote, leave when it has gone."""
    global _zygote
    if _zygote is not None:
        _zygote.close()
        _zygote = None
        if not _running:
            with contextlib.suppress(ChildProcessError):  # already reaped
                os.waitpid(_zygote_pid, 0)


def note_grpc_started() -> None:
    """Record that a pipeline is about to run here: no zygote may be forked after this."""
    global _started_grpc
    _started_grpc = True


class ForkedWorker:
    """One worker forked from the zygote and run with `environment`."""

    def __init__(self, environment: dict[str, str]) -> None:
        if _zygote is None:
            raise RuntimeError("no zygote to fork workers from: call start_zygote() first")
        self._connection, theirs = socket.socketpair()
        try:
            socket.send_fds(_zygote, [b"worker"], [theirs.fileno()])
        except OSError as error:
            message = f"the process local workers are forked from is gone ({error})"
            raise RuntimeError(message) from error
        finally:
            theirs.close()
        self._connection.sendall(json.dumps(environment).encode())
        self._connection.shutdown(socket.SHUT_WR)
        _running.add(self)

    def wait(self) -> int:
        """Block until the worker has left; its exit status (-1 if it died without one)."""
        with self._connection:
            answer = b"".join(iter(lambda: self._connection.recv(64), b""))
        _running.discard(self)
        return int(answer) if answer else -1


def _serve(requests: socket.socket) -> None:
    """The zygote: fork one worker per request until the launcher closes the socket. Ctrl-C
    reaches the whole process group; the launcher answers it (it stops its workers and the
    zygote with SIGTERM), so the zygote and its workers ignore SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        from apache_beam.runners.worker import sdk_worker_main  # noqa: F401 (for the workers)

        while True:
            _, fds, _, _ = socket.recv_fds(requests, 64, 1)
            if not fds:
                break
            if os.fork() == 0:
                requests.close()
                _work(socket.socket(fileno=fds[0]))
            os.close(fds[0])
            _reap(os.WNOHANG)
        _reap(0)
    finally:
        os._exit(0)


def _reap(flags: int) -> None:
    """Wait for the zygote's finished workers (all of them, without WNOHANG)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, flags)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _work(connection: socket.socket) -> None:
    """A worker: take the environment, run Beam's SDK harness, answer with the exit status."""
    status = 1
    try:
        environment = b"".join(iter(lambda: connection.recv(1 << 16), b""))
        os.environ.clear()
        os.environ.update(json.loads(environment))
        from apache_beam.runners.worker import sdk_worker_main

        from pipelines.worker_memory import free_memory_between_bundles

        free_memory_between_bundles()
        sdk_worker_main.main([])
        status = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            connection.sendall(str(status).encode())
        finally:
            os._exit(status)
