"""planner's weekly model written directly as a MIP and solved by HiGHS (highspy).

Same variables, same hard rules and the same objective with the same integer coefficients
as `planner/model/` (see README, "The model"), but written here from the rule
definitions, row by row, without OR-Tools. Its optimum must equal CP-SAT's; a difference
means one of the two models is wrong.

Columns (all binary): does[day, exercise] for the eligible exercises, trains_on[day],
covered[muscle, k] (ordered unit coverage segments, gain marginal_gains(T_m)[k]) and
used[exercise]. Objective (maximised):
    w_cov * sum gains * covered - w_load * sum load * does + w_var * sum (used - does)
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import permutations

import numpy as np

from benchmarks.cpsat_run import SolveTimes, gap_times
from planner.catalog import Catalog, Exercise
from planner.config import Config
from planner.eligibility import eligible_exercises
from planner.targets import marginal_gains, weekly_targets
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS, LEG_CATEGORIES, MUSCLES, next_day

INF = float("inf")


@dataclass
class Mip:
    """A maximisation MIP over binary columns, rows as lower <= sum(coef * col) <= upper."""

    names: list[str] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_start: list[int] = field(default_factory=lambda: [0])
    row_index: list[int] = field(default_factory=list)
    row_value: list[float] = field(default_factory=list)
    row_names: list[str] = field(default_factory=list)
    does: dict[tuple[str, str], int] = field(default_factory=dict)
    trains_on: dict[str, int] = field(default_factory=dict)
    days: tuple[str, ...] = ()

    def column(self, name: str, cost: float = 0.0) -> int:
        self.names.append(name)
        self.cost.append(cost)
        return len(self.names) - 1

    def row(
        self, name: str, terms: dict[int, float], lower: float = -INF, upper: float = INF
    ) -> None:
        terms = {c: v for c, v in terms.items() if v}
        self.row_names.append(name)
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.row_index.extend(terms)
        self.row_value.extend(terms.values())
        self.row_start.append(len(self.row_index))

    def objective_of(self, values: list[float]) -> float:
        return float(np.dot(self.cost, values))


def _sum(cols: dict[int, float], more: dict[int, float], factor: float = 1.0) -> dict[int, float]:
    out = dict(cols)
    for c, v in more.items():
        out[c] = out.get(c, 0.0) + factor * v
    return out


def build_mip(catalog: Catalog, config: Config) -> Mip:
    exercises: tuple[Exercise, ...] = eligible_exercises(catalog, config)
    days = tuple(config.week.available_days)
    m = Mip(days=days)
    for d in days:
        for e in exercises:
            m.does[d, e.id] = m.column(f"does[{d},{e.id}]")
    for d in days:
        m.trains_on[d] = m.column(f"trains_on[{d}]")

    def on(
        day: str, members: list[Exercise], weight: dict[str, int] | None = None
    ) -> dict[int, float]:
        return {
            m.does[day, e.id]: float(weight[e.id] if weight else 1)
            for e in members
            if weight is None or weight[e.id]
        }

    def week(weight: dict[str, int]) -> dict[int, float]:
        out: dict[int, float] = {}
        for d in days:
            out.update(on(d, list(exercises), weight))
        return out

    sessions = config.week.session_count
    # sessions_on_available_days
    m.row("week.sessions", {m.trains_on[d]: 1.0 for d in days}, sessions, sessions)
    for d in days:
        for e in exercises:
            m.row("does=>trains", {m.does[d, e.id]: 1.0, m.trains_on[d]: -1.0}, upper=0)
    # allowed_exercises_only: only eligible exercises get columns at all (as build_model).
    by_category = {c: [e for e in exercises if e.category == c] for c in CATEGORIES}
    # category_counts_per_session
    for c in CATEGORIES:
        low, high = config.session.of(c)
        for d in days:
            count = on(d, by_category[c])
            m.row(f"session.{c}.min", _sum(count, {m.trains_on[d]: -low}), lower=0)
            m.row(f"session.{c}.max", _sum(count, {m.trains_on[d]: -high}), upper=0)
    # category_counts_per_week
    for c in CATEGORIES:
        band = config.weekly.of(c)
        if band is not None:
            total: dict[int, float] = {}
            for d in days:
                total.update(on(d, by_category[c]))
            m.row(f"weekly.{c}", total, band[0], band[1])
    minutes = {e.id: e.minutes for e in exercises}
    load = {e.id: e.load for e in exercises}
    for d in days:  # session_minutes, session_load
        m.row("minutes", on(d, list(exercises), minutes), upper=config.week.max_session_minutes)
        m.row("load.session", on(d, list(exercises), load), upper=config.load.max_session)
    if config.load.max_week is not None:  # weekly_load
        m.row("load.week", week(load), upper=config.load.max_week)
    families: dict[str, list[Exercise]] = {}
    for e in exercises:
        families.setdefault(e.family, []).append(e)
    for members in families.values():  # one_exercise_per_family_per_session
        if len(members) > 1:
            for d in days:
                m.row("family.session", on(d, members), upper=1)
    for d in days:  # no_family_on_consecutive_days
        following = next_day(d)
        if following == d or following not in days:
            continue
        for members in families.values():
            m.row("family.consecutive", _sum(on(d, members), on(following, members)), upper=1)
    limit = config.variety.max_per_week
    if limit < len(days):  # max_uses_per_week
        for e in exercises:
            m.row("uses", {m.does[d, e.id]: 1.0 for d in days}, upper=limit)
    cap = config.load.max_lower_before_key_run
    if cap is not None:  # light_legs_before_key_runs
        key_runs = set(config.week.key_run_days)
        legs = {e.id: e.load if e.category in LEG_CATEGORIES else 0 for e in exercises}
        for d in days:
            if next_day(d) in key_runs:
                m.row("legs.before_key_run", on(d, list(exercises), legs), upper=cap)
    coverage = {mu: week({e.id: e.covers(mu) for e in exercises}) for mu in MUSCLES}
    ratio = config.balance.soleus_to_gastrocnemius
    if ratio is not None:  # soleus_gastrocnemius_band
        lo, hi = (Fraction(str(x)) for x in ratio)  # not low/high: those are int counts above
        sol, gas = coverage["soleus"], coverage["gastrocnemius"]
        m.row("soleus.low", _sum(_sum({}, sol, lo.denominator), gas, -lo.numerator), lower=0)
        m.row("soleus.high", _sum(_sum({}, sol, hi.denominator), gas, -hi.numerator), upper=0)
    for f in CORE_FUNCTIONS:  # core_function_minimums
        minimum = config.balance.core_min.of(f)
        if minimum:
            m.row(f"core_min.{f}", coverage[f], lower=minimum)
    spread = config.balance.core_spread
    if spread is not None:  # core_function_spread
        for a, b in permutations(CORE_FUNCTIONS, 2):
            m.row("core_spread", _sum(coverage[a], coverage[b], -1.0), upper=spread)

    w = config.objective
    # coverage_toward_targets: ordered unit segments with decreasing gains
    targets = weekly_targets(config.athlete.goal, sessions)
    uses = min(config.variety.max_per_week, sessions)
    for mu in MUSCLES:
        best = sum(p for p in (e.covers(mu) for e in exercises) if p)
        reachable = min(targets[mu], best * uses)
        if reachable <= 0:
            continue
        gains = marginal_gains(targets[mu])[:reachable]
        segments = [m.column(f"covered[{mu},{k + 1}]", w.coverage * g) for k, g in enumerate(gains)]
        m.row(f"covered.{mu}", _sum({s: 1.0 for s in segments}, coverage[mu], -1.0), upper=0)
        for earlier, later in itertools.pairwise(segments):
            m.row("covered.order", {later: 1.0, earlier: -1.0}, upper=0)
    # weekly_load_penalty and repeats_avoided: -w_load * load, w_var * (used - slots)
    for d in days:
        for e in exercises:
            m.cost[m.does[d, e.id]] = -w.load * e.load - w.variety
    for e in exercises:
        used = m.column(f"used[{e.id}]", w.variety)
        m.row("used", _sum({used: 1.0}, {m.does[d, e.id]: -1.0 for d in days}), upper=0)
    return m


def run_highs(
    catalog: Catalog,
    config: Config,
    *,
    threads: int = 1,
    time_limit: float | None = None,
    callbacks: bool = True,
    options: dict[str, bool | float | str] | None = None,
) -> SolveTimes:
    """Solve the MIP with HiGHS, timing first plan / 1 % gap / proof like run_cpsat.

    `callbacks=False` skips the progress callbacks (first plan and 1 % gap are then unknown)
    to measure their overhead; `options` are extra HiGHS options, for experiments.
    """
    import highspy

    t0 = time.perf_counter()
    mip = build_mip(catalog, config)
    # highspy (1.16) leaves Highs.__init__ unannotated, so mypy calls it untyped
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", threads)
    h.setOptionValue("random_seed", config.solver.seed)
    h.setOptionValue("time_limit", float(time_limit or config.solver.time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)  # prove optimality, like CP-SAT
    for key, value in (options or {}).items():
        h.setOptionValue(key, value)
    n = len(mip.names)
    h.addVars(n, np.zeros(n), np.ones(n))
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(mip.cost, dtype=np.float64))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.addRows(
        len(mip.row_lower),
        np.array(mip.row_lower, dtype=np.float64),
        np.array(mip.row_upper, dtype=np.float64),
        len(mip.row_index),
        np.array(mip.row_start[:-1], dtype=np.int32),
        np.array(mip.row_index, dtype=np.int32),
        np.array(mip.row_value, dtype=np.float64),
    )
    build_s = time.perf_counter() - t0
    events: list[tuple[float, float | None, float | None]] = []
    started = [0.0]

    def improving(e: object) -> None:
        out = e.data_out  # type: ignore[attr-defined]
        events.append((time.perf_counter() - started[0], out.objective_function_value, None))

    def interrupt(e: object) -> None:
        out = e.data_out  # type: ignore[attr-defined]
        events.append((time.perf_counter() - started[0], None, out.mip_dual_bound))

    if callbacks:
        h.cbMipImprovingSolution.subscribe(improving)
        h.cbMipInterrupt.subscribe(interrupt)
    cpu0 = time.process_time()
    started[0] = time.perf_counter()
    h.run()
    solve_s = time.perf_counter() - started[0]
    cpu_s = time.process_time() - cpu0
    model_status = h.getModelStatus()
    info = h.getInfo()
    status = {
        highspy.HighsModelStatus.kOptimal: "OPTIMAL",
        highspy.HighsModelStatus.kInfeasible: "INFEASIBLE",
    }.get(model_status, "UNKNOWN")
    plan = objective = bound = None
    if info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible:
        values = list(h.getSolution().col_value)
        plan = {
            d: [i for (day, i), c in mip.does.items() if day == d and values[c] > 0.5]
            for d in mip.days
            if values[mip.trains_on[d]] > 0.5
        }
        objective = round(info.objective_function_value)
        bound = int(np.floor(info.mip_dual_bound + 1e-6))
        if status == "UNKNOWN":
            status = "FEASIBLE"
    first, gap1 = gap_times(events)
    if status == "OPTIMAL" and gap1 is None:
        gap1 = solve_s
    if first is None and plan is not None and callbacks:
        first = solve_s
    return SolveTimes(
        solver="highs",
        status=status,
        objective=objective,
        bound=bound,
        first_s=first,
        gap1_s=gap1,
        optimal_s=solve_s if status == "OPTIMAL" else None,
        solve_s=solve_s,
        build_s=build_s,
        cpu_s=cpu_s,
        plan=plan,
        extra={
            "columns": len(mip.names),
            "rows": len(mip.row_lower),
            "nodes": info.mip_node_count,
            "highs_status": h.modelStatusToString(model_status),
        },
    )
