"""The local runner: Beam's FnApiRunner, chosen directly.

Beam 2.77's DirectRunner first tries PrismRunner, which downloads a binary (no network here),
then falls back. This runner goes straight to the FnApiRunner with the same provisioning, and
refuses `multi_threading` mode, which lost elements and hung on these machines.

In `multi_processing` mode its workers run pipelines/sdk_worker.py, Beam's SDK harness that
leaves without unwinding its interpreter once its work is done.

Before running, it freezes the objects that exist (Beam's modules and the pipeline graph, about
200k) for the run: they outlive it, and Python's full collections scanned them all again, about
60 ms a time, several times in a run.
"""

from __future__ import annotations

import gc
import sys

from apache_beam.options.pipeline_options import DirectOptions, PipelineOptions
from apache_beam.portability import python_urns
from apache_beam.runners.portability.fn_api_runner import fn_runner
from apache_beam.runners.runner import PipelineRunner

WORKER_COMMAND = f"{sys.executable} -m pipelines.sdk_worker"


class _FnApiRunner(fn_runner.FnApiRunner):
    """Beam's FnApiRunner whose subprocess workers are started with WORKER_COMMAND."""

    def run_via_runner_api(self, pipeline_proto, options):
        for environment in pipeline_proto.components.environments.values():
            if environment.urn == python_urns.SUBPROCESS_SDK:
                environment.payload = WORKER_COMMAND.encode()
        return super().run_via_runner_api(pipeline_proto, options)


class LocalRunner(PipelineRunner):
    """Run on this machine in `in_memory` (default) or `multi_processing` mode."""

    def run_pipeline(self, pipeline, options: PipelineOptions):
        from apache_beam.portability.api import beam_provision_api_pb2
        from apache_beam.runners.portability.portable_runner import JobServiceHandle

        direct = options.view_as(DirectOptions)
        if direct.direct_running_mode == "multi_threading":
            raise ValueError(
                "--direct_running_mode=multi_threading is not supported (it lost elements and "
                "hung in tests); use in_memory or multi_processing"
            )
        encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
        provision = fn_runner.ExtendedProvisionInfo(
            beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded)
        )
        gc.collect()
        gc.freeze()
        try:
            return _FnApiRunner(provision_info=provision).run_pipeline(pipeline, options)
        finally:
            gc.unfreeze()  # what the run made may become garbage, and is collected as usual


def resolve_runner(options: PipelineOptions) -> PipelineRunner | None:
    """LocalRunner when no runner (or a direct runner) is asked for; else None (Beam decides)."""
    from apache_beam.options.pipeline_options import StandardOptions

    runner = options.view_as(StandardOptions).runner
    if runner is None or str(runner).lower() in ("directrunner", "direct", "localrunner"):
        return LocalRunner()
    return None


# Runners the pipelines are known to run on: the local one, and the portable path that Flink,
# Spark and Dataflow v2 workers speak (tested with a local job service and external workers).
LOCAL_NAMES = ("directrunner", "direct", "localrunner", "fnapirunner")
CLUSTER_RUNNERS = ("DataflowRunner", "FlinkRunner", "SparkRunner", "PortableRunner")
UNSUITABLE = {
    "daskrunner": "Beam 2.77's Dask runner mixes the outputs of multi-output steps, runs only "
    "one sink and has no metrics, which every source here needs",
    "prismrunner": "Prism is a binary Beam downloads on first use",
}


def runner_problem(options: PipelineOptions) -> str | None:
    """Why the runner asked for cannot run these pipelines, or None when it can."""
    from apache_beam.options.pipeline_options import StandardOptions

    runner = options.view_as(StandardOptions).runner
    if runner is None or not isinstance(runner, str):
        return None
    name = runner.rsplit(".", 1)[-1]
    if name.lower() in LOCAL_NAMES or name in CLUSTER_RUNNERS or name.startswith("Test"):
        return None
    supported = ", ".join(CLUSTER_RUNNERS)
    reason = UNSUITABLE.get(name.lower(), "it is not a runner these pipelines were run on")
    return (
        f"--runner {runner} is not supported: {reason}; use the local runner (no --runner) or "
        f"{supported}"
    )
