"""The objective's targets term for a finished week (planner/model/objective.targets_met):
units short of the goal profile's minimums the config leaves to defaults, from scratch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner.catalog import Catalog, Exercise
from planner.config import Config
from planner.eligibility import eligible_exercises
from planner.model.fatigue_rules import light_leg_days
from planner.prescription import heavy_work, prescribe, serves_goal
from planner.rulebook import rule
from planner.stress import heavy_sets
from planner.vocabulary import CATEGORIES, LEG_LOADING_EQUIPMENT, next_day


def missed_units(days: Mapping[str, Sequence[Exercise]], catalog: Catalog, config: Config) -> int:
    profile, key_runs, light = config.profile, set(config.week.key_run_days), light_leg_days(config)
    missed = 0
    for day, done in days.items():
        for c in CATEGORIES:
            low = config.session.of(c)[0]
            key = rule("category_counts_per_session").key_for(c)
            if (c == "plyometric" and day in light) or not config.defaulted(key):
                continue
            missed += max(0, low - sum(1 for e in done if e.category == c))
        eve = next_day(day) in key_runs
        key = rule("goal_dose_per_session").key_for("eve_dose" if eve else "dose")
        dose = profile.eve_dose if eve else profile.dose
        if config.defaulted(key):
            missed += max(0, dose - sum(1 for e in done if serves_goal(e, profile)))
    week = [e for done in days.values() for e in done]
    if config.defaulted(rule("heavy_work_per_week").keys[0]):
        for c, least in profile.heavy_per_week.items():
            missed += max(0, least - sum(1 for e in week if heavy_work(e, c)))
    least = profile.heavy_sets[0]
    usable = eligible_exercises(catalog, config)
    possible = any(heavy_sets(e, prescribe(e, profile)) for e in usable)
    owns = set(config.equipment.available) & set(LEG_LOADING_EQUIPMENT)
    if least and owns and possible and config.defaulted(rule("heavy_sets_per_week").key):
        missed += max(0, least - sum(heavy_sets(e, prescribe(e, profile)) for e in week))
    return missed
