"""free-exercise-db's `exercises.json` read and validated against its schema (schema.json of
github.com/yuhonas/free-exercise-db): every problem is reported at once, naming the entry.

Only the fields we map are read; `instructions` and `images` are never kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.errors import MAX_PROBLEMS, PlannerError, Problem, did_you_mean
from planner.files import read_input
from planner.importers.json_entries import Entry, count_entries, entry_id, json_entries

CATEGORIES = (
    "strength", "stretching", "plyometrics", "powerlifting", "olympic weightlifting",
    "strongman", "cardio",
)  # fmt: skip
LEVELS = ("beginner", "intermediate", "expert")
EQUIPMENT = (
    "barbell", "dumbbell", "body only", "bands", "kettlebells", "foam roll", "cable",
    "machine", "medicine ball", "exercise ball", "e-z curl bar", "other",
)  # fmt: skip
FORCES = ("push", "pull", "static")
MECHANICS = ("compound", "isolation")
MUSCLES = (
    "abdominals", "abductors", "adductors", "biceps", "calves", "chest", "forearms", "glutes",
    "hamstrings", "lats", "lower back", "middle back", "neck", "quadriceps", "shoulders",
    "traps", "triceps",
)  # fmt: skip
_ID = re.compile(r"[0-9A-Za-z_-]+")


class ExerciseDataError(PlannerError):
    """The exercise database being imported cannot be read (exit 3, naming the entry)."""


@dataclass(frozen=True)
class SourceExercise:
    """One entry of the database, as far as the importer reads it."""

    number: int
    line: int
    id: str
    name: str
    category: str
    level: str
    equipment: str | None
    force: str | None
    mechanic: str | None
    primary: tuple[str, ...]
    secondary: tuple[str, ...]

    @property
    def compound(self) -> bool:
        """The source's mechanic; when it has none, compound if other muscles help."""
        return self.mechanic == "compound" if self.mechanic else bool(self.secondary)


def read_exercises(path: Path) -> tuple[SourceExercise, ...]:
    """The entries of `path`, validated; ExerciseDataError lists every problem."""
    name = str(path)
    _, text = read_input(
        path, "exercise database", "JSON file (dist/exercises.json)", ExerciseDataError,
        "save it as UTF-8",
    )  # fmt: skip
    problems: list[Problem] = []
    exercises: list[SourceExercise] = []
    first_line: dict[str, int] = {}
    for entry in json_entries(name, text, ExerciseDataError):
        if len(problems) >= MAX_PROBLEMS:  # a screenful is enough to see what is wrong
            total = count_entries(text)  # the rest is not even read: 2 M entries took 41 s
            rest = f"{entry.number}..{total}" if total else f"from {entry.number} on"
            problems[MAX_PROBLEMS - 1 :] = [
                Problem(name, f"... and entries {rest} are not checked yet: fix these first")
            ]
            break
        exercise = _checked(name, entry, problems)
        if exercise is None:
            continue
        if exercise.id in first_line:
            message = f"duplicate id {exercise.id!r} (first on line {first_line[exercise.id]})"
            problems.append(_problem(name, entry, "id", message))
            continue
        first_line[exercise.id] = entry.line
        exercises.append(exercise)
    if not exercises and not problems:
        problems.append(Problem(name, "holds no exercises (an empty list)"))
    if problems:
        raise ExerciseDataError(problems)
    return tuple(exercises)


def _problem(name: str, entry: Entry, key: str, message: str) -> Problem:
    ident = entry_id(entry)
    where = f"entry {entry.number}" + (f" ({ident})" if ident else "")
    return Problem(name, message, line=entry.line, key=f"{where}: {key}")


def _checked(name: str, entry: Entry, problems: list[Problem]) -> SourceExercise | None:
    if not isinstance(entry.value, dict):
        kind = type(entry.value).__name__
        problems.append(_problem(name, entry, "entry", f"is a {kind}, not an object {{...}}"))
        return None
    data: dict[str, Any] = entry.value
    before = len(problems)

    def bad(key: str, message: str) -> None:
        problems.append(_problem(name, entry, key, message))

    def text(key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            bad(key, "is missing or empty; expected text")
            return ""
        return value.strip()

    def choice(key: str, allowed: tuple[str, ...], optional: bool = False) -> str | None:
        value = data.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or value not in allowed:
            shown = "missing" if value is None else f"{value!r} is not allowed"
            hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
            bad(key, f"{shown}{hint}; allowed: {', '.join(allowed)}" + (", null" * optional))
            return None
        return value

    def muscles(key: str) -> tuple[str, ...]:
        value = data.get(key)
        if not isinstance(value, list):
            bad(key, "is missing or not a list of muscles")
            return ()
        for item in value:
            if not isinstance(item, str) or item not in MUSCLES:
                hint = did_you_mean(item, MUSCLES) if isinstance(item, str) else ""
                bad(key, f"{item!r} is not a muscle{hint}; allowed: {', '.join(MUSCLES)}")
        return tuple(dict.fromkeys(m for m in value if m in MUSCLES))

    ident = text("id")
    if ident and not _ID.fullmatch(ident):
        bad("id", f"{ident!r} has characters other than letters, digits, '_' and '-'")
    exercise_name = text("name")
    category = choice("category", CATEGORIES)
    level = choice("level", LEVELS)
    equipment = choice("equipment", EQUIPMENT, optional=True)
    force = choice("force", FORCES, optional=True)
    mechanic = choice("mechanic", MECHANICS, optional=True)
    primary, secondary = muscles("primaryMuscles"), muscles("secondaryMuscles")
    if len(problems) > before:
        return None
    assert category is not None and level is not None
    return SourceExercise(
        entry.number, entry.line, ident, exercise_name, category, level, equipment, force,
        mechanic, primary, tuple(m for m in secondary if m not in primary),
    )  # fmt: skip
