"""BatchedDoFn: every element reaches exactly one list, and lists respect both bounds."""

import apache_beam as beam
from apache_beam.testing import test_pipeline
from apache_beam.testing.util import assert_that, equal_to

from filters.document import Document
from pipelines.batching import BatchedDoFn
from pipelines.local_runner import LocalRunner

HEADLINES = [
    "Council approves the new cycle lane on Harbour Road after a long consultation.",
    "Rain delays the county cricket final until Sunday.",
    "The library extends its opening hours during the exam season.",
    "A family-run bakery wins the regional bread award for the third year.",
    "Ferry timetable changes from next month: fewer sailings on weekdays.",
    "Volunteers plant four hundred trees along the river path.",
    "Local museum reopens its maritime gallery with restored ship models.",
]


class _ListSizes(BatchedDoFn):
    """Emits, per list it is handed, the ids it held and their total text length."""

    def __init__(self, max_items: int, max_chars: int) -> None:
        self.max_items = max_items
        self.max_chars = max_chars

    def process_list(self, batch):
        yield sorted(doc.id for doc in batch), sum(len(doc.text) for doc in batch)


def _lists(max_items: int, max_chars: int) -> list:
    docs = [Document(f"news-{n}", "c4", text) for n, text in enumerate(HEADLINES)]
    with test_pipeline.TestPipeline(runner=LocalRunner()) as pipeline:
        lists = pipeline | beam.Create(docs) | beam.ParDo(_ListSizes(max_items, max_chars))
        ids = lists | beam.FlatMap(lambda ids_chars: ids_chars[0])
        assert_that(ids, equal_to([doc.id for doc in docs]), label="each id once")
        assert_that(
            lists | "sizes" >> beam.Map(lambda ids_chars: (len(ids_chars[0]), ids_chars[1])),
            lambda sizes: _check_bounds(sizes, max_items, max_chars),
            label="bounds",
        )


def _check_bounds(sizes, max_items: int, max_chars: int) -> None:
    longest = max(len(text) for text in HEADLINES)
    for count, chars in sizes:
        assert count <= max_items
        # A list closes on the element that reaches the bound, so it may pass it by one text.
        assert chars < max_chars + longest
        assert count == 1 or chars - longest < max_chars


def test_lists_stop_at_the_item_bound_and_keep_the_remainder():
    _lists(max_items=3, max_chars=10**9)


def test_lists_stop_at_the_character_bound():
    _lists(max_items=1000, max_chars=120)
