"""One schema for every source's cleaned output, so that the whole output folder loads as one
table (Hugging Face `datasets`, pandas, DuckDB, Spark) and each source's own fields keep the
names the users of its anchor know.

Top level: `id`, `text`, `source`, `url` (null where none), `language` (null where unknown),
`created` (when the document was made or crawled, ISO 8601, where known) and `source_file`.
`meta` is one struct holding every source's own fields (null in the other sources' rows):
CCNet's for CommonCrawl, RedPajama's for the others. Rejected documents
(`--keep-rejected`) have the same columns, then `step`, `reason`, `detail` and `meta_json`:
every scalar value the run had for the document when it was dropped (scores, the duplicate it
matched, ...), as a JSON object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa

TOP_LEVEL = pa.schema(
    [("id", pa.string()), ("text", pa.string()), ("source", pa.string()), ("url", pa.string()),
     ("language", pa.string()), ("created", pa.string()), ("source_file", pa.string())]
)  # fmt: skip

# Each source's own fields: (output name, type, where the value comes from: a key of the
# document's `meta`, or a function of it).
Field = tuple[str, pa.DataType, str | Callable[[dict[str, Any]], Any]]


def _domain(meta: dict[str, Any]) -> str | None:
    url = meta.get("url")
    return urlsplit(url).netloc or None if url else None


SOURCE_FIELDS: dict[str, list[Field]] = {
    "commoncrawl": [  # cc_net's document fields (process_wet_file.py, dedup.py, mine.py)
        ("title", pa.string(), "title"),  # a WET record's first line; null from WARC HTML
        ("digest", pa.string(), "digest"),
        ("source_domain", pa.string(), _domain),
        ("cc_segment", pa.string(), "source_file"),
        ("date_download", pa.string(), "date"),
        ("nlines", pa.int64(), "nlines"),
        ("length", pa.int64(), "length"),
        ("original_nlines", pa.int64(), "original_nlines"),
        ("original_length", pa.int64(), "original_length"),
        ("language_score", pa.float64(), "language_score"),
        ("perplexity", pa.float64(), "perplexity"),
        ("bucket", pa.string(), "bucket"),
        ("wiki_prob", pa.float64(), "wiki_prob"),
        ("line_ids", pa.list_(pa.int32()), "line_ids"),
    ],
    "c4": [  # RedPajama's c4 meta (timestamp), and the language ID score C4's filter used
        ("timestamp", pa.string(), "timestamp"),
        ("language_score", pa.float64(), "language_score"),
    ],
    "github": [  # RedPajama's github meta
        ("repo_name", pa.string(), "repo_name"),
        ("path", pa.string(), "path"),
        ("license", pa.string(), "license"),
    ],
    "wikipedia": [  # RedPajama's wikipedia meta (title, url, language, timestamp)
        ("title", pa.string(), "title"),
        ("timestamp", pa.string(), "timestamp"),
        ("reference_urls", pa.list_(pa.string()), "reference_urls"),
    ],
    "books": [("title", pa.string(), "title")],
    "arxiv": [("arxiv_id", pa.string(), "paper_id"), ("main_file", pa.string(), "main_file")],
    "stackexchange": [  # RedPajama's stackexchange meta (question_score, ...)
        ("site", pa.string(), "site"),
        ("question_id", pa.string(), "question_id"),
        ("question_score", pa.int64(), "score"),
        ("answer_count", pa.int64(), "answer_count"),
        ("title", pa.string(), "title"),
    ],
}
# Top-level values that come from another meta key per source (the rest: the same name).
_CREATED = {"commoncrawl": "date", "c4": "timestamp", "wikipedia": "timestamp",
            "stackexchange": "created"}  # fmt: skip


def _meta_struct() -> pa.StructType:
    """The union of every source's fields, each name with one type."""
    types: dict[str, pa.DataType] = {}
    for source, fields in SOURCE_FIELDS.items():
        for name, kind, _ in fields:
            if types.setdefault(name, kind) != kind:
                raise TypeError(
                    f"meta field {name!r} of {source} is {kind}, elsewhere {types[name]}"
                )
    return pa.struct([(name, kind) for name, kind in sorted(types.items())])


META = _meta_struct()
OUTPUT_SCHEMA = pa.schema([*TOP_LEVEL, ("meta", META)])
REJECTED_SCHEMA = pa.schema(
    [
        *OUTPUT_SCHEMA,
        ("step", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("meta_json", pa.string()),
    ]
)


def output_row(doc_id: str, text: str, source: str, meta: dict[str, Any]) -> dict[str, Any]:
    """A document as a row of OUTPUT_SCHEMA: the top-level columns, and its source's fields in
    `meta` (a field a source does not have stays null)."""
    own = {}
    for name, _, origin in SOURCE_FIELDS.get(source, ()):
        own[name] = origin(meta) if callable(origin) else meta.get(origin)
    return {
        "id": doc_id,
        "text": text,
        "source": source,
        "url": meta.get("url"),
        "language": meta.get("language"),
        "created": meta.get(_CREATED.get(source, "created")),
        "source_file": meta.get("source_file"),
        "meta": own,
    }
