"""The local runner's workers keep to a few heaps, give the memory they freed back to the system
after each bundle, and drop what finished stages left behind.

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

glibc also gives each thread that finds the heaps busy a heap of its own, up to eight per core.
A worker's threads allocate outside Python's lock (decompression, gRPC, Arrow), so a worker
had up to 16 heaps on 2 cores, each keeping its own free holes. Capped at `MALLOC_ARENAS`
(glibc's own `MALLOC_ARENA_MAX` setting, made from inside the worker), a 43 MB multistream
dump's worker peaked at 295 MB instead of 314 (1 worker) and 289 instead of 298 (2 workers),
with no change in time.

glibc also serves a freed large block's size from its heaps from then on: a block of at least
128 KiB is mapped on its own and unmapped when freed, but each such free raises that threshold
to the block's size, up to 32 MiB. The buffers a worker passes around (1 MiB input messages,
10 MiB output flushes, pickled lists, decompressed streams) so came to live inside the heaps,
where the free holes they left could not be returned; the holes grew with the input. Blocks of
at least `MMAP_THRESHOLD` are now always mapped on their own (glibc's `M_MMAP_THRESHOLD`, which
also stops the raising): on 500k small documents through exact dedup, the one worker's peak
went from 352 to 265-298 MB (three runs), and from 273 to 249 MB at a quarter of them.

Arrow allocates from its own pool (mimalloc), which keeps freed pages for reuse by Arrow alone;
the writer's shard tables, takes and Parquet buffers so stayed resident beside glibc's heaps.
Workers give Arrow the C library's malloc instead, so its memory joins the capped, trimmed
heaps (`ARROW_DEFAULT_MEMORY_POOL=system`, Arrow's own setting, for the processes they start).
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys

from apache_beam.runners.worker import sdk_worker

MALLOC_ARENAS = 2
MMAP_THRESHOLD = 1 << 20  # bytes: a block this large or larger is mapped and unmapped on its own
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameters (malloc.h)
_M_ARENA_MAX = -8


def _libc_function(name: str):
    """A function of the C library this process has loaded, or None where it has none."""
    try:
        return getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):
        return None


def tune_malloc(arenas: int = MALLOC_ARENAS, mmap_threshold: int = MMAP_THRESHOLD) -> None:
    """Let glibc make at most `arenas` heaps for this process's threads, and map every block of
    `mmap_threshold` bytes or more on its own (no-op where the C library is not glibc)."""
    mallopt = _libc_function("mallopt")
    if mallopt is not None:
        mallopt(_M_ARENA_MAX, arenas)
        mallopt(_M_MMAP_THRESHOLD, mmap_threshold)


def arrow_on_system_allocator() -> None:
    """Make Arrow allocate with the C library's malloc rather than its own pool (mimalloc),
    in this process and any it starts."""
    os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "system"  # read when Arrow is first loaded
    if "pyarrow" in sys.modules:
        arrow = sys.modules["pyarrow"]
        arrow.set_memory_pool(arrow.system_memory_pool())


def retire_other_stages(cache: sdk_worker.BundleProcessorCache, descriptor_id: str) -> None:
    """Tear down the idle bundle processors of every stage but `descriptor_id`."""
    for other, idle in list(cache.cached_bundle_processors.items()):
        if other != descriptor_id:
            sdk_worker.BundleProcessorCache._shutdown_cached_bundle_processors(idle)  # noqa: SLF001


def free_memory_between_bundles() -> None:
    """Cap this process's heaps and map its large blocks on their own; make its SDK harness
    drop finished stages' processors before every bundle and give freed memory back after it.
    Called as a worker starts."""
    tune_malloc()
    arrow_on_system_allocator()
    trim = _libc_function("malloc_trim")
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
