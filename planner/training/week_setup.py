"""Each week of a block as the weekly model and the checker see it: the config of its
phase's goal, its prescriptions moved along the progression, and its days.

Plain data, no solver: the block model (planner/model/block/build.py) builds one week model
per week from these, and the block checker (planner/block/check.py) verifies each week
against the same configs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from planner.config.block import BlockWeek, calendar
from planner.config.config import Config, resolve
from planner.config.goals import Profile
from planner.vocabulary import CATEGORIES, LEG_CATEGORIES

RACE_EVE = 1  # days before the race: the eve and race day itself stay free
LEG_FREE_DAYS = 2  # nothing for the legs in the last days before the race


@dataclass(frozen=True)
class WeekSetup:
    week: BlockWeek
    config: Config  # the week's own: phase goal, progressed profile, race-week sessions
    free_days: tuple[str, ...]  # days that stay free: race day, its eve, leg-free days
    # The week went otherwise than planned (a re-plan: a session missed or moved), so its
    # main lifts need not match its phase's other weeks, nor they its.
    disrupted: bool = False
    # The week is over and went so otherwise (a session missed with no day left) that its
    # weekly rules cannot hold: it stands as it happened, its weekly rules not applied.
    over: bool = False

    @property
    def days(self) -> tuple[str, ...]:
        return tuple(self.config.week.available_days)

    @property
    def rests(self) -> bool:
        """No day of the week can hold a session (a race early in its week)."""
        return len(self.free_days) == len(self.days)


def week_setups(config: Config) -> tuple[WeekSetup, ...]:
    """The block's weeks, each with the config its week is planned and checked under."""
    assert config.block is not None
    return setups_for(config, calendar(config.block, config.athlete.goal))


def setups_for(config: Config, weeks: tuple[BlockWeek, ...]) -> tuple[WeekSetup, ...]:
    """The setups of given block weeks (a re-plan's, with steps held by the log)."""
    phase_configs = {w.phase: _phase_config(config, w.phase) for w in weeks}
    return tuple(_setup(phase_configs[w.phase], w) for w in weeks)


def _phase_config(config: Config, goal: str) -> Config:
    """The config as written with the phase's goal: its profile's sessions and bands apply
    where the config leaves them out."""
    if goal == config.athlete.goal:
        return config
    data = config.as_written()
    data["athlete"]["goal"] = goal
    return resolve(Config.model_validate(data))


def _setup(config: Config, week: BlockWeek) -> WeekSetup:
    # A session that must hold leg work cannot fall in the leg-free days before the race.
    needs_legs = any(config.session.of(c)[0] > 0 for c in LEG_CATEGORIES)
    closest = LEG_FREE_DAYS if needs_legs else RACE_EVE
    free = tuple(
        d
        for d in config.week.available_days
        if (left := week.days_before_race(d)) is not None and left <= closest
    )
    open_days = len(config.week.available_days) - len(free)
    sessions = min(config.week.session_count, open_days)
    profile = week_profile(config.profile, week)
    if week.volume == "race":
        sessions = min(sessions, math.ceil(config.week.session_count / 2))
        config = _short_sessions(config)
        profile = _dose_within_bands(profile, config)
    shaped = config.reshaped(profile, sessions=sessions)
    return WeekSetup(week, shaped, free)


def _short_sessions(config: Config) -> Config:
    """The race week: half the sessions (rounded up), each with the fewest exercises its
    bands allow, so the week is short and sharp (Bosquet et al. 2007)."""
    fewest = {c: (low, low) for c in CATEGORIES for low, _ in [config.session.of(c)]}
    shaped = config.model_copy(update={"session": config.session.model_copy(update=fewest)})
    return shaped.reshaped()


def _dose_within_bands(profile: Profile, config: Config) -> Profile:
    """The race week's goal dose: no more exercises than its fewest allow (a flexibility
    block's race week holds 2 stretches, its bands' least, not the dose's 3: a target no
    plan could meet, which cost every such block 1.8 % of its bound)."""
    room = sum(config.session.of(c)[0] for c in profile.dose_categories)
    return replace(profile, dose=min(profile.dose, room), eve_dose=min(profile.eve_dose, room))


def week_profile(profile: Profile, week: BlockWeek) -> Profile:
    """The phase's profile in this week: its step along the progression and its volume.

    In taper weeks the heavy lower-body lifts stop (the block rule no_heavy_legs_in_taper
    keeps them out of the last days), so a strength dose and the weekly heavy work give way;
    what stays keeps its intensity with fewer sets.
    """
    shaped = replace(profile, block_step=week.step, volume=week.volume)
    if week.volume != "full":  # a deload or taper week aims at no least of heavy sets
        shaped = replace(shaped, heavy_sets=(0, profile.heavy_sets[1]))
    if not week.taper:
        return shaped
    strength_dose = profile.primary == "strength"
    return replace(
        shaped,
        dose=0 if strength_dose else profile.dose,
        eve_dose=0 if strength_dose else profile.eve_dose,
        heavy_per_week=dict.fromkeys(profile.heavy_per_week, 0),
    )


def week_key(config: Config) -> str:
    """Weeks with equal keys are the same week to plan: same config, same prescriptions (two
    weeks at a line's top step are alike though their places in the phase differ)."""
    profile = config.profile
    steps = {role: profile.step_for(role) for role in sorted(profile.progression)}
    alike = replace(profile, block_step=None)
    return f"{config.model_dump_json()}|{alike!r}|{steps}"
