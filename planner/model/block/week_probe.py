"""One week of the first block in a small model: a copy of its model alone, the weeks before
it as constants, every block rule linking it to them (week_models.py solves each week so,
look_ahead.py one week again)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ortools.sat.python import cp_model

from planner.config.config import Config
from planner.model.block.bounds import AloneWeek, solver_for
from planner.model.block.context import BlockContext, WeekPart
from planner.model.block.rules import link_week
from planner.model.block.windows import WeekValues
from planner.model.variables import Variables

Solved = tuple[cp_model.CpSolver, int]  # a week's solver, holding its plan, and its score


def week_probe(
    week: AloneWeek,
    part: WeekPart,
    parts: Sequence[WeekPart],
    values: Sequence[WeekValues | None],
    config: Config,
    total: int,
) -> tuple[cp_model.CpModel, BlockContext]:
    """The week after `parts` (planned with `values`) in a copy of its model alone, linked
    to them by every block rule, its score capped at its bound and maximised; and the
    context the rules were added in (the weeks before as constants, then it)."""
    probe = week.model.clone()
    earlier = [_constant(probe, p, chosen) for p, chosen in zip(parts, values, strict=True)]
    ctx = BlockContext(probe, [*earlier, part], config, total)
    link_week(ctx, len(parts))
    score = week_score(part)
    probe.add(score <= week.bound)
    probe.maximize(score)
    return probe, ctx


def week_score(part: WeekPart) -> cp_model.LinearExprT:
    return cp_model.LinearExpr.sum([t.weight * t.expression for t in part.terms])


def kept_as_is(
    probe: cp_model.CpModel,
    part: WeekPart,
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
    hint: WeekValues,
) -> Solved | None:
    """The plan `hint` as it is, when the week's rules and the block's allow it: a check,
    not a search (a rotating build week searched from a start at its bound for 1.2 s)."""
    held = probe.clone()
    v = part.variables
    assert v is not None
    for key, var in v.does.items():
        held.add(var == hint[key])
    # Every choice fixed: the search only settles the objective's own variables, and to
    # their best (a first solution may count a shortfall the plan does not have).
    solver = solver_for(config, {**(parameters or {}), "linearization_level": 0}, deadline)
    if solver.solve(held) != cp_model.OPTIMAL:
        return None
    return solver, sum(t.weight * round(solver.value(t.expression)) for t in part.terms)


def _constant(model: cp_model.CpModel, part: WeekPart, values: WeekValues | None) -> WeekPart:
    """A week before the newest as constants: the values it was planned with."""
    v = part.variables
    if v is None or values is None:
        return WeekPart(part.setup, None)
    held = (model.new_constant(0), model.new_constant(1))
    does = {key: held[value] for key, value in values.items()}
    trains = {day: held[max(values[day, e.id] for e in v.exercises)] for day in v.days}
    return WeekPart(part.setup, Variables(v.days, v.exercises, does, trains, v.twins, kit=v.kit))
