"""The greedy heuristic's week under construction: the plan so far, with running totals
(coverage, load, category counts, uses) so that each step can test every exercise at once.

`feasible_mask` answers "which exercises may still go on this day" under the per-session
rules (with room kept for the minimums still to fill); `violation` measures how far the
week is from the weekly rules, which the repair pass drives to zero.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from planner.catalog import Catalog, Exercise
from planner.config import Config
from planner.eligibility import eligible_exercises
from planner.targets import marginal_gains, weekly_targets
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS, LEG_CATEGORIES, MUSCLES, next_day

SOL, GAS = MUSCLES.index("soleus"), MUSCLES.index("gastrocnemius")
CORE = [MUSCLES.index(f) for f in CORE_FUNCTIONS]


def choose_days(config: Config) -> list[str]:
    """The session days: fewest back-to-back pairs, then fewest before a key run."""
    key_runs = set(config.week.key_run_days)

    def score(days: tuple[str, ...]) -> tuple[int, int]:
        chosen = set(days)
        back_to_back = sum(next_day(d) in chosen and next_day(d) != d for d in days)
        before_key = sum(next_day(d) in key_runs for d in days)
        return back_to_back, before_key

    combos = itertools.combinations(config.week.available_days, config.week.session_count)
    # min keeps the first (earliest) on ties; kept apart from list() so that mypy infers
    # min's item type from combos, not from the list[str] return type
    best = min(combos, key=score)
    return list(best)


class Week:
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
        gained = self.reward[rows, after] - self.reward[rows, coverage[None, :]]
        delta: np.ndarray = gained.sum(axis=1)  # named type: numpy types fancy indexing as Any
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
        ratio = cfg.balance.soleus_to_gastrocnemius
        if ratio is not None:
            low, high = Fraction(str(ratio[0])), Fraction(str(ratio[1]))
            s, g = int(coverage[SOL]), int(coverage[GAS])
            v += float(max(Fraction(0), low * g - s) + max(Fraction(0), s - high * g))
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
