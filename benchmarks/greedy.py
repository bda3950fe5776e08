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

import itertools
import time
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from benchmarks.objective import plan_objective
from planner.catalog import Catalog, Exercise
from planner.check import check_plan
from planner.config import Config
from planner.eligibility import eligible_exercises
from planner.plan import Plan
from planner.targets import marginal_gains, weekly_targets
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS, LEG_CATEGORIES, MUSCLES, next_day

SOL, GAS = MUSCLES.index("soleus"), MUSCLES.index("gastrocnemius")
CORE = [MUSCLES.index(f) for f in CORE_FUNCTIONS]


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


def choose_days(config: Config) -> list[str]:
    key_runs = set(config.week.key_run_days)

    def score(days: tuple[str, ...]) -> tuple[int, int]:
        chosen = set(days)
        back_to_back = sum(next_day(d) in chosen and next_day(d) != d for d in days)
        before_key = sum(next_day(d) in key_runs for d in days)
        return back_to_back, before_key

    combos = itertools.combinations(config.week.available_days, config.week.session_count)
    return list(min(combos, key=score))  # min keeps the first (earliest) on ties


class _Week:
    """The plan under construction, with running totals for cheap feasibility checks."""

    def __init__(self, catalog: Catalog, config: Config) -> None:
        self.config = config
        self.ex: tuple[Exercise, ...] = eligible_exercises(catalog, config)
        self.n = len(self.ex)
        self.cov = np.array([e.coverage for e in self.ex], dtype=np.int64).reshape(
            self.n, len(MUSCLES)
        )
        self.load = np.array([e.load for e in self.ex], dtype=np.int64)
        self.minutes = np.array([e.minutes for e in self.ex], dtype=np.int64)
        self.cat = np.array([CATEGORIES.index(e.category) for e in self.ex], dtype=np.int64)
        self.leg = np.array([e.category in LEG_CATEGORIES for e in self.ex])
        families = sorted({e.family for e in self.ex})
        self.fam = np.array([families.index(e.family) for e in self.ex], dtype=np.int64)
        self.days = choose_days(config)
        self.key_runs = set(config.week.key_run_days)
        targets = weekly_targets(config.athlete.goal, config.week.session_count)
        # reward[m][c] = R_m(min(c, T_m)) for c up to the largest reachable coverage
        top = int(self.cov.sum(axis=0).max(initial=0)) * 7 + 4
        self.reward = np.zeros((len(MUSCLES), top + 1), dtype=np.int64)
        for m, muscle in enumerate(MUSCLES):
            cumulative = np.concatenate([[0], np.cumsum(marginal_gains(targets[muscle]))])
            self.reward[m] = cumulative[np.minimum(np.arange(top + 1), targets[muscle])]
        w = config.objective
        self.w_cov, self.w_load, self.w_var = w.coverage, w.load, w.variety
        self.plan: dict[str, list[int]] = {d: [] for d in self.days}
        self.uses = np.zeros(self.n, dtype=np.int64)
        # cheapest minutes / load / leg load per category, for the reserve
        self.cheapest: dict[int, tuple[int, int, int]] = {}
        for c in range(len(CATEGORIES)):
            members = self.cat == c
            if members.any():
                self.cheapest[c] = (
                    int(self.minutes[members].min()),
                    int(self.load[members].min()),
                    int(np.where(self.leg, self.load, 0)[members].min()),
                )

    # ---- totals -------------------------------------------------------------------
    def coverage(self) -> np.ndarray:
        chosen = [i for ids in self.plan.values() for i in ids]
        return self.cov[chosen].sum(axis=0) if chosen else np.zeros(len(MUSCLES), np.int64)

    def total_load(self) -> int:
        return int(sum(self.load[i] for ids in self.plan.values() for i in ids))

    def counts(self, day: str) -> np.ndarray:
        return np.bincount(self.cat[self.plan[day]], minlength=len(CATEGORIES))

    def week_counts(self) -> np.ndarray:
        chosen = [i for ids in self.plan.values() for i in ids]
        return np.bincount(self.cat[chosen], minlength=len(CATEGORIES))

    def gains(self, coverage: np.ndarray) -> np.ndarray:
        """Marginal objective gain of adding each exercise once more, given coverage."""
        after = np.minimum(coverage[None, :] + self.cov, self.reward.shape[1] - 1)
        rows = np.arange(len(MUSCLES))[None, :]
        delta = (self.reward[rows, after] - self.reward[rows, coverage[None, :]]).sum(axis=1)
        return self.w_cov * delta - self.w_load * self.load - self.w_var * (self.uses > 0)

    # ---- per-session feasibility ----------------------------------------------------
    def deficits(self, day: str) -> dict[int, int]:
        counts = self.counts(day)
        return {
            c: self.config.session.of(cat)[0] - int(counts[c])
            for c, cat in enumerate(CATEGORIES)
            if self.config.session.of(cat)[0] > counts[c]
        }

    def reserve(self, deficits: dict[int, int]) -> tuple[int, int, int]:
        minutes = load = leg = 0
        for c, k in deficits.items():
            if c in self.cheapest:
                minutes += k * self.cheapest[c][0]
                load += k * self.cheapest[c][1]
                leg += k * self.cheapest[c][2]
        return minutes, load, leg

    def feasible_mask(
        self, day: str, remove: int | None = None, reserve: bool = True
    ) -> np.ndarray:
        """Which exercises could be added to `day` (after removing `remove`, if given)."""
        cfg = self.config
        ids = [i for i in self.plan[day] if i != remove]
        ok = np.ones(self.n, dtype=bool)
        counts = np.bincount(self.cat[ids], minlength=len(CATEGORIES))
        week_counts = self.week_counts()
        if remove is not None:
            week_counts[self.cat[remove]] -= 1
        for c, cat in enumerate(CATEGORIES):
            if counts[c] >= cfg.session.of(cat)[1]:
                ok &= self.cat != c
            band = cfg.weekly.of(cat)
            if band is not None and week_counts[c] >= band[1]:
                ok &= self.cat != c
        ok[ids] = False
        if remove is not None:
            ok[remove] = False
        deficits = {}
        if reserve:
            deficits = {
                c: cfg.session.of(cat)[0] - int(counts[c])
                for c, cat in enumerate(CATEGORIES)
                if cfg.session.of(cat)[0] > counts[c]
            }
        # filling a deficit category releases that category's reserve
        r_min, r_load, r_leg = self.reserve(deficits)
        release_min = np.zeros(self.n, dtype=np.int64)
        release_load = np.zeros(self.n, dtype=np.int64)
        release_leg = np.zeros(self.n, dtype=np.int64)
        for c in deficits:
            if c in self.cheapest:
                members = self.cat == c
                release_min[members] = self.cheapest[c][0]
                release_load[members] = self.cheapest[c][1]
                release_leg[members] = self.cheapest[c][2]
        minutes = int(self.minutes[ids].sum())
        load = int(self.load[ids].sum())
        ok &= minutes + self.minutes + r_min - release_min <= cfg.week.max_session_minutes
        ok &= load + self.load + r_load - release_load <= cfg.load.max_session
        if cfg.load.max_week is not None:
            week_load = self.total_load() - (int(self.load[remove]) if remove is not None else 0)
            later = sum(self.reserve(self.deficits(d))[1] for d in self.days if d != day)
            ok &= week_load + self.load + later + r_load - release_load <= cfg.load.max_week
        cap = cfg.load.max_lower_before_key_run
        if cap is not None and next_day(day) in self.key_runs:
            leg_load = int(self.load[[i for i in ids if self.leg[i]]].sum())
            ok &= ~self.leg | (leg_load + self.load + r_leg - release_leg <= cap)
        families = {int(self.fam[i]) for i in ids}
        for other in self.days:
            if other != day and (next_day(other) == day or next_day(day) == other):
                families |= {int(self.fam[i]) for i in self.plan[other]}
        if families:
            ok &= ~np.isin(self.fam, list(families))
        uses = self.uses.copy()
        if remove is not None:
            uses[remove] -= 1
        ok &= uses < cfg.variety.max_per_week
        return ok

    def add(self, day: str, i: int) -> None:
        self.plan[day].append(i)
        self.uses[i] += 1

    def remove(self, day: str, i: int) -> None:
        self.plan[day].remove(i)
        self.uses[i] -= 1

    # ---- weekly rules ---------------------------------------------------------------
    def violation(self, coverage: np.ndarray, week_counts: np.ndarray) -> float:
        cfg = self.config
        v = 0.0
        for c, cat in enumerate(CATEGORIES):
            band = cfg.weekly.of(cat)
            if band is not None:
                v += max(0, band[0] - week_counts[c]) + max(0, week_counts[c] - band[1])
        band = cfg.balance.soleus_to_gastrocnemius
        if band is not None:
            low, high = Fraction(str(band[0])), Fraction(str(band[1]))
            s, g = int(coverage[SOL]), int(coverage[GAS])
            v += float(max(0, low * g - s) + max(0, s - high * g))
        for f, m in zip(CORE_FUNCTIONS, CORE, strict=True):
            v += max(0, cfg.balance.core_min.of(f) - int(coverage[m]))
        if cfg.balance.core_spread is not None:
            core = [int(coverage[m]) for m in CORE]
            v += max(0, max(core) - min(core) - cfg.balance.core_spread)
        return v

    def objective(self) -> int:
        coverage = self.coverage()
        rows = np.arange(len(MUSCLES))
        reward = int(self.reward[rows, np.minimum(coverage, self.reward.shape[1] - 1)].sum())
        chosen = [i for ids in self.plan.values() for i in ids]
        repeats = len(set(chosen)) - len(chosen)
        return self.w_cov * reward - self.w_load * self.total_load() + self.w_var * repeats


def _fill(week: _Week) -> str:
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


def _apply(week: _Week, move: Move, undo: bool = False) -> None:
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


def _score(week: _Week, move: Move) -> tuple[float, int]:
    """(weekly violation, -objective) after the move; the week is left unchanged."""
    _apply(week, move)
    score = (week.violation(week.coverage(), week.week_counts()), -week.objective())
    _apply(week, move, undo=True)
    return score


def _moves(week: _Week, coverage: np.ndarray) -> list[Move]:
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


def _repair(week: _Week, max_steps: int = 200) -> None:
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
    week: _Week, out: int | None, candidates: np.ndarray, coverage: np.ndarray
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
    week = _Week(catalog, config)
    reason = _fill(week)
    if not reason:
        _repair(week)
    days = {d: sorted((week.ex[i].id for i in ids), key=catalog.ids.index) for d, ids in
            week.plan.items()}  # fmt: skip
    elapsed = time.perf_counter() - started
    plan = Plan.from_ids(catalog, config.athlete.goal, days)
    violations = [str(v) for v in check_plan(plan, catalog, config)]
    if reason or violations:
        return GreedyResult(None, None, elapsed, reason or violations[0], violations)
    return GreedyResult(days, plan_objective(days, catalog, config), elapsed)
