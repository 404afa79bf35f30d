"""The local runner's worker process in `multi_processing` mode: Beam's SDK harness, and once
it has finished (every bundle answered, every DoFn torn down, its log channel flushed) an
immediate exit. Unwinding a worker's interpreter (Beam, the models, the caches) took 0.4 s a
worker at the end of every run, which the runner spent waiting for each worker in turn."""

import os
import sys

from apache_beam.runners.worker import sdk_worker_main

from pipelines.worker_memory import free_memory_between_bundles


def main() -> None:
    """Run the SDK harness with this process's arguments, then leave without unwinding."""
    free_memory_between_bundles()
    sdk_worker_main.main(sys.argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
