"""Our CommonCrawl steps against cc_net 1.0.0's own code on a few real pages
(bench/ccnet_agreement.py).

cc_net lives in its own environment, bench/work/cc_net-venv (`bash bench/setup_peers.sh cc_net`),
never in the project's; the test skips, naming what is missing, where that environment or the
quality models are absent (CI has neither). No timing: the bench's speed figures are never
measured here.
"""

from __future__ import annotations

import pytest

from bench import ccnet_agreement as agreement

PAGES = 12  # real eval-pages records, each written twice with distinct lines


def _models():
    for folder in (agreement.WORK / "models", agreement.REUSED_MODELS):
        if (folder / "lm" / "en.arpa.bin").is_file() and (folder / "wiki_classifier.bin").is_file():
            return folder
    return None


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if not agreement.CC_NET_PYTHON.exists():
        pytest.skip(
            f"cc_net is not installed: no {agreement.CC_NET_PYTHON} "
            "(bash bench/setup_peers.sh cc_net)"
        )
    models = _models()
    if models is None:
        pytest.skip(
            "no English quality models and wiki classifier under bench/work/peers/models "
            "or bench/work/eval_quality/out/models (python -m bench.ccnet_agreement)"
        )
    work = tmp_path_factory.mktemp("ccnet")
    return agreement.agreement(2, files=1, limit=PAGES, work=work, models=models)


def test_cc_net_parses_every_page_of_the_bench_input(report):
    # cc_net reads WET headers by position: every page must reach it in Common Crawl's layout
    assert report["documents"] == 2 * PAGES
    assert sum(report["cc_net_outcomes"].values()) == 2 * PAGES


def test_both_sides_score_with_the_same_library_releases(report):
    # SentencePiece releases split digit runs differently with one model: compare code only
    libraries = report["libraries"]
    assert libraries["ours"] == libraries["cc_net"], (
        f"{libraries}: rerun bash bench/setup_peers.sh cc_net"
    )


def test_every_disagreement_has_a_checked_cause(report):
    assert report["classes"], "the known differences (dedup scope, perplexity) must show"
    unexplained = {name: n for name, n in report["classes"].items() if "unexplained" in name}
    assert not unexplained, report["examples"]
    assert "read: kept by one side only" not in report["classes"]


def test_language_id_on_the_same_text_differs_only_by_newline_flattening(report):
    steps = report["steps_on_cc_net_text"]
    assert steps["lid"].get("agree", 0) > 0
    for name in steps["lid"]:
        assert name == "agree" or name.startswith(agreement.LID_GLUED), name


def test_perplexity_on_the_same_text_is_cc_nets_whole_page_score(report):
    scored = report["steps_on_cc_net_text"]["perplexity"]
    assert report["steps_on_cc_net_text"]["perplexity_pages"] > 0
    assert set(scored) <= {"agree", agreement.PP_WHOLE, "bucket agrees", "bucket differs"}
