"""A taper week's best with only the exercises the block has done before it: its cap, and a
plan to start from, in the first block (week_models.py).

A taper week holds nothing the block has not done (taper_brings_nothing_new), so its model
alone (its own block rules kept) with every exercise the weeks before it never held left
out is a relaxation of the week in the block: its optimum caps the week there as well as
its bound alone does, and often lower. The seeded marathon blocks' race weeks scored
4,280-4,340 of the 4,410 they score alone, and this caps them at what they then reach
(0.1-0.2 s each), so a start that meets it ends the week's search. It caps the week's
search only: the block's bound stays the sum of the weeks' bounds alone, which holds
whatever the weeks before chose.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ortools.sat.python import cp_model

from planner.config.config import Config
from planner.model.block.bounds import AloneWeek, solver_for
from planner.model.block.context import WeekPart
from planner.model.block.windows import WeekValues, week_values

# In CP-SAT's deterministic seconds: the seeded blocks' taper weeks took 0.01-0.12.
SEEN_ONLY_WORK_S = 0.5

Held = frozenset[tuple[str, int]]  # per exercise, the most of its twins a week held
SeenOnly = tuple[int, WeekValues | None]  # the week's cap, and its plan when one was found


def best_seen_only(
    week: AloneWeek,
    seen: dict[str, int],
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
) -> SeenOnly | None:
    """The week alone holding only exercises in `seen` (held_before): a cap on its score in
    the block and its plan, when one was found; None when it has no cap so (no plan at all,
    or no bound in time)."""
    v = week.part.variables
    assert v is not None
    probe = week.model.clone()
    for (_, e), does in v.does.items():
        if e not in seen:
            probe.add(does == 0)
    work = {**(parameters or {}), "max_deterministic_time": SEEN_ONLY_WORK_S}
    solver = solver_for(config, work, deadline)
    status = solver.solve(probe)
    bound = solver.best_objective_bound
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or not math.isfinite(bound):
        return None
    return math.floor(bound + 1e-6), week_values(solver, week.part)


def held_before(parts: Sequence[WeekPart], values: Sequence[WeekValues | None]) -> dict[str, int]:
    """Per exercise (its representative), the most of its twins any of the weeks held."""
    seen: dict[str, int] = {}
    for part, chosen in zip(parts, values, strict=True):
        if chosen is not None:
            for e, n in held(part, chosen).items():
                seen[e] = max(seen.get(e, 0), n)
    return seen


def held(part: WeekPart, values: WeekValues) -> dict[str, int]:
    """How many of each exercise's twins the week holds (BlockContext.ids)."""
    v = part.variables
    assert v is not None
    uses: dict[str, int] = {}
    for (_, e), does in values.items():
        uses[e] = uses.get(e, 0) + does
    return {e.id: min(uses.get(e.id, 0), v.copies(e)) for e in v.exercises if uses.get(e.id)}
