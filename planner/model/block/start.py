"""A first block, week by week: each week solved on its own objective, the weeks before it
fixed, the block's rules kept; when a week has no plan given the weeks before it, those
are reopened with it (planner/model/block/windows.py). It is the block solver's starting
point (a full hint) and, in benchmarks/, the greedy peer the one-model optimum is
measured against.

The block model grows a week at a time (BlockBuilder), so each week's solve is a copy of
the model so far: building stays linear in the number of weeks.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.model.block.bounds import bound_key
from planner.model.block.build import BlockBuilder, BlockModel
from planner.model.block.context import WeekPart, building
from planner.model.block.windows import WeekValues, keep_hint, next_week
from planner.model.build import configure
from planner.plan.week import SolveResult, Status
from planner.training.prescription import serves_goal
from planner.training.week_setup import WeekSetup


def grow_block(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    parameters: dict[str, Any] | None = None,
    deadline: float | None = None,
    reopen: bool = True,
    optima: Mapping[str, SolveResult] | None = None,
) -> tuple[BlockModel, list[WeekValues | None] | None]:
    """The whole block model, and the week-by-week block found while building it: per week
    the value of each does[day, exercise] (None for a week without training); None instead
    of the list when some week found no plan, the weeks before it reopened (`reopen`) or
    not (the plain greedy).

    `optima`, each week's best alone by week_key: a proven one caps the week's objective in
    the model (a week of the block is its week model plus links, so it scores no more), and
    a week starts from the plan of the training week before it (its links mostly ask for
    the same exercises) or, with none, from its best alone. A week that reaches its cap is
    then proven at once instead of searched for its deterministic seconds."""
    builder = BlockBuilder(catalog, config, len(setups))
    templates = _phase_templates(config, setups, optima or {})
    fixed: list[WeekValues | None] | None = []
    for setup in setups:
        part = builder.add_week(setup)
        best = None if optima is None else optima.get(bound_key(setup, config))
        if best is not None and part.terms and best.status == Status.OPTIMAL:
            assert best.objective is not None
            builder.model.add(sum(t.weight * t.expression for t in part.terms) <= best.objective)
        if fixed is None:
            continue
        if part.variables is None:
            fixed.append(None)
            continue
        weeks = builder.ctx.weeks
        capped = deadline is not None  # the planner's solve, not the plain greedy
        template = templates.get(setup.week.phase) if building(part) else None
        hint = _start_from(weeks, fixed, template or best)
        floor = None if best is None else best.objective
        # With a proven cap the pinned search below takes a hint that reaches it at once;
        # the check is for the weeks without one (or without pins), a call the fewer.
        proven = best is not None and best.status == Status.OPTIMAL
        if capped and hint is not None and floor is not None and not (proven and template):
            kept = keep_hint(builder.model, weeks, fixed, hint, floor, config, parameters, deadline)
            if kept is not None:
                fixed.append(kept)
                continue
        pins = _main_lifts(part, hint, config) if template is not None and capped else None
        share = None
        if deadline is not None:
            left = sum(1 for later in setups[len(weeks) - 1 :] if not later.rests)
            share = time.perf_counter() + max(0.0, deadline - time.perf_counter()) / left
        fixed = next_week(
            builder.model,
            weeks,
            fixed,
            config,
            parameters,
            deadline,
            reopen,
            capped,
            hint,
            pins,
            share,
        )
    return builder.finish(), fixed


def _phase_templates(
    config: Config, setups: Sequence[WeekSetup], optima: Mapping[str, SolveResult]
) -> dict[str, SolveResult]:
    """Per phase, the best alone of its last build week: its prescriptions are the phase's
    longest and heaviest, and a build week holds the main lifts of the one before it, so a
    plan that fits the last week is the one the phase's first weeks should start from (the
    best alone of week 1 fits week 1 and often leaves week 3 without a plan)."""
    templates: dict[str, SolveResult] = {}
    for setup in setups:
        best = optima.get(bound_key(setup, config))
        week = setup.week
        builds = not (setup.rests or week.deload or week.taper or setup.disrupted)
        if builds and best is not None and best.plan is not None:
            templates[week.phase] = best
    return templates


def _main_lifts(
    part: WeekPart, hint: WeekValues | None, config: Config
) -> dict[cp_model.IntVar, int] | None:
    """The template's main lifts, day by day: a build week holds the main lifts of the one
    before it (main_lifts_held_within_phase), so lifts that fit the phase's last week keep
    its later weeks possible."""
    v = part.variables
    if v is None or hint is None:
        return None
    have = config.equipment.available
    main = [e for e in v.exercises if serves_goal(e, part.config.profile, have)]
    return {v.does[day, e.id]: hint[day, e.id] for e in main for day in v.days}


def _start_from(
    weeks: Sequence[WeekPart], fixed: Sequence[WeekValues | None], best: SolveResult | None
) -> WeekValues | None:
    """For the newest week: a deload or taper week the plan of the training week before it
    in its phase (with the same days); a build week, or a week with none, `best` (its
    phase's template or its best alone) mapped onto the block's variables; else none."""
    part = weeks[-1]
    v = part.variables
    assert v is not None
    for earlier, values in zip(reversed(weeks[:-1]), reversed(fixed), strict=False):
        if values is None or building(part):
            continue
        if earlier.week.phase == part.week.phase and values.keys() == v.does.keys():
            return values
        break
    if best is None or best.plan is None:
        return None
    representative = {twin: rep for rep, twins in v.twins.items() for twin in twins}
    held = {
        (s.day, representative.get(p.exercise.id, p.exercise.id))
        for s in best.plan.sessions
        for p in s.exercises
    }
    return {key: int(key in held) for key in v.does}


def week_by_week(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    parameters: dict[str, Any] | None = None,
    deadline: float | None = None,
) -> list[WeekValues | None] | None:
    """The week-by-week block alone (the greedy peer)."""
    return grow_block(catalog, config, setups, parameters, deadline)[1]


def complete(
    built: BlockModel,
    start: list[WeekValues | None],
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
) -> tuple[cp_model.CpSolver, int] | None:
    """The week-by-week block in the full model: a solver holding every variable's value,
    and its objective; None when it cannot be completed in time."""
    probe = built.model.clone()
    _fix(probe, built.weeks, start)
    solver = _solver(config, parameters, deadline)
    if solver.solve(probe) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver, round(solver.objective_value)


def _fix(model: cp_model.CpModel, weeks: Sequence[WeekPart], values: Sequence[Any]) -> None:
    for part, chosen in zip(weeks, values, strict=False):
        if part.variables is not None and chosen is not None:
            for key, var in part.variables.does.items():
                model.add(var == chosen[key])


def _solver(
    config: Config, parameters: dict[str, Any] | None, deadline: float | None
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    configure(solver, config, parameters)
    if deadline is not None:
        solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    return solver
