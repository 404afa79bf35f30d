"""The run report, <output>/report.html: one self-contained page a person can read to trust
what was kept and why. Per source a funnel (documents after each step, drop reasons with a few
example excerpts), duplicate rates; for CommonCrawl the perplexity histogram with the bucket
cut-offs and the languages seen; the models' reports; the tokens and the realised mixture
against its target. Built from what the runs wrote (stats, Parquet, manifests)."""

from __future__ import annotations

import html
import json
from collections import Counter
from typing import Any

from apache_beam.io.filesystems import FileSystems

from pipelines.accounting import BYTES_KEPT, stage_warnings
from pipelines.charts import Series, bar_chart, histogram
from pipelines.files import matching, read_json, read_parquet, write_atomically

EXCERPT_CHARS = 240


def _rows(directory: str) -> list[dict]:
    """The rows of a folder of output shards, each with its `meta` fields beside the others."""
    rows = []
    for path in matching([FileSystems.join(directory, "part-*.parquet")]):
        for row in read_parquet(path, columns=["language", "meta"]).to_pylist():
            rows.append({**(row.pop("meta") or {}), **row})
    return rows


def _funnel(stats: dict) -> str:
    """Documents and bytes of text kept after each step, as bars, then the table."""
    names = [s["name"] for s in stats["stages"]]
    counts = [s["kept"] for s in stats["stages"]]
    megabytes = [_megabytes_kept(s) for s in stats["stages"]]
    chart = bar_chart(
        names,
        [Series("documents kept", counts, "#4c72b0")],
        "documents kept",
        line=Series("MB of text kept (UTF-8)", megabytes, "#dd8452"),
    )
    rows = "".join(_funnel_row(stage) for stage in stats["stages"])
    table = (
        "<table><tr><th>step</th><th>in</th><th>kept</th><th>MB kept</th>"
        "<th>dropped (reason count)</th>"
        f"</tr>{rows}</table>"
    )
    return chart + table


def _megabytes_kept(stage: dict) -> float:
    return stage.get("metrics", {}).get(BYTES_KEPT, 0) / 1e6


def _funnel_row(stage: dict) -> str:
    drops = ", ".join(f"{reason} {n}" for reason, n in stage["dropped"].items()) or "-"
    extra = "".join(
        f"<br><small>{html.escape(k)}: {v}</small>"
        for k, v in stage.get("metrics", {}).items()
        if k != BYTES_KEPT
    )
    return (
        f"<tr><td>{html.escape(stage['name'])}</td><td>{stage['in']}</td>"
        f"<td>{stage['kept']}</td><td>{_megabytes_kept(stage):.2f}</td>"
        f"<td>{html.escape(drops)}{extra}</td></tr>"
    )


def _excerpt(text: str | None) -> str:
    """The start of a text, its line breaks kept."""
    text = text or ""
    more = "…" if len(text) > EXCERPT_CHARS else ""
    return f"<span class='excerpt'>{html.escape(text[:EXCERPT_CHARS])}{more}</span>"


def _examples(stats: dict[str, Any]) -> str:
    """Each drop reason with its count and the excerpts the run kept (the smallest ids)."""
    dropped = {f"{stage['name']}/{reason}": count for stage in stats["stages"]
               for reason, count in stage["dropped"].items()}  # fmt: skip
    parts = []
    for name, examples in sorted(stats.get("drop_examples", {}).items()):
        items = "".join(
            f"<li><code>{html.escape(example['id'])}</code> {_excerpt(example['excerpt'])}</li>"
            for example in examples
        )
        count = dropped.get(name, len(examples))
        parts.append(f"<h4>{html.escape(name.replace('/', ' / '))} ({count})</h4><ul>{items}</ul>")
    return "".join(parts) or "<p>No document was dropped.</p>"


def _commoncrawl_charts(out: str, stats: dict) -> str:
    kept = _rows(FileSystems.join(out, "clean", "commoncrawl"))
    rejected = _rows(FileSystems.join(out, "rejected", "commoncrawl"))
    perplexities = [r["perplexity"] for r in kept + rejected if r.get("perplexity")]
    languages = Counter(r.get("language") for r in kept + rejected if r.get("language"))
    applied = _stage(stats, "perplexity").get("models", {})
    partial_note = ("" if rejected else "<p class='stamp'>Kept documents only: run with "
                    "--keep-rejected to see the scores of the dropped ones too.</p>")  # fmt: skip
    parts = []
    if perplexities:
        marks = []
        for language, model in sorted(applied.items()):
            head, tail = model["cutoffs"]
            marks += [(head, f"{language} head < {head:g}"), (tail, f"{language} tail >= {tail:g}")]
        label = "perplexity (dashed: the head / tail cut-offs applied)"
        chart = histogram(perplexities, 30, "#55a868", label, marks)
        cutoff_rows = "".join(
            f"<tr><td>{html.escape(language)}</td><td>{model['cutoffs'][0]:g}</td>"
            f"<td>{model['cutoffs'][1]:g}</td>"
            f"<td>{html.escape(model.get('cutoffs_from', ''))}</td></tr>"
            for language, model in sorted(applied.items())
        )
        parts.append(
            "<h3>Perplexity</h3>" + chart + partial_note
            + "<table><tr><th>language</th><th>head below</th><th>tail from</th>"
            f"<th>cut-offs from</th></tr>{cutoff_rows}</table>"
        )  # fmt: skip
    if languages:
        groups = stats.get("lid_groups", {})
        top = [(_language_label(code, groups), count) for code, count in languages.most_common(15)]
        chart = bar_chart([k for k, _ in top], [Series("documents", [v for _, v in top],
                                                       "#c44e52")], "documents")  # fmt: skip
        rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in top)
        parts.append(
            "<h3>Languages identified</h3>" + chart
            + f"<table><tr><th>language</th><th>documents</th></tr>{rows}</table>"
            + ("<p>A group name stands for labels lid.176 cannot tell apart, scored together "
               "where no single one was sure.</p>" if set(languages) & set(groups) else "")
            + partial_note
        )  # fmt: skip
    classifier = _stage(stats, "wiki_classifier")
    if classifier.get("heldout"):
        parts.append(_classifier_section(classifier, kept + rejected))
    models = stats.get("models")
    if models:
        reports = html.escape(json.dumps(models, indent=2))
        parts.append(f"<details><summary>The models' full reports</summary><pre>{reports}</pre>"
                     "</details>")  # fmt: skip
    return "".join(parts)


def _classifier_section(stage: dict, rows: list[dict]) -> str:
    """The Wikipedia-reference classifier: its held-out figures as a table, then the p(wiki)
    of the pages it scored with its threshold drawn."""
    heldout = stage["heldout"]
    cells = "".join(f"<tr><td>{html.escape(name)}</td><td>{heldout[name]}</td></tr>"
                    for name in sorted(heldout))  # fmt: skip
    inert = ("<p class='warning'>Inert: it kept every page; see the warning above.</p>"
             if stage.get("inert") else "")  # fmt: skip
    probabilities = [r["wiki_prob"] for r in rows if r.get("wiki_prob") is not None]
    chart = ""
    if probabilities:
        threshold = stage.get("threshold")
        marks = [] if threshold is None else [(threshold, f"kept from p >= {threshold:g}")]
        chart = histogram(probabilities, 20, "#8172b2", "p(page is like those Wikipedia cites)",
                          marks, value_range=(0.0, 1.0))  # fmt: skip
    return (f"<h3>Wikipedia-reference classifier</h3>{inert}"
            f"<table><tr><th>held out</th><th></th></tr>{cells}</table>{chart}")  # fmt: skip


def _stage(stats: dict, name: str) -> dict:
    return next((stage for stage in stats["stages"] if stage["name"] == name), {})


def _warnings(stats: dict) -> str:
    """Every stage that says it could not do its job, first and in red."""
    items = "".join(
        f"<li><b>{html.escape(name)}</b>: {html.escape(warning)}</li>"
        for name, warning in stage_warnings(stats)
    )
    return f"<div class='warning'><b>Warnings</b><ul>{items}</ul></div>" if items else ""


def _language_label(code: str, groups: dict[str, list[str]]) -> str:
    """`hbs (hr/sr/bs/sh)` for a group of labels, the code itself otherwise."""
    return f"{code} ({'/'.join(groups[code])})" if code in groups else code


def _duplicates(stats: dict) -> str:
    lines = []
    for stage in stats["stages"]:
        metrics = stage.get("metrics", {})
        if "lines_in" in metrics and metrics["lines_in"]:
            share = 1 - metrics["lines_kept"] / metrics["lines_in"]
            lines.append(f"{stage['name']}: {share:.1%} of lines removed")
        dup = sum(n for r, n in stage["dropped"].items() if "duplicate" in r)
        if dup and stage["in"]:
            lines.append(
                f"{stage['name']}: {dup / stage['in']:.1%} of documents dropped as duplicates"
            )
    return f"<p>{'<br>'.join(map(html.escape, lines))}</p>" if lines else ""


def _mixture(out: str) -> str:
    manifest = read_json(FileSystems.join(out, "tokens", "manifest.json"))
    if manifest is None:
        return ""
    sources = manifest["sources"]
    names = sorted(sources)
    shares = [
        Series("Table 1 share", [sources[n]["table_share"] for n in names], "#8172b2"),
        Series("realised share", [sources[n]["realized_share"] for n in names], "#64b5cd"),
    ]

    rows = "".join(
        f"<tr><td>{n}</td><td>{sources[n]['documents']}</td><td>{sources[n]['tokens']:,}</td>"
        f"<td>{sources[n]['table_share']:.3f}</td><td>{sources[n]['target_share']:.3f}</td>"
        f"<td>{sources[n]['realized_share']:.3f}</td>"
        f"<td>{sources[n]['configured_epochs']}</td><td>{sources[n]['realized_epochs']}</td>"
        f"<td>{html.escape(sources[n]['note'])}</td></tr>"
        for n in names
    )
    partial = manifest.get("partial") or {}
    warning = (
        f"<div class='warning'><b>Partial mixture</b>: {len(partial)} source(s) are more than "
        "10% off their Table 1 share (made with --allow-partial-mixture); see the notes.</div>"
        if partial
        else ""
    )
    return (
        f"<h2>Tokens and mixture</h2>{warning}<p>{manifest['total_tokens']:,} tokens in "
        f"{len(manifest['shards'])} shard(s); tokenizer sha256 "
        f"<code>{manifest['tokenizer']['sha256'][:16]}</code>, seed {manifest['seed']}.</p>"
        + bar_chart(names, shares, "share of tokens")
        + "<table><tr><th>source</th><th>documents</th><th>tokens</th><th>Table 1 share</th>"
        "<th>target share (renormalised)</th><th>realised share</th><th>configured epochs</th>"
        f"<th>realised epochs</th><th>note</th></tr>{rows}</table>"
    )


STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;"
    "text-align:left;vertical-align:top}li{margin-bottom:.4em}"
    ".warning{color:#a40000;border:2px solid #a40000;padding:.5em 1em}"
    ".excerpt{white-space:pre-wrap;font-family:monospace;font-size:90%}"
    ".stamp{color:#666;font-size:85%}"
)


def _stamp(out: str, task: str) -> str:
    """Which run wrote a section: the fingerprint its task recorded (pipelines/state.py)."""
    record = read_json(FileSystems.join(out, ".state", f"{task.replace(':', '-')}.json"))
    if record is None:
        return ""
    fingerprint = record.get("fingerprint", "")
    return f"<p class='stamp'>Written by the run with fingerprint {fingerprint[:12]}.</p>"


def _summary(all_stats: list[dict]) -> str:
    """The run at a glance: per source, documents in and kept, text kept, warnings."""
    rows = []
    for stats in all_stats:
        source = stats["source"]
        share = stats["documents_out"] / stats["documents_in"] if stats["documents_in"] else 0
        megabytes = _megabytes_kept(stats["stages"][-1]) if stats["stages"] else 0.0
        warnings = len(stage_warnings(stats))
        rows.append(
            f"<tr><td><a href='#{source}'>{html.escape(source)}</a></td>"
            f"<td>{stats['documents_in']:,}</td><td>{stats['documents_out']:,}</td>"
            f"<td>{share:.0%}</td><td>{megabytes:.2f}</td>"
            f"<td>{'<b>' + str(warnings) + '</b>' if warnings else '0'}</td></tr>"
        )
    return (
        "<h2 id='summary'>Summary</h2><table><tr><th>source</th><th>documents in</th>"
        "<th>kept</th><th>kept share</th><th>MB of text kept</th><th>warnings</th></tr>"
        + "".join(rows) + "</table>"
    )  # fmt: skip


def write_report(output_dir: str) -> str:
    """(Re)write <output>/report.html from everything the runs left in `output_dir`: the run
    summary and a table of contents first, then a section per source and the mixture, each
    stamped with the run that wrote it."""
    out = output_dir
    all_stats = [read_json(path) for path in matching([FileSystems.join(out, "stats", "*.json")])]
    sections = []
    for stats in all_stats:
        source = stats["source"]
        body = [f"<h2 id='{source}'>{html.escape(source)}</h2>", _stamp(out, f"source:{source}"),
                f"<p>{stats['documents_in']} documents in, {stats['documents_out']} kept, from "
                f"{len(stats.get('inputs', []))} input file(s).</p>",
                _warnings(stats), _funnel(stats), _duplicates(stats)]  # fmt: skip
        if source == "commoncrawl":
            body.append(_commoncrawl_charts(out, stats))
        body.append("<h3>Drop reasons, with examples</h3>" + _examples(stats))
        sections.append("".join(body))
    mixture = _mixture(out)
    if mixture:
        sections.append(mixture.replace("<h2>", "<h2 id='mixture'>", 1) + _stamp(out, "stage:mix"))
    contents = "".join(f"<li><a href='#{s['source']}'>{html.escape(s['source'])}</a></li>"
                       for s in all_stats)  # fmt: skip
    if mixture:
        contents += "<li><a href='#mixture'>Tokens and mixture</a></li>"
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>llama-corpus run report"
        f"</title><style>{STYLE}</style></head><body><h1>llama-corpus run report</h1>"
        + _summary(all_stats)
        + f"<h2>Contents</h2><ul><li><a href='#summary'>Summary</a></li>{contents}</ul>"
        + "".join(sections)
        + "</body></html>\n"
    )
    path = FileSystems.join(out, "report.html")
    write_atomically(path, page.encode("utf-8"))
    return path
