"""The first block looks ahead to its taper from the last week that may bring new exercises
before it.

A taper week only holds exercises done earlier in the block (taper_brings_nothing_new), and
within a phase a build week only keeps exercises of the one before it, except in the
phase's first build week or a week its accessories rotate (exercises_carry_within_phase).
The first block chooses each week on its own objective, among many plans at its bound,
blind to the taper: the seeded marathon block (seed 5) held build weeks whose exercises left
its race week 4,280 of the 4,410 it scores alone (4,410 once that rule is dropped), its
taper week 8,190 of 8,200, the block 0.11 % short. Solving the taper and race weeks together
won 2 points of the 140: the weeks before them held no more.

So once that week is planned, each taper week's best alone with only the exercises held so
far (seen_only.py, 0.1-0.2 s) forecasts what the taper can reach; when that leaves the block
short by more than 80 % of the gap limit (seed 5: 136 points of 102; the other seeded and
bundled 16-week blocks 1-72), the week is solved again at its score holding as many as it
can of the exercises the taper weeks' best plans alone use that no week before it held
(seed 5: week 13, 12 of 19, 0.3 deterministic s), and the block goes on from it, the weeks
after it sharing those 80 % (WeeksBlock.share): seed 5 0.07 % short in 7 s. A
forecast never finds short a block that is not (a week holding only what was held scores no
more than that), so a block within the gap limit only pays for the forecast, which is also
its taper weeks' cap (week_models.py). A block still short at the end, its forecast having
missed, is played again from that week (week_models.played_again).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from ortools.sat.python import cp_model

from planner.config.config import Config
from planner.model.block.bounds import Alone, AloneWeek, alone_key, solver_for
from planner.model.block.coach_rules import brings_new
from planner.model.block.context import BlockContext, WeekPart
from planner.model.block.seen_only import SeenOnly, best_seen_only, held, held_before
from planner.model.block.week_probe import Solved, kept_as_is, week_probe, week_score
from planner.model.block.weeks_block import WeeksBlock, append_week
from planner.model.block.windows import QUICK_GRACE_S, WeekValues, week_values
from planner.plan.block import BLOCK_GAP_LIMIT
from planner.training.week_setup import WeekSetup

# How long the week may look for a plan holding more of the taper's exercises, in CP-SAT's
# deterministic seconds (work, not the clock: the same block whatever the machine's load).
# Seed 5's week 13 found its best, 12 of the 19 exercises, in 0.65-0.83 (3 random seeds).
LOOK_AHEAD_WORK_S = 1.0

# The share of the block's gap limit the weeks played again may use: the rest is margin.
SLACK_USED = 0.8

# Per exercise (its representative) the taper weeks want more of: how many of its twins the
# weeks so far held at most, and how many the taper weeks' best plans alone hold.
Wants = dict[str, tuple[int, int]]


def ahead_of_taper(
    block: WeeksBlock,
    alone: Alone,
    setups: Sequence[WeekSetup],
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
) -> WeeksBlock:
    """The first block once the week that looks ahead is its last: that week again, holding
    more of what the taper wants, when the taper weeks with only what the block has held so
    far would leave it short of the gap limit (the forecast only ever says so of a block
    that will be: a week holding only what was held scores no more than that); else as is.
    """
    index = len(block.parts) - 1
    short = block.bound - block.objective
    total = 0
    for i, setup in enumerate(setups):
        if setup.rests:
            continue
        week = alone[alone_key(setup, config)]
        total += week.bound
        if i > index and setup.week.taper:
            known = seen_only(block, i, week, config, parameters, deadline)
            short += 0 if known is None else week.bound - known[0]
    if short <= SLACK_USED * BLOCK_GAP_LIMIT * total:
        return block
    again = week_again(block, index, total, alone, setups, config, parameters, deadline) or block
    again.ahead = index  # it has looked ahead, whatever it found
    return again


def seen_only(
    block: WeeksBlock,
    index: int,
    week: AloneWeek,
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
) -> SeenOnly | None:
    """Taper week `index` alone with only what `block` has held (seen_only.py), once."""
    seen = held_before(block.parts, block.values)
    key = (index, frozenset(seen.items()))
    if key not in block.seen_only:
        started = time.perf_counter()
        block.seen_only[key] = best_seen_only(week, seen, config, parameters, deadline)
        block.solver_s += time.perf_counter() - started
    return block.seen_only[key]


def week_again(
    block: WeeksBlock,
    index: int,
    total: int,
    alone: Alone,
    setups: Sequence[WeekSetup],
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
) -> WeeksBlock | None:
    """The block's weeks up to week `index`, that week again at its score holding as many
    as it can of the exercises the taper weeks' best plans alone hold and no week before it
    did; None when it holds no more, or time is up. The weeks after it, in a block whose
    bounds sum to `total`, share what it may still fall short by (WeeksBlock.share)."""
    before = block.head(index)
    part, found = block.parts[index], block.values[index]
    wants = taper_wants(alone, setups, config, before.parts, before.values)
    if found is None or not wanted(part, found, wants) or time.perf_counter() >= deadline:
        return None
    week = alone[alone_key(part.setup, config)]
    solved = _holding_more(week, part, before, wants, found, block.scores[index], config,
                           parameters, deadline, len(setups))  # fmt: skip
    if solved is None:
        return None
    append_week(before, part, solved, week.bound)
    before.ahead = index
    after = sum(1 for s in setups[index + 1 :] if not s.rests)
    slack = SLACK_USED * BLOCK_GAP_LIMIT * total - (before.bound - before.objective)
    before.share = max(0.0, slack / max(1, after))
    return before


def looks_ahead(setups: Sequence[WeekSetup], config: Config) -> int | None:
    """The week (0-based) that looks ahead: the last before the first taper week that may
    bring new exercises; None without a taper or such a week."""
    taper = next((i for i, s in enumerate(setups) if s.week.taper and not s.rests), None)
    if taper is None:
        return None
    return next((i for i in range(taper - 1, -1, -1) if brings_new(setups, config, i)), None)


def taper_wants(
    alone: Alone,
    setups: Sequence[WeekSetup],
    config: Config,
    parts: Sequence[WeekPart],
    values: Sequence[WeekValues | None],
) -> Wants:
    """What the taper weeks' best plans alone hold that the weeks so far (`parts`, planned
    with `values`) did not."""
    need: dict[str, int] = {}
    for setup in setups:
        week = alone.get(alone_key(setup, config))
        if setup.week.taper and week is not None and week.plan is not None:
            for e, n in held(week.part, week.plan).items():
                need[e] = max(need.get(e, 0), n)
    seen = held_before(parts, values)
    return {e: (seen.get(e, 0), n) for e, n in need.items() if n > seen.get(e, 0)}


def wanted(part: WeekPart, values: WeekValues, wants: Wants) -> bool:
    """The week's plan leaves some of the taper's wants unmet."""
    holds = held(part, values)
    return any(holds.get(e, 0) < need for e, (_, need) in wants.items())


def _holding_more(
    week: AloneWeek,
    part: WeekPart,
    before: WeeksBlock,
    wants: Wants,
    found: WeekValues,
    score: int,
    config: Config,
    parameters: dict[str, Any] | None,
    deadline: float,
    total: int,
) -> Solved | None:
    """The week at `score` or more holding as many as it can of what the taper wants, from
    its plan `found`: its solver and score; None when it holds no more."""
    probe, ctx = week_probe(week, part, before.parts, before.values, config, total)
    probe.add(week_score(part) >= score)
    probe.maximize(_taper_gain(probe, ctx, wants))
    v = part.variables
    assert v is not None
    # Only the exercises it holds and those the taper wants: the same count (12 of seed 5's
    # 19) in 0.31 deterministic s instead of 0.74 (the marathon's 0.21, where the whole week
    # found 3 in 2).
    holds = {e for (_, e), does in found.items() if does}
    for (day, e), var in v.does.items():
        probe.add_hint(var, found[day, e])
        if e not in holds and e not in wants:
            probe.add(var == 0)
    work = {**(parameters or {}), "max_deterministic_time": LOOK_AHEAD_WORK_S}
    solver = solver_for(config, work, deadline)
    status = solver.solve(probe)
    before.solver_s += solver.wall_time
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or solver.objective_value < 1:
        return None
    holding = week_values(solver, part)  # not `held`: that is seen_only's count, used above
    assert holding is not None
    plain, _ = week_probe(week, part, before.parts, before.values, config, total)
    late = max(deadline, time.perf_counter() + QUICK_GRACE_S)
    return kept_as_is(plain, part, config, parameters, late, holding)


def _taper_gain(model: cp_model.CpModel, ctx: BlockContext, wants: Wants) -> cp_model.LinearExprT:
    """The twins of wanted exercises the newest week holds beyond those held before it, each
    counted up to what the taper wants."""
    index = len(ctx.weeks) - 1
    v = ctx.weeks[index].variables
    assert v is not None
    gains = []
    for e in v.exercises:
        if e.id in wants:
            seen, need = wants[e.id]
            gain = model.new_int_var(0, need - seen, f"w{index + 1}.taper_gain[{e.id}]")
            model.add(gain <= ctx.ids(index, e) - seen)
            gains.append(gain)
    return cp_model.LinearExpr.sum(gains)
