"""What the checker reads and reports: a week of exercises as the plan holds them, with
their prescriptions, and one broken rule."""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalog.catalog import Exercise
from planner.rulebook import BY_NAME
from planner.training.prescription import Dosed


@dataclass(frozen=True)
class Violation:
    rule: str  # the rulebook's name of the rule, as in model/rules.py
    message: str

    @property
    def keys(self) -> tuple[str, ...]:
        """The config keys of the broken rule (none for a plan that names no catalog row)."""
        found = BY_NAME.get(self.rule)
        return found.keys if found else ()

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


class Week(dict[str, list[Exercise]]):
    """Each session day's catalog exercises; `prescribed` pairs them with the plan's own
    prescriptions (sets, reps, intensity, tempo), which the fatigue rules are judged by."""

    def __init__(self) -> None:
        super().__init__()
        self.prescribed: dict[str, list[tuple[Exercise, Dosed]]] = {}
