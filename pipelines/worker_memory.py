"""The local runner's workers give the memory they freed back to the system after each bundle,
and drop what finished stages left behind.

glibc's malloc keeps freed memory inside its heaps for reuse, and Arrow's allocator (mimalloc)
keeps freed pages for a while. A stage that allocates and frees large buffers (decoded inputs,
encoded outputs, a Parquet shard) so leaves a worker at its high-water mark, and the worker's
resident memory carried each stage's peak into the next, growing with the input although the
data it held did not. After each bundle, `malloc_trim(0)` returns the free pages of every glibc
heap (where the C library is glibc; Dask's documentation advises the same call for the same
growth) and Arrow's pool releases what it does not use; both take well under a millisecond.

Beam's SDK harness also keeps each stage's bundle processor (its DoFns and operations) for
reuse, for 60 s after its last bundle. The local runner runs a stage once, in one bundle per
worker (or a few, one after the other), so a finished stage's processor is never used again,
but its objects stayed scattered through the heap the stage had grown, pinning pages the trim
could not return: on a 48 MB multistream dump the one worker entered the writer at 228 MB
resident and peaked at 322 MB; with them gone, at 213 and 303 MB. So when a bundle of one stage
starts, the idle processors of every other stage are torn down (their DoFns' `teardown` runs,
as Beam would run it at the end).
"""

from __future__ import annotations

import ctypes
import functools
import sys

from apache_beam.runners.worker import sdk_worker


def _malloc_trim():
    """glibc's `malloc_trim`, or None where the C library has none."""
    try:
        return ctypes.CDLL(None).malloc_trim  # the symbols this process has loaded
    except (OSError, AttributeError):
        return None


def retire_other_stages(cache: sdk_worker.BundleProcessorCache, descriptor_id: str) -> None:
    """Tear down the idle bundle processors of every stage but `descriptor_id`."""
    for other, idle in list(cache.cached_bundle_processors.items()):
        if other != descriptor_id:
            sdk_worker.BundleProcessorCache._shutdown_cached_bundle_processors(idle)  # noqa: SLF001


def free_memory_between_bundles() -> None:
    """Make this process's SDK harness drop finished stages' processors before every bundle
    and give freed memory back after it."""
    trim = _malloc_trim()
    process_bundle = sdk_worker.SdkWorker.process_bundle
    if getattr(process_bundle, "trims", False):
        return

    @functools.wraps(process_bundle)
    def process_and_trim(self, request, instruction_id):
        retire_other_stages(self.bundle_processor_cache, request.process_bundle_descriptor_id)
        try:
            return process_bundle(self, request, instruction_id)
        finally:
            if trim is not None:
                trim(0)
            if "pyarrow" in sys.modules:  # loaded by a stage; not imported for this alone
                sys.modules["pyarrow"].default_memory_pool().release_unused()

    process_and_trim.trims = True
    sdk_worker.SdkWorker.process_bundle = process_and_trim
