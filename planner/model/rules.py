"""The hard rules, one function per rule family, each enforcing what its docstring says.

A numeric rule (a cap, a floor or a band) is declared with `@limit`: it lists the amounts of
its quantity and names its bounds, and planner/model/limits.py both enforces it and measures
it for the conflict search. Every other rule adds its constraints through `ctx.add`, under a
key of the rule being added (the rulebook holds the keys; no rule here spells one). The key's
enforcement literal is absent in a normal solve and present when explaining infeasibility,
so a conflict can be traced to the config key that caused it. planner/week/check.py
verifies the same rules, by the same names, without OR-Tools.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import permutations

from ortools.sat.python import cp_model

from planner import rulebook
from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.model import fatigue_rules  # noqa: F401  (registers the fatigue rules)
from planner.model.context import RuleContext
from planner.model.limits import ADDERS, Amount, hard_rule, limit
from planner.model.variables import Variables
from planner.training.eligibility import exclusion_reason
from planner.training.prescription import MAIN_CATEGORIES, heavy_work, prescribe, serves_goal
from planner.training.stress import light_leg_days
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS, LEG_CATEGORIES, next_day


def _sessions_fall_on_available_days(ctx: RuleContext) -> None:
    for (day, _), does in ctx.v.does.items():
        ctx.model.add_implication(does, ctx.v.trains_on[day])
    for day, trains in ctx.v.trains_on.items():
        # A session day has at least one exercise, even when every category minimum is 0.
        ctx.model.add(sum(ctx.v.on(day, ctx.v.exercises)) >= 1).only_enforce_if(trains)


@limit(floor=lambda c, _: c.week.session_count, exact=True, also=_sessions_fall_on_available_days)
def sessions_on_available_days(v: Variables, config: Config) -> list[Amount]:
    """The athlete trains exactly the planned number of sessions, only on available days."""
    return [Amount(None, sum(v.trains_on.values()))]


@hard_rule
def allowed_exercises_only(ctx: RuleContext) -> None:
    """No exercise that needs missing equipment, is above the athlete's level or is excluded."""
    for e in ctx.v.exercises:
        reason = exclusion_reason(e, ctx.config)
        if reason is not None:
            for day in ctx.v.days:
                ctx.add(ctx.model.add(ctx.v.does[day, e.id] == 0), part=reason)


@hard_rule
def pinned_exercises_included(ctx: RuleContext) -> None:
    """Every exercise the coach pins appears in the week at least once."""
    for exercise_id in ctx.config.include.exercises:
        if (ctx.v.days[0], exercise_id) not in ctx.v.does:
            # Not in the model at all (ruled out before building): nothing can hold it.
            ctx.add(ctx.model.add_bool_or([]))
            continue
        uses = sum(ctx.v.does[day, exercise_id] for day in ctx.v.days)
        ctx.add(ctx.model.add(uses >= 1))


def _in(v: Variables, category: str) -> list[Exercise]:
    return [e for e in v.exercises if e.category == category]


def _session_low(config: Config, category: str) -> int:
    return config.session.of(category)[0]


def _session_high(config: Config, category: str) -> int:
    return config.session.of(category)[1]


@limit(cap=_session_high, floor=_session_low, target_when_defaulted=True)
def category_counts_per_session(v: Variables, config: Config) -> list[Amount]:
    """Each session holds between the minimum and maximum exercises of every category."""
    light = light_leg_days(config)
    jumps_give_way = config.defaulted(
        rulebook.rule("category_counts_per_session").key_for("plyometric")
    )
    return [
        Amount(
            category,
            sum(v.on(day, _in(v, category))),
            when=v.trains_on[day],
            # the profile's jumps give way where the legs stay light
            floor_waived=category == "plyometric" and day in light and jumps_give_way,
        )
        for category in CATEGORIES
        for day in v.days
    ]


def _weekly_band(config: Config, category: str, side: int) -> int | None:
    band = config.weekly.of(category)
    return None if band is None else band[side]


@limit(cap=lambda c, part: _weekly_band(c, part, 1), floor=lambda c, part: _weekly_band(c, part, 0))
def category_counts_per_week(v: Variables, config: Config) -> list[Amount]:
    """Over the week, each category's exercise count stays within its weekly band, if set."""
    return [
        Amount(category, sum(sum(v.on(day, _in(v, category))) for day in v.days))
        for category in CATEGORIES
        if config.weekly.of(category) is not None
    ]


@limit(cap=lambda c, _: c.week.max_session_minutes)
def session_minutes(v: Variables, config: Config) -> list[Amount]:
    """No session, as prescribed, runs longer than the athlete's time: neither the main lifts
    with their full rests, nor the main lifts' work with the accessories paired in."""
    tracks = track_seconds(v.exercises, config)
    return [Amount(None, v.weighted(day, track), per=60) for day in v.days for track in tracks]


def track_seconds(
    exercises: Sequence[Exercise], config: Config
) -> tuple[dict[str, int], dict[str, int]]:
    """Per exercise, its seconds on the main track and on the paired track of a session."""
    main: dict[str, int] = {}
    paired: dict[str, int] = {}
    profile = config.profile  # read once: a pydantic private attribute is slow to reach
    for e in exercises:
        dosed = prescribe(e, profile)
        is_main = e.category in MAIN_CATEGORIES
        main[e.id] = dosed.busy_s + dosed.rest_total_s if is_main else 0
        paired[e.id] = dosed.busy_s if is_main else dosed.busy_s + dosed.rest_total_s
    return main, paired


def _load(v: Variables) -> dict[str, int]:
    return {e.id: e.load for e in v.exercises}


@limit(cap=lambda c, _: c.load.max_session)
def session_load(v: Variables, config: Config) -> list[Amount]:
    """No single session's fatigue cost exceeds the per-session load cap."""
    return [Amount(None, v.weighted(day, _load(v))) for day in v.days]


@limit(cap=lambda c, _: c.load.max_week)
def weekly_load(v: Variables, config: Config) -> list[Amount]:
    """The week's total fatigue cost stays under the weekly load cap, if set."""
    return [Amount(None, v.week(_load(v)))]


@hard_rule
def one_exercise_per_family_per_session(ctx: RuleContext) -> None:
    """A session never holds two variants of the same movement."""
    for members in ctx.families().values():
        if len(members) > 1:
            for day in ctx.v.days:
                ctx.add(ctx.model.add(sum(ctx.v.on(day, members)) <= 1))


@hard_rule
def no_family_on_consecutive_days(ctx: RuleContext) -> None:
    """The same movement family is never trained on two calendar days in a row (sun -> mon too)."""
    for day in ctx.v.days:
        following = next_day(day)
        if following == day or following not in ctx.v.days:
            continue
        for members in ctx.families().values():
            both = ctx.v.on(day, members) + ctx.v.on(following, members)
            ctx.add(ctx.model.add(sum(both) <= 1))


@limit(cap=lambda c, _: c.variety.max_per_week)
def max_uses_per_week(v: Variables, config: Config) -> list[Amount]:
    """One exercise appears at most the allowed number of times in the week (a representative
    of twins once per twin as often as one exercise)."""
    limit_ = config.variety.max_per_week
    amounts = []
    for e in v.exercises:
        most = v.most_uses(e, limit_)
        if most * v.copies(e) >= len(v.days):
            continue  # no more days than that: it cannot bind
        # A category the kit leaves short may repeat more: its uses beyond the cap are
        # taken off the count, so the one declared cap still holds every exercise.
        allowance = (most - limit_) * v.copies(e)
        amounts.append(Amount(None, v.uses(e) - allowance, per=v.copies(e)))
    return amounts


@limit(cap=lambda c, _: c.load.max_lower_before_key_run)
def light_legs_before_key_runs(v: Variables, config: Config) -> list[Amount]:
    """The day before the long run or a hard run, leg work stays under its load cap."""
    key_runs = set(config.week.key_run_days)
    leg_load = {e.id: e.load if e.category in LEG_CATEGORIES else 0 for e in v.exercises}
    return [Amount(None, v.weighted(day, leg_load)) for day in v.days if next_day(day) in key_runs]


@hard_rule
def soleus_gastrocnemius_band(ctx: RuleContext) -> None:
    """Weekly soleus work stays within the configured ratio of gastrocnemius work."""
    band = ctx.config.balance.soleus_to_gastrocnemius
    if band is None:
        return
    soleus = ctx.v.week({e.id: e.covers("soleus") for e in ctx.v.exercises})
    gastrocnemius = ctx.v.week({e.id: e.covers("gastrocnemius") for e in ctx.v.exercises})
    low, high = (Fraction(str(x)) for x in band)
    if ctx.v.kit is not None and ctx.v.kit.soleus_low is not None:
        low = ctx.v.kit.soleus_low  # lowered to what a kit without soleus work can do
    ctx.add(ctx.model.add(low.denominator * soleus >= low.numerator * gastrocnemius))
    ctx.add(ctx.model.add(high.denominator * soleus <= high.numerator * gastrocnemius))


# a target when left to the default (Config.defaulted), a rule when written
@limit(floor=lambda c, function: c.balance.core_min.of(function), target_when_defaulted=True)
def core_function_minimums(v: Variables, config: Config) -> list[Amount]:
    """Each core function (anti-extension, anti-lateral flexion, anti-rotation) gets its dose."""
    return [
        Amount(f, v.week({e.id: e.covers(f) for e in v.exercises}))
        for f in CORE_FUNCTIONS
        if config.balance.core_min.of(f)
    ]


@limit(
    floor=lambda c, part: c.profile.eve_dose if part == "eve_dose" else c.profile.dose,
    target_when_defaulted=True,
)
def goal_dose_per_session(v: Variables, config: Config) -> list[Amount]:
    """Every session holds the goal's dose of its main stimulus (its eve dose before a key run)."""
    profile, equipment = config.profile, config.equipment.available
    members = [e for e in v.exercises if serves_goal(e, profile, equipment)]
    key_runs = set(config.week.key_run_days)
    return [
        Amount(
            "eve_dose" if next_day(day) in key_runs else "dose",
            sum(v.on(day, members)),
            when=v.trains_on[day],
        )
        for day in v.days
    ]


@limit(
    floor=lambda c, category: c.profile.heavy_per_week.get(category, 0), target_when_defaulted=True
)
def heavy_work_per_week(v: Variables, config: Config) -> list[Amount]:
    """The week holds the goal's heavy work per category (a calf raise prescribed for
    strength, for a strength goal): the hardest version the catalog allows counts."""
    return [
        Amount(
            category,
            sum(
                sum(v.on(day, [e for e in v.exercises if heavy_work(e, category)]))
                for day in v.days
            ),
        )
        for category, least in config.profile.heavy_per_week.items()
        if least
    ]


@limit(cap=lambda c, _: c.balance.core_spread)
def core_function_spread(v: Variables, config: Config) -> list[Amount]:
    """No core function is trained much more than another over the week."""
    if config.balance.core_spread is None:
        return []
    totals = {f: v.week({e.id: e.covers(f) for e in v.exercises}) for f in CORE_FUNCTIONS}
    return [
        Amount(None, cp_model.LinearExpr.weighted_sum([totals[a], totals[b]], [1, -1]))
        for a, b in permutations(CORE_FUNCTIONS, 2)
    ]


def add_hard_rules(ctx: RuleContext) -> None:
    """Every hard rule, in the rulebook's order."""
    for rule in rulebook.RULES:
        ctx.rule = rule
        ADDERS[rule.name](ctx)
    ctx.rule = None
