"""A greedy heuristic of the kind template apps use, as a peer for the solver.

1. Days: of the available days, take the `sessions` days with the fewest back-to-back
   pairs, then the fewest sessions on the day before a key run (earliest on ties).
2. Fill, one session day at a time in calendar order: first each category's minimum, then
   optional slots, each time adding the exercise with the best marginal objective gain
   (the README objective) among those that keep every per-session rule (category max,
   minutes, load, family once per session and not on the neighbouring days, uses per week,
   light legs before a key run, weekly load and weekly category maximums). Room is kept
   for the minimums still to fill (their cheapest minutes and load). Optional slots are
   only taken for a positive gain.
3. Repair: while a weekly rule is broken (weekly category minimums, soleus/gastrocnemius
   band, core minimums and spread), apply the single swap, addition or removal that most
   reduces the total violation (ties: the better objective), keeping the per-session rules.

A plan is reported only if `planner.check.check_plan` accepts it; otherwise it is a failure.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from benchmarks.greedy_week import CORE, GAS, SOL, Week
from benchmarks.objective import plan_objective
from planner.catalog import Catalog
from planner.check import check_plan
from planner.config import Config
from planner.plan import Plan
from planner.vocabulary import CATEGORIES


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


def _fill(week: Week) -> str:
    """Fill every session; returns a failure reason, or '' on success."""
    for day in week.days:
        while True:
            deficits = week.deficits(day)
            ok = week.feasible_mask(day)
            if deficits:
                ok &= np.isin(week.cat, list(deficits))
            gains = np.where(ok, week.gains(week.coverage()), np.iinfo(np.int64).min)
            if not ok.any():
                if deficits:
                    missing = ", ".join(CATEGORIES[c] for c in deficits)
                    return f"{day}: no exercise fits the minimum of {missing}"
                break
            best = int(np.argmax(gains))  # first index on ties: catalog order
            if not deficits and gains[best] <= 0:
                break
            week.add(day, best)
    return ""


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
    score = (week.violation(week.coverage(), week.week_counts()), -week.objective())
    _apply(week, move, undo=True)
    return score


def _moves(week: Week, coverage: np.ndarray) -> list[Move]:
    """Swaps, additions and removals that keep every per-session rule."""
    moves: list[Move] = []
    for day in week.days:
        counts_day = week.counts(day)
        for out in list(week.plan[day]):
            c = int(week.cat[out])
            ok = week.feasible_mask(day, remove=out, reserve=False) & (week.cat == c)
            moves += [
                ("swap", day, out, i) for i in _promising(week, out, np.flatnonzero(ok), coverage)
            ]
            if counts_day[c] > week.config.session.of(CATEGORIES[c])[0]:
                moves.append(("remove", day, out, -1))
        ok = week.feasible_mask(day, reserve=False)
        moves += [("add", day, -1, i) for i in _promising(week, None, np.flatnonzero(ok), coverage)]
    return moves


def _repair(week: Week, max_steps: int = 200) -> None:
    """Best-improvement local search on the weekly violation (ties: the better objective)."""
    for _ in range(max_steps):
        coverage = week.coverage()
        current = week.violation(coverage, week.week_counts())
        if current == 0:
            return
        scored = [(_score(week, m), m) for m in _moves(week, coverage)]
        improving = [(score, m) for score, m in scored if score[0] < current]
        if not improving:
            return
        _apply(week, min(improving, key=lambda x: x[0])[1])


def _promising(
    week: Week, out: int | None, candidates: np.ndarray, coverage: np.ndarray
) -> list[int]:
    """One candidate per distinct effect on the weekly rules, the best-gain one of each.

    Weekly rules only see category counts and soleus, gastrocnemius and core coverage, so
    candidates (twins above all) with the same effect on them need only one try.
    """
    if len(candidates) == 0:
        return []
    by_gain = candidates[np.argsort(-week.gains(coverage)[candidates], kind="stable")]
    relevant = [SOL, GAS, *CORE]
    delta = week.cov[by_gain][:, relevant] - (week.cov[out, relevant] if out is not None else 0)
    key = np.column_stack([delta, week.cat[by_gain]])
    _, first = np.unique(key, axis=0, return_index=True)
    return [int(i) for i in by_gain[np.sort(first)]]


def greedy_plan(catalog: Catalog, config: Config) -> GreedyResult:
    started = time.perf_counter()
    week = Week(catalog, config)
    reason = _fill(week)
    if not reason:
        _repair(week)
    days = {d: sorted((week.ex[i].id for i in ids), key=catalog.ids.index) for d, ids in
            week.plan.items()}  # fmt: skip
    elapsed = time.perf_counter() - started
    plan = Plan.from_ids(catalog, config.profile, days)
    violations = [str(v) for v in check_plan(plan, catalog, config)]
    if reason or violations:
        return GreedyResult(None, None, elapsed, reason or violations[0], violations)
    return GreedyResult(days, plan_objective(days, catalog, config), elapsed)
