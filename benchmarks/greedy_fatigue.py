"""The greedy peer's view of the fatigue rules (planner/model/fatigue_rules.py): which
candidates a day can still take under the stress caps, the light-legs days and the weekly
ceiling of heavy sets."""

from __future__ import annotations

import numpy as np

from planner.catalog.catalog import Exercise
from planner.config.config import Config
from planner.training.prescription import prescribe
from planner.training.stress import hard_for_legs, heavy_sets, leg_stress, light_leg_days, stress
from planner.vocabulary import next_day


class Fatigue:
    def __init__(self, exercises: tuple[Exercise, ...], config: Config) -> None:
        dosed = [prescribe(e, config.profile) for e in exercises]
        self.stress = np.array([stress(e, d) for e, d in zip(exercises, dosed, strict=True)])
        self.legs = np.array([leg_stress(e, d) for e, d in zip(exercises, dosed, strict=True)])
        self.heavy = np.array([heavy_sets(e, d) for e, d in zip(exercises, dosed, strict=True)])
        self.hard = np.array(
            [bool(hard_for_legs(e, d)) for e, d in zip(exercises, dosed, strict=True)], dtype=bool
        )
        level, caps = config.athlete.level, config.fatigue
        self.session_cap = caps.cap("max_session", level)
        self.week_cap = caps.cap("max_week", level)
        self.eve_cap = caps.cap("max_legs_before_key_run", level)
        self.most_heavy = config.profile.heavy_sets[1]
        self.light = light_leg_days(config)
        self.key_runs = set(config.week.key_run_days)

    def mask(self, day: str, ids: list[int], week: list[int]) -> np.ndarray:
        """Candidates `day` (holding `ids`; the week holding `week`) can still take."""
        ok = self.stress[ids].sum() + self.stress <= self.session_cap
        ok &= self.stress[week].sum() + self.stress <= self.week_cap
        ok &= self.heavy[week].sum() + self.heavy <= self.most_heavy
        if day in self.light:
            ok &= ~self.hard
        if next_day(day) in self.key_runs:
            ok &= self.legs[ids].sum() + self.legs <= self.eve_cap
        return np.asarray(ok, dtype=bool)
