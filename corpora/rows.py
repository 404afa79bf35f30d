"""The declared shape of the row inputs (released C4 JSON lines; BigQuery's `github_repos`
export as JSON lines or Parquet), checked at read so that no wrong type reaches a filter or the
writer.

Lossless coercions are made: a number where the field is text (an identifier, a path, a date)
becomes its decimal string (`"path": 12` -> `"12"`; an int64 Parquet column the same), and a
boolean flag given as 0/1 or "true"/"false" becomes a boolean. Anything else that is not the
declared type (a list, an object, a number where a flag is expected...) makes the row a counted
drop named after the field: `wrong_type_<field>`. Fields not declared are ignored.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationError


class Row(BaseModel):
    """A row: undeclared fields ignored, numbers accepted as text."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True, frozen=True)


class C4Row(Row):
    """A line of the released C4 (`c4-train.*.json.gz`)."""

    text: str
    url: str | None = None
    timestamp: str | None = None


class GitHubRow(Row):
    """A row of BigQuery's `github_repos` contents joined with files and licences."""

    repo_name: str | None = None
    path: str | None = None
    license: str | None = None
    content: str | None = None
    binary: bool | None = None


def checked(schema: type[Row], record: dict) -> Row | str:
    """The row in its declared shape, or the reason it is not: `wrong_type_<field>` for the
    first field of the wrong type, `missing_<field>` for a required field that is absent."""
    try:
        return schema.model_validate(record)
    except ValidationError as error:
        problem = error.errors()[0]
        field = str(problem["loc"][0]) if problem["loc"] else "row"
        return f"missing_{field}" if problem["type"] == "missing" else f"wrong_type_{field}"
