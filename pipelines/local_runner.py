"""The local runner: Beam's FnApiRunner, chosen directly.

Beam 2.77's DirectRunner first tries PrismRunner, which downloads a binary (no network here),
then falls back. This runner goes straight to the FnApiRunner with the same provisioning, and
refuses `multi_threading` mode, which lost elements and hung on these machines.

In `multi_processing` mode its workers are forked from a warm zygote (pipelines/forked_workers.py)
when the command could start one, else they run pipelines/sdk_worker.py as new processes: Beam's
SDK harness, leaving without unwinding its interpreter once its work is done.

Before running, it freezes the objects that exist (Beam's modules and the pipeline graph, about
200k) for the run: they outlive it, and Python's full collections scanned them all again, about
60 ms a time, several times in a run.
"""

from __future__ import annotations

import gc
import os
import sys

from apache_beam.options.pipeline_options import DirectOptions, PipelineOptions
from apache_beam.portability import python_urns
from apache_beam.runners.portability.fn_api_runner import fn_runner, worker_handlers
from apache_beam.runners.runner import PipelineRunner
from google.protobuf import json_format, text_format

from pipelines import bundle_inputs, forked_workers

WORKER_COMMAND = f"{sys.executable} -m pipelines.sdk_worker"
FORKED_URN = "beam:env:llama_corpus:forked_worker:v1"


@worker_handlers.WorkerHandler.register_environment(FORKED_URN, None)
class _ForkedWorkerHandler(worker_handlers.GrpcWorkerHandler):
    """A worker forked from the zygote, given the addresses a subprocess worker gets."""

    def __init__(self, payload, state, provision_info, grpc_server) -> None:
        super().__init__(state, provision_info, grpc_server)
        self._worker: forked_workers.ForkedWorker | None = None

    def start_worker(self) -> None:
        options = self.provision_info.provision_info.pipeline_options
        environment = dict(
            os.environ,
            CONTROL_API_SERVICE_DESCRIPTOR=text_format.MessageToString(
                self.control_api_service_descriptor()
            ),
            LOGGING_API_SERVICE_DESCRIPTOR=text_format.MessageToString(
                self.logging_api_service_descriptor()
            ),
            PIPELINE_OPTIONS=json_format.MessageToJson(options),
            WORKER_ID=self.worker_id,
        )
        self._worker = forked_workers.ForkedWorker(environment)

    def stop_worker(self) -> None:
        status = self._worker.wait() if self._worker else 0
        if status:
            raise RuntimeError(f"forked worker {self.worker_id} exited with status {status}")


class _FnApiRunner(fn_runner.FnApiRunner):
    """Beam's FnApiRunner whose subprocess workers are forked from the zygote (`forked`) or
    started with WORKER_COMMAND."""

    def __init__(self, forked: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self._forked = forked

    def run_via_runner_api(self, pipeline_proto, options):
        for environment in pipeline_proto.components.environments.values():
            if environment.urn == python_urns.SUBPROCESS_SDK:
                if self._forked:
                    environment.urn, environment.payload = FORKED_URN, b""
                else:
                    environment.payload = WORKER_COMMAND.encode()
        return super().run_via_runner_api(pipeline_proto, options)


class LocalRunner(PipelineRunner):
    """Run on this machine in `in_memory` (default) or `multi_processing` mode, the workers
    forked from this process's zygote when `forked` (see start_zygote), else new processes."""

    def __init__(self, forked: bool = False) -> None:
        super().__init__()
        self.forked = forked

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
        forked_workers.note_grpc_started()
        if direct.direct_running_mode == "multi_processing":
            bundle_inputs.send_inputs_in_pieces()
        gc.collect()
        gc.freeze()
        try:
            runner = _FnApiRunner(self.forked, provision_info=provision)
            return runner.run_pipeline(pipeline, options)
        finally:
            gc.unfreeze()  # what the run made may become garbage, and is collected as usual


def resolve_runner(options: PipelineOptions) -> PipelineRunner | None:
    """LocalRunner when no runner (or a direct runner) is asked for; else None (Beam decides)."""
    from apache_beam.options.pipeline_options import StandardOptions

    runner = options.view_as(StandardOptions).runner
    if runner is None or str(runner).lower() in ("directrunner", "direct", "localrunner"):
        if options.view_as(DirectOptions).direct_running_mode == "multi_processing":
            return LocalRunner(forked=forked_workers.start_zygote())
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
