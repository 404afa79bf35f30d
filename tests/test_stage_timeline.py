"""bench/stage_timeline.py's reading of the per-process bundle logs its hook writes."""

from pathlib import Path

from bench.stage_timeline import read_events, stages, table


def _write(folder: Path, pid: int, lines: list[str]) -> None:
    (folder / f"{pid}.log").write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_bundles_are_gathered_by_stage_across_processes(tmp_path):
    _write(tmp_path, 100, ["10.0\t0.1\tprocess", "19.0\t2.0\texit"])
    # two workers run stage 1 side by side; each then runs two stages of Beam's own steps,
    # which have the same (empty) label and must stay apart
    for pid, (start, end) in {200: (12.0, 15.0), 300: (12.5, 16.0)}.items():
        _write(tmp_path, pid, [
            "11.0\t0.0\tprocess",
            f"{start}\t0.0\tstart\t1\tRead|Parse",
            f"{end}\t{end - start - 0.5}\tend\t1\tRead|Parse",
            f"{end + 0.1}\t4.0\tstart\t2\t",
            f"{end + 0.2}\t4.1\tend\t2\t",
            "17.0\t4.1\tstart\t3\t",
            "17.5\t4.6\tend\t3\t",
        ])  # fmt: skip
    found = stages(read_events(tmp_path))
    assert [(s.first, s.last, s.bundles) for s in found] == [
        (12.0, 16.0, 2),
        (15.1, 16.2, 2),
        (17.0, 17.5, 2),
    ]
    assert abs(found[0].cpu - (2.5 + 3.0)) < 1e-9
    text = table(read_events(tmp_path))
    assert "| before the first bundle | 0.00 | 2.00 | 2.00 |" in text
    assert "| Read, Parse | 2.00 | 6.00 | 4.00 | 2 | 5.50 |" in text
    assert "| after the last bundle | 7.50 | 9.00 | 1.50 |" in text
    assert text.endswith("Bundles ran in 2 worker processes.")
