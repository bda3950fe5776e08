"""The order a coach runs a session in, and the warm-up line that opens it.

Warm-up drills first; jumps and explosive work while the nervous system is fresh; then the
heaviest lifts (hardest version first); then the other lower-body and calf work; then upper
body and core; timed static stretches last, because static stretching before power and
heavy work blunts force (COACHING.md, "order"). The solver chooses what a session holds;
this decides only the sequence, so every output (JSON, table, Markdown, CSV, HTML,
calendar) lists a session the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from planner.catalog.catalog import Exercise
from planner.training.prescription import Dosed, hardness

WARM_UP, EXPLOSIVE, HEAVIEST, OTHER_LEGS, UPPER, CORE, STRETCHES = range(7)
EASY_MINUTES = 5  # of easy movement before the first exercise


class Prescribed(Protocol):
    @property
    def exercise(self) -> Exercise: ...

    @property
    def dosed(self) -> Dosed: ...


P = TypeVar("P", bound=Prescribed)


def static_stretch(exercise: Exercise) -> bool:
    """A stretch held for time; mobility work in repetitions is a dynamic drill."""
    return exercise.category == "mobility" and exercise.unit == "seconds"


def stage(exercise: Exercise, dosed: Dosed) -> int:
    """Where in the session the exercise belongs, WARM_UP ... STRETCHES."""
    if exercise.category == "mobility":
        return STRETCHES if static_stretch(exercise) else WARM_UP
    if exercise.category == "plyometric" or dosed.role == "power":
        return EXPLOSIVE
    if exercise.category == "lower" and dosed.role == "strength":
        return HEAVIEST
    if exercise.category in ("lower", "calf"):
        return OTHER_LEGS
    return UPPER if exercise.category == "upper" else CORE


def coach_order(exercises: Sequence[P]) -> tuple[P, ...]:
    """The session's exercises in the order they are done; the heaviest lifts hardest
    first, anything else as it came (a stable sort, so the order is deterministic)."""

    def key(p: P) -> tuple[int, int]:
        where = stage(p.exercise, p.dosed)
        heavier = hardness(p.exercise) * 100 + p.exercise.load if where == HEAVIEST else 0
        return where, -heavier

    return tuple(sorted(exercises, key=key))


def warm_up_line(exercises: Sequence[Prescribed]) -> str:
    """What to do before the first exercise: easy movement, the session's drills, and
    lighter ramp-up sets before the first jump or heavy lift."""
    ordered = coach_order(exercises)
    parts = [f"{EASY_MINUTES} min easy movement (jog, bike or skipping)"]
    drills = [p.exercise.name for p in ordered if stage(p.exercise, p.dosed) == WARM_UP]
    if drills:
        parts.append(f"then {_and(drills)}")
    jumps = [p for p in ordered if stage(p.exercise, p.dosed) == EXPLOSIVE]
    if jumps:
        parts.append(f"a few easy skips and hops before {jumps[0].exercise.name}")
    heavy = [p for p in ordered if stage(p.exercise, p.dosed) == HEAVIEST and p.exercise.loaded]
    if heavy:
        parts.append(f"2 lighter ramp-up sets of {heavy[0].exercise.name} before its work sets")
    return "; ".join(parts)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
