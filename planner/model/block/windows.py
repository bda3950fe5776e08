"""Windows of weeks solved together in a block model, every other week fixed.

The week-by-week start chooses each week without looking ahead, so a choice early can
leave a later week without a plan (a taper may only repeat light leg work, and no week
before it did any) or cost it part of its objective. Solving a few neighbouring weeks
together undoes such a choice for a fraction of what the one-model search needs:
- `next_week`: the newest week, and when it has no plan given the weeks before it, those
  weeks reopened with it, two, four, ... at a time.
- `repair_short_weeks`: each week below its bound (its optimum alone) solved again with
  the week before it, in the whole block.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ortools.sat.python import cp_model

from planner.config.config import Config
from planner.model.block.context import WeekPart
from planner.model.build import configure

WeekValues = dict[tuple[str, str], int]  # does[day, exercise] -> 0 or 1
# How long a reopened window may improve its plan, per week in it: CP-SAT's deterministic
# time (about a second on a laptop), not the clock, so that the same block comes out
# whatever the machine's load (a batch's --jobs 1 and --jobs 2 must give the same files).
REOPEN_S_PER_WEEK = 1.0
# How long the newest week alone may look for its best plan in the first block, in the same
# deterministic seconds: the first block needs each week's plan, not its proof. With the
# goal's targets in the objective, proving the marathon's first taper week took 143 of the
# first block's 163 s under load, and the block came back without a plan at 60 s.
WEEK_WORK_S = 2.0


def solve_window(
    model: cp_model.CpModel,
    weeks: Sequence[WeekPart],
    values: Sequence[WeekValues | None],
    window: range,
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float | None,
    scored: Sequence[int] | None = None,
    pins: Mapping[cp_model.IntVar, int] | None = None,
) -> tuple[cp_model.CpSolver, str] | None:
    """The weeks in `window` solved on the objective of the weeks `scored` (default: the
    window's), every other week with a value fixed to it (a week past the values is free),
    the window's values as a hint. None when time ran out; otherwise the solver and
    "infeasible" or "found". `pins`: variables of the window held at a value too."""
    probe = model.clone()
    for var, value in (pins or {}).items():
        probe.add(probe.get_int_var_from_proto_index(var.index) == value)
    for index, (part, chosen) in enumerate(zip(weeks, values, strict=False)):
        if part.variables is None or chosen is None:
            continue
        for key, var in part.variables.does.items():
            if index in window:
                probe.add_hint(var, chosen[key])
            else:
                probe.add(var == chosen[key])
    counted = window if scored is None else scored
    probe.maximize(sum(t.weight * t.expression for i in counted for t in weeks[i].terms))
    solver = cp_model.CpSolver()
    configure(solver, config, parameters)
    if deadline is not None:
        solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    status = solver.solve(probe)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver, "found"
    return (solver, "infeasible") if status == cp_model.INFEASIBLE else None


def week_values(solver: cp_model.CpSolver, part: WeekPart) -> WeekValues | None:
    v = part.variables
    return None if v is None else {key: solver.value(var) for key, var in v.does.items()}


def next_week(
    model: cp_model.CpModel,
    weeks: Sequence[WeekPart],
    fixed: list[WeekValues | None],
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float | None,
    reopen: bool = True,
    capped: bool = False,
    hint: WeekValues | None = None,
    pins: Mapping[cp_model.IntVar, int] | None = None,
    share: float | None = None,
) -> list[WeekValues | None] | None:
    """The values of every week so far once the newest (weeks[-1]) is solved; None when no
    window, up to all the weeks, gives it a plan, or time ran out. Without `reopen` only
    the newest week is solved (the plain greedy, benchmarks' peer). When `capped`, the
    newest week alone stops after WEEK_WORK_S of work with the best plan found by then;
    with none found, it takes the first plan found before the deadline. `hint`: a plan
    for the newest week to start from (the week before's, or the week's best alone);
    `pins`: some of its variables to hold first, dropped when the week then has no plan.
    `share`: when the newest week's own searches stop at the latest (its fair share of the
    time left, so that a loaded machine still reaches the last week)."""
    newest = len(weeks) - 1
    hinted = [*fixed, hint]
    own = deadline if share is None else share
    if pins:
        work = {**(parameters or {}), "max_deterministic_time": WEEK_WORK_S}
        window = range(newest, newest + 1)
        held = solve_window(model, weeks, hinted, window, config, work, own, None, pins)
        if held is not None and held[1] == "found":
            return [*fixed, week_values(held[0], weeks[newest])]
    width = 1
    while True:
        first = max(0, newest - width + 1)
        window = range(first, newest + 1)
        if width == 1:
            work = {**(parameters or {}), "max_deterministic_time": WEEK_WORK_S}
            found = solve_window(
                model, weeks, hinted, window, config, work if capped else parameters, own
            )
            if found is None and capped:
                # A plan at all, a little past the limit if need be: a block a little late
                # beats none (a loaded machine ran the marathon's last weeks out of time).
                quick = {**(parameters or {}), **QUICK_PLAN}
                late = max(deadline or 0.0, time.perf_counter() + QUICK_GRACE_S)
                found = solve_window(model, weeks, hinted, window, config, quick, late)
        else:
            found = _reopened(model, weeks, hinted, window, config, parameters, deadline)
        if found is None:
            return None
        solver, outcome = found
        if outcome == "found":
            return fixed[:first] + [week_values(solver, weeks[i]) for i in window]
        if first == 0 or not reopen:
            return None  # the weeks so far have no plan at all, or none is reopened
        width *= 2


def keep_hint(
    model: cp_model.CpModel,
    weeks: Sequence[WeekPart],
    fixed: list[WeekValues | None],
    hint: WeekValues,
    floor: int,
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float | None,
) -> WeekValues | None:
    """The newest week's `hint` as it is, when the block's rules allow it and it scores at
    least `floor` (the week's best alone): a check, not a search. The week alone has already
    been searched; searching it again in the block found the same plan, for its whole work
    again (a bands-only week, 3 deterministic s each time)."""
    part = weeks[-1]
    assert part.variables is not None
    pins = {part.variables.does[key]: value for key, value in hint.items()}
    window = range(len(weeks) - 1, len(weeks))
    quick = {**(parameters or {}), **QUICK_PLAN}
    found = solve_window(model, weeks, [*fixed, hint], window, config, quick, deadline, None, pins)
    if found is None or found[1] != "found" or _score(found[0], part) < floor:
        return None
    return week_values(found[0], part)


QUICK_GRACE_S = 2.0  # seconds past the limit a week's first plan may take

# A plan fast: without the LP a reopened 4-week window had its first plan in 0.4 s, with it
# in 8 s (proving that window optimal took 57 s of a 60 s block).
QUICK_PLAN = {"stop_after_first_solution": True, "linearization_level": 0}


def _reopened(
    model: cp_model.CpModel,
    weeks: Sequence[WeekPart],
    fixed: list[WeekValues | None],
    window: range,
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float | None,
) -> tuple[cp_model.CpSolver, str] | None:
    """A reopened window needs a plan, not its own optimum (the repair and the one-model
    search improve it later): the first plan found without the LP, then improved from it
    for a short while."""
    quick = {**(parameters or {}), **QUICK_PLAN}
    found = solve_window(model, weeks, fixed, window, config, quick, deadline)
    if found is None or found[1] != "found":
        return found
    first = list(fixed) + [None] * (len(weeks) - len(fixed))
    for i in window:
        first[i] = week_values(found[0], weeks[i])
    work = {**(parameters or {}), "max_deterministic_time": REOPEN_S_PER_WEEK * len(window)}
    better = solve_window(model, weeks, first, window, config, work, deadline)
    return better if better is not None and better[1] == "found" else found


def repair_short_weeks(
    model: cp_model.CpModel,
    weeks: Sequence[WeekPart],
    start: tuple[cp_model.CpSolver, int],
    caps: dict[int, int],
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
    near: Callable[[int, int], bool] | None = None,
) -> tuple[cp_model.CpSolver, int]:
    """The completed first block with each week below its cap solved again together with
    the week before it (the link it most likely lost to), in calendar order, until the
    block is `near` the caps' sum; each solver returned holds every variable's value, as
    `start` does."""
    solver, objective = start
    for index in sorted(caps):
        if time.perf_counter() >= deadline or (near and near(objective, sum(caps.values()))):
            break
        if _score(solver, weeks[index]) >= caps[index]:
            continue
        values = [week_values(solver, part) for part in weeks]
        window = range(max(0, index - 1), index + 1)
        # Every week scored: a fixed week's objective also counts variables left free.
        every = range(len(weeks))
        # Work, not the clock, ends a repair (a taper week that cannot reach its bound took
        # the marathon's 11 s to the limit proving so).
        work = {**(parameters or {}), "max_deterministic_time": REOPEN_S_PER_WEEK * len(window)}
        found = solve_window(model, weeks, values, window, config, work, deadline, every)
        if found is None or found[1] != "found":
            continue
        total = sum(_score(found[0], part) for part in weeks)
        if total > objective:
            solver, objective = found[0], total
    return solver, objective


def _score(solver: cp_model.CpSolver, part: WeekPart) -> int:
    return sum(t.weight * round(solver.value(t.expression)) for t in part.terms)
