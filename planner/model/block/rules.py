"""The rules that link a block's weeks, one function per rule, registered by the block
rulebook's names.

Every weekly rule already holds in every week (each week is a full week model); these say
how the weeks follow one another. Each rule links the newest week to the ones before it,
so the model grows a week at a time and its first n weeks are a block of their own (the
week-by-week start solves them as they come). `planner/block/check.py` verifies the same rules, by
the same names, without OR-Tools.

A week's volume is its load as prescribed: every exercise's catalog load times its sets
that week, so a deload or taper week with the same exercises and fewer sets is lighter.
"""

from __future__ import annotations

from planner import block_rulebook
from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.model.block.coach_rules import dose_in
from planner.model.block.context import (
    BLOCK_ADDERS,
    BlockContext,
    block_rule,
    building,
    done_in,
    trains,
)
from planner.training.prescription import prescribe, serves_goal
from planner.training.progression import jump

DELOAD_SHARE = (3, 4)  # a deload week's volume is at most 3/4 of the week before's
RACE_WEEK_SHARE = (3, 5)  # the race week's volume is at most 3/5 of the block's peak


@block_rule
def main_lifts_held_within_phase(ctx: BlockContext, i: int) -> None:
    """Every building week of a phase does the same main lifts on the same days as the one
    before it, so their load can progress from week to week."""
    part = ctx.weeks[i]
    if not building(part) or part.setup.disrupted:
        return
    previous = next(
        (p for p in reversed(ctx.weeks[:i]) if building(p) and not p.setup.disrupted), None
    )
    if previous is None or previous.week.phase != part.week.phase:
        return
    before, now = previous.variables, part.variables
    assert before is not None and now is not None
    equipment = ctx.config.equipment.available
    for e in now.exercises:
        if serves_goal(e, part.config.profile, equipment):
            for day in now.days:
                # A lift the week before could not do (another step made it too hard, or
                # too long): not done there, so not done now either.
                was = before.does.get((day, e.id), 0)
                ctx.add(ctx.model.add(now.does[day, e.id] == was))


@block_rule
def deload_weeks_lighten(ctx: BlockContext, i: int) -> None:
    """A deload week repeats the sessions of the week before, day by day, with at most 75 %
    of its volume. After a week that went otherwise than planned (a re-plan), the last week
    before it that did not is the one repeated; with none, the deload stands on its own. A
    deload that went otherwise itself (a session missed or moved) keeps only the volume cap:
    a re-plan changes as few of its slots as it can anyway."""
    part = ctx.weeks[i]
    if i == 0 or not part.week.deload or not trains(part):
        return
    j = next((j for j in range(i - 1, -1, -1) if not ctx.weeks[j].setup.disrupted), None)
    if j is None:
        return
    before, now = ctx.weeks[j].variables, part.variables
    assert now is not None
    for day, e in () if part.setup.disrupted else now.does:
        # A re-planned week before may lack the day (planner/replan): it held nothing then.
        held = before.does.get((day, e), 0) if before else 0
        ctx.add(ctx.model.add(now.does[day, e] == held))
    share, whole = DELOAD_SHARE
    ctx.add(ctx.model.add(whole * ctx.volume(i) <= share * ctx.volume(j)))


@block_rule
def progression_capped(ctx: BlockContext, i: int) -> None:
    """No exercise is done in two following weeks when its prescription would grow by more
    than one step between them (a deload week is skipped: the week after it resumes)."""
    part = ctx.weeks[i]
    now = part.variables
    if now is None or part.week.deload:
        return
    previous = next(
        (p for p in reversed(ctx.weeks[:i]) if p.variables is not None and not p.week.deload),
        None,
    )
    if previous is None:
        return
    before = previous.variables
    assert before is not None
    before_profile, profile = previous.config.profile, part.config.profile
    for e in now.exercises:
        if jump(dose_in(e, before_profile), dose_in(e, profile)):
            done_before, done_now = done_in(ctx, before, e), done_in(ctx, now, e)
            ctx.add(ctx.model.add_bool_or([done_before.Not(), done_now.Not()]))


@block_rule
def taper_volume_falls(ctx: BlockContext, i: int) -> None:
    """Volume falls through the taper, and the race week holds at most 60 % of the peak."""
    if not ctx.weeks[i].week.taper:
        return
    ctx.add(ctx.model.add(ctx.volume(i) <= ctx.volume(i - 1)))
    if i != ctx.total - 1:
        return  # the peak is known once the race week is in
    volumes = [ctx.volume(k) for k in range(i + 1)]
    highest = sum(_upper_bound(ctx, k) for k in range(i + 1))
    peak = ctx.model.new_int_var(0, max(highest, 0), "block_peak_volume")
    ctx.model.add_max_equality(peak, volumes)
    share, whole = RACE_WEEK_SHARE
    ctx.add(ctx.model.add(whole * ctx.volume(i) <= share * peak))


@block_rule
def no_heavy_legs_in_taper(ctx: BlockContext, i: int) -> None:
    """No heavy lower-body lift (a lower-body exercise prescribed for strength) on a day
    within the taper's last days before the race."""
    settings = ctx.config.block
    part = ctx.weeks[i]
    v = part.variables
    if settings is None or settings.race is None or v is None:
        return
    heavy = [e for e in v.exercises if _heavy_legs(e, part.config)]
    for day in v.days:
        left = part.week.days_before_race(day)
        if left is not None and 0 <= left < settings.taper_days:
            for does in v.on(day, heavy):
                ctx.add(ctx.model.add(does == 0))


@block_rule
def taper_brings_nothing_new(ctx: BlockContext, i: int) -> None:
    """Every exercise of a taper week was done earlier in the block."""
    part = ctx.weeks[i]
    now = part.variables
    if now is None or not part.week.taper:
        return
    earlier = [p.variables for p in ctx.weeks[:i] if p.variables is not None]
    for e in now.exercises:
        twins = now.copies(e)
        most = len(now.days) * twins
        seen = ctx.model.new_int_var(0, most, f"w{i + 1}.seen[{e.id}]")
        ctx.model.add_max_equality(seen, [v.uses(e) for v in earlier] or [0])
        used_now = ctx.ids(i, e)
        used_before = ctx.model.new_int_var(0, twins, f"w{i + 1}.ids_before[{e.id}]")
        ctx.model.add_min_equality(used_before, [seen, twins])
        ctx.add(ctx.model.add(used_now <= used_before))


@block_rule
def rest_before_race(ctx: BlockContext, i: int) -> None:
    """No session on the race's eve or race day."""
    part = ctx.weeks[i]
    if part.variables is None:
        return
    for day in part.setup.free_days:
        ctx.add(ctx.model.add(part.variables.trains_on[day] == 0))


def _heavy_legs(e: Exercise, config: Config) -> bool:
    return e.category == "lower" and prescribe(e, config.profile).role == "strength"


def _upper_bound(ctx: BlockContext, index: int) -> int:
    v = ctx.weeks[index].variables
    if v is None:
        return 0
    profile = ctx.weeks[index].config.profile
    return sum(e.load * prescribe(e, profile).sets for e in v.exercises) * len(v.days)


# The block rules that, for a week alone, read that week only (its days before the race):
# a week's best under them is still a bound on its part of any block, and a tighter one.
OWN_WEEK_RULES = frozenset(
    {
        "taper_does_less",  # alone: nothing for the legs in the last days
        "no_heavy_legs_in_taper",
        "rest_before_race",
    }
)


def link_week(ctx: BlockContext, i: int, only: frozenset[str] | None = None) -> None:
    """Add the block rules (or `only` those named) that tie week i, the newest, to the
    weeks before it."""
    for rule in block_rulebook.BLOCK_RULES:
        if only is None or rule.name in only:
            ctx.rule = rule
            BLOCK_ADDERS[rule.name](ctx, i)
    ctx.rule = None
