"""The cluster protocol on one machine: Beam's PortableRunner submits to a local job service,
whose work runs on external SDK workers from a worker pool (the Fn API that Flink, Spark and
Dataflow v2 workers speak), on an interpreter whose prefix is not the launcher's. The whole
recipe, every source and stage, gives the local run's bytes, with the files the range readers
can split read there in ranges of a few KB (the local run reads them whole). Everything
listens on loopback."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, free_port, run_cli, split_config
from tests.test_books_tar import books_tar
from tests.test_end_to_end import file_digests


def _wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port}")


def _worker_python(folder: Path) -> str:
    """An interpreter whose prefix is not the launcher's (a venv of its own) that imports what
    the launcher's does: workers must find nothing through the launcher's layout."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    site_packages = next(folder.glob("lib/python*/site-packages"))
    ours = next(Path(sys.prefix).glob("lib/python*/site-packages"))
    (site_packages / "launcher_packages.pth").write_text(
        f"import site; site.addsitedir({str(ours)!r})\n{PROJECT_ROOT}\n"
    )
    return str(folder / "bin" / "python")


@pytest.fixture(scope="module")
def job_service(tmp_path_factory):
    """A local job service and a pool of external SDK workers running another interpreter."""
    job_port, pool_port = free_port(), free_port()
    worker_python = _worker_python(tmp_path_factory.mktemp("worker-venv"))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    servers = [
        subprocess.Popen([sys.executable, "-m",
                          "apache_beam.runners.portability.local_job_service_main",
                          "--port", str(job_port)], cwd=PROJECT_ROOT, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen([worker_python, "-m", "apache_beam.runners.worker.worker_pool_main",
                          "--service_port", str(pool_port)], cwd=tmp_path_factory.mktemp("w"),
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]  # fmt: skip
    try:
        _wait_for(job_port)
        _wait_for(pool_port)
        yield job_port, pool_port, worker_python
    finally:
        for server in servers:
            server.kill()
            server.wait()


def test_the_worker_interpreter_has_another_prefix(job_service):
    *_, worker_python = job_service
    prefix = subprocess.run([worker_python, "-c", "import sys, pipelines; print(sys.prefix)"],
                            capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    assert prefix != sys.prefix


def test_every_source_and_stage_on_external_workers_gives_the_local_output(
    job_service, all_output, tmp_path
):
    job_port, pool_port, _ = job_service
    portable = tmp_path / "portable"
    config = split_config(tmp_path, 4096)  # the sample Posts.xml files and arXiv tar in ranges
    external = [f"--job_endpoint=localhost:{job_port}", "--environment_type=EXTERNAL",
                f"--environment_config=localhost:{pool_port}"]  # fmt: skip
    run_cli("--all", "--output", str(portable), "--num-shards", "3", "--runner", "PortableRunner",
            "--config", str(config), *external)  # fmt: skip
    for folder in ("clean", "models", "tokens", "stats"):
        assert file_digests(portable, folder) == file_digests(all_output, folder), folder


def test_a_tar_of_books_read_in_ranges_on_external_workers_gives_the_whole_read(
    job_service, tmp_path
):
    job_port, pool_port, _ = job_service
    tar = tmp_path / "books3.tar"
    tar.write_bytes(books_tar(copies=3))
    local, portable = tmp_path / "local", tmp_path / "portable"
    run_cli("--source", "books", "--input", str(tar), "--output", str(local))
    run_cli("--source", "books", "--input", str(tar), "--output", str(portable),
            "--config", str(split_config(tmp_path, 4096)), "--runner", "PortableRunner",
            f"--job_endpoint=localhost:{job_port}", "--environment_type=EXTERNAL",
            f"--environment_config=localhost:{pool_port}")  # fmt: skip
    for folder in ("clean", "stats"):
        assert file_digests(portable, folder) == file_digests(local, folder), folder
