"""DoFns that work on lists of elements, gathered inside the DoFn.

Beam's `BatchElements` puts each list in a PCollection of its own. That costs one more hop per
element, a timing regression per list, and, because Beam samples element sizes by encoding
them, a pickle of whole lists of documents. Gathering in the consuming DoFn costs none of
these, and bounds a list by its text as well as its length, so a list of books stays small.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
from apache_beam.transforms.window import GlobalWindow
from apache_beam.utils.timestamp import MIN_TIMESTAMP
from apache_beam.utils.windowed_value import WindowedValue

# A list is also the unit the global stages park and later read back in one call, so a run has
# about documents / MAX_ITEMS such calls to share among its workers: at 1024 the bench's jobs
# (6,660 documents) had 7-8 and two workers got them unevenly; at 256, 2 workers took 0.90x
# (CommonCrawl) and 0.93x (C4) of the time they took at 1024, with the same output.
MAX_ITEMS = 256
MAX_CHARS = 32_000_000  # 32-128 MB of str per list, by the widest character of its text


def in_global_window(value: Any) -> Any:
    """`value` (or a tagged output's value) as a windowed value, as `finish_bundle` must emit."""
    if isinstance(value, beam.pvalue.TaggedOutput):
        return beam.pvalue.TaggedOutput(value.tag, in_global_window(value.value))
    return WindowedValue(value, MIN_TIMESTAMP, [GlobalWindow()])


class BatchedDoFn(beam.DoFn):
    """Gathers elements and calls `process_list` on lists of up to `max_items` elements or
    `max_chars` characters (by `chars(element)`), and on what is left when a bundle ends.
    Subclasses define `process_list` (and `chars` when elements are not documents), may set
    other bounds, and call this class's `start_bundle` and `finish_bundle` from their own.
    Listed first among the bases, it combines with `CountingDoFn`: the counts of the last list
    are flushed after it."""

    max_items = MAX_ITEMS
    max_chars = MAX_CHARS

    def process_list(self, batch: list) -> Iterable:
        """The outputs for one gathered list (not Beam's `process_batch`, which is another API)."""
        raise NotImplementedError

    def chars(self, element: Any) -> int:
        """The size an element counts for against `max_chars`: a document's text length."""
        return len(element.text)

    def start_bundle(self) -> None:
        self._batch, self._chars = [], 0
        super().start_bundle()

    def process(self, element: Any) -> Iterable:
        # Not a generator: most calls only gather, and return an empty tuple, not a new generator.
        self._batch.append(element)
        self._chars += self.chars(element)
        if len(self._batch) >= self.max_items or self._chars >= self.max_chars:
            return self._process_gathered()
        return ()

    def finish_bundle(self) -> Iterator:
        for output in self._process_gathered():
            yield in_global_window(output)
        super().finish_bundle()

    def _process_gathered(self) -> Iterable:
        batch, self._batch, self._chars = self._batch, [], 0
        return self.process_list(batch) if batch else ()
