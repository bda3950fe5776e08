"""The catalog CSV read and validated: its rows become Exercises, or every problem is reported
at once as CatalogError naming file, line and column."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from planner.bounded import MAX_DIGITS, digits_message, too_many_digits
from planner.catalog.exercise import Exercise
from planner.catalog.stimulus import derive_loaded, derive_stimuli
from planner.deadline import Deadline
from planner.errors import CatalogError, Problem, did_you_mean
from planner.files import csv_records, too_many_columns
from planner.vocabulary import CATEGORIES, LEVELS, MUSCLES, STIMULI, UNITS

REQUIRED_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "category",
    "family",
    "equipment",
    "level",
    "load",
    "minutes",
    "tags",
    "sets",
    "reps",
    *MUSCLES,
)
# Optional columns and their defaults; an empty `stimuli` or `loaded` is derived
# (planner/catalog/stimulus.py).
OPTIONAL_COLUMNS: dict[str, str] = {"unit": "reps", "cue": "", "stimuli": "", "loaded": ""}
MAX_COVERAGE = 3
# Allowed values of the numeric columns, (least, most): generous for real exercises, and
# small enough that a week's sums stay far from the solver's integer limits.
NUMBER_RANGES: dict[str, tuple[int, int]] = {
    "load": (0, 100),
    "minutes": (1, 300),
    "sets": (1, 20),
    "reps": (1, 1000),  # reps, seconds or meters
}
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")  # ASCII digits only: no '1_0', no '٣'
_COVERAGE = {str(n): n for n in range(MAX_COVERAGE + 1)}
_PLAIN_NUMBERS = {str(n): n for n in range(1001)}  # how in-range numbers are usually written
_ASCII_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


def check_text(path: Path, raw_text: str) -> str:
    if not raw_text.strip():
        raise CatalogError([Problem(str(path), "is empty; expected a header row and exercises")])
    return raw_text


def parse(path: Path, text: str, deadline: Deadline | None = None) -> tuple[Exercise, ...]:
    """The exercises of the catalog text, or CatalogError with every problem; with a
    `deadline`, OutOfTime when it runs out (checked every 1,000 rows)."""
    name = str(path)
    records = csv_records(name, text, CatalogError)
    header = [h.strip() for h in next(records)[2]]
    _check_header(name, header)
    problems: list[Problem] = []
    exercises: list[Exercise] = []
    seen: dict[str, int] = {}
    for count, (_, line, row) in enumerate(records, start=1):
        if deadline is not None and count % 1000 == 0:
            deadline.check("reading the catalog")
        if not any(cell.strip() for cell in row):
            continue  # blank rows, e.g. trailing ones, carry no exercise
        if len(row) != len(header):
            problems.append(
                Problem(name, f"has {len(row)} fields, the header has {len(header)}", line=line)
            )
            continue
        cells = dict(zip(header, map(str.strip, row), strict=True))  # names are unique
        exercise, row_problems = _parse_row(name, line, cells)
        problems.extend(row_problems)
        if exercise is None:
            continue
        if exercise.id in seen:
            problems.append(
                Problem(
                    name,
                    f"duplicate exercise id {exercise.id!r} (first on line {seen[exercise.id]})",
                    line=line,
                    key="id",
                )
            )
            continue
        seen[exercise.id] = line
        exercises.append(exercise)
    if not exercises and not problems:
        problems.append(Problem(name, "has a header but no exercises"))
    if problems:
        raise CatalogError(problems)
    return tuple(exercises)


def _check_header(name: str, header: list[str]) -> None:
    if len(header) == 1 and ";" in header[0]:
        raise CatalogError(
            [
                Problem(
                    name,
                    "columns are separated by ';'; the catalog must use ',' "
                    "(';' separates items inside a cell, e.g. equipment)",
                    line=1,
                )
            ]
        )
    wide = too_many_columns(name, header, "catalog")
    if wide:
        raise CatalogError([wide])
    problems: list[Problem] = []
    duplicates = sorted(h for h, n in Counter(header).items() if n > 1)
    for column in duplicates:
        problems.append(Problem(name, "column appears more than once", line=1, key=column))
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    unknown = [h for h in header if h not in known]
    hinted: set[str] = set()
    for column in REQUIRED_COLUMNS:
        if column not in header:
            hint = did_you_mean(column, unknown)
            hinted.update(h for h in unknown if repr(h) in hint)
            problems.append(Problem(name, "required column is missing" + hint, line=1, key=column))
    for column in unknown:
        # Extra columns are welcome, but one that looks like a typo of ours is reported.
        hint = did_you_mean(column, known, cutoff=0.85)  # 'notes' is not 'minutes'
        if hint and column not in hinted:
            problems.append(Problem(name, "unknown column" + hint, line=1, key=column))
    if problems:
        raise CatalogError(problems)


def _parse_row(
    name: str, line: int, cells: dict[str, str]
) -> tuple[Exercise | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        problems.append(Problem(name, message, line=line, key=key))

    def integer(key: str, low: int, high: int) -> int:
        value = cells.get(key, "")
        usual = _PLAIN_NUMBERS.get(value)  # most cells: a 67,000-row catalog holds 1.5 M
        if usual is not None and low <= usual <= high:
            return usual
        if not _WHOLE_NUMBER.fullmatch(value):
            what = "is empty" if not value else f"{_short(value)!r} is not a whole number"
            bad(key, f"{what}; allowed: integers {low}..{high}")
            return low
        if len(value) > MAX_DIGITS and too_many_digits(value):  # cheap test first: 67,000 rows
            bad(key, digits_message(value, f"{low}..{high}"))
            return low
        number = int(value)
        if not low <= number <= high:
            bad(key, f"{_short(value)} is out of range; allowed: {low}..{high}")
        return number

    def choice(key: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = cells.get(key, default or "") or (default or "")
        if value not in allowed:
            shown = repr(value) if value else "empty"
            bad(
                key,
                f"{shown} is not allowed{did_you_mean(value, allowed)}; allowed: "
                + ", ".join(allowed),
            )
        return value

    exercise_id = cells["id"]
    if not exercise_id:
        bad("id", "is empty; every exercise needs a unique id")
    elif not _is_slug(exercise_id):
        bad("id", f"{exercise_id!r} must be a slug: lowercase letters, digits, '_' or '-'")
    if not cells["name"]:
        bad("name", "is empty")
    category = choice("category", CATEGORIES)
    if not cells["family"]:
        bad("family", "is empty; variants of one movement share a family, e.g. 'squat'")
    level = choice("level", LEVELS)
    unit = choice("unit", UNITS, default=OPTIONAL_COLUMNS["unit"])
    load, minutes, sets, reps = (integer(key, *NUMBER_RANGES[key]) for key in NUMBER_RANGES)
    coverage = tuple([_COVERAGE.get(cells[m], -1) for m in MUSCLES])  # the usual: 0..3
    if -1 in coverage:
        coverage = tuple([integer(m, 0, MAX_COVERAGE) for m in MUSCLES])
    stimuli = _items(cells.get("stimuli", ""))
    for item in sorted(stimuli - set(STIMULI)):
        bad(
            "stimuli",
            f"{item!r} is not a stimulus{did_you_mean(item, STIMULI)}; allowed: "
            + ", ".join(STIMULI),
        )
    loaded_cell = cells.get("loaded", "").lower()
    if loaded_cell not in ("", "yes", "no"):
        bad("loaded", f"{loaded_cell!r} is not allowed; allowed: yes, no (empty: derived)")
    if not problems and not any(coverage):
        bad("coverage", "every coverage column is 0; an exercise must train something")
    if problems:
        return None, problems
    equipment, tags = _items(cells["equipment"]), _items(cells["tags"])
    return (
        Exercise(
            id=exercise_id,
            name=cells["name"],
            category=category,
            family=cells["family"],
            equipment=equipment,
            level=level,
            load=load,
            minutes=minutes,
            tags=tags,
            sets=sets,
            reps=reps,
            unit=unit,
            coverage=coverage,
            cue=cells.get("cue", ""),
            line=line,
            stimuli=stimuli or derive_stimuli(category, equipment, tags, level, unit, coverage),
            loaded=loaded_cell == "yes" if loaded_cell else derive_loaded(equipment),
        ),
        [],
    )


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 3] + "..."


def _items(cell: str) -> frozenset[str]:
    return frozenset(item.strip() for item in cell.split(";") if item.strip())


def _is_slug(value: str) -> bool:
    if _ASCII_SLUG.fullmatch(value):  # the usual id, at regex speed
        return True
    return all(c.islower() or c.isdigit() or c in "_-" for c in value) and value[0].isalnum()
