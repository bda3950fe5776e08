"""Goal profiles: the package's planner/data/goals.toml, validated, resolved for one athlete.

A profile says what a goal's week looks like at a level: sessions a week, exercises per
category, the primary stimulus and its dose, the weekly load to aim at, and how each role
is prescribed. A config's [goal] section overrides the athlete's resolved profile with the
same keys and the same validation.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Annotated, Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field

from planner.vocabulary import CATEGORIES, STIMULI, Category, Level, Stimulus


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Dose(_Strict):
    """How one exercise is prescribed for one role."""

    sets: int = Field(ge=1, le=10)
    reps: int = Field(
        ge=1, le=20, description="Repetitions (per side when single-leg); over 20 is not a set."
    )
    seconds: int | None = Field(
        None, ge=5, le=600, description="Hold time for timed exercises (else the catalog's)."
    )
    intensity: str = Field(min_length=1, max_length=80)
    rest_s: int = Field(ge=0, le=600, description="Rest between sets, in seconds.")
    tempo: str | None = Field(None, max_length=20, description='e.g. "3-1-1": down, pause, up.')


class DoseOverride(_Strict):
    """Any part of a Dose, from a config's [goal.prescription.<role>]."""

    sets: int | None = Field(None, ge=1, le=10)
    reps: int | None = Field(None, ge=1, le=20)
    seconds: int | None = Field(None, ge=5, le=600)
    intensity: str | None = Field(None, min_length=1, max_length=80)
    rest_s: int | None = Field(None, ge=0, le=600)
    tempo: str | None = Field(None, max_length=20)


class PerLevel(_Strict):
    beginner: int = Field(ge=0, le=10_000)
    intermediate: int = Field(ge=0, le=10_000)
    advanced: int = Field(ge=0, le=10_000)


Band = Annotated[list[int], Field(min_length=2, max_length=2)]
SetBand = Annotated[list[Annotated[int, Field(ge=0, le=100)]], Field(min_length=2, max_length=2)]


class BandPerLevel(_Strict):
    beginner: SetBand
    intermediate: SetBand
    advanced: SetBand


ByLevel = dict[Level, Dose]


class GoalProfile(_Strict):
    summary: str
    primary: Stimulus
    order: list[Stimulus] = Field(min_length=len(STIMULI), max_length=len(STIMULI))
    dose_categories: list[Category] = Field(min_length=1)
    sessions: PerLevel
    dose: PerLevel
    eve_dose: PerLevel
    dose_most: PerLevel | None = None
    heavy_per_week: dict[Category, Annotated[int, Field(ge=0, le=50)]] = Field(default_factory=dict)
    weekly_load: PerLevel
    heavy_sets: BandPerLevel
    session: dict[Category, Band]
    short_session_minutes: int = Field(ge=0, le=600)
    prescription: dict[Stimulus, ByLevel] = Field(default_factory=dict)


class Progression(_Strict):
    """How one role's prescription moves over the weeks of a block's phase."""

    by: Literal["intensity", "sets", "work"]
    first: int = Field(ge=-5, le=0, description="The step of a phase's first week.")
    most: int = Field(ge=0, le=10, description="The highest step a phase reaches.")


class GoalBook(_Strict):
    prescription: dict[Stimulus, ByLevel]
    progression: dict[Stimulus, Progression]
    endurance: GoalProfile
    strength: GoalProfile
    power: GoalProfile
    flexibility: GoalProfile


class GoalSettings(_Strict):
    """A config's [goal] section: the athlete's profile with some values replaced."""

    dose: int | None = Field(
        None, ge=0, le=10, description="Primary-stimulus exercises per session (hard rule)."
    )
    eve_dose: int | None = Field(
        None, ge=0, le=10, description="The same on the eve of a key run (hard rule)."
    )
    dose_categories: list[Category] | None = Field(None, min_length=1)
    heavy_per_week: dict[Category, Annotated[int, Field(ge=0, le=50)]] | None = Field(
        None, description="Heavy exercises per category over the week (hard rule)."
    )
    weekly_load: int | None = Field(
        None, ge=0, le=10_000, description="Weekly load the objective aims at."
    )
    heavy_sets: SetBand | None = Field(
        None,
        description="[least, most] heavy lower-body sets a week (>= 80 % 1RM or RPE >= 8, "
        "<= 6 reps): the most is a hard cap; the least a target, a hard rule when written here.",
    )
    prescription: dict[Stimulus, DoseOverride] = Field(default_factory=dict)


@dataclass(frozen=True)
class Profile:
    """One goal at one level, overrides applied: what the model and the plan follow."""

    goal: str
    level: str
    summary: str
    primary: str
    order: tuple[str, ...]
    dose_categories: tuple[str, ...]
    sessions: int
    dose: int
    eve_dose: int
    heavy_per_week: dict[str, int]
    weekly_load: int
    heavy_sets: tuple[int, int]  # [least, most] heavy lower-body sets a week
    session: dict[str, tuple[int, int]]
    prescription: dict[str, Dose]  # role -> dose
    # At most this many of the dose's exercises a session, a target (None: no most); never
    # below the dose.
    dose_most: int | None = None
    # Sessions this long or shorter are short (goals.toml), and the roles whose sets drop by
    # one (to no fewer than 2) because they are.
    short_session_minutes: int = 30
    short_roles: frozenset[str] = frozenset()
    progression: dict[str, Progression] = field(default_factory=dict)  # role -> its line
    # In a block: building weeks before this one, whatever their phase (0 = the first; None
    # outside a block), so a lift kept into a new phase keeps its step; and how the week's
    # volume is cut ("full", "deload", "taper" or "race").
    block_step: int | None = None
    volume: str = "full"

    def step_for(self, role: str) -> int:
        """How many steps this week's prescription of `role` lies from the profile's dose."""
        line = self.progression.get(role)
        if self.block_step is None or line is None:
            return 0
        return min(line.first + self.block_step, line.most)

    def role_of(self, stimuli: frozenset[str]) -> str:
        """The stimulus an exercise is prescribed for: the first in the goal's order it has."""
        return next((s for s in self.order if s in stimuli), "endurance")


@functools.cache
def goal_book() -> GoalBook:
    text = resources.files("planner.data").joinpath("goals.toml").read_text(encoding="utf-8")
    return GoalBook.model_validate(tomllib.loads(text))


def resolve(goal: str, level: str, settings: GoalSettings | None = None) -> Profile:
    book = goal_book()
    base: GoalProfile = getattr(book, goal)
    settings = settings or GoalSettings()
    prescription = {}
    for role in STIMULI:
        own = cast(dict[str, dict[str, Dose]], base.prescription).get(role, {})
        shared = cast(dict[str, dict[str, Dose]], book.prescription)[role]
        dose = own.get(level) or shared[level]
        override = cast(dict[str, DoseOverride], settings.prescription).get(role)
        if override is not None:
            dose = dose.model_copy(update=override.model_dump(exclude_none=True))
        prescription[role] = dose
    per_session: int = settings.dose if settings.dose is not None else getattr(base.dose, level)
    most = None if base.dose_most is None else max(getattr(base.dose_most, level), per_session)
    return Profile(
        goal=goal,
        level=level,
        summary=base.summary,
        primary=base.primary,
        order=tuple(base.order),
        dose_categories=tuple(settings.dose_categories or base.dose_categories),
        sessions=getattr(base.sessions, level),
        dose=per_session,
        dose_most=most,
        heavy_per_week={
            c: cast(dict[str, int], heavy).get(c, 0)
            for c in CATEGORIES
            for heavy in [
                settings.heavy_per_week
                if settings.heavy_per_week is not None
                else base.heavy_per_week
            ]
        },
        eve_dose=(
            settings.eve_dose if settings.eve_dose is not None else getattr(base.eve_dose, level)
        ),
        weekly_load=(
            settings.weekly_load
            if settings.weekly_load is not None
            else getattr(base.weekly_load, level)
        ),
        heavy_sets=_band(settings.heavy_sets or getattr(base.heavy_sets, level)),
        session={k: (v[0], v[1]) for k, v in base.session.items()},
        short_session_minutes=base.short_session_minutes,
        prescription=prescription,
        progression={str(role): line for role, line in book.progression.items()},
    )


def _band(values: list[int]) -> tuple[int, int]:
    low, high = values
    return min(low, high), high


def profile_data() -> dict[str, Any]:
    """The goal profiles as plain data (for `planner schema` and the README)."""
    return goal_book().model_dump(mode="json")
