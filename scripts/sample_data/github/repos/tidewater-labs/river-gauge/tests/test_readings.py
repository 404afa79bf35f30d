from datetime import datetime, timezone

import pytest

from river_gauge.readings import ReadingError, parse_readings

SAMPLE = """\
# station,time,stage_m,discharge_m3s
TW-001,2023-04-02T06:15:00Z,1.82,14.6
TW-001,2023-04-02T06:00:00Z,1.79,
TW-002,2023-04-02T06:00:00+01:00,0.44
"""


def test_parses_and_sorts_by_time():
    readings = parse_readings(SAMPLE)
    assert [r.station for r in readings] == ["TW-002", "TW-001", "TW-001"]


def test_offsets_are_normalised_to_utc():
    first = parse_readings(SAMPLE)[0]
    assert first.taken_at == datetime(2023, 4, 2, 5, 0, tzinfo=timezone.utc)


def test_empty_discharge_is_none():
    by_stage = {r.stage_m: r for r in parse_readings(SAMPLE)}
    assert by_stage[1.79].discharge_m3s is None
    assert by_stage[1.82].discharge_m3s == pytest.approx(14.6)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("TW-001,yesterday,1.0", "bad timestamp"),
        ("TW-001,2023-04-02T06:00:00Z,deep", "bad stage"),
        ("TW-001,2023-04-02T06:00:00Z,45.0", "out of range"),
        ("TW-001,2023-04-02T06:00:00Z,1.0,lots", "bad discharge"),
        ("TW-001,2023-04-02T06:00:00Z", "expected 3 or 4 fields"),
    ],
)
def test_rejects_bad_lines(line, message):
    with pytest.raises(ReadingError, match=message) as info:
        parse_readings("TW-001,2023-04-02T05:45:00Z,1.7\n" + line + "\n")
    assert info.value.lineno == 2


def test_flood_stage_flag():
    (reading,) = parse_readings("TW-009,2023-05-01T00:00:00Z,4.5\n")
    assert reading.is_flood_stage


def test_comments_and_blank_lines_are_ignored():
    assert parse_readings("\n# nothing yet\n\n") == []
