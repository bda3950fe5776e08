"""Decision variables of the weekly model and how to read a plan back from them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.catalog import Exercise


@dataclass
class Variables:
    """`does[day, id]`: the exercise is in that day's session; `trains_on[day]`: a session."""

    days: tuple[str, ...]
    exercises: tuple[Exercise, ...]
    does: dict[tuple[str, str], cp_model.IntVar]
    trains_on: dict[str, cp_model.IntVar]

    @classmethod
    def create(
        cls, model: cp_model.CpModel, days: Iterable[str], exercises: Iterable[Exercise]
    ) -> Variables:
        days, exercises = tuple(days), tuple(exercises)
        does = {(d, e.id): model.new_bool_var(f"does[{d},{e.id}]") for d in days for e in exercises}
        trains_on = {d: model.new_bool_var(f"trains_on[{d}]") for d in days}
        return cls(days, exercises, does, trains_on)

    def on(self, day: str, exercises: Iterable[Exercise]) -> list[cp_model.IntVar]:
        return [self.does[day, e.id] for e in exercises]

    def weighted(self, day: str, weight: dict[str, int]) -> cp_model.LinearExprT:
        """Sum over the day's exercises of a per-exercise integer (load, minutes, coverage)."""
        return sum(weight[e.id] * self.does[day, e.id] for e in self.exercises if weight[e.id])

    def week(self, weight: dict[str, int]) -> cp_model.LinearExprT:
        return sum(self.weighted(d, weight) for d in self.days)

    def extract(self, solver: cp_model.CpSolver) -> dict[str, list[str]]:
        """Exercise ids per session day, in catalog order."""
        return {
            d: [e.id for e in self.exercises if solver.boolean_value(self.does[d, e.id])]
            for d in self.days
            if solver.boolean_value(self.trains_on[d])
        }
