"""A greedy heuristic of the kind template apps use, as a peer for the solver.

1. Days: of the available days, take the `sessions` days with the fewest back-to-back
   pairs, then the fewest sessions on the day before a key run (earliest on ties).
2. Pins: each pinned exercise goes on the first session day where it fits.
3. Fill, one session day at a time in calendar order: first the goal dose (exercises that
   serve the goal), then each category's minimum, each time adding the exercise with the
   best marginal objective gain (the README objective) among those that keep every
   per-session rule (category max, both time tracks, load, family once per session and not
   on the neighbouring days, uses per week, light legs before a key run, weekly load and
   weekly category maximums). Room is kept for what the day still needs (the cheapest
   seconds on each track, load and leg load of its missing minimums and goal dose).
4. Optional slots, over the whole week: while some addition has a positive gain, add the
   best one on the session day with the fewest exercises where it fits. Load costs only
   above the goal's weekly dose (the term max(0, L - T)).
5. Repair: while a weekly rule is broken (weekly category minimums, soleus/gastrocnemius
   band, core minimums and spread), apply the single swap, addition or removal that most
   reduces the total violation (ties: the better objective), keeping the per-session
   rules, the goal dose and the pins.

A plan is reported only if `planner.check.check_plan` accepts it; otherwise it is a failure.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from benchmarks.greedy_week import CORE, GAS, SOL, Week
from benchmarks.objective import plan_objective
from planner.catalog.catalog import Catalog
from planner.config.config import Config
from planner.plan.week import Plan
from planner.vocabulary import CATEGORIES
from planner.week.check import check_plan


@dataclass
class GreedyResult:
    plan: dict[str, list[str]] | None  # None: failure
    objective: int | None
    time_s: float
    reason: str = ""  # why it failed
    violations: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.plan is None


MIN_GAIN = np.iinfo(np.int64).min


def _place_pins(week: Week) -> str:
    """Each pinned exercise on the first session day it fits; returns a failure reason."""
    for pin in week.config.include.exercises:
        if pin not in week.index:
            return f"pinned {pin} is not eligible"
        i = week.index[pin]
        if week.uses[i]:
            continue
        day = next((d for d in week.days if week.feasible_mask(d)[i]), None)
        if day is None:
            return f"pinned {pin} fits no session"
        week.add(day, i)
    return ""


def _fill_needs(week: Week) -> str:
    """Each day's goal dose, then its category minimums, by best gain; '' on success."""
    for day in week.days:
        while (needs := week.needs(day)).any():
            ok = week.feasible_mask(day)
            if needs[-1]:
                ok &= week.member
                missing = f"the goal dose ({week.config.profile.primary})"
            else:
                lacking = np.flatnonzero(needs[:-1])
                ok &= np.isin(week.cat, lacking)
                missing = "the minimum of " + ", ".join(CATEGORIES[c] for c in lacking)
            if not ok.any():
                return f"{day}: no exercise fits {missing}"
            gains = week.gains()
            if needs[-1]:  # a dose exercise is among the dose's hardest: its hardness counts
                gains = gains + week.w_hard * week.hardness
            gains = np.where(ok, gains, MIN_GAIN)
            week.add(day, int(np.argmax(gains)))  # first index on ties: catalog order
    return ""


def _fill_optional(week: Week) -> None:
    """Optional slots anywhere in the week while one gains: the best exercise, on the
    session day with the fewest exercises where it fits (the earliest on ties)."""
    while True:
        gains = week.gains()
        best: tuple[int, int, str, int] | None = None  # (gain, -size, day, exercise)
        for day in week.days:
            scored = np.where(week.feasible_mask(day), gains, MIN_GAIN)
            i = int(np.argmax(scored)) if week.n else 0
            if week.n and scored[i] > 0:
                key = (int(scored[i]), -len(week.plan[day]), day, i)
                if best is None or key[:2] > best[:2]:
                    best = key
        if best is None:
            return
        week.add(best[2], best[3])


Move = tuple[str, str, int, int]  # (swap | add | remove, day, out, into)


def _apply(week: Week, move: Move, undo: bool = False) -> None:
    kind, day, out, into = move
    if not undo:
        if kind != "add":
            week.remove(day, out)
        if kind != "remove":
            week.add(day, into)
    else:
        if kind != "remove":
            week.remove(day, into)
        if kind != "add":
            week.add(day, out)


def _score(week: Week, move: Move) -> tuple[float, int]:
    """(weekly violation, -objective) after the move; the week is left unchanged."""
    _apply(week, move)
    score = (week.violation(), -week.objective())
    _apply(week, move, undo=True)
    return score


def _moves(week: Week) -> list[Move]:
    """Swaps (within a category), additions and removals that keep every per-session rule,
    the goal dose and the pins."""
    moves: list[Move] = []
    gains = week.gains()
    for day in week.days:
        for out in list(week.plan[day]):
            if week.last_pin(out):
                continue
            ok = week.feasible_mask(day, remove=out, reserve=False) & (week.cat == week.cat[out])
            moves += [("swap", day, out, i) for i in _promising(week, out, ok, gains)]
            if week.removable(day, out):
                moves.append(("remove", day, out, -1))
        ok = week.feasible_mask(day, reserve=False)
        moves += [("add", day, -1, i) for i in _promising(week, None, ok, gains)]
    return moves


def _repair(week: Week, max_steps: int = 200) -> None:
    """Best-improvement local search on the weekly violation (ties: the better objective)."""
    for _ in range(max_steps):
        current = week.violation()
        if current == 0:
            return
        scored = [(_score(week, m), m) for m in _moves(week)]
        improving = [(score, m) for score, m in scored if score[0] < current]
        if not improving:
            return
        _apply(week, min(improving, key=lambda x: x[0])[1])


def _promising(week: Week, out: int | None, ok: np.ndarray, gains: np.ndarray) -> list[int]:
    """One candidate per distinct effect on the weekly rules, the best-gain one of each.

    Weekly rules only see category counts and soleus, gastrocnemius and core coverage, so
    candidates (twins above all) with the same effect on them need only one try.
    """
    candidates = np.flatnonzero(ok)
    if len(candidates) == 0:
        return []
    by_gain = candidates[np.argsort(-gains[candidates], kind="stable")]
    relevant = [SOL, GAS, *CORE]
    delta = week.cov[by_gain][:, relevant] - (week.cov[out, relevant] if out is not None else 0)
    key = np.column_stack([delta, week.cat[by_gain]])
    _, first = np.unique(key, axis=0, return_index=True)
    return [int(i) for i in by_gain[np.sort(first)]]


def greedy_plan(catalog: Catalog, config: Config) -> GreedyResult:
    started = time.perf_counter()
    week = Week(catalog, config)
    reason = _place_pins(week) or _fill_needs(week)
    if not reason:
        _fill_optional(week)
        _repair(week)
    days = {d: sorted((week.ex[i].id for i in ids), key=catalog.ids.index) for d, ids in
            week.plan.items()}  # fmt: skip
    elapsed = time.perf_counter() - started
    plan = Plan.from_ids(catalog, config.profile, days)
    violations = [str(v) for v in check_plan(plan, catalog, config)]
    if reason or violations:
        return GreedyResult(None, None, elapsed, reason or violations[0], violations)
    return GreedyResult(days, plan_objective(days, catalog, config), elapsed)
