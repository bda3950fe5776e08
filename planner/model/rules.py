"""The hard rules, one function per rule family, each enforcing what its docstring says.

Every constraint is added through `ctx.add`, under a key of the rule being added (the
rulebook holds the keys; no rule here spells one). The key's enforcement literal is absent
in a normal solve and present when explaining infeasibility, so a conflict can be traced
to the config key that caused it. `planner/week/check.py` verifies the same rules, by the same
names, without OR-Tools.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from itertools import permutations

from planner import rulebook
from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.model.context import RuleContext
from planner.model.fatigue_rules import (
    heavy_sets_per_week,
    leg_stress_before_key_runs,
    light_leg_days,
    no_hard_legs_before_key_runs,
    no_hard_legs_on_long_run_day,
    session_stress,
    weekly_stress,
)
from planner.training.eligibility import exclusion_reason
from planner.training.prescription import MAIN_CATEGORIES, heavy_work, prescribe, serves_goal
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS, LEG_CATEGORIES, next_day


def sessions_on_available_days(ctx: RuleContext) -> None:
    """The athlete trains exactly the planned number of sessions, only on available days."""
    ctx.add(ctx.model.add(sum(ctx.v.trains_on.values()) == _sessions(ctx)))
    for (day, _), does in ctx.v.does.items():
        ctx.model.add_implication(does, ctx.v.trains_on[day])
    for day, trains in ctx.v.trains_on.items():
        # A session day has at least one exercise, even when every category minimum is 0.
        ctx.model.add(sum(ctx.v.on(day, ctx.v.exercises)) >= 1).only_enforce_if(trains)


def allowed_exercises_only(ctx: RuleContext) -> None:
    """No exercise that needs missing equipment, is above the athlete's level or is excluded."""
    for e in ctx.v.exercises:
        reason = exclusion_reason(e, ctx.config)
        if reason is not None:
            for day in ctx.v.days:
                ctx.add(ctx.model.add(ctx.v.does[day, e.id] == 0), part=reason)


def pinned_exercises_included(ctx: RuleContext) -> None:
    """Every exercise the coach pins appears in the week at least once."""
    for exercise_id in ctx.config.include.exercises:
        if (ctx.v.days[0], exercise_id) not in ctx.v.does:
            # Not in the model at all (ruled out before building): nothing can hold it.
            ctx.add(ctx.model.add_bool_or([]))
            continue
        uses = sum(ctx.v.does[day, exercise_id] for day in ctx.v.days)
        ctx.add(ctx.model.add(uses >= 1))


def category_counts_per_session(ctx: RuleContext) -> None:
    """Each session holds between the minimum and maximum exercises of every category."""
    light = light_leg_days(ctx.config)
    for category in CATEGORIES:
        low, high = ctx.config.session.of(category)
        members = ctx.in_category(category)
        for day in ctx.v.days:
            count = sum(ctx.v.on(day, members))
            trains = ctx.v.trains_on[day]
            if low and not (category == "plyometric" and day in light and ctx.defaulted(category)):
                # (the profile's jumps give way where the legs stay light)
                ctx.at_least(count, low * trains, category)
            ctx.add(ctx.model.add(count <= high * trains), part=category)


def category_counts_per_week(ctx: RuleContext) -> None:
    """Over the week, each category's exercise count stays within its weekly band, if set."""
    for category in CATEGORIES:
        band = ctx.config.weekly.of(category)
        if band is None:
            continue
        members = ctx.in_category(category)
        count = sum(sum(ctx.v.on(day, members)) for day in ctx.v.days)
        ctx.add(ctx.model.add_linear_constraint(count, *band), part=category)


def session_minutes(ctx: RuleContext) -> None:
    """No session, as prescribed, runs longer than the athlete's time: neither the main lifts
    with their full rests, nor the main lifts' work with the accessories paired in."""
    main_track, paired_track = track_seconds(ctx.v.exercises, ctx.config)
    limit = 60 * ctx.config.week.max_session_minutes
    for day in ctx.v.days:
        ctx.add(ctx.model.add(ctx.v.weighted(day, main_track) <= limit))
        ctx.add(ctx.model.add(ctx.v.weighted(day, paired_track) <= limit))


def track_seconds(
    exercises: Sequence[Exercise], config: Config
) -> tuple[dict[str, int], dict[str, int]]:
    """Per exercise, its seconds on the main track and on the paired track of a session."""
    main: dict[str, int] = {}
    paired: dict[str, int] = {}
    for e in exercises:
        dosed = prescribe(e, config.profile)
        is_main = e.category in MAIN_CATEGORIES
        main[e.id] = dosed.busy_s + dosed.rest_total_s if is_main else 0
        paired[e.id] = dosed.busy_s if is_main else dosed.busy_s + dosed.rest_total_s
    return main, paired


def session_load(ctx: RuleContext) -> None:
    """No single session's fatigue cost exceeds the per-session load cap."""
    load = {e.id: e.load for e in ctx.v.exercises}
    for day in ctx.v.days:
        ctx.add(ctx.model.add(ctx.v.weighted(day, load) <= ctx.config.load.max_session))


def weekly_load(ctx: RuleContext) -> None:
    """The week's total fatigue cost stays under the weekly load cap, if set."""
    if ctx.config.load.max_week is None:
        return
    load = {e.id: e.load for e in ctx.v.exercises}
    ctx.add(ctx.model.add(ctx.v.week(load) <= ctx.config.load.max_week))


def one_exercise_per_family_per_session(ctx: RuleContext) -> None:
    """A session never holds two variants of the same movement."""
    for members in ctx.families().values():
        if len(members) > 1:
            for day in ctx.v.days:
                ctx.add(ctx.model.add(sum(ctx.v.on(day, members)) <= 1))


def no_family_on_consecutive_days(ctx: RuleContext) -> None:
    """The same movement family is never trained on two calendar days in a row (sun -> mon too)."""
    for day in ctx.v.days:
        following = next_day(day)
        if following == day or following not in ctx.v.days:
            continue
        for members in ctx.families().values():
            both = ctx.v.on(day, members) + ctx.v.on(following, members)
            ctx.add(ctx.model.add(sum(both) <= 1))


def max_uses_per_week(ctx: RuleContext) -> None:
    """One exercise appears at most the allowed number of times in the week."""
    limit = ctx.config.variety.max_per_week
    for e in ctx.v.exercises:
        if limit * ctx.v.copies(e) >= len(ctx.v.days):
            continue
        uses = sum(ctx.v.does[day, e.id] for day in ctx.v.days)
        # A representative of twins may be used once per twin as often as one exercise.
        ctx.add(ctx.model.add(uses <= limit * ctx.v.copies(e)))


def light_legs_before_key_runs(ctx: RuleContext) -> None:
    """The day before the long run or a hard run, leg work stays under its load cap."""
    cap = ctx.config.load.max_lower_before_key_run
    if cap is None:
        return
    key_runs = set(ctx.config.week.key_run_days)
    leg_load = {e.id: e.load if e.category in LEG_CATEGORIES else 0 for e in ctx.v.exercises}
    for day in ctx.v.days:
        if next_day(day) in key_runs:
            ctx.add(ctx.model.add(ctx.v.weighted(day, leg_load) <= cap))


def soleus_gastrocnemius_band(ctx: RuleContext) -> None:
    """Weekly soleus work stays within the configured ratio of gastrocnemius work."""
    band = ctx.config.balance.soleus_to_gastrocnemius
    if band is None:
        return
    soleus = ctx.v.week({e.id: e.covers("soleus") for e in ctx.v.exercises})
    gastrocnemius = ctx.v.week({e.id: e.covers("gastrocnemius") for e in ctx.v.exercises})
    low, high = (Fraction(str(x)) for x in band)
    ctx.add(ctx.model.add(low.denominator * soleus >= low.numerator * gastrocnemius))
    ctx.add(ctx.model.add(high.denominator * soleus <= high.numerator * gastrocnemius))


def core_function_minimums(ctx: RuleContext) -> None:
    """Each core function (anti-extension, anti-lateral flexion, anti-rotation) gets its dose."""
    for function in CORE_FUNCTIONS:
        minimum = ctx.config.balance.core_min.of(function)
        if minimum:
            total = ctx.v.week({e.id: e.covers(function) for e in ctx.v.exercises})
            ctx.at_least(total, minimum, function)  # a target when left to the default


def core_function_spread(ctx: RuleContext) -> None:
    """No core function is trained much more than another over the week."""
    spread = ctx.config.balance.core_spread
    if spread is None:
        return
    totals = {f: ctx.v.week({e.id: e.covers(f) for e in ctx.v.exercises}) for f in CORE_FUNCTIONS}
    for a, b in permutations(CORE_FUNCTIONS, 2):
        ctx.add(ctx.model.add(totals[a] <= totals[b] + spread))


def goal_dose_per_session(ctx: RuleContext) -> None:
    """Every session holds the goal's dose of its main stimulus (its eve dose before a key run)."""
    profile = ctx.config.profile
    equipment = ctx.config.equipment.available
    members = [e for e in ctx.v.exercises if serves_goal(e, profile, equipment)]
    key_runs = set(ctx.config.week.key_run_days)
    for day in ctx.v.days:
        eve = next_day(day) in key_runs
        dose = profile.eve_dose if eve else profile.dose
        if dose:
            count = sum(ctx.v.on(day, members))
            trains = ctx.v.trains_on[day]
            ctx.at_least(count, dose * trains, "eve_dose" if eve else "dose")


def heavy_work_per_week(ctx: RuleContext) -> None:
    """The week holds the goal's heavy work per category (a calf raise prescribed for
    strength, for a strength goal): the hardest version the catalog allows counts."""
    for category, least in ctx.config.profile.heavy_per_week.items():
        if least:
            heavy = [e for e in ctx.v.exercises if heavy_work(e, category)]
            count = sum(sum(ctx.v.on(day, heavy)) for day in ctx.v.days)
            ctx.at_least(count, least, category)


def _sessions(ctx: RuleContext) -> int:
    return ctx.config.week.session_count


HARD_RULES: Sequence[Callable[[RuleContext], None]] = (
    sessions_on_available_days,
    allowed_exercises_only,
    pinned_exercises_included,
    category_counts_per_session,
    category_counts_per_week,
    session_minutes,
    session_load,
    weekly_load,
    one_exercise_per_family_per_session,
    no_family_on_consecutive_days,
    max_uses_per_week,
    light_legs_before_key_runs,
    soleus_gastrocnemius_band,
    core_function_minimums,
    goal_dose_per_session,
    heavy_work_per_week,
    core_function_spread,
    session_stress,
    weekly_stress,
    leg_stress_before_key_runs,
    no_hard_legs_before_key_runs,
    no_hard_legs_on_long_run_day,
    heavy_sets_per_week,
)


def add_hard_rules(ctx: RuleContext) -> None:
    for add_rule in HARD_RULES:
        ctx.rule = rulebook.rule(add_rule.__name__)
        add_rule(ctx)
    ctx.rule = None
