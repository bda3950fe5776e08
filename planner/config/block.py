"""A training block to race day, as a calendar: its weeks, their dates, phases, deloads and
taper. Plain data; the block model (one CP-SAT model over the weeks) builds on it.

Defaults, from the evidence in the README ("A block to race day"):
- Phases: heavy strength first, then the work closest to racing: explosive power before
  short races (5k, 10k), the endurance profile (one heavy lift a session, the rest as
  strength-endurance: maintenance) before long ones (half marathon and up), and the
  athlete's own goal when no distance is given (Bazyler et al. 2015; Blagrove et al. 2018).
  A power goal closes with power whatever the distance: the goal the runner named shows
  before the race (plyometrics improve a distance runner's economy too: Blagrove 2018).
  A flexibility goal keeps one phase: stretching is progressed, not peaked.
- Deloads: every `deload_every`-th week, never in the taper.
- Taper: the last ceil(taper_days / 7) weeks before a race (the race week for the default
  7 days, two weeks for 14, as Bosquet et al. 2007 found best); volume falls there while
  intensity stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planner.vocabulary import DAYS, Goal

Distance = Literal["5k", "10k", "half", "marathon", "ultra"]
SHORT_RACES = ("5k", "10k")
MAX_WEEKS = 52


class BlockSettings(BaseModel):
    """The config's [block] section."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # A TOML file must write a date as a date (config/files.py says so); a plan's JSON holds
    # the text, which is read here as the date it names.
    start: date = Field(description="First day of week 1.")
    race: date | None = Field(None, description="Race day; or give `weeks` instead.")
    weeks: int | None = Field(None, ge=1, le=MAX_WEEKS, strict=True)
    distance: Distance | None = Field(None, description="Sets the default phases.")
    deload_every: int = Field(
        4, ge=0, le=12, strict=True, description="Every Nth week is a deload (0: none)."
    )
    taper_days: int = Field(
        7, ge=0, le=28, strict=True, description="No heavy lower-body lifting in the last N days."
    )
    rotate_every: int = Field(
        3,
        ge=0,
        le=12,
        strict=True,
        description="New exercises every Nth build week of a phase (0: only at phase changes).",
    )
    max_contacts: int = Field(
        200, ge=0, le=2000, strict=True, description="Jump contacts a week at most."
    )
    phases: list[Goal] | None = Field(
        None, min_length=1, max_length=6, description="One goal per phase, in order."
    )

    @model_validator(mode="after")
    def _one_end(self) -> Self:
        if (self.race is None) == (self.weeks is None):
            raise ValueError("give either race (a date) or weeks (a number), not both or neither")
        if self.race is not None:
            if self.race <= self.start:
                raise ValueError(f"race {self.race} is not after start {self.start}")
            weeks = _weeks_to(self.start, self.race)
            if weeks > MAX_WEEKS:
                raise ValueError(
                    f"the race is {weeks} weeks after the start; a block has at most "
                    f"{MAX_WEEKS}: start later"
                )
        self._fits_the_calendar()
        return self

    def _fits_the_calendar(self) -> None:
        """Python's calendar ends on 9999-12-31: a block must end before it does."""
        last_day = date.max - timedelta(days=7)  # the last week's dates are computed too
        weeks = self.week_count
        if weeks > (last_day - self.start).days // 7:
            latest = last_day - timedelta(weeks=weeks)
            raise ValueError(
                f"a {weeks}-week block from {self.start} ends after the calendar does "
                f"(9999-12-31); start by {latest}"
            )

    @property
    def week_count(self) -> int:
        if self.weeks is not None:
            return self.weeks
        assert self.race is not None
        return _weeks_to(self.start, self.race)


@dataclass(frozen=True)
class BlockWeek:
    number: int  # 1-based
    start: date
    phase: str  # the goal whose profile applies
    deload: bool
    taper: bool
    # Building weeks before it in the block, any phase (a deload or taper week repeats the
    # step of the week before): a lift kept into the next phase carries on from where it was.
    step: int = 0
    race: date | None = None  # the race day, in the last week

    @property
    def volume(self) -> str:
        """How the week's sets are cut: "full", "deload", "taper" or "race" (its last week)."""
        if self.race is not None and self.start <= self.race < self.start + timedelta(days=7):
            return "race"
        return "taper" if self.taper else "deload" if self.deload else "full"

    def date_of(self, day: str) -> date:
        """The date of a weekday name in this week (weeks start on the block's start day)."""
        offset = (DAYS.index(day) - self.start.weekday()) % 7
        return self.start + timedelta(days=offset)

    def days_before_race(self, day: str) -> int | None:
        """Days from this week's `day` to the race (0 on race day, negative after it)."""
        return None if self.race is None else (self.race - self.date_of(day)).days


def default_phases(distance: str | None, goal: str) -> list[str]:
    """One goal per phase when the config names none (see the module docstring)."""
    if goal == "flexibility":
        return ["flexibility"]
    if distance is None:
        return ["strength"] if goal == "strength" else ["strength", goal]
    closing = "power" if distance in SHORT_RACES or goal == "power" else "endurance"
    return ["strength", closing]


def calendar(settings: BlockSettings, goal: str) -> tuple[BlockWeek, ...]:
    """The block's weeks with their phase, deload and taper flags and progression step.

    A deload week closes the phase of the week before it (it keeps that week's exercises),
    and repeats its step, as taper weeks repeat the last building week's.
    """
    count = settings.week_count
    taper = _taper_weeks(settings, count)
    phases: list[str] = (
        list(settings.phases) if settings.phases else default_phases(settings.distance, goal)
    )
    building = count - len(taper)
    phase_of = _split(phases, max(building, 1))
    built = 0  # building weeks so far
    weeks: list[BlockWeek] = []
    for n in range(1, count + 1):
        in_taper = n in taper
        phase = phase_of[min(n, building) - 1] if building else phases[-1]
        deload = (
            settings.deload_every > 0 and n % settings.deload_every == 0 and not in_taper and n > 1
        )
        if (deload or in_taper) and weeks:
            phase = weeks[-1].phase if deload else phase
            step = weeks[-1].step
        else:
            step, built = built, built + 1
        start = settings.start + timedelta(weeks=n - 1)
        weeks.append(BlockWeek(n, start, phase, deload, in_taper, step, settings.race))
    return tuple(weeks)


def _weeks_to(start: date, race: date) -> int:
    """Weeks from start up to and including the race day."""
    return (race - start).days // 7 + 1


def _taper_weeks(settings: BlockSettings, count: int) -> set[int]:
    """The weeks that hold a day of the taper: the last `taper_days` days up to and including
    the race (a Sunday race with 7 days tapers its own week, with 14 the last two); week 1
    always builds, and there is no taper without a race."""
    if settings.race is None or settings.taper_days == 0:
        return set()
    first_day = settings.race - timedelta(days=settings.taper_days - 1)
    first_week = (first_day - settings.start).days // 7 + 1
    return set(range(max(first_week, 2), count + 1))


def _split(phases: list[str], weeks: int) -> list[str]:
    """Weeks shared out among the phases in order, earlier phases taking the remainder."""
    base, extra = divmod(weeks, len(phases))
    out: list[str] = []
    for i, phase in enumerate(phases):
        out += [phase] * (base + (1 if i < extra else 0))
    return out


def describe(settings: BlockSettings, weeks: tuple[BlockWeek, ...]) -> str:
    """The block in one line, for `planner check`."""
    end = f" to race {settings.race}" if settings.race else ""
    distance = f" ({settings.distance})" if settings.distance else ""
    runs: list[str] = []
    for week in weeks:
        label = "taper" if week.taper else week.phase
        if runs and runs[-1].endswith(f" {label}"):
            first = runs[-1].split(" ", 1)[0].split("-")[0]
            runs[-1] = f"{first}-{week.number} {label}"
        else:
            runs.append(f"{week.number} {label}")
    deloads = [str(w.number) for w in weeks if w.deload]
    deload_text = f"; deload weeks {', '.join(deloads)}" if deloads else "; no deload weeks"
    return (
        f"Block: {len(weeks)} weeks from {settings.start}{end}{distance}: weeks "
        + ", ".join(runs)
        + deload_text
        + "."
    )
