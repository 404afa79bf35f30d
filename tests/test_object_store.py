"""The whole recipe on an object store: a real S3 API (moto's server, started here on 127.0.0.1)
holds the inputs and the recipe; `--all` reads them from s3://, writes every output and every
model to s3://, and what it writes is byte for byte what the same run writes on local paths."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, SAMPLES, free_port
from tests.test_dataflow_translation import FAKE_DATAFLOW
from tests.test_end_to_end import file_digests

BUCKET = "corpus"
RUN_SPECIFIC = (".state/", "report.html")  # fingerprints name the input paths, which differ


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """A moto S3 server on 127.0.0.1 with the shipped samples and a recipe reading them; the
    endpoint, a boto3 client, and the command line's S3 options."""
    import boto3

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test",
                          aws_secret_access_key="test", region_name="us-east-1")  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                client.create_bucket(Bucket=BUCKET)
                break
            except Exception:  # noqa: BLE001 - the server is still starting
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        for path in sorted(SAMPLES.rglob("*")):
            if path.is_file():
                client.upload_file(str(path), BUCKET, f"in/{path.relative_to(SAMPLES)}")
        recipe = (PROJECT_ROOT / "mixture.yaml").read_text(encoding="utf-8")
        recipe = recipe.replace("corpora/samples/", f"s3://{BUCKET}/in/")
        client.put_object(Bucket=BUCKET, Key="mixture.yaml", Body=recipe.encode("utf-8"))
        options = [f"--s3_endpoint_url={endpoint}", "--s3_access_key_id=test",
                   "--s3_secret_access_key=test", "--s3_region_name=us-east-1"]  # fmt: skip
        yield client, options, tmp_path_factory.mktemp("model-cache")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _digests(client, prefix: str) -> dict[str, str]:
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix):
        for entry in page.get("Contents", []):
            body = client.get_object(Bucket=BUCKET, Key=entry["Key"])["Body"].read()
            found[entry["Key"][len(prefix) :]] = hashlib.sha256(body).hexdigest()
    return found


def _run(*args: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "LLAMA_CORPUS_MODEL_CACHE": str(cache), "NO_GCE_CHECK": "true",
           "GCE_METADATA_HOST": "127.0.0.1", "GCE_METADATA_IP": "127.0.0.1"}  # fmt: skip
    return subprocess.run([sys.executable, "-m", "pipelines.run", *args], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=900)  # fmt: skip


def test_all_stages_on_s3_write_what_they_write_locally(s3, all_output):
    client, options, cache = s3
    result = _run("--all", "--config", f"s3://{BUCKET}/mixture.yaml", "--output",
                  f"s3://{BUCKET}/out", "--num-shards", "3", "--allow-partial-mixture", *options,
                  cache=cache)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"report: s3://{BUCKET}/out/report.html" in result.stdout
    remote = _digests(client, "out/")
    local = file_digests(all_output, "")
    assert sorted(remote) == sorted(local)  # every output, model, shard, card and report
    assert any(name.startswith("models/lm/") for name in remote)
    assert "models/wiki_classifier.bin" in remote and "tokens/manifest.json" in remote
    same = {name for name in remote if not name.startswith(RUN_SPECIFIC)}
    assert {name: remote[name] for name in same} == {name: local[name] for name in same}


@pytest.fixture(scope="module")
def s3_models(s3, all_output) -> str:
    """The models of the local `--all` run, uploaded to the S3 server."""
    client, *_ = s3
    for path in sorted((all_output / "models").rglob("*")):
        if path.is_file():
            key = f"models/{path.relative_to(all_output / 'models')}"
            client.upload_file(str(path), BUCKET, key)
    return f"s3://{BUCKET}/models"


def test_workers_read_the_models_from_s3_into_a_local_cache(s3, s3_models, all_output, tmp_path):
    _, options, _ = s3
    cache = tmp_path / "cache"
    result = _run("--source", "commoncrawl", "--config", f"s3://{BUCKET}/mixture.yaml",
                  "--models", s3_models, "--output", str(tmp_path / "out"),
                  "--num-shards", "3",
                  "--direct_running_mode=multi_processing", "--direct_num_workers=2", *options,
                  cache=cache)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "training them first" not in result.stdout  # the models on S3 were used as they are
    cached = sorted(path.name for path in cache.rglob("*") if path.is_file())
    assert {"en.arpa.bin", "en.sp.model", "wiki_classifier.bin"} <= set(cached)
    assert not [name for name in cached if name.endswith(".tmp")]
    kept = file_digests(tmp_path / "out", "clean/commoncrawl")
    assert kept == file_digests(all_output, "clean/commoncrawl")


@pytest.mark.parametrize("source", ["commoncrawl", "stackexchange"])
def test_a_run_with_everything_on_s3_translates_for_dataflow(s3, s3_models, source, tmp_path):
    """Inputs, recipe, models and output on the object store, for Dataflow (`--dry_run`):
    the launcher reads the recipe and the models' reports from S3 and the graph (with the
    byte-range readers for StackExchange) translates; nothing is submitted."""
    _, options, _ = s3
    result = _run("--source", source, "--config", f"s3://{BUCKET}/mixture.yaml",
                  "--models", s3_models, "--output", f"s3://{BUCKET}/dataflow-out",
                  *FAKE_DATAFLOW, *options, cache=tmp_path / "cache")  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"{source}: dry run: the pipeline was translated for DataflowRunner" in result.stdout
