"""The output folder's dataset card, <output>/README.md: a Hugging Face YAML header with one
config per source (and `default` for all of them), then the sources' figures, the schema read
from the files themselves and the realised mixture, so the folder can be pushed to a hub as is
and read by `datasets.load_dataset(<folder>)` or `load_dataset(<folder>, "<source>")`."""

from __future__ import annotations

import yaml
from apache_beam.io.filesystems import FileSystems

from pipelines.files import matching, parquet_schema, read_json, write_atomically

CLEAN_FILES = "clean/{source}/*.parquet"


def write_dataset_card(output_dir: str) -> str | None:
    """(Re)write <output>/README.md from the stats, the cleaned files and the manifest (on any
    file system); None when no source has finished yet."""
    out = output_dir
    stats = [read_json(path) for path in matching([FileSystems.join(out, "stats", "*.json")])]
    sources = [s["source"] for s in stats if _clean_files(out, s["source"])]
    if not sources:
        return None
    configs = [
        {
            "config_name": "default",
            "data_files": [{"split": "train", "path": CLEAN_FILES.format(source="*")}],
        }
    ]
    configs += [
        {
            "config_name": source,
            "data_files": [{"split": "train", "path": CLEAN_FILES.format(source=source)}],
        }
        for source in sources
    ]
    header = yaml.safe_dump(
        {"configs": configs, "pretty_name": "LLaMA-recipe pre-training corpus"}, sort_keys=False
    )
    parts = [
        f"---\n{header}---\n",
        "# A pre-training corpus made with the LLaMA recipe\n",
        "Cleaned by llama-corpus (the LLaMA recipe, Touvron et al. 2023, section 2.1, on "
        "Apache Beam). Each source's documents are under `clean/<source>/`, the run's "
        "funnel and drop reasons in `stats/<source>.json` and `report.html`.\n",
        _sources_table(stats, sources),
        _schema(out, sources[0]),
        _mixture(out),
    ]
    path = FileSystems.join(out, "README.md")
    write_atomically(path, "\n".join(part for part in parts if part).encode("utf-8"))
    return path


def _clean_files(out: str, source: str) -> list[str]:
    return matching([FileSystems.join(out, "clean", source, "*.parquet")])


def _sources_table(stats: list[dict], sources: list[str]) -> str:
    rows = ["| source | documents in | documents kept | files |", "|---|---:|---:|---:|"]
    for entry in stats:
        if entry["source"] in sources:
            rows.append(
                f"| {entry['source']} | {entry['documents_in']:,} | "
                f"{entry['documents_out']:,} | {len(entry.get('inputs', []))} read |"
            )
    return "## Sources\n\n" + "\n".join(rows) + "\n"


def _schema(out: str, source: str) -> str:
    """The columns, as the files hold them (every source's files share one schema)."""
    schema = parquet_schema(_clean_files(out, source)[0])
    rows = ["| column | type |", "|---|---|"]
    rows += [f"| `{field.name}` | `{field.type}` |" for field in schema]
    return "## Schema\n\n" + "\n".join(rows) + "\n"


def _mixture(out: str) -> str:
    manifest = read_json(FileSystems.join(out, "tokens", "manifest.json"))
    if manifest is None:
        return ""
    rows = [
        "| source | tokens | Table 1 share | realised share | realised epochs | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for source, entry in sorted(manifest["sources"].items()):
        rows.append(
            f"| {source} | {entry['tokens']:,} | {entry.get('table_share', 0):.3f} | "
            f"{entry['realized_share']:.3f} | {entry['realized_epochs']} | "
            f"{entry.get('note', '')} |"
        )
    return (
        f"## Tokens and mixture\n\n{manifest['total_tokens']:,} tokens in "
        f"{len(manifest['shards'])} Megatron shard(s) under `tokens/`, each with a Parquet "
        "sidecar naming the document, source and epoch of every sequence.\n\n"
        + "\n".join(rows)
        + "\n"
    )
