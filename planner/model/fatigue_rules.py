"""The hard rules on fatigue, judged from the prescription (planner/training/stress.py): stress caps
per session, week and eve, the weekly band of heavy lower-body sets, and light legs the
day before a key run and on the long-run day. planner/week/check_fatigue.py verifies the same
rules from a plan's own prescriptions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.model.limits import Amount, Bound, hard_rule, limit
from planner.training.prescription import prescribe
from planner.training.stress import hard_for_legs, heavy_sets, leg_stress, stress
from planner.vocabulary import LEG_LOADING_EQUIPMENT, next_day

if TYPE_CHECKING:
    from planner.config.config import Config
    from planner.model.context import RuleContext
    from planner.model.variables import Variables


def _per_exercise(v: Variables, config: Config, measure: str) -> dict[str, int]:
    value = {"stress": stress, "legs": leg_stress, "heavy": heavy_sets}[measure]
    profile = config.profile  # read once: a pydantic private attribute is slow to reach
    return {e.id: value(e, prescribe(e, profile)) for e in v.exercises}


def _stress_cap(name: str) -> Bound:
    return lambda config, _: config.fatigue.cap(name, config.athlete.level)


@limit(cap=_stress_cap("max_session"))
def session_stress(v: Variables, config: Config) -> list[Amount]:
    """No session's stress, as prescribed, exceeds the session cap."""
    weight = _per_exercise(v, config, "stress")
    return [Amount(None, v.weighted(day, weight)) for day in v.days]


@limit(cap=_stress_cap("max_week"))
def weekly_stress(v: Variables, config: Config) -> list[Amount]:
    """The week's stress, as prescribed, stays under the weekly cap."""
    return [Amount(None, v.week(_per_exercise(v, config, "stress")))]


@limit(cap=_stress_cap("max_legs_before_key_run"))
def leg_stress_before_key_runs(v: Variables, config: Config) -> list[Amount]:
    """The day before a key run, lower-body, calf and jump stress stays under its cap."""
    weight = _per_exercise(v, config, "legs")
    key_runs = set(config.week.key_run_days)
    return [Amount(None, v.weighted(day, weight)) for day in v.days if next_day(day) in key_runs]


@hard_rule
def no_hard_legs_before_key_runs(ctx: RuleContext) -> None:
    """The day before the long run or a hard run: no jumps, no lower-body or calf set at
    RPE >= 8 or >= 80 % 1RM, no slow lowering; core, upper body and light legs only."""
    key_runs = set(ctx.config.week.key_run_days)
    _no_hard_legs(ctx, [d for d in ctx.v.days if next_day(d) in key_runs])


@hard_rule
def no_hard_legs_on_long_run_day(ctx: RuleContext) -> None:
    """The long run's own day holds no hard leg work either, unless the config allows it."""
    long_run = ctx.config.week.long_run
    if ctx.config.week.heavy_legs_on_long_run_day or long_run not in ctx.v.days:
        return
    _no_hard_legs(ctx, [long_run])


def _no_hard_legs(ctx: RuleContext, days: list[str]) -> None:
    profile = ctx.config.profile
    hard = [e for e in ctx.v.exercises if hard_for_legs(e, prescribe(e, profile))]
    for day in days:
        for e in hard:
            ctx.add(ctx.model.add(ctx.v.does[day, e.id] == 0))


@hard_rule
def heavy_sets_per_week(ctx: RuleContext) -> None:
    """Heavy lower-body sets over the week stay within the goal's band: at most the level's
    ceiling; at least its floor when the athlete owns weights for the legs (a target unless
    the config writes it)."""
    least, most = ctx.config.profile.heavy_sets
    heavy = _per_exercise(ctx.v, ctx.config, "heavy")
    total = ctx.v.week(heavy)
    ctx.add(ctx.model.add(total <= most))
    # The floor holds when weights load the legs and this week prescribes heavy sets at all
    # (a block's first weeks start lighter).
    written = not ctx.config.defaulted(ctx.rule.key) if ctx.rule else False
    possible = written or any(heavy.values())
    if least and owns_leg_weights(ctx.config.equipment.available) and possible:
        ctx.at_least(total, least)


def owns_leg_weights(equipment: list[str]) -> bool:
    return bool(set(equipment) & set(LEG_LOADING_EQUIPMENT))
