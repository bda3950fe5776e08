"""The MIP peer's fatigue rules and targets, row by row from the rule definitions (see
planner/model/fatigue_rules.py and the targets in planner/model/objective.py)."""

from __future__ import annotations

from benchmarks.mip import Mip, Terms, add
from planner.config.config import Config
from planner.model.goal_terms import dose_extra, floor_tier, lexicographic_weight
from planner.rulebook import rule
from planner.training.prescription import loaded_dose, prescribe, serves_goal
from planner.training.stress import hard_for_legs, heavy_sets, leg_stress, light_leg_days, stress
from planner.vocabulary import LEG_LOADING_EQUIPMENT, next_day


def at_least(m: Mip, config: Config, key: str, terms: Terms, least: float) -> None:
    """sum(terms) >= least: hard when the config wrote `key`, else a target whose shortfall
    costs the lexicographic weight a unit, times the floor's tier below the floor
    (planner/model/goal_terms.py: a dose's units beyond its categories' minimums cost one)."""
    if config.defaulted(key):
        weight = lexicographic_weight(config)
        short = m.column(f"short[{key}]", -weight * floor_tier(config), upper=100)
        terms = add(terms, {short: 1.0})
        if extra := dose_extra(config, key):
            spare = m.column(f"short_extra[{key}]", -weight, upper=extra)
            terms = add(terms, {spare: 1.0})
    m.row(key, terms, lower=least)


def fatigue_rows(m: Mip, config: Config) -> None:
    profile, level, caps = config.profile, config.athlete.level, config.fatigue
    dosed = {e.id: prescribe(e, profile) for e in m.exercises}
    load = {e.id: stress(e, dosed[e.id]) for e in m.exercises}
    legs = {e.id: leg_stress(e, dosed[e.id]) for e in m.exercises}
    key_runs = set(config.week.key_run_days)
    for d in m.days:  # session_stress, leg_stress_before_key_runs
        m.row("stress.session", m.on(d, m.exercises, load), upper=caps.cap("max_session", level))
        if next_day(d) in key_runs:
            cap = caps.cap("max_legs_before_key_run", level)
            m.row("stress.eve_legs", m.on(d, m.exercises, legs), upper=cap)
    m.row("stress.week", m.week(load), upper=caps.cap("max_week", level))  # weekly_stress
    hard = [e for e in m.exercises if hard_for_legs(e, dosed[e.id])]
    light_days = [d for d in m.days if next_day(d) in key_runs]
    long_run = config.week.long_run
    if long_run in m.days and not config.week.heavy_legs_on_long_run_day:
        light_days.append(long_run)
    for d in light_days:  # no_hard_legs_before_key_runs, no_hard_legs_on_long_run_day
        for e in hard:
            m.row("light_legs", {m.does[d, e.id]: 1.0}, upper=0)
    least, most = profile.heavy_sets  # heavy_sets_per_week
    sets = {e.id: heavy_sets(e, dosed[e.id]) for e in m.exercises}
    heavy = m.week(sets)
    m.row("heavy_sets.most", heavy, upper=most)
    if (
        least
        and set(config.equipment.available) & set(LEG_LOADING_EQUIPMENT)
        and any(sets.values())
    ):
        at_least(m, config, rule("heavy_sets_per_week").key, heavy, least)


def beyond_dose_rows(m: Mip, config: Config) -> None:
    """The profile's most on the dose (planner/model/goal_terms.py): each goal exercise a
    session holds beyond it costs the lexicographic weight."""
    profile = config.profile
    if profile.dose_most is None:
        return
    members = [e for e in m.exercises if serves_goal(e, profile, config.equipment.available)]
    if not members:
        return
    weight = -lexicographic_weight(config) * floor_tier(config)
    for d in m.days:
        extra = m.column(f"beyond_dose[{d}]", weight, upper=len(members))
        m.row("dose_most", add(m.on(d, members), {extra: -1.0}), upper=profile.dose_most)


def loaded_dose_rows(m: Mip, config: Config) -> None:
    """With weights for the legs, each session off the light days holds a loaded dose lift
    (planner/model/goal_terms.py): a session without one costs a unit below the floor."""
    loaded = loaded_dose(config, m.exercises)
    if not loaded:
        return
    weight = -lexicographic_weight(config) * floor_tier(config)
    light = light_leg_days(config)
    for d in (d for d in m.days if d not in light):
        short = m.column(f"unloaded[{d}]", weight, upper=1)
        m.row("loaded_dose", add(m.on(d, loaded), {short: 1.0, m.trains_on[d]: -1.0}), lower=0)
