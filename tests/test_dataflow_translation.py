"""The scale path: every source's pipeline translates for Google Cloud Dataflow (`--dry_run`,
fake project, gs:// paths) without submitting anything. Google's metadata server is pointed
at loopback and auth is off, so nothing leaves this machine."""

import pytest

from tests.test_end_to_end import run_cli

FAKE_DATAFLOW = ["--runner", "DataflowRunner", "--project", "fake-project", "--region",
                 "us-central1", "--temp_location", "gs://fake-bucket/tmp", "--no_auth",
                 "--dry_run=True", "--sdk_location=container"]  # fmt: skip
SOURCES = ["commoncrawl", "c4", "github", "wikipedia", "books", "arxiv", "stackexchange"]


@pytest.fixture(scope="module")
def local_models(tmp_path_factory):
    """CommonCrawl is scored with models a local run trains; the cluster run gets their folder."""
    out = tmp_path_factory.mktemp("models-run")
    run_cli("--source", "commoncrawl", "--output", str(out))
    return out / "models"


@pytest.mark.parametrize("source", SOURCES)
def test_source_translates_for_dataflow(source, local_models):
    result = run_cli(
        "--source",
        source,
        "--output",
        "gs://fake-bucket/out",
        "--models",
        str(local_models),
        *FAKE_DATAFLOW,
    )
    assert f"{source}: dry run: the pipeline was translated for DataflowRunner" in result.stdout
