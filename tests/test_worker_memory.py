"""Local workers hand the heap a bundle freed back to the system, and drop finished stages."""

import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

from apache_beam.portability.api import beam_fn_api_pb2
from apache_beam.runners.worker import sdk_worker

from pipelines import worker_memory

BLOCK = 64 * 1024  # under glibc's mmap threshold: taken from the heap, not mapped on its own


def _rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


class _Processor:
    """Stands for a stage's cached bundle processor; records its shutdown."""

    def __init__(self, stage: str, log: list[str]) -> None:
        self._stage, self._log = stage, log

    def shutdown(self) -> None:
        self._log.append(self._stage)


def _worker(cached: dict[str, list]) -> SimpleNamespace:
    """An SDK worker as far as the wrapper sees it: its processor cache."""
    idle = defaultdict(list, cached)
    return SimpleNamespace(bundle_processor_cache=SimpleNamespace(cached_bundle_processors=idle))


def _request(stage: str) -> beam_fn_api_pb2.ProcessBundleRequest:
    return beam_fn_api_pb2.ProcessBundleRequest(process_bundle_descriptor_id=stage)


def test_a_bundle_of_one_stage_tears_down_the_idle_processors_of_the_others(monkeypatch):
    shut: list[str] = []
    worker = _worker(
        {
            "read": [_Processor("read", shut)],
            "dedup": [_Processor("dedup", shut), _Processor("dedup", shut)],
            "write": [_Processor("write", shut)],
        }
    )
    seen = []

    def bundle(self, request, instruction_id):
        seen.append(
            sorted(
                stage
                for stage, idle in worker.bundle_processor_cache.cached_bundle_processors.items()
                if idle
            )
        )
        return instruction_id

    monkeypatch.setattr(sdk_worker.SdkWorker, "process_bundle", bundle)
    monkeypatch.setattr(worker_memory, "arrow_on_system_allocator", lambda: None)
    worker_memory.free_memory_between_bundles()
    assert sdk_worker.SdkWorker.process_bundle(worker, _request("write"), "1") == "1"
    assert sorted(shut) == ["dedup", "dedup", "read"]  # torn down before the bundle ran
    assert seen == [["write"]]  # the stage's own idle processor stays, to be reused
    sdk_worker.SdkWorker.process_bundle(worker, _request("write"), "2")
    assert len(shut) == 3


def test_a_bundle_that_fragments_the_heap_leaves_no_resident_holes(monkeypatch):
    survivors = []

    def fragmenting_bundle(self, request, instruction_id):
        blocks = [bytearray(b"x" * BLOCK) for _ in range(3000)]  # about 190 MB, all touched
        survivors.extend(blocks[::50])  # one block in 50 stays, pinning the holes between
        return f"bundle {instruction_id} done"

    monkeypatch.setattr(sdk_worker.SdkWorker, "process_bundle", fragmenting_bundle)
    monkeypatch.setattr(worker_memory, "arrow_on_system_allocator", lambda: None)
    worker_memory.free_memory_between_bundles()
    worker_memory.free_memory_between_bundles()  # a second call does not wrap twice
    assert sdk_worker.SdkWorker.process_bundle.__wrapped__ is fragmenting_bundle
    before = _rss_mb()
    worker = _worker({})
    assert sdk_worker.SdkWorker.process_bundle(worker, _request("s"), "7") == "bundle 7 done"
    assert len(survivors) == 60
    assert _rss_mb() - before < 40  # 60 blocks stay (4 MB); untrimmed, about 190 MB would


ARENA_COUNT = """
import bz2, ctypes, os, sys, threading
from pipelines import worker_memory
if sys.argv[1] == "capped":
    worker_memory.tune_malloc()
data = os.urandom(1 << 20)
threads = [threading.Thread(target=bz2.compress, args=(data,)) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
ctypes.CDLL(None).malloc_stats()  # one "Arena N:" block per heap, on stderr
"""


def _heaps(mode: str) -> int:
    """How many glibc heaps 8 threads compressing at once (outside Python's lock) end with."""
    done = subprocess.run(
        [sys.executable, "-c", ARENA_COUNT, mode], capture_output=True, text=True, check=True
    )
    return len(re.findall(r"^Arena \d+:", done.stderr, flags=re.MULTILINE))


def test_a_worker_keeps_to_a_few_heaps_however_many_threads_allocate():
    assert _heaps("default") > worker_memory.MALLOC_ARENAS  # glibc's default: a heap per thread
    assert 1 <= _heaps("capped") <= worker_memory.MALLOC_ARENAS


LARGE_BLOCKS_FREED = """
import sys
from pipelines import worker_memory
if sys.argv[1] == "tuned":
    worker_memory.tune_malloc()
def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20
scratch = bytearray(16 << 20)  # mapped on its own; freeing it raises glibc's threshold to 16 MiB
del scratch
blocks, kept = [], []
for _ in range(32):
    blocks.append(bytearray(4 << 20))  # an encoded output, say
    kept.append(bytes(1000))  # a small value that outlives it, allocated just after it
before = resident_mb()
del blocks
print(before - resident_mb())
"""


def _freed_mb(mode: str) -> float:
    """How much resident memory freeing 32 blocks of 4 MiB gives back at once (no trim)."""
    done = subprocess.run(
        [sys.executable, "-c", LARGE_BLOCKS_FREED, mode],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout)


def test_a_worker_gives_back_freed_large_blocks_at_once():
    assert _freed_mb("default") < 32  # inside the heap, pinned between small values
    assert _freed_mb("tuned") > 120  # each mapped on its own and unmapped when freed


def test_a_worker_and_what_it_starts_allocate_arrow_memory_with_malloc():
    check = (
        "import subprocess, sys, pyarrow as pa\n"
        "from pipelines import worker_memory\n"
        "before = pa.default_memory_pool().backend_name\n"
        "worker_memory.free_memory_between_bundles()\n"
        "child = subprocess.run([sys.executable, '-c', 'import pyarrow as pa; "
        "print(pa.default_memory_pool().backend_name)'], capture_output=True, text=True)\n"
        "print(before, pa.default_memory_pool().backend_name, child.stdout.strip())\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                            check=True, env=environment,
                            cwd=Path(__file__).resolve().parent.parent)  # fmt: skip
    before, after, child = result.stdout.split()
    assert before != "system"  # pyarrow's own default (mimalloc or jemalloc) until a worker starts
    assert after == child == "system"
