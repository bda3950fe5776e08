"""The hard rules on fatigue, judged from the prescription (planner/training/stress.py): stress caps
per session, week and eve, the weekly band of heavy lower-body sets, and light legs the
day before a key run and on the long-run day. planner/week/check_fatigue.py verifies the same
rules from a plan's own prescriptions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.training.prescription import prescribe
from planner.training.stress import hard_for_legs, heavy_sets, leg_stress, stress
from planner.vocabulary import LEG_LOADING_EQUIPMENT, next_day

if TYPE_CHECKING:
    from planner.config.config import Config
    from planner.model.context import RuleContext


def _per_exercise(ctx: RuleContext, measure: str) -> dict[str, int]:
    profile = ctx.config.profile
    value = {"stress": stress, "legs": leg_stress, "heavy": heavy_sets}[measure]
    return {e.id: value(e, prescribe(e, profile)) for e in ctx.v.exercises}


def session_stress(ctx: RuleContext) -> None:
    """No session's stress, as prescribed, exceeds the session cap."""
    cap = ctx.config.fatigue.cap("max_session", ctx.config.athlete.level)
    weight = _per_exercise(ctx, "stress")
    for day in ctx.v.days:
        ctx.add(ctx.model.add(ctx.v.weighted(day, weight) <= cap))


def weekly_stress(ctx: RuleContext) -> None:
    """The week's stress, as prescribed, stays under the weekly cap."""
    cap = ctx.config.fatigue.cap("max_week", ctx.config.athlete.level)
    ctx.add(ctx.model.add(ctx.v.week(_per_exercise(ctx, "stress")) <= cap))


def leg_stress_before_key_runs(ctx: RuleContext) -> None:
    """The day before a key run, lower-body, calf and jump stress stays under its cap."""
    cap = ctx.config.fatigue.cap("max_legs_before_key_run", ctx.config.athlete.level)
    weight = _per_exercise(ctx, "legs")
    key_runs = set(ctx.config.week.key_run_days)
    for day in ctx.v.days:
        if next_day(day) in key_runs:
            ctx.add(ctx.model.add(ctx.v.weighted(day, weight) <= cap))


def no_hard_legs_before_key_runs(ctx: RuleContext) -> None:
    """The day before the long run or a hard run: no jumps, no lower-body or calf set at
    RPE >= 8 or >= 80 % 1RM, no slow lowering; core, upper body and light legs only."""
    key_runs = set(ctx.config.week.key_run_days)
    _no_hard_legs(ctx, [d for d in ctx.v.days if next_day(d) in key_runs])


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


def heavy_sets_per_week(ctx: RuleContext) -> None:
    """Heavy lower-body sets over the week stay within the goal's band: at most the level's
    ceiling; at least its floor when the athlete owns weights for the legs (a target unless
    the config writes it)."""
    least, most = ctx.config.profile.heavy_sets
    heavy = _per_exercise(ctx, "heavy")
    total = ctx.v.week(heavy)
    ctx.add(ctx.model.add(total <= most))
    # The floor holds when weights load the legs and this week prescribes heavy sets at all
    # (a block's first weeks start lighter).
    written = not ctx.config.defaulted(ctx.rule.key) if ctx.rule else False
    possible = written or any(heavy.values())
    if least and owns_leg_weights(ctx.config.equipment.available) and possible:
        ctx.at_least(total, least)


def light_leg_days(config: Config) -> set[str]:
    """The days whose sessions keep the legs light: the eve of a key run, and the long run's
    own day unless the config allows heavy legs there."""
    days: set[str] = {
        d for d in config.week.available_days if next_day(d) in config.week.key_run_days
    }
    if config.week.long_run and not config.week.heavy_legs_on_long_run_day:
        days.add(config.week.long_run)
    return days


def owns_leg_weights(equipment: list[str]) -> bool:
    return bool(set(equipment) & set(LEG_LOADING_EQUIPMENT))
