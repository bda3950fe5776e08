"""planner's weekly model written directly as a MIP and solved by HiGHS (highspy).

Same variables, same hard rules and the same objective with the same integer coefficients
as `planner/model/` (see README, "The model"), but written here from the rule
definitions, row by row, without OR-Tools (the MIP itself is built in `mip.py`). Its
optimum must equal CP-SAT's; a difference means one of the two models is wrong.

Columns (binary unless said): does[day, exercise] for the eligible exercises (no twin
merging), trains_on[day], covered[muscle, k] (ordered unit coverage segments, gain
marginal_gains(T_m)[k]), used[exercise], the integer load_over >= L - T (>= 0) and the
integer hardness steps hardest[..., g] (0..dose).
Objective (maximised):
    w_cov * sum gains * covered - w_load * load_over + w_var * sum (used - does)
    - w_eve * sum trains_on[d] over the days before a key run + w_hard * sum hardest
where coverage counts `prescription.coverage_points` (intensity included) and L - T is the
week's load minus the goal profile's weekly load. Time per session is two rows, in
seconds: the main track (lower and plyometric work with their rests) and the paired track
(their work plus every other exercise's work and rests), from `prescription.prescribe`.
"""

from __future__ import annotations

import itertools
import time
from fractions import Fraction
from itertools import permutations

from benchmarks.cpsat_run import SolveTimes
from benchmarks.highs_fatigue import at_least, beyond_dose_rows, fatigue_rows, loaded_dose_rows
from benchmarks.highs_run import solve_mip
from benchmarks.mip import Mip, Terms, add
from planner.catalog.catalog import Catalog, Exercise
from planner.config.config import Config
from planner.rulebook import rule
from planner.training.eligibility import eligible_exercises
from planner.training.kit_defaults import kit_defaults
from planner.training.prescription import (
    MAIN_CATEGORIES,
    MAX_HARDNESS,
    coverage_points,
    hardness,
    heavy_work,
    prescribe,
    serves_goal,
)
from planner.training.stress import light_leg_days
from planner.training.targets import marginal_gains, weekly_targets
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS, LEG_CATEGORIES, MUSCLES, next_day


def build_mip(catalog: Catalog, config: Config) -> Mip:
    exercises: tuple[Exercise, ...] = eligible_exercises(catalog, config)
    days = tuple(config.week.available_days)
    m = Mip(days=days, exercises=exercises)
    for d in days:
        for e in exercises:
            m.does[d, e.id] = m.column(f"does[{d},{e.id}]")
    for d in days:
        m.trains_on[d] = m.column(f"trains_on[{d}]")
    _session_rules(m, config)
    _week_rules(m, config)
    _objective(m, config)
    return m


def _session_rules(m: Mip, config: Config) -> None:
    """The rules that hold day by day."""
    exercises, days = m.exercises, m.days
    sessions = config.week.session_count
    # sessions_on_available_days
    m.row("week.sessions", {m.trains_on[d]: 1.0 for d in days}, sessions, sessions)
    for d in days:
        m.row("trains=>something", add(m.on(d, exercises), {m.trains_on[d]: -1.0}), lower=0)
        for e in exercises:
            m.row("does=>trains", {m.does[d, e.id]: 1.0, m.trains_on[d]: -1.0}, upper=0)
    # allowed_exercises_only: only eligible exercises get columns at all (as build_model).
    # category_counts_per_session (the profile's jumps give way where the legs stay light)
    light = light_leg_days(config)
    for c in CATEGORIES:
        low, high = config.session.of(c)
        members = [e for e in exercises if e.category == c]
        for d in days:
            count = m.on(d, members)
            key = rule("category_counts_per_session").key_for(c)
            if low and not (c == "plyometric" and d in light and config.defaulted(key)):
                at_least(m, config, key, add(count, {m.trains_on[d]: -low}), 0)
            m.row(f"session.{c}.max", add(count, {m.trains_on[d]: -high}), upper=0)
    # session_minutes: main track = main lifts with their rests; paired track = main lifts'
    # work plus the other exercises' work and rests; both within the session's seconds
    main: dict[str, int] = {}
    paired: dict[str, int] = {}
    for e in exercises:
        dosed = prescribe(e, config.profile)
        is_main = e.category in MAIN_CATEGORIES
        main[e.id] = dosed.busy_s + dosed.rest_total_s if is_main else 0
        paired[e.id] = dosed.busy_s if is_main else dosed.busy_s + dosed.rest_total_s
    seconds = 60 * config.week.max_session_minutes
    load = {e.id: e.load for e in exercises}
    for d in days:  # session_minutes, session_load
        m.row("seconds.main", m.on(d, exercises, main), upper=seconds)
        m.row("seconds.paired", m.on(d, exercises, paired), upper=seconds)
        m.row("load.session", m.on(d, exercises, load), upper=config.load.max_session)
    families: dict[str, list[Exercise]] = {}
    for e in exercises:
        families.setdefault(e.family, []).append(e)
    for members in families.values():  # one_exercise_per_family_per_session
        if len(members) > 1:
            for d in days:
                m.row("family.session", m.on(d, members), upper=1)
    for d in days:  # no_family_on_consecutive_days
        following = next_day(d)
        if following == d or following not in days:
            continue
        for members in families.values():
            m.row("family.consecutive", add(m.on(d, members), m.on(following, members)), upper=1)
    key_runs = set(config.week.key_run_days)
    cap = config.load.max_lower_before_key_run
    if cap is not None:  # light_legs_before_key_runs
        legs = {e.id: e.load if e.category in LEG_CATEGORIES else 0 for e in exercises}
        for d in days:
            if next_day(d) in key_runs:
                m.row("legs.before_key_run", m.on(d, exercises, legs), upper=cap)
    # goal_dose_per_session: the goal's exercises, eve_dose before a key run, else dose
    profile = config.profile
    goal = [e for e in exercises if serves_goal(e, profile)]
    for d in days:
        eve = next_day(d) in key_runs
        dose = profile.eve_dose if eve else profile.dose
        if dose:
            key = rule("goal_dose_per_session").key_for("eve_dose" if eve else "dose")
            at_least(m, config, key, add(m.on(d, goal), {m.trains_on[d]: -dose}), 0)
    fatigue_rows(m, config)
    beyond_dose_rows(m, config)
    loaded_dose_rows(m, config)


def _week_rules(m: Mip, config: Config) -> None:
    """The rules over the whole week."""
    exercises, days = m.exercises, m.days
    # pinned_exercises_included: an ineligible pin has no column, so no plan exists
    eligible = {e.id for e in exercises}
    for pin in config.include.exercises:
        uses = {m.does[d, pin]: 1.0 for d in days} if pin in eligible else {}
        m.row(f"pinned.{pin}", uses, lower=1)
    for c in CATEGORIES:  # category_counts_per_week
        band = config.weekly.of(c)
        if band is not None:
            m.row(f"weekly.{c}", m.week({e.id: int(e.category == c) for e in exercises}), *band)
    if config.load.max_week is not None:  # weekly_load
        m.row("load.week", m.week({e.id: e.load for e in exercises}), upper=config.load.max_week)
    kit = kit_defaults(config, exercises)
    for e in exercises:  # max_uses_per_week
        if kit.uses[e.category] < len(days):
            m.row("uses", {m.does[d, e.id]: 1.0 for d in days}, upper=kit.uses[e.category])
    # the balance rules count raw catalog coverage (no intensity bonus)
    raw = {mu: m.week({e.id: e.covers(mu) for e in exercises}) for mu in MUSCLES}
    ratio = config.balance.soleus_to_gastrocnemius
    if ratio is not None:  # soleus_gastrocnemius_band
        lo, hi = (Fraction(str(x)) for x in ratio)
        lo = kit.soleus_low if kit.soleus_low is not None else lo
        sol, gas = raw["soleus"], raw["gastrocnemius"]
        m.row("soleus.low", add(add({}, sol, lo.denominator), gas, -lo.numerator), lower=0)
        m.row("soleus.high", add(add({}, sol, hi.denominator), gas, -hi.numerator), upper=0)
    for f in CORE_FUNCTIONS:  # core_function_minimums
        minimum = config.balance.core_min.of(f)
        if minimum:
            key = rule("core_function_minimums").key_for(f)
            at_least(m, config, key, raw[f], minimum)
    for c, least in config.profile.heavy_per_week.items():  # heavy_work_per_week
        if least:
            heavy = {e.id: int(heavy_work(e, c)) for e in exercises}
            at_least(m, config, rule("heavy_work_per_week").key_for(c), m.week(heavy), least)
    spread = config.balance.core_spread
    if spread is not None:  # core_function_spread
        for a, b in permutations(CORE_FUNCTIONS, 2):
            m.row("core_spread", add(raw[a], raw[b], -1.0), upper=spread)


def _objective(m: Mip, config: Config) -> None:
    exercises, days = m.exercises, m.days
    w, profile = config.objective, config.profile
    sessions = config.week.session_count
    # coverage_toward_targets: ordered unit segments with decreasing gains, over coverage
    # that counts intensity; no segment beyond what the week can reach
    targets = weekly_targets(config.athlete.goal, sessions)
    uses = kit_defaults(config, exercises).uses
    for mu in MUSCLES:
        points = {e.id: coverage_points(e, mu, profile) for e in exercises}
        reachable = min(
            targets[mu],
            sum(p * min(uses[e.category], sessions) for e in exercises if (p := points[e.id]) > 0),
        )
        if reachable <= 0:
            continue
        gains = marginal_gains(targets[mu])[:reachable]
        segments = [m.column(f"covered[{mu},{k + 1}]", w.coverage * g) for k, g in enumerate(gains)]
        m.row(f"covered.{mu}", add({s: 1.0 for s in segments}, m.week(points), -1.0), upper=0)
        for earlier, later in itertools.pairwise(segments):
            m.row("covered.order", {later: 1.0, earlier: -1.0}, upper=0)
    # load_toward_dose: -w_load * max(0, L - T), with load_over >= L - T
    target = profile.weekly_load
    most = sum(e.load for e in exercises) * len(days)
    over = m.column("load_over", -w.load, upper=max(most, 0))
    load = m.week({e.id: e.load for e in exercises})
    m.row("load_over.above", add({over: 1.0}, load, -1.0), lower=-target)
    # repeats_avoided: w_var * (used - slots)
    for d in days:
        for e in exercises:
            m.cost[m.does[d, e.id]] = -w.variety
    for e in exercises:
        used = m.column(f"used[{e.id}]", w.variety)
        m.row("used", add({used: 1.0}, {m.does[d, e.id]: -1.0 for d in days}), upper=0)
    # rest_before_key_runs: -w_eve per session on the day before a key run
    key_runs = set(config.week.key_run_days)
    for d in days:
        if next_day(d) in key_runs:
            m.cost[m.trains_on[d]] = -w.rest_before_key_runs
    # dose_done_hard: integer steps g = 1..3, each at most the dose and at most the goal
    # exercises of hardness g or more (per session; per week for heavy_per_week)
    goal = [e for e in exercises if serves_goal(e, profile)]
    for d in days:
        dose = profile.eve_dose if next_day(d) in key_runs else profile.dose
        _hardest(m, w.hardness, dose, {d: goal}, f"hardest[{d}")
    for c, least in profile.heavy_per_week.items():
        heavy = [e for e in exercises if heavy_work(e, c)]
        _hardest(m, w.hardness, least, dict.fromkeys(days, heavy), f"hardest[{c}")


def _hardest(m: Mip, weight: int, count: int, slots: dict[str, list[Exercise]], name: str) -> None:
    for g in range(1, MAX_HARDNESS + 1) if count else ():
        reaching: Terms = {}
        for d, members in slots.items():
            reaching = add(reaching, m.on(d, [e for e in members if hardness(e) >= g]))
        if reaching:
            step = m.column(f"{name},{g}]", weight, upper=count)
            m.row("hardest", add({step: 1.0}, reaching, -1.0), upper=0)


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
    t0 = time.perf_counter()
    mip = build_mip(catalog, config)
    answer = solve_mip(
        mip,
        seed=config.solver.seed,
        time_limit=float(time_limit or config.solver.time_limit),
        threads=threads,
        callbacks=callbacks,
        options=options,
        build_s=time.perf_counter() - t0,
    )
    values = answer.values
    if values is not None:
        answer.times.plan = {
            d: [i for (day, i), c in mip.does.items() if day == d and values[c] > 0.5]
            for d in mip.days
            if values[mip.trains_on[d]] > 0.5
        }
    return answer.times
