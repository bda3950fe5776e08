"""The sections of the athlete's config ([athlete], [week], [session], ... [solver]): each
key's type, default and bounds. planner/config/config.py assembles them, with [goal] (goals.py)
and [block] (block.py), into the whole Config."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    model_validator,
)

from planner.errors import ALIASES, control_character
from planner.vocabulary import DAYS, Day, Goal, Level


def _ordered_range(value: tuple[int, int]) -> tuple[int, int]:
    low, high = value
    if low > high:
        raise ValueError(f"min {low} is greater than max {high}; write [min, max]")
    return value


def _ordered_band(value: tuple[float, float]) -> tuple[float, float]:
    low, high = value
    if low > high:
        raise ValueError(f"low {low} is greater than high {high}; write [low, high]")
    return value


def _day_word(value: object) -> object:
    """A day as people write it, in any case and in full (`Monday`, ` WED `): the roster
    reads its cells so, and a TOML should be no stricter."""
    if isinstance(value, str):
        word = value.strip().lower()
        day = ALIASES.get(word, word)
        return day if day in DAYS else value  # a typo is reported as written
    return value


def _unique_days(days: list[str]) -> list[str]:
    repeated = sorted({d for d in days if days.count(d) > 1}, key=DAYS.index)
    if repeated:
        raise ValueError(f"{', '.join(repeated)} listed more than once")
    return sorted(days, key=DAYS.index)


# TOML gives real types, so nothing is coerced: `sessions = true` or `sessions = "3"` is an
# error, not 1 or 3 (the batch turns roster cells into these types before validating).
Int = Annotated[int, Strict()]
Float = Annotated[float, Strict(), AllowInfNan(False)]  # a whole number is a fine float
Count = Annotated[Int, Field(ge=0, le=20)]
CountRange = Annotated[tuple[Count, Count], AfterValidator(_ordered_range)]
Ratio = Annotated[Float, Field(gt=0, le=100)]
RatioBand = Annotated[tuple[Ratio, Ratio], AfterValidator(_ordered_band)]
DayName = Annotated[Day, BeforeValidator(_day_word)]
DayList = Annotated[list[DayName], AfterValidator(_unique_days)]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _plain_text(text: str) -> str:
    char = control_character(text)
    if char:
        raise ValueError(f"contains a control character ({char}); write plain text on one line")
    return text


PlainText = Annotated[str, AfterValidator(_plain_text)]


class Athlete(Section):
    name: PlainText = Field("Runner", description="Shown on the plan.")
    level: Level = Field("intermediate", description="Exercises above this level are left out.")
    goal: Goal = Field("endurance", description="Sets coverage targets and prescriptions.")


class Week(Section):
    available_days: DayList = Field(default_factory=lambda: list(DAYS), min_length=1)  # type: ignore[arg-type]
    sessions: Int | None = Field(
        None,
        ge=1,
        le=7,
        description="Strength sessions this week; default: the goal profile's for the level "
        "(2-3), at most one per available day.",
    )
    long_run: DayName | None = None
    hard_runs: DayList = Field(default_factory=list)
    max_session_minutes: Int = Field(60, ge=5, le=300)
    heavy_legs_on_long_run_day: Annotated[bool, Strict()] = Field(
        False,
        description="Allow heavy lower-body or calf sets, jumps or slow lowering on the day of "
        "the long run (after it); by default that session keeps the legs light.",
    )

    @model_validator(mode="after")
    def _sessions_fit_days(self) -> Self:
        if self.sessions is not None and self.sessions > len(self.available_days):
            raise ValueError(
                f"sessions is {self.sessions} but only {len(self.available_days)} available "
                f"day(s) are listed ({', '.join(self.available_days) or 'none'}); "
                "add days or lower sessions"
            )
        if self.long_run is not None and self.long_run in self.hard_runs:
            raise ValueError(f"{self.long_run} is both the long run and a hard run")
        return self

    @property
    def session_count(self) -> int:
        assert self.sessions is not None  # filled in by Config's validator
        return self.sessions

    @property
    def key_run_days(self) -> tuple[str, ...]:
        days = {*self.hard_runs, *([self.long_run] if self.long_run else [])}
        return tuple(d for d in DAYS if d in days)


class SessionCounts(Section):
    """How many exercises of each category one session holds, as [min, max]; a category
    left out takes the goal profile's band (planner/data/goals.toml)."""

    lower: CountRange | None = None
    calf: CountRange | None = None
    core: CountRange | None = None
    upper: CountRange | None = None
    plyometric: CountRange | None = None
    mobility: CountRange | None = None

    def of(self, category: str) -> tuple[int, int]:
        value: tuple[int, int] | None = getattr(self, category)
        assert value is not None  # filled in by Config's validator
        return value


WeeklyRange = Annotated[
    tuple[Annotated[Int, Field(ge=0, le=100)], Annotated[Int, Field(ge=0, le=100)]],
    AfterValidator(_ordered_range),
]


class WeeklyCounts(Section):
    """Optional weekly category counts, as [min, max] over all sessions."""

    lower: WeeklyRange | None = None
    calf: WeeklyRange | None = None
    core: WeeklyRange | None = None
    upper: WeeklyRange | None = None
    plyometric: WeeklyRange | None = None
    mobility: WeeklyRange | None = None

    def of(self, category: str) -> tuple[int, int] | None:
        value: tuple[int, int] | None = getattr(self, category)
        return value


class CoreMinimums(Section):
    anti_extension: Int = Field(2, ge=0, le=100)
    anti_lateral_flexion: Int = Field(2, ge=0, le=100)
    anti_rotation: Int = Field(2, ge=0, le=100)

    def of(self, function: str) -> int:
        value: int = getattr(self, function)
        return value


class Balance(Section):
    soleus_to_gastrocnemius: RatioBand | None = Field(
        (0.75, 3.0), description="Weekly soleus / gastrocnemius coverage must lie in [low, high]."
    )
    core_min: CoreMinimums = Field(default_factory=CoreMinimums)
    core_spread: Int | None = Field(
        4, ge=0, le=100, description="Max minus min of the three weekly core-function coverages."
    )


class Load(Section):
    max_session: Int = Field(25, ge=0, le=1000)
    max_week: Int | None = Field(None, ge=0, le=10000)
    max_lower_before_key_run: Int | None = Field(
        8, ge=0, le=1000, description="Lower, calf and plyometric load the day before a key run."
    )


# Stress caps by level when the config leaves them out (units: planner/training/stress.py).
FATIGUE_DEFAULTS: dict[str, dict[str, int]] = {
    "max_session": {"beginner": 70, "intermediate": 100, "advanced": 130},
    "max_week": {"beginner": 180, "intermediate": 300, "advanced": 420},
    "max_legs_before_key_run": {"beginner": 25, "intermediate": 35, "advanced": 45},
}


class Fatigue(Section):
    """Caps on stress computed from the prescription (sets, effort, reps, tempo, sides,
    ground contacts; planner/training/stress.py); left out, each takes its default for the level."""

    max_session: Int | None = Field(None, ge=0, le=10_000, description="Stress of one session.")
    max_week: Int | None = Field(None, ge=0, le=100_000, description="Stress of the week.")
    max_legs_before_key_run: Int | None = Field(
        None,
        ge=0,
        le=10_000,
        description="Lower-body, calf and jump stress the day before a key run.",
    )

    def cap(self, key: str, level: str) -> int:
        """The cap as written, else the level's default."""
        value: int | None = getattr(self, key)
        return FATIGUE_DEFAULTS[key][level] if value is None else value


class Variety(Section):
    max_per_week: Int = Field(2, ge=1, le=7)


class Equipment(Section):
    available: list[str] = Field(default_factory=list)


class Exclude(Section):
    exercises: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


class Include(Section):
    exercises: list[str] = Field(
        default_factory=list,
        max_length=30,
        description="Exercise ids that must appear in the week at least once (a coach's pins).",
    )


class Objective(Section):
    coverage: Int = Field(10, ge=0, le=1000, description="Weight of weekly muscle coverage.")
    load: Int = Field(
        1, ge=0, le=1000, description="Cost of each point of weekly load above the goal's dose."
    )
    variety: Int = Field(2, ge=0, le=1000, description="Weight of distinct exercises.")
    rest_before_key_runs: Int = Field(
        5, ge=0, le=1000, description="Cost of a session on the day before a key run."
    )
    hardness: Int = Field(
        1,
        ge=0,
        le=1000,
        description="Weight of each hardness step (level, barbell) of the goal's dose.",
    )


class Solver(Section):
    time_limit: Float = Field(10.0, ge=0.01, le=86400)  # --time-limit's bounds too
    seed: Int = Field(0, ge=0, le=2**31 - 1)
    workers: Int = Field(1, ge=1, le=64)
