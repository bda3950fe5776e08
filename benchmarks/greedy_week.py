"""The greedy heuristic's week under construction: the plan so far, with per-exercise arrays
(coverage, the costs a session is capped on, category, family, goal membership) so that
each step can test every exercise at once.

`feasible_mask` answers "which exercises may still go on this day" under the per-session
rules, with room kept for what the day still needs (its category minimums and its goal
dose, at their cheapest); `violation` measures how far the week is from the weekly rules,
which the repair pass drives to zero; `gains` and `objective` are the README objective.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from benchmarks.greedy_fatigue import Fatigue
from planner.catalog.catalog import Catalog, Exercise
from planner.config.config import Config
from planner.model.goal_terms import hardness_score
from planner.training.eligibility import eligible_exercises
from planner.training.kit_defaults import kit_defaults
from planner.training.prescription import (
    MAIN_CATEGORIES,
    coverage_points,
    hardness,
    heavy_work,
    prescribe,
    serves_goal,
)
from planner.training.targets import marginal_gains, weekly_targets
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS, LEG_CATEGORIES, MUSCLES, next_day

SOL, GAS = MUSCLES.index("soleus"), MUSCLES.index("gastrocnemius")
CORE = [MUSCLES.index(f) for f in CORE_FUNCTIONS]
# What a session is capped on, one column each: main-track seconds, paired-track seconds,
# load, leg load (capped the day before a key run only).
MAIN_S, PAIRED_S, LOAD, LEG = range(4)
NO_CAP = np.iinfo(np.int64).max // 4


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


def _costs(exercises: tuple[Exercise, ...], config: Config) -> np.ndarray:
    """(n, 4): each exercise's seconds on the two time tracks, its load and its leg load."""
    rows = []
    for e in exercises:
        d = prescribe(e, config.profile)
        main = e.category in MAIN_CATEGORIES
        rows.append(
            (
                d.busy_s + d.rest_total_s if main else 0,
                d.busy_s if main else d.busy_s + d.rest_total_s,
                e.load,
                e.load if e.category in LEG_CATEGORIES else 0,
            )
        )
    return np.array(rows, dtype=np.int64).reshape(len(exercises), 4)


class Week:
    """The plan under construction, with running totals for cheap feasibility checks."""

    def __init__(self, catalog: Catalog, config: Config) -> None:
        self.catalog = catalog
        self.config = config
        profile = config.profile
        self.ex: tuple[Exercise, ...] = eligible_exercises(catalog, config)
        self.n = len(self.ex)
        self.index = {e.id: i for i, e in enumerate(self.ex)}
        shape = (self.n, len(MUSCLES))
        # raw catalog points (the balance rules) and points with intensity (the objective)
        self.cov = np.array([e.coverage for e in self.ex], dtype=np.int64).reshape(shape)
        points = [coverage_points(e, m, profile) for e in self.ex for m in MUSCLES]
        self.pts = np.array(points, dtype=np.int64).reshape(shape)
        self.cost = _costs(self.ex, config)
        self.load = self.cost[:, LOAD]
        self.cat = np.array([CATEGORIES.index(e.category) for e in self.ex], dtype=np.int64)
        families = sorted({e.family for e in self.ex})
        self.fam = np.array([families.index(e.family) for e in self.ex], dtype=np.int64)
        self.kit = kit_defaults(config, self.ex)
        self.most_uses = np.array([self.kit.uses[e.category] for e in self.ex], dtype=np.int64)
        self.member = np.array([serves_goal(e, profile) for e in self.ex], dtype=bool)
        self.hardness = np.array([hardness(e) for e in self.ex], dtype=np.int64)
        self.heavy = {
            c: (least, np.array([heavy_work(e, c) for e in self.ex], dtype=bool))
            for c, least in profile.heavy_per_week.items()
            if least
        }
        self.days = choose_days(config)
        self.key_runs = set(config.week.key_run_days)
        eves = [d for d in self.days if next_day(d) in self.key_runs]
        self.dose = {d: profile.eve_dose if d in eves else profile.dose for d in self.days}
        self.limits = {d: self._limits(d in eves) for d in self.days}
        targets = weekly_targets(config.athlete.goal, config.week.session_count)
        # reward[m][c] = R_m(min(c, T_m)) for c up to the largest reachable coverage
        top = int(self.pts.sum(axis=0).max(initial=0)) * 7 + 4
        self.reward = np.zeros((len(MUSCLES), top + 1), dtype=np.int64)
        for m, muscle in enumerate(MUSCLES):
            cumulative = np.concatenate([[0], np.cumsum(marginal_gains(targets[muscle]))])
            self.reward[m] = cumulative[np.minimum(np.arange(top + 1), targets[muscle])]
        w = config.objective
        self.w_cov, self.w_load, self.w_var, self.w_hard = (
            w.coverage, w.load, w.variety, w.hardness,
        )  # fmt: skip
        self.eve_cost = w.rest_before_key_runs * len(eves)
        self.target_load = profile.weekly_load
        self.plan: dict[str, list[int]] = {d: [] for d in self.days}
        self.uses = np.zeros(self.n, dtype=np.int64)
        # the cheapest cost, column by column, in each category and (last) among the goal's
        self.cheapest = np.zeros((len(CATEGORIES) + 1, 4), dtype=np.int64)
        for c, members in enumerate(
            [*(self.cat == c for c in range(len(CATEGORIES))), self.member]
        ):
            if members.any():
                self.cheapest[c] = self.cost[members].min(axis=0)
        self.dose_categories = [CATEGORIES.index(c) for c in profile.dose_categories]
        self.fatigue = Fatigue(self.ex, config)

    def _limits(self, eve: bool) -> np.ndarray:
        cfg = self.config
        seconds = 60 * cfg.week.max_session_minutes
        leg_cap = cfg.load.max_lower_before_key_run
        leg = leg_cap if eve and leg_cap is not None else NO_CAP
        return np.array([seconds, seconds, cfg.load.max_session, leg], dtype=np.int64)

    # ---- totals -------------------------------------------------------------------
    def chosen(self) -> list[int]:
        return [i for ids in self.plan.values() for i in ids]

    def week_counts(self) -> np.ndarray:
        return np.bincount(self.cat[self.chosen()], minlength=len(CATEGORIES))

    def needs(self, day: str, ids: list[int] | None = None) -> np.ndarray:
        """What the day still lacks: each category's minimum, then (last) the goal dose."""
        ids = self.plan[day] if ids is None else ids
        low = np.array([self.config.session.of(c)[0] for c in CATEGORIES], dtype=np.int64)
        counts = np.bincount(self.cat[ids], minlength=len(CATEGORIES))
        goal = self.dose[day] - int(self.member[ids].sum())
        return np.append(np.maximum(low - counts, 0), max(0, goal))

    def reserve(self, needs: np.ndarray) -> np.ndarray:
        """The cheapest cost of what a day still needs; a goal exercise also fills a
        minimum of its category."""
        lacking = needs[:-1].copy()
        goal = remaining = int(needs[-1])
        for c in self.dose_categories:
            taken = min(remaining, int(lacking[c]))
            lacking[c] -= taken
            remaining -= taken
        total: np.ndarray = lacking @ self.cheapest[:-1] + goal * self.cheapest[-1]
        return total

    def last_pin(self, i: int) -> bool:
        """i is pinned and used once: it may not leave the week."""
        return self.ex[i].id in self.config.include.exercises and self.uses[i] == 1

    def removable(self, day: str, i: int) -> bool:
        """Removing i keeps the day's minimums and goal dose and every pin in the week."""
        rest = [j for j in self.plan[day] if j != i]
        return not self.last_pin(i) and not self.needs(day, rest).any()

    # ---- objective ------------------------------------------------------------------
    def gains(self) -> np.ndarray:
        """Marginal objective gain of adding each exercise once more to the week."""
        points = self.pts[self.chosen()].sum(axis=0)
        after = np.minimum(points[None, :] + self.pts, self.reward.shape[1] - 1)
        rows = np.arange(len(MUSCLES))[None, :]
        gained = self.reward[rows, after] - self.reward[rows, points[None, :]]
        delta: np.ndarray = gained.sum(axis=1)  # named type: numpy types fancy indexing as Any
        load = int(self.load[self.chosen()].sum())
        off: np.ndarray = np.maximum(load + self.load - self.target_load, 0)
        off -= max(load - self.target_load, 0)
        gain: np.ndarray = self.w_cov * delta - self.w_load * off - self.w_var * (self.uses > 0)
        return gain

    def objective(self) -> int:
        chosen = self.chosen()
        points = self.pts[chosen].sum(axis=0)
        rows = np.arange(len(MUSCLES))
        reward = int(self.reward[rows, np.minimum(points, self.reward.shape[1] - 1)].sum())
        off = max(int(self.load[chosen].sum()) - self.target_load, 0)
        repeats = len(set(chosen)) - len(chosen)
        sessions = {d: [self.ex[i] for i in ids] for d, ids in self.plan.items()}
        hard = self.w_hard * hardness_score(sessions, self.catalog, self.config)
        return self.w_cov * reward - self.w_load * off + self.w_var * repeats - self.eve_cost + hard

    # ---- per-session feasibility ----------------------------------------------------
    def feasible_mask(
        self, day: str, remove: int | None = None, reserve: bool = True
    ) -> np.ndarray:
        """Which exercises could be added to `day` (after removing `remove`, if given).

        With `reserve`, an addition must leave room for what the day still needs after it
        (and, under a weekly load cap, for what the other days still need). A swap (a
        `remove`) that takes away a goal exercise the dose needs must bring one back.
        """
        cfg = self.config
        ids = [i for i in self.plan[day] if i != remove]
        ok = np.ones(self.n, dtype=bool)
        counts = np.bincount(self.cat[ids], minlength=len(CATEGORIES))
        week_counts = self.week_counts()
        if remove is not None:
            week_counts[self.cat[remove]] -= 1
            ok[remove] = False
        for c, cat in enumerate(CATEGORIES):
            if counts[c] >= cfg.session.of(cat)[1]:
                ok &= self.cat != c
            band = cfg.weekly.of(cat)
            if band is not None and week_counts[c] >= band[1]:
                ok &= self.cat != c
        ok[ids] = False
        needs = self.needs(day, ids)
        if remove is not None and needs[-1] > self.needs(day)[-1]:
            ok &= self.member
        after = np.zeros((self.n, 4), dtype=np.int64)
        if reserve:
            # what is left to need after adding each candidate: one less of its category
            # (if lacking) and of the goal dose (if it serves the goal)
            for c in range(len(CATEGORIES)):
                for goal in (False, True):
                    left = needs.copy()
                    left[c] = max(0, left[c] - 1)
                    left[-1] = max(0, left[-1] - int(goal))
                    after[(self.cat == c) & (self.member == goal)] = self.reserve(left)
        used = self.cost[ids].sum(axis=0)
        ok &= np.all(used + self.cost + after <= self.limits[day], axis=1)
        if cfg.load.max_week is not None:
            load = int(self.load[self.chosen()].sum())
            load -= int(self.load[remove]) if remove is not None else 0
            if reserve:
                load += sum(int(self.reserve(self.needs(d))[LOAD]) for d in self.days if d != day)
            ok &= load + self.load + after[:, LOAD] <= cfg.load.max_week
        families = {int(self.fam[i]) for i in ids}
        for other in self.days:
            if other != day and (next_day(other) == day or next_day(day) == other):
                families |= {int(self.fam[i]) for i in self.plan[other]}
        if families:
            ok &= ~np.isin(self.fam, list(families))
        uses = self.uses.copy()
        if remove is not None:
            uses[remove] -= 1
        ok &= uses < self.most_uses
        week = [i for i in self.chosen() if i != remove]
        ok &= self.fatigue.mask(day, ids, week)
        return ok

    def add(self, day: str, i: int) -> None:
        self.plan[day].append(i)
        self.uses[i] += 1

    def remove(self, day: str, i: int) -> None:
        self.plan[day].remove(i)
        self.uses[i] -= 1

    # ---- weekly rules ---------------------------------------------------------------
    def violation(self) -> float:
        """How far the week is from its weekly rules (0: all kept); raw catalog coverage."""
        cfg = self.config
        coverage = self.cov[self.chosen()].sum(axis=0)
        week_counts = self.week_counts()
        v = 0.0
        for c, cat in enumerate(CATEGORIES):
            band = cfg.weekly.of(cat)
            if band is not None:
                v += max(0, band[0] - week_counts[c]) + max(0, week_counts[c] - band[1])
        ratio = cfg.balance.soleus_to_gastrocnemius
        if ratio is not None:
            low, high = Fraction(str(ratio[0])), Fraction(str(ratio[1]))
            low = self.kit.soleus_low if self.kit.soleus_low is not None else low
            s, g = int(coverage[SOL]), int(coverage[GAS])
            v += float(max(Fraction(0), low * g - s) + max(Fraction(0), s - high * g))
        for f, m in zip(CORE_FUNCTIONS, CORE, strict=True):
            v += max(0, cfg.balance.core_min.of(f) - int(coverage[m]))
        if cfg.balance.core_spread is not None:
            core = [int(coverage[m]) for m in CORE]
            v += max(0, max(core) - min(core) - cfg.balance.core_spread)
        chosen = self.chosen()
        for least, heavy in self.heavy.values():
            v += max(0, least - int(heavy[chosen].sum()))
        return v
