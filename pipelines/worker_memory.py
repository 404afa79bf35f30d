"""The local runner's workers give the memory they freed back to the system after each bundle.

glibc's malloc keeps freed memory inside its heaps for reuse, and Arrow's allocator (mimalloc)
keeps freed pages for a while. A stage that allocates and frees large buffers (decoded inputs,
encoded outputs, a Parquet shard) so leaves a worker at its high-water mark, and the worker's
resident memory carried each stage's peak into the next, growing with the input although the
data it held did not. After each bundle, `malloc_trim(0)` returns the free pages of every glibc
heap (where the C library is glibc; Dask's documentation advises the same call for the same
growth) and Arrow's pool releases what it does not use; both take well under a millisecond.
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


def trim_after_bundles() -> None:
    """Make this process's SDK harness give freed memory back after every bundle it processes."""
    trim = _malloc_trim()
    process_bundle = sdk_worker.SdkWorker.process_bundle
    if getattr(process_bundle, "trims", False):
        return

    @functools.wraps(process_bundle)
    def process_and_trim(self, request, instruction_id):
        try:
            return process_bundle(self, request, instruction_id)
        finally:
            if trim is not None:
                trim(0)
            if "pyarrow" in sys.modules:  # loaded by a stage; not imported for this alone
                sys.modules["pyarrow"].default_memory_pool().release_unused()

    process_and_trim.trims = True
    sdk_worker.SdkWorker.process_bundle = process_and_trim
