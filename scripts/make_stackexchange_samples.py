"""Regenerate the Stack Exchange samples, corpora/samples/stackexchange/<site>/Posts.xml, from
scripts/sample_data/stackexchange/<site>.yaml (each site's tag wikis, questions with their
answers, and answers whose question is not in the file).

The layout is the official data dump's: ``<posts>`` with one ``<row .../>`` per post, ordered
by Id, attributes in dump order, HTML bodies XML-escaped with ``&#xA;`` for newlines. Creation
dates of answers are their question's plus the answer's ``hours``; milliseconds, activity dates
and comment counts not given in the data are derived from the post ids, so the output is fixed.

    python scripts/make_stackexchange_samples.py [--out DIR]
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from samples_common import DATA, load_yaml, run, write

SOURCE = DATA / "stackexchange"
LICENSE = "CC BY-SA 4.0"
COMMENT = (
    "<!-- Synthetic fixture: every post in this file was written for the llama-corpus tests "
    "and is not Stack Exchange content. Regenerate with "
    "scripts/make_stackexchange_samples.py -->"
)
Fields = list[tuple[str, object]]


def attr(value: str) -> str:
    """Escape an attribute value the way the dump does."""
    return escape(value, {'"': "&quot;", "\n": "&#xA;", "\r": "&#xD;", "\t": "&#x9;"})


def stamp(when: datetime, post_id: int) -> str:
    """A dump timestamp with milliseconds derived from the post id."""
    return f"{when:%Y-%m-%dT%H:%M:%S}.{(post_id * 7919) % 1000:03d}"


def parse(date: str) -> datetime:
    """A date as written in the data files."""
    return datetime.strptime(date, "%Y-%m-%dT%H:%M:%S")


def row(fields: Fields) -> str:
    """One <row> element; attributes whose value is None are left out."""
    parts = " ".join(f'{k}="{attr(str(v))}"' for k, v in fields if v is not None)
    return f"  <row {parts} />"


def answer_activity(created: datetime, post_id: int) -> datetime:
    """An answer's last activity, a few hours after it was written."""
    return created + timedelta(hours=(post_id % 7) * 5, minutes=post_id % 53)


def answer(post: dict, parent: int, created: datetime) -> tuple[int, str, datetime]:
    """An answer's row (PostTypeId 2) and its last activity."""
    activity = answer_activity(created, post["id"])
    fields: Fields = [
        ("Id", post["id"]), ("PostTypeId", 2), ("ParentId", parent),
        ("CreationDate", stamp(created, post["id"])), ("Score", post["score"]),
        ("Body", post["body"]), ("OwnerUserId", post.get("owner")),
        ("LastActivityDate", stamp(activity, post["id"])),
        ("CommentCount", post.get("comments", post["id"] % 4)), ("ContentLicense", LICENSE),
    ]  # fmt: skip
    return post["id"], row(fields), activity


def tag_wiki(post: dict) -> tuple[int, str]:
    """A tag-wiki excerpt (PostTypeId 4) or tag wiki (5), owned by the community user."""
    created = stamp(parse(post["date"]), post["id"])
    fields: Fields = [
        ("Id", post["id"]), ("PostTypeId", post["post_type"]), ("CreationDate", created),
        ("Score", 0), ("Body", post["body"]), ("OwnerUserId", -1),
        ("LastActivityDate", created), ("CommentCount", 0), ("ContentLicense", LICENSE),
    ]  # fmt: skip
    return post["id"], row(fields)


def thread(q: dict) -> list[tuple[int, str]]:
    """A question's row (PostTypeId 1) and its answers' rows."""
    asked = parse(q["date"])
    last = asked + timedelta(hours=(q["id"] % 5) * 3)
    rows = []
    for a in q["answers"]:
        post_id, line, activity = answer(a, q["id"], asked + timedelta(hours=a["hours"]))
        rows.append((post_id, line))
        last = max(last, activity)
    if "accepted" in q:
        assert q["accepted"] in {a["id"] for a in q["answers"]}, q["id"]
    fields: Fields = [
        ("Id", q["id"]), ("PostTypeId", 1), ("AcceptedAnswerId", q.get("accepted")),
        ("CreationDate", stamp(asked, q["id"])), ("Score", q["score"]),
        ("ViewCount", q["views"]), ("Body", q["body"]), ("OwnerUserId", q["owner"]),
        ("LastActivityDate", stamp(last, q["id"])), ("Title", q["title"]),
        ("Tags", "".join(f"<{t}>" for t in q["tags"])), ("AnswerCount", len(q["answers"])),
        ("CommentCount", q.get("comments", q["id"] % 4)), ("ContentLicense", LICENSE),
    ]  # fmt: skip
    return [*rows, (q["id"], row(fields))]


def posts_xml(site: dict) -> str:
    """The site's Posts.xml, rows sorted by Id."""
    rows = [tag_wiki(post) for post in site["tag_wikis"]]
    for q in site["questions"]:
        rows += thread(q)
    for o in site.get("orphans", []):
        rows.append(answer(o, o["parent"], parse(o["date"]))[:2])
    ids = [post_id for post_id, _ in rows]
    assert len(ids) == len(set(ids)), f"duplicate ids in {site['host']}"
    assert len(rows) == site["expected_rows"], (site["host"], len(rows))
    lines = ['<?xml version="1.0" encoding="utf-8"?>', COMMENT, "<posts>"]
    return "\n".join([*lines, *(line for _, line in sorted(rows)), "</posts>"]) + "\n"


def write_samples(out: Path) -> list[Path]:
    """Write one Posts.xml per site file under `out`; return their paths."""
    paths = []
    for source in sorted(SOURCE.glob("*.yaml")):
        site = load_yaml(source)
        xml = posts_xml(site).encode("utf-8")
        paths.append(write(out / "stackexchange" / site["host"] / "Posts.xml", xml))
    return paths


if __name__ == "__main__":
    run(write_samples, __doc__)
