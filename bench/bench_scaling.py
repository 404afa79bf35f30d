"""How the CommonCrawl pipeline's cost grows with its input (1x, 4x, 16x) on the local
runner, and what that projects for LLaMA's CommonCrawl on a cluster.

    .venv/bin/python -m bench.bench_scaling [--base-copies 10]
"""

from __future__ import annotations

import argparse

from bench.bench_commoncrawl import SAMPLE_WET, WORK, build_input, pipeline_run

# LLaMA section 2.1: five CommonCrawl dumps, 2017 to 2020, through CCNet. A monthly dump of
# those years holds about 3 billion pages (Common Crawl's announcements: 2.5 to 3.5 billion).
DUMPS = 5
PAGES_PER_DUMP = 3.0e9


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-copies", type=int, default=10)
    args = parser.parse_args()
    pipeline_run(str(SAMPLE_WET), [])  # trains the models once, not timed
    rows = []
    for factor in (1, 4, 16):
        copies = args.base_copies * factor
        paths = build_input(copies, 4)
        pattern = str(WORK / f"bench-{copies}-*-of-04.warc.wet.gz")
        run = pipeline_run(pattern, [])
        rows.append((factor, run))
        for path in paths:
            path.unlink()
    print("| input | documents | wall s | CPU s | CPU s per 1k docs | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for factor, run in rows:
        print(
            f"| {factor}x | {run['docs']} | {run['wall_s']:.1f} | {run['cpu_s']:.1f} | "
            f"{1000 * run['cpu_s'] / run['docs']:.2f} | {run['peak_rss_mb']:.0f} |"
        )
    per_doc = rows[-1][1]["cpu_s"] / rows[-1][1]["docs"]
    input_pages = DUMPS * PAGES_PER_DUMP
    cpu_hours = input_pages * per_doc / 3600
    print(
        f"\nProjection for LLaMA's CommonCrawl ({DUMPS} dumps, {input_pages:.1e} WET pages) at "
        f"{per_doc * 1000:.2f} CPU-ms per page (the 16x rate): {cpu_hours:,.0f} CPU-hours, "
        f"e.g. {cpu_hours / 1600:.1f} hours on 100 Dataflow workers of 16 vCPUs."
    )


if __name__ == "__main__":
    main()
