"""free-exercise-db (github.com/yuhonas/free-exercise-db, public domain) -> catalog CSV.

`import_free_exercise_db` reads `dist/exercises.json`, maps every entry it keeps to a
catalog row (free_exercise_db_rows.py), applies a coach's overrides, validates the result
with the catalog's own rules and returns the CSV text with what was skipped and why. Only
names and tags are taken: no instructions, no images. The same inputs give the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from planner.catalog.csv_rows import REQUIRED_COLUMNS, parse
from planner.catalog.exercise import Exercise
from planner.errors import CatalogError, Problem
from planner.formats import csv_cell
from planner.importers.free_exercise_db_entries import ExerciseDataError, read_exercises
from planner.importers.free_exercise_db_rows import Row, map_entry, skip_reason
from planner.importers.overrides import Override, read_overrides
from planner.vocabulary import CATEGORIES, MUSCLES

# The bundled catalog's column order, then where each row came from.
COLUMNS: tuple[str, ...] = (
    *REQUIRED_COLUMNS[: REQUIRED_COLUMNS.index("reps") + 1],
    "unit",
    *MUSCLES,
    "stimuli",
    "loaded",
    "source",
)


@dataclass(frozen=True)
class Skipped:
    source_id: str
    name: str
    reason: str


@dataclass(frozen=True)
class Imported:
    text: str  # the catalog CSV
    exercises: tuple[Exercise, ...]
    skipped: tuple[Skipped, ...]
    guessed: int  # rows with a value read from the name
    overridden: int


def import_free_exercise_db(
    path: Path, overrides_path: Path | None = None, output_name: str = "catalog.csv"
) -> Imported:
    """The catalog of the database at `path`; ExerciseDataError (the database) or
    CatalogError (the overrides) lists every problem, and nothing is returned."""
    rows: dict[str, Row] = {}
    skipped: list[Skipped] = []
    for entry in read_exercises(path):
        reason = skip_reason(entry)
        if reason is not None:
            skipped.append(Skipped(entry.id, entry.name, reason))
            continue
        row = map_entry(entry)
        rows[_unique_id(_slug(entry.id), rows)] = row
    overrides = read_overrides(overrides_path, set(rows)) if overrides_path else {}
    order = sorted(rows, key=lambda i: (CATEGORIES.index(rows[i].cells["category"]), i))
    text, lines = _csv_text([(i, rows[i], overrides.get(i)) for i in order])
    exercises = _validated(output_name, text, lines, overrides, overrides_path, path)
    guessed = sum(1 for i in order if rows[i].guesses and i not in overrides)
    return Imported(text, exercises, tuple(skipped), guessed, len(overrides))


def _slug(source_id: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", source_id.lower()).strip("_")
    return slug if slug and slug[0].isalnum() else f"x_{slug}"


def _unique_id(slug: str, taken: dict[str, Row]) -> str:
    candidate, n = slug, 2
    while candidate in taken:  # ids that differ only in case or punctuation
        candidate, n = f"{slug}_{n}", n + 1
    return candidate


_FREE_TEXT = frozenset({"name", "cue", "source"})


def _safe(column: str, cell: str) -> object:
    return csv_cell(cell) if column in _FREE_TEXT else cell


def _csv_text(rows: list[tuple[str, Row, Override | None]]) -> tuple[str, dict[int, str]]:
    """The CSV, and the line each exercise starts on."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    lines: dict[int, str] = {}
    line = 2  # counted as rows are written: counting the text so far would be quadratic
    for exercise_id, row, override in rows:
        cells = {"id": exercise_id, **row.cells}
        changed = frozenset(override.cells) if override else frozenset()
        if override:
            cells.update(override.cells)
        source = row.source(changed | ({"coverage"} if changed & set(MUSCLES) else set()))
        if changed:
            source += "; overridden: " + ", ".join(sorted(changed))
        cells["source"] = source
        lines[line] = exercise_id
        # free text from a database or an override never reaches a spreadsheet as a formula
        written = [_safe(c, cells.get(c, "")) for c in COLUMNS]
        writer.writerow(written)
        line += 1 + sum(str(cell).count("\n") for cell in written)  # a quoted line break too
    return out.getvalue(), lines


def _validated(
    output_name: str,
    text: str,
    lines: dict[int, str],
    overrides: dict[str, Override],
    overrides_path: Path | None,
    source: Path,
) -> tuple[Exercise, ...]:
    """The rows parsed by the catalog's own rules. A problem in an overridden cell is the
    override's, named at its line and column; any other would be an importer bug, named at
    the source entry."""
    try:
        return parse(Path(output_name), text)
    except CatalogError as exc:
        problems: list[Problem] = []
        for p in exc.problems:
            exercise_id = lines.get(p.line or 0)
            override = overrides.get(exercise_id or "")
            column = p.key or ""
            if override and overrides_path and _from_override(column, override):
                problems.append(
                    Problem(
                        str(overrides_path), f"{exercise_id}: {p.message}", override.line, column
                    )
                )
            else:
                message = f"maps to an invalid catalog row ({p}); please report it"
                problems.append(Problem(str(source), message, key=exercise_id))
        raise CatalogError(problems) from None


def _from_override(column: str, override: Override) -> bool:
    if column == "coverage":
        return bool(set(override.cells) & set(MUSCLES))
    return column in override.cells


__all__ = ["ExerciseDataError", "Imported", "Skipped", "import_free_exercise_db"]
