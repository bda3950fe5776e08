"""A first block from one small model per week: each week on its own objective, the weeks
before it constants, the block's rules linking it to them.

A window of the whole block model (windows.py), every other week fixed, still presolves them
all: about a second for one week of the 16-week marathon, which alone takes 0.1 s to bound
and 0.4 s to plan. Here each distinct week (bound_key) is built once, alone, and solved to its
root, where the LP's bound is the week's bound (8216 for the marathon's build weeks, their
optimum). Each week of the block is a copy of its week's model with the weeks before it as
constants and the block's rules added. Every block rule links a week to the weeks before it
(rules.py), so a block found this way keeps them all; when a week finds no plan, None, and
the caller grows the whole model instead (start.py), which can reopen the weeks before it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from ortools.sat.python import cp_model

from planner.config.config import Config
from planner.model.block.bounds import Alone, AloneWeek, alone_key, solver_for
from planner.model.block.context import WeekPart, building
from planner.model.block.look_ahead import (
    ahead_of_taper,
    looks_ahead,
    seen_only,
    week_again,
)
from planner.model.block.rotation import dropped, fit_ahead, last_build_week, rotation_end
from planner.model.block.week_probe import Solved, kept_as_is, week_probe, week_score
from planner.model.block.weeks_block import WeeksBlock, append_week
from planner.model.block.windows import (
    QUICK_GRACE_S,
    QUICK_PLAN,
    WEEK_WORK_S,
    WeekValues,
    week_values,
)
from planner.plan.block import BLOCK_GAP_LIMIT
from planner.training.prescription import serves_goal
from planner.training.week_setup import WeekSetup

Pins = dict[tuple[str, str], int]  # does[day, exercise] held at a value


def block_from_week_models(
    alone: Alone,
    config: Config,
    setups: Sequence[WeekSetup],
    parameters: dict[str, Any] | None,
    deadline: float,
) -> WeeksBlock | None:
    """The block week by week in small models, each week from its model alone (weeks_alone),
    or None when some week finds no plan given the weeks before it."""
    return extend_block(
        WeeksBlock([], [], [], {}), len(setups), alone, config, setups, parameters, deadline
    )


def extend_block(
    block: WeeksBlock,
    end: int,
    alone: Alone,
    config: Config,
    setups: Sequence[WeekSetup],
    parameters: dict[str, Any] | None,
    deadline: float,
    planned: WeeksBlock | None = None,
) -> WeeksBlock | None:
    """The block continued week by week up to week `end` (0-based, not included); each
    week's plan in `planned`, a block these weeks were planned in before, a start too.

    The first build week of a phase holds its template's main lifts. When the phase then
    ends short of its weeks' bounds, it is played again from the template as it is, then
    searched with the template as a hint only: the best phase stands. Lifts held from the
    template may leave the rest of the phase short (the bodyweight block's power phase:
    4,209 and 4,206 against 4,243), and a first week's own best may not fit the phase's
    later, longer weeks (a flexibility block's did, at its bound, 4,198, and its phase then
    lost 60,000 points). A week that brings new exercises is planned again, when its rotation
    falls short and a later week of it dropped an exercise, to fit the rotation's last build
    week as well (rotation.py)."""
    ahead = looks_ahead(setups, config)
    while len(block.parts) < end:
        i = len(block.parts)
        setup = setups[i]
        if ahead is not None and i == ahead + 1 and block.ahead is None:
            block = ahead_of_taper(block, alone, setups, config, parameters, deadline)
        if setup.rests:
            append_week(block, WeekPart(setup, None), None)
            continue
        week = alone[alone_key(setup, config)]
        part = WeekPart(setup, week.part.variables, week.part.terms)
        starts, pins = _starts(block, part, week, alone, setups, config)
        before = None if planned is None else planned.values[i]
        if before is not None and not pins and before not in starts:
            starts.append(before)
        # Once it has looked ahead, a week within its share of its cap is not searched on.
        shared = {} if block.share is None else {"absolute_gap_limit": block.share}
        args = (week, part, block, config, {**(parameters or {}), **shared}, deadline)
        cap = week.bound
        if setup.week.taper and not pins:
            known = seen_only(block, i, week, config, parameters, deadline)
            if known is not None:
                cap, plan = min(cap, known[0]), known[1]
                starts = starts if plan is None else [plan, *starts]
        ways, until = _ways(pins, setups, config, i)
        if len(ways) == 1:
            solved = _solve_week(*args, starts, None, len(setups), cap=cap)
            if solved is None:
                return None
            append_week(block, part, solved, week.bound)
            continue
        best: WeeksBlock | None = None
        ends = rotation_end(setups, config, i)  # what the week chooses is kept up to here
        for way_pins, search, fits in ways:
            if fits is not None and best is not None and not dropped(best, i, ends):
                break  # the rotation kept all it chose: fitting ahead cannot help
            solved = _solve_week(*args, starts, way_pins, len(setups), search, cap, fits)
            if solved is None:
                continue
            branch = block.head(len(block.parts))
            append_week(branch, part, solved, week.bound)
            grown = extend_block(
                branch, until, alone, config, setups, parameters, deadline, planned
            )
            if grown is not None and (best is None or grown.objective > best.objective):
                best = grown
            if best is not None and _near(
                sum(best.scores[k] for k in range(i, until) if k in best.scores),
                sum(best.bounds[k] for k in range(i, until) if k in best.bounds),
            ):
                break
        if best is None:
            return None
        block = best
    return block


Way = tuple[Pins | None, bool, WeekSetup | None]  # pins, search, a later week to fit


def _ways(
    pins: Pins | None, setups: Sequence[WeekSetup], config: Config, i: int
) -> tuple[list[Way], int]:
    """How week i may be planned, tried in turn until one leaves the weeks up to the end
    returned (0-based, not included) near their bounds; one way for most weeks.

    The first build week of a phase: its template's lifts held, the template as it is, the
    template a hint only, up to the phase's end. A week the accessories rotate: as best
    for itself, up to the next rotation. Either, then, when the weeks after it drop some of
    what it chose: fitting the rotation's last build week too (rotation.py)."""
    later = last_build_week(setups, config, i)
    if pins:
        phase = setups[i].week.phase
        end = next((k for k in range(i, len(setups)) if setups[k].week.phase != phase), len(setups))
        fit = [] if later is None else [(None, True, setups[later])]
        return [(pins, True, None), (None, False, None), (None, True, None), *fit], end
    if later is None:
        return [(None, True, None)], i + 1
    return [(None, True, None), (None, True, setups[later])], rotation_end(setups, config, i)


def _near(score: int, bound: int) -> bool:  # no other start is worth a search
    return bound - score <= BLOCK_GAP_LIMIT / 2 * max(1, abs(score))


def played_again(
    block: WeeksBlock,
    alone: Alone,
    config: Config,
    setups: Sequence[WeekSetup],
    parameters: dict[str, Any] | None,
    deadline: float,
) -> WeeksBlock | None:
    """A first block short of the gap limit played again from the week that looks ahead
    (look_ahead.py), when it has not: that week holding more of what the taper wants, the
    weeks after it from their plans in `block`. None when it holds no more, or the block
    so played scores no more."""
    index = looks_ahead(setups, config)
    if block.ahead is not None or index is None or index not in block.scores:
        return None
    again = week_again(block, index, block.bound, alone, setups, config, parameters, deadline)
    if again is None:
        return None
    played = extend_block(again, len(setups), alone, config, setups, parameters, deadline, block)
    return played if played is not None and played.objective > block.objective else None


def _starts(
    block: WeeksBlock,
    part: WeekPart,
    week: AloneWeek,
    alone: Alone,
    setups: Sequence[WeekSetup],
    config: Config,
) -> tuple[list[WeekValues], Pins | None]:
    """Plans the newest week may start from, best first, and variables to hold first: the
    week before it in its phase (a deload or taper repeats it, a build week keeps its main
    lifts and most of its exercises); the week's own best alone; for the first build week
    of a phase, its phase's template, the template's main lifts held first."""
    v = part.variables
    assert v is not None
    starts = []
    for earlier, values in zip(reversed(block.parts), reversed(block.values), strict=False):
        if values is None or earlier.variables is None:
            continue
        if building(part) and not building(earlier):
            continue  # a build week follows the build week before it, a deload skipped
        if earlier.week.phase == part.week.phase:
            starts.append(values)
        break
    if week.plan is not None:
        # A taper week's own plan keeps its own rules (no heavy legs near the race), which the
        # week before it never had to: the better start for a search when neither fits as is.
        starts.insert(0 if part.week.taper else len(starts), week.plan)
    if starts or not building(part):
        return [s for s in starts if s.keys() == v.does.keys()], None
    phase = [
        alone[alone_key(s, config)]
        for s in setups
        if s.week.phase == part.week.phase and not s.rests
    ]
    template = next((w.plan for w in reversed(phase) if w.plan is not None), None)
    if template is None or template.keys() != v.does.keys():
        return [], None
    have = config.equipment.available
    main = [e for e in v.exercises if serves_goal(e, part.config.profile, have)]
    return [template], {(day, e.id): template[day, e.id] for e in main for day in v.days}


def _solve_week(
    week: AloneWeek,
    part: WeekPart,
    block: WeeksBlock,
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
    starts: list[WeekValues],
    pins: Pins | None,
    total: int,
    search: bool = True,
    cap: int | None = None,
    fits: WeekSetup | None = None,
) -> Solved | None:
    """The newest week in a copy of its model alone, the weeks before it as constants and
    every block rule linking it to them, capped at its bound (or `cap`, below it): its
    solver and score, or None when it has no plan so. Without `search`, the best start as
    it is, or None. With `fits`, a later week whose hard rules the plan keeps as well."""
    probe, _ = week_probe(week, part, block.parts, block.values, config, total)
    if fits is not None:
        assert part.variables is not None
        fit_ahead(probe, part.variables, fits)
    cap = week.bound if cap is None else cap
    if cap < week.bound:
        probe.add(week_score(part) <= cap)
    v = part.variables
    assert v is not None
    for key, value in (pins or {}).items():
        probe.add(v.does[key] == value)
    # Checks and a first plan may run a little past the limit: a block late beats none.
    late = max(deadline, time.perf_counter() + QUICK_GRACE_S)
    best: Solved | None = None
    hint = starts[0] if starts else None
    for start in starts:
        kept = kept_as_is(probe, part, config, parameters, late, start)
        if kept is not None and (best is None or kept[1] > best[1]):
            best, hint = kept, start
    # A start as it is that reaches the bound, or comes within the search's own absolute gap
    # limit of it (a block played again, look_ahead.py), is not searched.
    enough = cap - (parameters or {}).get("absolute_gap_limit", 0)
    if (best is not None and best[1] >= enough) or not search:
        return best
    if hint is not None:
        for key, var in v.does.items():
            probe.add_hint(var, hint[key])
    # Searched to half the block's gap limit at most: the marathon's first taper week found
    # 8189 of its 8191 in 1.4 s, then spent 2.3 s on the last 2 points.
    work = {
        **(parameters or {}),
        "max_deterministic_time": WEEK_WORK_S,
        "relative_gap_limit": BLOCK_GAP_LIMIT / 2,
    }
    tries = [(work, deadline)] if time.perf_counter() < deadline else []
    for settings, until in [*tries, ({**(parameters or {}), **QUICK_PLAN}, late)]:
        solver = solver_for(config, settings, until)
        status = solver.solve(probe)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            # A search stopped short may leave the objective's own variables short of what
            # its plan scores (seed 0's block claimed 2 points less): they are settled.
            values = week_values(solver, part)
            assert values is not None
            found = kept_as_is(probe, part, config, parameters, late, values)
            if found is not None and (best is None or found[1] > best[1]):
                return found
            break
        if status == cp_model.INFEASIBLE:
            break
    return best
