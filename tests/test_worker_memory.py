"""Local workers hand the heap a bundle freed back to the system."""

import re
from pathlib import Path

from apache_beam.runners.worker import sdk_worker

from pipelines import worker_memory

BLOCK = 64 * 1024  # under glibc's mmap threshold: taken from the heap, not mapped on its own


def _rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def test_a_bundle_that_fragments_the_heap_leaves_no_resident_holes(monkeypatch):
    survivors = []

    def fragmenting_bundle(self, request, instruction_id):
        blocks = [bytearray(b"x" * BLOCK) for _ in range(3000)]  # about 190 MB, all touched
        survivors.extend(blocks[::50])  # one block in 50 stays, pinning the holes between
        return f"bundle {instruction_id} done"

    monkeypatch.setattr(sdk_worker.SdkWorker, "process_bundle", fragmenting_bundle)
    worker_memory.trim_after_bundles()
    worker_memory.trim_after_bundles()  # a second call does not wrap twice
    assert sdk_worker.SdkWorker.process_bundle.__wrapped__ is fragmenting_bundle
    before = _rss_mb()
    assert sdk_worker.SdkWorker.process_bundle(None, None, "7") == "bundle 7 done"
    assert len(survivors) == 60
    assert _rss_mb() - before < 40  # 60 blocks stay (4 MB); untrimmed, about 190 MB would
