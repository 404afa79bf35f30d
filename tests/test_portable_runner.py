"""The cluster protocol on one machine: Beam's PortableRunner submits to a local job service,
whose work runs on external SDK workers from a worker pool (the Fn API that Flink, Spark and
Dataflow v2 workers speak). Everything listens on loopback only."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.test_end_to_end import file_digests, run_cli


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port}")


@pytest.fixture
def job_service():
    job_port, pool_port = _free_port(), _free_port()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    servers = [
        subprocess.Popen([sys.executable, "-m",
                          "apache_beam.runners.portability.local_job_service_main",
                          "--port", str(job_port)], cwd=PROJECT_ROOT, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen([sys.executable, "-m", "apache_beam.runners.worker.worker_pool_main",
                          "--service_port", str(pool_port)], cwd=PROJECT_ROOT, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]  # fmt: skip
    try:
        _wait_for(job_port)
        _wait_for(pool_port)
        yield job_port, pool_port
    finally:
        for server in servers:
            server.kill()
            server.wait()


def test_portable_runner_with_external_workers_gives_the_local_output(job_service, tmp_path):
    job_port, pool_port = job_service
    local, portable = tmp_path / "local", tmp_path / "portable"
    run_cli("--source", "github", "--output", str(local))
    run_cli(
        "--source",
        "github",
        "--output",
        str(portable),
        "--runner",
        "PortableRunner",
        f"--job_endpoint=localhost:{job_port}",
        "--environment_type=EXTERNAL",
        f"--environment_config=localhost:{pool_port}",
    )
    assert file_digests(portable, "clean") == file_digests(local, "clean")
    assert (portable / "stats" / "github.json").read_text() == (
        local / "stats" / "github.json"
    ).read_text()
