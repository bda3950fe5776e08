"""The block model as one MIP for HiGHS: every week's MIP from `highs_model.build_mip` under
that week's config (`planner.training.week_setup`), stacked, and the block's rules written as rows,
one function per rule under the names of `planner/model/block/rules.py`.

Like the weekly MIP it has a column per exercise id (no twin merging), so the rules are
stated per exercise, as `planner/block/check.py` states them. A week's volume is its
exercises' catalog load times their sets that week. The CP-SAT model's extra caps (each
week at most its optimum alone) are redundant and left out.

It does not yet state the four rules of issue 21 (OMITTED_RULES): HiGHS solves a
relaxation of planner's block model, so its optimum is a bound on planner's, not the
same optimum, and its block may break those rules (block_run.py reports it so).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from benchmarks.cpsat_run import SolveTimes
from benchmarks.highs_model import build_mip
from benchmarks.highs_run import solve_mip
from benchmarks.mip import Mip, Terms, add
from planner.block.check import DELOAD_MOST, RACE_WEEK_MOST
from planner.catalog.catalog import Catalog, Exercise
from planner.config.config import Config
from planner.plan.block import PlannedWeek
from planner.plan.week import Plan
from planner.training.prescription import prescribe, serves_goal
from planner.training.progression import jump
from planner.training.week_setup import WeekSetup


@dataclass
class WeekColumns:
    """One week's part of the block MIP: its own MIP (None: a week without training) and
    where its columns start in the whole."""

    setup: WeekSetup
    part: Mip | None
    offset: int = 0

    @property
    def trains(self) -> bool:
        return self.part is not None

    @property
    def building(self) -> bool:
        week = self.setup.week
        return self.trains and not week.deload and not week.taper

    def does(self, day: str, exercise: str) -> int:
        assert self.part is not None
        return self.offset + self.part.does[day, exercise]

    def trains_on(self, day: str) -> int:
        assert self.part is not None
        return self.offset + self.part.trains_on[day]

    def exercises(self) -> tuple[Exercise, ...]:
        return () if self.part is None else self.part.exercises

    def days(self) -> tuple[str, ...]:
        return () if self.part is None else self.part.days

    def volume(self) -> Terms:
        """Catalog load times the week's sets, per does column."""
        profile = self.setup.config.profile
        sets = {e.id: e.load * prescribe(e, profile).sets for e in self.exercises()}
        return {
            self.does(d, e.id): float(sets[e.id]) for d in self.days() for e in self.exercises()
        }


@dataclass
class BlockMip:
    whole: Mip
    weeks: list[WeekColumns]
    config: Config
    _done: dict[tuple[int, str], int] = field(default_factory=dict)

    def done(self, index: int, exercise: str) -> int:
        """A column at least every does[day, exercise] of the week: 1 when it is done."""
        if (index, exercise) not in self._done:
            w = self.weeks[index]
            col = self.whole.column(f"w{w.setup.week.number}.done[{exercise}]")
            for d in w.days():
                self.whole.row("done", {w.does(d, exercise): 1.0, col: -1.0}, upper=0)
            self._done[index, exercise] = col
        return self._done[index, exercise]


def build_block_mip(
    catalog: Catalog,
    config: Config,
    setups: Sequence[WeekSetup],
    rules: Sequence[Callable[[BlockMip], None]] | None = None,
) -> BlockMip:
    """The block MIP with every block rule, or only `rules` (tests leave one out)."""
    whole = Mip()
    weeks = []
    for setup in setups:
        if setup.rests:
            weeks.append(WeekColumns(setup, None))
            continue
        part = build_mip(catalog, setup.config)
        weeks.append(WeekColumns(setup, part, _append(whole, part, f"w{setup.week.number}.")))
    block = BlockMip(whole, weeks, config)
    for add_rule in BLOCK_RULES if rules is None else rules:
        add_rule(block)
    return block


def _append(whole: Mip, part: Mip, prefix: str) -> int:
    """Copy part's columns and rows into whole; returns where its columns start."""
    offset = len(whole.names)
    whole.names += [prefix + name for name in part.names]
    whole.cost += part.cost
    whole.col_upper += part.col_upper
    start = len(whole.row_index)
    whole.row_index += [c + offset for c in part.row_index]
    whole.row_value += part.row_value
    whole.row_start += [start + s for s in part.row_start[1:]]
    whole.row_lower += part.row_lower
    whole.row_upper += part.row_upper
    whole.row_names += [prefix + name for name in part.row_names]
    return offset


def main_lifts_held_within_phase(b: BlockMip) -> None:
    equipment = b.config.equipment.available
    previous: WeekColumns | None = None
    for w in b.weeks:
        if not w.building:
            continue
        if previous is not None and previous.setup.week.phase == w.setup.week.phase:
            for e in w.exercises():
                if serves_goal(e, w.setup.config.profile, equipment):
                    for d in w.days():
                        held = {w.does(d, e.id): 1.0, previous.does(d, e.id): -1.0}
                        b.whole.row("main_lifts_held", held, 0, 0)
        previous = w


def deload_weeks_lighten(b: BlockMip) -> None:
    share = DELOAD_MOST
    for i, w in enumerate(b.weeks):
        if i == 0 or not w.setup.week.deload or not w.trains:
            continue
        before = b.weeks[i - 1]
        for d in w.days():
            for e in w.exercises():
                same = {w.does(d, e.id): 1.0}
                if before.trains:
                    same[before.does(d, e.id)] = -1.0
                b.whole.row("deload.same", same, 0, 0)
        lighter = add(add({}, w.volume(), share.denominator), before.volume(), -share.numerator)
        b.whole.row("deload.volume", lighter, upper=0)


def progression_capped(b: BlockMip) -> None:
    previous: int | None = None
    for i, w in enumerate(b.weeks):
        if not w.trains or w.setup.week.deload:
            continue
        if previous is not None:
            before = b.weeks[previous].setup.config
            for e in w.exercises():
                if jump(_dose(e, before), _dose(e, w.setup.config)):
                    both = {b.done(previous, e.id): 1.0, b.done(i, e.id): 1.0}
                    b.whole.row("progression_capped", both, upper=1)
        previous = i


def taper_volume_falls(b: BlockMip) -> None:
    tapering = [i for i, w in enumerate(b.weeks) if w.setup.week.taper]
    if not tapering:
        return
    for i in tapering:
        b.whole.row("taper.falls", add(b.weeks[i].volume(), b.weeks[i - 1].volume(), -1.0), upper=0)
    # race week <= 3/5 of the peak: of some week j, chosen by a binary (the peak is a max)
    share = RACE_WEEK_MOST
    last = b.weeks[-1].volume()
    big = share.denominator * sum(last.values())
    picks = [b.whole.column(f"peak_is[{j + 1}]") for j in range(len(b.weeks))]
    b.whole.row("taper.peak_pick", dict.fromkeys(picks, 1.0), 1, 1)
    for pick, w in zip(picks, b.weeks, strict=True):
        below = add(add({}, last, share.denominator), w.volume(), -share.numerator)
        b.whole.row("taper.race_week", add(below, {pick: big}), upper=big)


def no_heavy_legs_in_taper(b: BlockMip) -> None:
    settings = b.config.block
    if settings is None or settings.race is None:
        return
    for w in b.weeks:
        profile = w.setup.config.profile
        heavy = [e for e in w.exercises() if e.category == "lower"]
        heavy = [e for e in heavy if prescribe(e, profile).role == "strength"]
        for d in w.days():
            left = w.setup.week.days_before_race(d)
            if left is not None and 0 <= left < settings.taper_days:
                for e in heavy:
                    b.whole.row("no_heavy_legs_in_taper", {w.does(d, e.id): 1.0}, upper=0)


def taper_brings_nothing_new(b: BlockMip) -> None:
    for i, w in enumerate(b.weeks):
        if not w.trains or not w.setup.week.taper:
            continue
        earlier = [x for x in b.weeks[:i] if x.trains]
        for e in w.exercises():
            seen = b.whole.column(f"w{i + 1}.seen[{e.id}]")
            uses = {x.does(d, e.id): -1.0 for x in earlier for d in x.days()}
            b.whole.row("taper.seen", {seen: 1.0, **uses}, upper=0)
            for d in w.days():
                b.whole.row("taper.nothing_new", {w.does(d, e.id): 1.0, seen: -1.0}, upper=0)


def rest_before_race(b: BlockMip) -> None:
    for w in b.weeks:
        for d in w.setup.free_days if w.trains else ():
            b.whole.row("rest_before_race", {w.trains_on(d): 1.0}, upper=0)


def _dose(e: Exercise, config: Config) -> tuple[str, int, int, str, str]:
    p = prescribe(e, config.profile)
    return (p.role, p.sets, p.reps, p.unit, p.intensity)


# planner's block rules (planner/model/block/coach_rules.py) the MIP leaves out.
OMITTED_RULES = (
    "exercises_carry_within_phase",
    "progression_carries",
    "jumps_build_up",
    "taper_does_less",
)

BLOCK_RULES: tuple[Callable[[BlockMip], None], ...] = (
    main_lifts_held_within_phase,
    deload_weeks_lighten,
    progression_capped,
    taper_volume_falls,
    no_heavy_legs_in_taper,
    taper_brings_nothing_new,
    rest_before_race,
)


def run_block_highs(
    catalog: Catalog, config: Config, setups: Sequence[WeekSetup], time_limit: float
) -> tuple[SolveTimes, tuple[PlannedWeek, ...] | None]:
    """HiGHS on the block MIP, 1 thread; its block read back as planned weeks."""
    t0 = time.perf_counter()
    block = build_block_mip(catalog, config, setups)
    answer = solve_mip(
        block.whole,
        seed=config.solver.seed,
        time_limit=time_limit,
        build_s=time.perf_counter() - t0,
    )
    values = answer.values
    if values is None:
        return answer.times, None
    weeks = []
    for w in block.weeks:
        days = {
            d: [e.id for e in w.exercises() if values[w.does(d, e.id)] > 0.5]
            for d in w.days()
            if values[w.trains_on(d)] > 0.5
        }
        weeks.append(PlannedWeek(w.setup, Plan.from_ids(catalog, w.setup.config.profile, days)))
    return answer.times, tuple(weeks)
