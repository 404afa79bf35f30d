# Copyright (c) 2022-2023 Tidewater Labs contributors. Licensed under the MIT License.
"""Parsing and validation of raw gauge readings.

A gauge uploads one CSV line per sample: station id, ISO-8601 timestamp, stage in metres and
an optional discharge in cubic metres per second. Lines that cannot be parsed are reported
with their line number instead of being skipped silently.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timezone

__all__ = ["FLOOD_STAGE_M", "Reading", "ReadingError", "parse_readings"]

# A stage outside this band almost always means a sensor fault, not a real river.
MIN_STAGE_M = -2.0
MAX_STAGE_M = 30.0
FLOOD_STAGE_M = 4.5


class ReadingError(ValueError):
    """Raised when a line of gauge output is malformed."""

    def __init__(self, lineno: int, message: str) -> None:
        super().__init__(f"line {lineno}: {message}")
        self.lineno = lineno


@dataclass(frozen=True, slots=True)
class Reading:
    station: str
    taken_at: datetime
    stage_m: float
    discharge_m3s: float | None = None

    @property
    def is_flood_stage(self) -> bool:
        return self.stage_m >= FLOOD_STAGE_M


def _parse_time(value: str, lineno: int) -> datetime:
    try:
        ts = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ReadingError(lineno, f"bad timestamp {value!r}") from exc
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=timezone.utc)
    return ts.astimezone(timezone.utc)


def _parse_float(value: str, lineno: int, what: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        raise ReadingError(lineno, f"bad {what} {value!r}") from exc


def parse_readings(text: str) -> list[Reading]:
    """Parse CSV gauge output into readings, sorted by time."""
    readings: list[Reading] = []
    for lineno, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or row[0].lstrip().startswith("#"):
            continue
        if len(row) not in (3, 4):
            raise ReadingError(lineno, f"expected 3 or 4 fields, got {len(row)}")
        station, when, stage = (field.strip() for field in row[:3])
        stage_m = _parse_float(stage, lineno, "stage")
        if not MIN_STAGE_M <= stage_m <= MAX_STAGE_M:
            raise ReadingError(lineno, f"stage {stage_m} m out of range")
        discharge = None
        if len(row) == 4 and row[3].strip():
            discharge = _parse_float(row[3].strip(), lineno, "discharge")
        readings.append(Reading(station, _parse_time(when, lineno), stage_m, discharge))
    readings.sort(key=lambda r: r.taken_at)
    return readings
