"""A coach's corrections to imported rows: a CSV with an `id` column and any catalog columns.

A non-empty cell replaces the imported value of that exercise; an empty cell keeps it; the
word `none` empties it (no tags, bodyweight). Problems are reported as every input problem
is, naming the overrides file, its line and column, with "did you mean" for ids and columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.catalog.csv_rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from planner.errors import CatalogError, Problem, allowed_list, did_you_mean
from planner.files import csv_records, read_input

COLUMNS: tuple[str, ...] = tuple(c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c != "id")
CLEAR = "none"


@dataclass(frozen=True)
class Override:
    line: int
    cells: dict[str, str]  # column -> new value ("" after `none`)


def read_overrides(path: Path, ids: set[str]) -> dict[str, Override]:
    """The overrides of `path` by exercise id; CatalogError lists every problem."""
    name = str(path)
    _, text = read_input(
        path, "overrides", "overrides CSV file", CatalogError, "save it as 'CSV UTF-8'"
    )
    records = csv_records(name, text, CatalogError)
    first = next(records, None)
    if first is None:
        raise CatalogError([Problem(name, "is empty; expected a header row with 'id' and columns")])
    header = [h.strip() for h in first[2]]
    problems = _header_problems(name, header)
    if problems:
        raise CatalogError(problems)
    overrides: dict[str, Override] = {}
    for line, _, row in records:
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) != len(header):
            message = f"has {len(row)} fields, the header has {len(header)}"
            problems.append(Problem(name, message, line=line))
            continue
        cells = {h: c.strip() for h, c in zip(header, row, strict=True)}
        exercise_id = cells.pop("id")
        if exercise_id not in ids:
            message = (
                f"{exercise_id!r} is not an imported exercise{did_you_mean(exercise_id, ids)}; "
                f"allowed: {allowed_list(ids)}"
            )
            problems.append(Problem(name, message, line=line, key="id"))
            continue
        if exercise_id in overrides:
            message = (
                f"{exercise_id!r} is overridden twice (first on line {overrides[exercise_id].line})"
            )
            problems.append(Problem(name, message, line=line, key="id"))
            continue
        changes = {c: "" if v.lower() == CLEAR else v for c, v in cells.items() if v}
        overrides[exercise_id] = Override(line, changes)
    if problems:
        raise CatalogError(problems)
    return overrides


def _header_problems(name: str, header: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    if "id" not in header:
        message = "required column is missing" + did_you_mean("id", header)
        problems.append(Problem(name, message, line=1, key="id"))
    for column in sorted({h for h in header if header.count(h) > 1}):
        problems.append(Problem(name, "column appears more than once", line=1, key=column))
    for column in header:
        if column not in (*COLUMNS, "id"):
            message = (
                f"not a catalog column{did_you_mean(column, COLUMNS)}; allowed: id, "
                + ", ".join(COLUMNS)
            )
            problems.append(Problem(name, message, line=1, key=column or "(empty)"))
    return problems
