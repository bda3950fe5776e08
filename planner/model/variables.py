"""Decision variables of the weekly model and how to read a plan back from them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.catalog.catalog import Exercise
from planner.training.kit_defaults import KitDefaults
from planner.training.prescription import hardness


def _profile(e: Exercise) -> tuple[object, ...]:
    """Everything the model sees of an exercise once eligibility is settled."""
    return (
        e.category, e.family, e.load, e.coverage, e.stimuli, e.loaded, e.unit, e.reps,
        e.per_side, hardness(e), "barbell" in e.equipment,
    )  # fmt: skip


def group_twins(
    exercises: Iterable[Exercise], keep: frozenset[str] = frozenset()
) -> dict[str, tuple[str, ...]]:
    """Exercises with identical profiles, keyed by the first of them in catalog order.

    Twins are interchangeable in every rule and in the objective, so the model keeps one
    representative and lets it be used up to once per twin and week; the plan is expanded
    back to the twins afterwards. This removes the symmetry instead of searching it.
    """
    groups: dict[tuple[object, ...], list[str]] = {}
    for e in exercises:
        # A pinned exercise keeps its own variable, so the pin can name it.
        key = (e.id,) if e.id in keep else _profile(e)
        groups.setdefault(key, []).append(e.id)
    return {ids[0]: tuple(ids) for ids in groups.values()}


@dataclass
class Variables:
    """`does[day, id]`: the exercise (or one of its twins) is in that day's session;
    `trains_on[day]`: there is a session that day."""

    days: tuple[str, ...]
    exercises: tuple[Exercise, ...]  # the representatives
    does: dict[tuple[str, str], cp_model.IntVar]
    trains_on: dict[str, cp_model.IntVar]
    twins: dict[str, tuple[str, ...]]  # representative id -> itself and its twins
    # Targets from the goal profile: (config key, how far the week falls short of it).
    shortfalls: list[tuple[str, cp_model.IntVar]] = field(default_factory=list)
    # The defaults the athlete's kit bends (planner/training/kit_defaults.py).
    kit: KitDefaults | None = None

    @classmethod
    def create(
        cls,
        model: cp_model.CpModel,
        days: Iterable[str],
        exercises: Iterable[Exercise],
        merge_twins: bool = False,
        keep: frozenset[str] = frozenset(),
        prefix: str = "",
        kit: KitDefaults | None = None,
    ) -> Variables:
        days, exercises = tuple(days), tuple(exercises)
        if merge_twins:
            twins = group_twins(exercises, keep)
            exercises = tuple(e for e in exercises if e.id in twins)
        else:
            twins = {e.id: (e.id,) for e in exercises}
        does = {
            (d, e.id): model.new_bool_var(f"{prefix}does[{d},{e.id}]")
            for d in days
            for e in exercises
        }
        trains_on = {d: model.new_bool_var(f"{prefix}trains_on[{d}]") for d in days}
        return cls(days, exercises, does, trains_on, twins, kit=kit)

    def most_uses(self, e: Exercise, cap: int) -> int:
        """The most times the week may hold the exercise (one of its twins: per twin)."""
        return self.kit.uses[e.category] if self.kit is not None else cap

    def copies(self, e: Exercise) -> int:
        return len(self.twins[e.id])

    def uses(self, e: Exercise) -> cp_model.LinearExprT:
        """How many times the week holds the exercise (or one of its twins)."""
        return cp_model.LinearExpr.sum([self.does[d, e.id] for d in self.days])

    def on(self, day: str, exercises: Iterable[Exercise]) -> list[cp_model.IntVar]:
        return [self.does[day, e.id] for e in exercises]

    def weighted(self, day: str, weight: dict[str, int]) -> cp_model.LinearExprT:
        """Sum over the day's exercises of a per-exercise integer (load, minutes, coverage)."""
        return self._weighted_sum([day], weight)

    def week(self, weight: dict[str, int]) -> cp_model.LinearExprT:
        return self._weighted_sum(self.days, weight)

    def _weighted_sum(self, days: Iterable[str], weight: dict[str, int]) -> cp_model.LinearExprT:
        # LinearExpr.weighted_sum builds one flat expression; Python's sum() nests thousands.
        terms = [(self.does[d, e.id], weight[e.id]) for d in days for e in self.exercises]
        terms = [(var, w) for var, w in terms if w]
        return cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [w for _, w in terms])

    def extract(self, solver: cp_model.CpSolver) -> dict[str, list[str]]:
        """Exercise ids per session day; a representative's uses go to its twins in turn."""
        plan: dict[str, list[str]] = {
            d: [] for d in self.days if solver.boolean_value(self.trains_on[d])
        }
        for e in self.exercises:
            twins = self.twins[e.id]
            used = [d for d in self.days if solver.boolean_value(self.does[d, e.id])]
            for n, day in enumerate(used):
                plan[day].append(twins[n % len(twins)])
        order = {e: i for i, e in enumerate(i for ids in self.twins.values() for i in ids)}
        return {d: sorted(ids, key=order.__getitem__) for d, ids in plan.items()}
