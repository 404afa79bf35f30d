"""Regenerate corpora/samples/arxiv/arXiv_src_2301_001.tar and manifest.json from
scripts/sample_data/arxiv/: papers.yaml (each paper's format, members and what the manifest
promises about it) and one folder of source files per paper.

The outer tar is shaped like one of arXiv's bulk source tars: one member per paper,
``2301/<id>.gz``, each either a gzipped single .tex file (format tex.gz) or a gzipped tar of the
paper's files (tar.gz). Tars have sorted members, mtime 0, uid/gid 0 and no owner names; gzip
has mtime 0. Before writing, each paper is checked against its promises (first heading, macro
definitions, body length, latin-1 bytes).

    python scripts/make_arxiv_samples.py [--out DIR]
"""

from __future__ import annotations

import io
import json
import re
import tarfile
from pathlib import Path

from samples_common import DATA, gz, load_yaml, run, write

SOURCE = DATA / "arxiv"
TAR_NAME = "arXiv_src_2301_001.tar"
MONTH = "2301"
DESCRIPTION = (
    "Invented arXiv-style bulk source tar written for this project's tests. "
    "main_file is null for single-file (tex.gz) entries, which carry no file name."
)
INPUT_RE = re.compile(r"\\(?:input|include)\{([^}]+)\}")


def tar_bytes(members: list[dict]) -> bytes:
    """A GNU tar of members ({name, data} or {name, symlink}), sorted by name, with neutral
    metadata; names are written exactly as given."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tf:
        for member in sorted(members, key=lambda m: m["name"]):
            info = tarfile.TarInfo(member["name"])
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
            if "symlink" in member:
                info.type, info.linkname, info.mode = tarfile.SYMTYPE, member["symlink"], 0o777
                tf.addfile(info)
            else:
                info.size, info.mode = len(member["data"]), 0o644
                tf.addfile(info, io.BytesIO(member["data"]))
    return buf.getvalue()


def load_members(paper: dict) -> list[dict]:
    """The paper's tar members with their bytes: a plain entry is a file of that name in the
    paper's folder; {name, file} stores a member under another file name."""
    members = []
    for entry in paper["members"]:
        entry = {"name": entry, "file": entry} if isinstance(entry, str) else dict(entry)
        if "file" in entry:
            entry["data"] = (SOURCE / paper["id"] / entry.pop("file")).read_bytes()
        members.append(entry)
    return members


def main_bytes(paper: dict, members: list[dict]) -> bytes:
    """The main .tex file's bytes (the single file of a tex.gz entry)."""
    if paper["format"] == "tex.gz":
        return members[0]["data"]
    return next(m["data"] for m in members if m["name"] == paper["main_file"])


def flatten(paper: dict, members: list[dict]) -> str:
    """The main file with \\input and \\include replaced by the files they name."""
    decode = paper["encoding"]
    files = {m["name"]: m["data"].decode(decode) for m in members
             if "data" in m and m["name"].endswith(".tex")}  # fmt: skip

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        return files.get(name if name.endswith(".tex") else name + ".tex", "")

    return INPUT_RE.sub(expand, main_bytes(paper, members).decode(decode))


def check(paper: dict, members: list[dict]) -> None:
    """Assert that the paper has the traits the manifest promises."""
    text, pid = flatten(paper, members), paper["id"]
    assert text.startswith("\\documentclass"), pid
    defs = re.sub(r"\\begin\{document\}.*", "", text, flags=re.S)
    for m in macros(paper):
        name = re.escape(m["name"])
        pattern = rf"\\def{name}(?![A-Za-z])|{re.escape(m['via'])}\{{{name}\}}"
        assert re.search(pattern, defs), (pid, m["name"])
    h = heading(paper)
    short = f"[{h['short_title']}]" if h["short_title"] else ""
    first = f"\\{h['command']}{'*' if h['starred'] else ''}{short}{{{h['title']}}}"
    found = re.search(r"\\(?:part|chapter|section|subsection|subsubsection)\b[^\n]*", text)
    assert found and found.group(0).startswith(first), (pid, found)
    body = text.split("\\begin{document}", 1)[1].split("\\end{document}", 1)[0]
    body = re.sub(r"\\begin\{thebibliography\}.*?\\end\{thebibliography\}", "", body, flags=re.S)
    assert 1500 <= len(body) <= 5000, (pid, len(body))
    if paper["encoding"] == "latin-1":
        raw = main_bytes(paper, members)
        assert all(ch.encode("latin-1") in raw for ch in "éüß"), pid
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return
        raise AssertionError("latin-1 sample must not be valid UTF-8")


def heading(paper: dict) -> dict:
    """The first heading, with the manifest's defaults filled in."""
    h = paper["first_heading"]
    return {"command": h["command"], "starred": h.get("starred", False),
            "short_title": h.get("short_title"), "title": h["title"]}  # fmt: skip


def macros(paper: dict) -> list[dict]:
    """The macro definitions, with the manifest's defaults filled in."""
    return [{"name": m["name"], "via": m["via"], "nargs": m.get("nargs", 0),
             "default": m.get("default"), "file": m.get("file", "")}
            for m in paper["macros"]]  # fmt: skip


def manifest_entry(paper: dict, members: list[dict]) -> dict:
    """What the tests may rely on about one paper."""
    listed = []
    for m in sorted(members, key=lambda m: m["name"]) if paper["format"] == "tar.gz" else []:
        if "symlink" in m:
            listed.append({"name": m["name"], "type": "symlink", "target": m["symlink"]})
        else:
            listed.append({"name": m["name"], "type": "file", "size": len(m["data"])})
    defs = macros(paper)
    return {
        "id": paper["id"],
        "entry": f"{MONTH}/{paper['id']}.gz",
        "format": paper["format"],
        "encoding": paper["encoding"],
        "main_file": paper["main_file"],
        "main_tex_chars": len(main_bytes(paper, members).decode(paper["encoding"])),
        "members": listed,
        "first_heading": heading(paper),
        "has_bibliography": paper["bibliography"] is not None,
        "bibliography_kind": paper["bibliography"],
        "macros": [m["name"] for m in defs],
        "macro_definitions": defs,
        "traits": paper["traits"],
    }


def write_samples(out: Path) -> list[Path]:
    """Write the tar and its manifest under `out`; return their paths."""
    outer, entries = [], []
    for paper in load_yaml(SOURCE / "papers.yaml"):
        members = load_members(paper)
        check(paper, members)
        single = paper["format"] == "tex.gz"
        payload = gz(members[0]["data"] if single else tar_bytes(members))
        outer.append({"name": f"{MONTH}/{paper['id']}.gz", "data": payload})
        entries.append(manifest_entry(paper, members))
    manifest = {"description": DESCRIPTION, "tar": TAR_NAME, "papers": entries}
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    return [
        write(out / "arxiv" / TAR_NAME, tar_bytes(outer)),
        write(out / "arxiv" / "manifest.json", text.encode("utf-8")),
    ]


if __name__ == "__main__":
    run(write_samples, __doc__)
