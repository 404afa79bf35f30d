"""JSON lines read defensively: one object per line, or the reason a line is not one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

MAX_LINE_BYTES = 64 * 1024 * 1024  # a longer line is skipped as a whole, never loaded


def iter_json_objects(stream: BinaryIO, max_line_bytes: int = MAX_LINE_BYTES
                      ) -> Iterator[dict | str]:  # fmt: skip
    """Each non-blank line's object, or instead a short reason: `record_too_large`,
    `invalid_utf8`, `malformed_json`, `malformed_record` (valid JSON but not an object)."""
    while line := stream.readline(max_line_bytes):
        if not line.endswith(b"\n") and len(line) == max_line_bytes:
            while (rest := stream.readline(max_line_bytes)) and not rest.endswith(b"\n"):
                pass
            yield "record_too_large"
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except UnicodeDecodeError:
            yield "invalid_utf8"
            continue
        except ValueError:
            yield "malformed_json"
            continue
        yield record if isinstance(record, dict) else "malformed_record"
