"""Loaded by every Python process of a pipeline run that bench/stage_timeline.py starts (it puts
this folder first on PYTHONPATH): logs when each process starts and leaves, and when each bundle
starts and ends in it (with its stage), with wall and CPU clocks, a line each, to
$STAGE_TIMELINE_DIR/<pid>.log. Workers (forked from the launcher's zygote) log from the fork on."""

from __future__ import annotations

import atexit
import os
import time

_FOLDER = os.environ.get("STAGE_TIMELINE_DIR")


def _log(kind: str, label: str = "") -> None:
    line = f"{time.time():.4f}\t{time.process_time():.4f}\t{kind}"
    line += f"\t{label}\n" if label else "\n"
    with open(os.path.join(_FOLDER, f"{os.getpid()}.log"), "a", encoding="utf-8") as log:
        log.write(line)


def _stage_label(processor) -> str:
    """The fused stage a bundle runs: its descriptor's id, then its user steps by name (Beam's
    own plumbing left out)."""
    descriptor = processor.process_bundle_descriptor
    names = sorted(
        transform.unique_name
        for transform in descriptor.transforms.values()
        if not transform.subtransforms and transform.spec.urn.endswith("pardo:v1")
    )
    return f"{descriptor.id}\t{'|'.join(names)}"


def _time_bundles() -> None:
    """Wrap the SDK harness's bundle processing in this process (once)."""
    from apache_beam.runners.worker import bundle_processor

    process_bundle = bundle_processor.BundleProcessor.process_bundle
    if getattr(process_bundle, "timed", False):
        return

    def timed_bundle(self, *args, **kwargs):
        label = _stage_label(self)
        _log("start", label)
        try:
            return process_bundle(self, *args, **kwargs)
        finally:
            _log("end", label)

    timed_bundle.timed = True
    bundle_processor.BundleProcessor.process_bundle = timed_bundle


def _in_child() -> None:
    _log("process")
    _time_bundles()


if _FOLDER:
    _log("process")
    atexit.register(_log, "exit")
    os.register_at_fork(after_in_child=_in_child)
    _time_bundles()  # the launcher runs bundles itself in in_memory mode
