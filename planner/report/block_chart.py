"""The geometry of a block's volume curve, worked out here so the template only places what
it is given: one bar per week (volume: load x sets, what the deload and taper rules
measure), the phases shaded behind their weeks, deload weeks and the taper marked, the
race-week cap (60 % of the peak) and the race day drawn on its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from math import ceil

from planner.plan.block import PlannedWeek
from planner.report.block_weeks import week_kind

WIDTH = 718  # px: the 190 mm a printed A4 page leaves
HEIGHT = 236
LEFT, RIGHT = 40, 8  # room for the volume ticks on the left
TOP = 40  # the phase labels and the taper bracket sit above the bars
BASELINE = HEIGHT - 34  # week numbers and start dates below
BAR = 0.62  # of a week's slot
MARK_SLOT = 32  # px: a narrower week's slot has no room for "deload" above its bar
PHASE_COLORS = {
    "strength": "#2b6cb0", "power": "#c05621", "endurance": "#2f855a", "flexibility": "#6b46c1",
}  # fmt: skip
RACE_WEEK_SHARE = 0.6  # the race week holds at most this share of the peak (rulebook)


@dataclass(frozen=True)
class WeekBar:
    week: int
    phase: str
    kind: str  # build, deload, taper or race
    volume: int
    load: int
    x: float
    y: float
    width: float
    height: float
    center: float
    color: str
    starts: str  # "4 Jan"; "" where a long block has no room for every date
    number: str  # the week's number as labelled ("" where there is no room)
    mark: str  # "deload", "taper" or "race" ("D", "T", "R" in a narrow slot); "" for build
    value: str  # the volume above the bar ("" in a very narrow slot)


@dataclass(frozen=True)
class PhaseBand:
    phase: str
    label: str
    x: float
    width: float
    color: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Span:
    """A bracket over some weeks (the taper), or a line across them (the race-week cap)."""

    label: str
    x1: float
    x2: float
    y: float

    @property
    def label_x(self) -> float:
        """The middle of the span, kept off the right edge (a one-week taper is narrow)."""
        return min((self.x1 + self.x2) / 2, WIDTH - RIGHT - 14)


@dataclass(frozen=True)
class RaceMark:
    x: float
    label: str
    anchor: str  # where the label hangs: "end" near the right edge


@dataclass(frozen=True)
class VolumeChart:
    bars: tuple[WeekBar, ...]
    bands: tuple[PhaseBand, ...]
    ticks: tuple[Tick, ...]
    taper: Span | None
    cap: Span | None
    race: RaceMark | None
    abbreviated: bool  # marks as letters: D deload, T taper, R race week
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    baseline: int = BASELINE


def volume_chart(weeks: tuple[PlannedWeek, ...], race: date | None) -> VolumeChart:
    peak = max((w.volume for w in weeks), default=0)
    scale_top = _nice_top(peak * 1.05)  # room for the peak's label
    slot = (WIDTH - RIGHT - LEFT) / max(1, len(weeks))

    def y_of(value: float) -> float:
        return BASELINE - (BASELINE - TOP) * value / scale_top

    # A long block leaves a narrow slot per week: marks shrink to a letter, and only every
    # few weeks' number and date are labelled, so no two labels run into each other.
    every_date, every_number = ceil(30 / slot), ceil(14 / slot)
    bars = []
    for i, planned in enumerate(weeks):
        week = planned.setup.week
        kind = week_kind(week)
        x = LEFT + slot * i
        top = y_of(planned.volume)
        mark = "" if kind == "build" else kind[0].upper() if slot < MARK_SLOT else kind
        bars.append(
            WeekBar(week.number, week.phase, kind, planned.volume, planned.plan.load,
                    round(x + slot * (1 - BAR) / 2, 1), round(top, 1), round(slot * BAR, 1),
                    round(BASELINE - top, 1), round(x + slot / 2, 1), phase_color(week.phase),
                    f"{week.start.day} {week.start:%b}" if i % every_date == 0 else "",
                    str(week.number) if i % every_number == 0 else "", mark,
                    str(planned.volume) if slot >= 17 else "")
        )  # fmt: skip
    taper = [i for i, w in enumerate(weeks) if w.setup.week.taper]
    taper_span = cap = None
    if taper:
        x1, x2 = LEFT + slot * taper[0] + 2, LEFT + slot * (taper[-1] + 1) - 2
        taper_span = Span("taper", round(x1, 1), round(x2, 1), TOP - 8)  # the label: see label_x
    race_week = [i for i, b in enumerate(bars) if b.kind == "race"]
    if race_week:  # the cap applies to the race week alone
        x1, x2 = LEFT + slot * race_week[0] + 1, LEFT + slot * (race_week[0] + 1) - 1
        share = f"{RACE_WEEK_SHARE:.0%}".replace("%", " %")
        cap = Span(f"{share} of the peak", round(x1, 1), round(x2, 1),
                   round(y_of(RACE_WEEK_SHARE * peak), 1))  # fmt: skip
    return VolumeChart(
        tuple(bars),
        _bands(weeks, slot),
        tuple(Tick(round(y_of(v), 1), str(v)) for v in _ticks(scale_top)),
        taper_span,
        cap,
        _race_mark(weeks, race, slot),
        slot < MARK_SLOT,
    )


def _bands(weeks: tuple[PlannedWeek, ...], slot: float) -> tuple[PhaseBand, ...]:
    """One shaded band per phase, behind its weeks (a taper week stays in its phase)."""
    runs: list[tuple[str, int, int]] = []  # phase, first and last index
    for i, planned in enumerate(weeks):
        phase = planned.setup.week.phase
        if runs and runs[-1][0] == phase:
            runs[-1] = (phase, runs[-1][1], i)
        else:
            runs.append((phase, i, i))
    bands = []
    for phase, first, last in runs:
        numbers = f"{first + 1}-{last + 1}" if last > first else str(first + 1)
        wide = (last - first + 1) * slot > 7 * (len(phase) + 14)  # room for the long label
        label = f"{phase} phase, weeks {numbers}" if wide else phase
        x = LEFT + slot * first
        bands.append(PhaseBand(phase, label, round(x, 1), round(slot * (last - first + 1), 1),
                               phase_color(phase)))  # fmt: skip
    return tuple(bands)


def _race_mark(weeks: tuple[PlannedWeek, ...], race: date | None, slot: float) -> RaceMark | None:
    if race is None or not weeks:
        return None
    start = weeks[0].setup.week.start
    days = (race - start).days
    x = LEFT + slot * (days + 0.5) / 7
    anchor = "end" if x > WIDTH - RIGHT - 60 else "middle"
    return RaceMark(round(x, 1), f"race {race:%a} {race.day} {race:%b}", anchor)


def phase_color(phase: str) -> str:
    return PHASE_COLORS.get(phase, "#4a5568")


def _nice_top(value: float) -> int:
    """The least round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or
    above value: the top of the scale."""
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= value:
            return max(1, round(step * magnitude))
    return 10 * magnitude  # not reached


def _ticks(top: int) -> list[int]:
    """0 up to top in four or five round steps."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000):
        if top / step <= 5:
            return list(range(0, top + 1, step))
    return [0, top]
