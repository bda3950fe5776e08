"""The block rules a coach reads week by week (COACHING.md, "A block"): steady weeks, a
progression that carries over, jumps that build up and a taper that does less. Registered
with the others in planner/model/block/rules.py; planner/block/coach_check.py verifies
them by the same names without OR-Tools.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.config.goals import Profile
from planner.model.block.context import BlockContext, WeekPart, block_rule, building, done_in
from planner.training.prescription import prescribe
from planner.training.progression import Dose, fell_back, jump
from planner.training.week_setup import LEG_FREE_DAYS, WeekSetup
from planner.vocabulary import LEG_CATEGORIES

CARRY_SHARE = (3, 5)  # a build week keeps at least 3/5 of the exercises of the one before
CONTACTS_START = 80  # jump contacts a week may always reach
CONTACTS_STEP = 40  # beyond that, a week adds at most this many to the week before's
INTENSE_JUMP_LOAD = 5  # a jump this hard follows a lighter one in the two weeks before
JUMP_MEMORY = 2  # weeks back a precursor counts
MINUTES_A_DAY = 24 * 60


@block_rule
def exercises_carry_within_phase(ctx: BlockContext, i: int) -> None:
    """A build week keeps at least 60 % of the exercises of the build week before it in its
    phase; new exercises come only every `rotate_every`-th build week of the phase (the
    accessories rotate), at a phase change, or never within a phase (0)."""
    part = ctx.weeks[i]
    if not building(part) or part.setup.disrupted:
        return  # a re-planned week that went otherwise keeps what it could
    j = next(
        (
            k
            for k in range(i - 1, -1, -1)
            if building(ctx.weeks[k]) and not ctx.weeks[k].setup.disrupted
        ),
        None,
    )
    if j is None or ctx.weeks[j].week.phase != part.week.phase:
        return
    previous = ctx.weeks[j]
    now, before = part.variables, previous.variables
    assert now is not None and before is not None
    share, whole = CARRY_SHARE
    if _rotates(ctx, i):
        kept = []
        for e in now.exercises:
            both = ctx.model.new_int_var(0, now.copies(e), f"w{i + 1}.kept[{e.id}]")
            ctx.model.add(both <= ctx.ids(i, e))
            ctx.model.add(both <= ctx.ids(j, e))
            kept.append(both)
        ctx.add(ctx.model.add(whole * sum(kept) >= share * ctx.distinct(i)))
        ctx.add(ctx.model.add(whole * sum(kept) >= share * ctx.distinct(j)))
        return
    for e in now.exercises:
        ctx.add(ctx.model.add(ctx.ids(i, e) <= ctx.ids(j, e)))
    ctx.add(ctx.model.add(whole * ctx.distinct(i) >= share * ctx.distinct(j)))


def _rotates(ctx: BlockContext, i: int) -> bool:
    return rotates([p.setup for p in ctx.weeks], ctx.config, i)


def rotates(setups: Sequence[WeekSetup], config: Config, i: int) -> bool:
    """Week i is a build week of its phase where the accessories may rotate."""
    every = config.block.rotate_every if config.block else 0
    phase = setups[i].week.phase
    built = sum(1 for s in setups[:i] if _builds(s) and not s.disrupted and s.week.phase == phase)
    return every > 0 and built % every == 0


def brings_new(setups: Sequence[WeekSetup], config: Config, i: int) -> bool:
    """Week i is a build week that may hold exercises the build week before it did not
    (exercises_carry_within_phase): the first of its phase, or a week they rotate."""
    if not _builds(setups[i]) or setups[i].disrupted:
        return False
    before = next((s for s in reversed(setups[:i]) if _builds(s) and not s.disrupted), None)
    return before is None or before.week.phase != setups[i].week.phase or rotates(setups, config, i)


def _builds(setup: WeekSetup) -> bool:  # building(part), from the setup alone
    return not (setup.rests or setup.week.deload or setup.week.taper)


@block_rule
def progression_carries(ctx: BlockContext, i: int) -> None:
    """No exercise kept from one build week into the next of its phase falls back by more
    than one step. Across a phase change the step carries by construction (BlockWeek.step
    counts the block's build weeks) and the new phase's own dose applies from there, but a
    lift kept for the same role does not drop its effort or two sets (fell_back): a power
    phase taking a kettlebell deadlift from RPE 8.5 to 7.5 is a reset."""
    part = ctx.weeks[i]
    previous = ctx.building_before(i)
    if not building(part) or previous is None:
        return
    now, before = part.variables, previous.variables
    assert now is not None and before is not None
    same_phase = previous.week.phase == part.week.phase
    before_profile, profile = previous.config.profile, part.config.profile
    for e in now.exercises:
        was, dose = dose_in(e, before_profile), dose_in(e, profile)
        if jump(dose, was) if same_phase else fell_back(was, dose):
            done_before, done_now = done_in(ctx, before, e), done_in(ctx, now, e)
            ctx.add(ctx.model.add_bool_or([done_before.Not(), done_now.Not()]))


@block_rule
def jumps_build_up(ctx: BlockContext, i: int) -> None:
    """Weekly jump contacts stay under the cap (Balsalobre-Fernandez 2016: about 200); a
    build week adds at most CONTACTS_STEP to the week before's (or reaches CONTACTS_START);
    a hard jump (bounds, depth drops, maximal broad jumps) follows a lighter jump done in
    one of the two weeks before."""
    part = ctx.weeks[i]
    now = part.variables
    if now is None:
        return
    cap = ctx.config.block.max_contacts if ctx.config.block else None
    if cap is not None:
        ctx.add(ctx.model.add(ctx.contacts(i) <= cap))
    if building(part):
        before = ctx.contacts(i - 1) if i > 0 else 0
        most = ctx.model.new_int_var(0, 10_000, f"w{i + 1}.contacts_most")
        ctx.model.add_max_equality(most, [before + CONTACTS_STEP, CONTACTS_START])
        ctx.add(ctx.model.add(ctx.contacts(i) <= most))
    jumps = [e for e in now.exercises if e.category == "plyometric"]
    recent = [p for p in ctx.weeks[max(0, i - JUMP_MEMORY) : i] if p.variables is not None]
    for e in jumps:
        if e.load < INTENSE_JUMP_LOAD:
            continue
        lighter = [
            p.variables.does[d, f.id]
            for p in recent
            if p.variables is not None
            for f in jumps
            for d in p.variables.days
            if f.load < e.load
        ]
        for day in now.days:
            ctx.add(ctx.model.add(now.does[day, e.id] <= sum(lighter)))


@block_rule
def taper_does_less(ctx: BlockContext, i: int) -> None:
    """No taper week has more distinct exercises or more minutes than the fewest of any
    build week, nor more jump contacts than the last build week; nothing for the legs is
    done in the last LEG_FREE_DAYS days before the race, and each race-week session lasts
    at most half the longest build session (Bosquet et al. 2007: volume down, intensity
    kept). The race week's fewer sessions, each with the fewest exercises, are its
    config's (planner/training/week_setup.py)."""
    part = ctx.weeks[i]
    now = part.variables
    if now is None or not part.week.taper:
        return
    for k, earlier in enumerate(ctx.weeks[:i]):
        if building(earlier):
            ctx.add(ctx.model.add(ctx.distinct(i) <= ctx.distinct(k)))
            ctx.add(ctx.model.add(ctx.minutes(i) <= ctx.minutes(k)))
    last = ctx.building_before(i)
    if last is not None:
        # Jumps are volume too: no more contacts than the last build week (the marathon's
        # taper had 60 against its build weeks' 25).
        k = next(n for n, p in enumerate(ctx.weeks) if p is last)
        ctx.add(ctx.model.add(ctx.contacts(i) <= ctx.contacts(k)))
    legs = [e for e in now.exercises if e.category in LEG_CATEGORIES]
    for day in now.days:
        if _leg_free(part, day):
            for does in now.on(day, legs):
                ctx.add(ctx.model.add(does == 0))
    if part.week.volume != "race":
        return
    build_days = [m for k, p in enumerate(ctx.weeks[:i]) if building(p) for m in ctx.day_minutes(k)]
    if build_days:
        # Each race-week session at most half the longest build session, rounded up.
        longest = ctx.model.new_int_var(0, MINUTES_A_DAY, f"w{i + 1}.longest_build_session")
        ctx.model.add_max_equality(longest, build_days)
        for minutes in ctx.day_minutes(i):
            ctx.add(ctx.model.add(2 * minutes <= longest + 1))


def _leg_free(part: WeekPart, day: str) -> bool:
    left = part.week.days_before_race(day)
    return left is not None and 0 <= left <= LEG_FREE_DAYS


def dose_in(e: Exercise, profile: Profile) -> Dose:
    p = prescribe(e, profile)
    return (p.role, p.sets, p.reps, p.unit, p.intensity)
