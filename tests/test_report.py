"""The run report as a person reads it: summary and contents first, a section per source stamped
with its run, the models' figures and warnings, and a page a real browser loads cleanly."""

import re
import shutil
import subprocess

import pytest

from pipelines.charts import Series, bar_chart, histogram


@pytest.fixture(scope="module")
def report(all_output) -> str:
    return str(all_output / "report.html")


def test_the_report_opens_with_the_summary_then_one_stamped_section_per_source(report):
    with open(report, encoding="utf-8") as handle:
        page = handle.read()
    sources = ["arxiv", "books", "c4", "commoncrawl", "github", "stackexchange", "wikipedia"]
    positions = [page.index("id='summary'"), page.index("<h2>Contents</h2>")]
    positions += [page.index(f"<h2 id='{source}'>") for source in sources]
    positions.append(page.index("<h2 id='mixture'>"))
    assert positions == sorted(positions)
    assert page.count("Written by the run with fingerprint") == len(sources) + 1
    for source in sources:
        assert f"<a href='#{source}'>" in page
    commoncrawl = page[page.index("<h2 id='commoncrawl'>") : page.index("<h2 id='github'>")]
    assert "class='warning'" in commoncrawl and "too few to filter with" in commoncrawl
    charts = re.findall(r"<svg .*?</svg>", commoncrawl)
    assert len(charts) == 4  # funnel, perplexity, languages, p(wiki)
    funnel, perplexity, _, classifier = charts
    assert "<title>documents kept: " in funnel and "<polyline" in funnel
    assert "head &lt; " in perplexity and "tail &gt;= " in perplexity
    assert "p(page is like those Wikipedia cites)" in classifier
    assert "kept from p &gt;= " in classifier
    assert "<span class='excerpt'>" in page and "white-space:pre-wrap" in page


@pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="Debian's chromium is not installed (scripts/install.sh installs it)",
)
def test_the_report_loads_in_chromium_without_console_errors(report, tmp_path):
    result = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
         "--dump-dom", f"file://{report}"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert not re.findall(r":CONSOLE\(?\d*\)?\]? .*", result.stderr), result.stderr[-2000:]
    assert '<h2 id="mixture">Tokens and mixture</h2>' in result.stdout
    assert result.stdout.count("<svg") >= 10


def test_a_histogram_counts_every_value_once_and_draws_its_marks_inside():
    chart = histogram([1, 1, 2, 9, 10, 10], 3, "#000", "perplexity", [(5.5, "head < 5.5")])
    bins = re.findall(r"<title>([^<]*: \d+)</title>", chart)
    assert bins == ["1 to 4: 3", "4 to 7: 0", "7 to 10: 3"]
    mark = re.search(r"<line x1='([\d.]+)' x2='[\d.]+' y1='\d+' y2='\d+' stroke='grey'", chart)
    assert 64 < float(mark.group(1)) < 700 - 64 and ">head &lt; 5.5</text>" in chart


def test_side_by_side_bars_scale_to_the_largest_value_and_keep_labels_as_text():
    shares = [Series("Table 1", [0.045, 0.15], "#111"), Series("realised", [0.05, 0.3], "#222")]
    chart = bar_chart(["wiki<pedia>", "c4"], shares, "share")
    heights = [float(h) for h in re.findall(r"height='([\d.]+)' fill='#", chart)]
    assert heights[3] == max(heights) and abs(heights[0] / heights[3] - 0.045 / 0.3) < 0.01
    assert "wiki&lt;pedia&gt;" in chart and chart.count("<text") > 8
