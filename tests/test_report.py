"""The run report as a person reads it: summary and contents first, a section per source stamped
with its run, the models' figures and warnings, and a page a real browser loads cleanly."""

import re
import shutil
import subprocess

import pytest


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
    assert "p(page is like those Wikipedia cites)" not in commoncrawl  # drawn in the PNG
    assert (
        commoncrawl.count("data:image/png;base64,") >= 4
    )  # funnel, perplexity, languages, p(wiki)
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
    assert result.stdout.count("<img") >= 10
