"""What a plan misses of its goal profile's targets, and why, in a coach's words.

The profile's minimums (exercises per category and session, the goal's dose, its heavy
work and heavy sets) and the default core-function minimums are targets when the config
leaves them to defaults: the plan comes out anyway and these notes say what is missing and
what would allow it (kit, level, catalog, minutes, load caps, key runs). Plain Python on
the finished plan, like the checker.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from planner.catalog.catalog import Catalog, Exercise
from planner.config.config import Config
from planner.plan.week import Plan, Session, SolveResult, Status
from planner.rulebook import rule
from planner.training.eligibility import eligible_exercises, exclusion_reasons
from planner.training.prescription import loaded_dose, prescribe
from planner.training.stress import heavy_sets, light_leg_days
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS, LEG_LOADING_EQUIPMENT, next_day
from planner.week.shortfall_reasons import ALL_LIGHT, why_fewer, why_not_heavy


def missed_in(result: SolveResult, catalog: Catalog, config: Config) -> tuple[str, ...]:
    """The notes on what the result's plan misses of its targets, as a user reads them: a
    plan not proven optimal blames no room on the time the search had."""
    if result.plan is None:
        return ()
    return tuple(missed_targets(result.plan, catalog, config, result.status == Status.OPTIMAL))


def missed_targets(
    plan: Plan,
    catalog: Catalog,
    config: Config,
    proven: bool = True,
    no_room: str = "",
    heavy_legs: bool = True,
) -> list[str]:
    """What the plan misses of the goal profile's targets, and why. `no_room`: the reason when
    only the room is (a block week's rules); without `heavy_legs` (a taper week, where the
    block stops the heavy leg lifts) no heavy work is missed."""
    notes: list[str] = []
    profile, key_runs = config.profile, set(config.week.key_run_days)
    eves = [s.day for s in plan.sessions if next_day(s.day) in key_runs]
    light = light_leg_days(config)
    days = {s.day for s in plan.sessions}
    loaded = set(loaded_dose(config, eligible_exercises(catalog, config)))
    for s in plan.sessions:
        for category in CATEGORIES:
            low = (
                config.session.of(category)[0]
                if category != "plyometric" or s.day not in light
                else 0
            )
            have = sum(1 for p in s.exercises if p.exercise.category == category)
            if config.defaulted(rule("category_counts_per_session").key_for(category)) and (
                have < low
            ):
                why = why_fewer(
                    catalog, config, _in_category(category), s.day, plan, proven, no_room
                )
                notes.append(f"{s.day}: {have} {category} exercise(s), not {low}: {why}.")
        eve = s.day in eves
        dose = profile.eve_dose if eve else profile.dose
        key = rule("goal_dose_per_session").key_for("eve_dose" if eve else "dose")
        serving = [p for p in s.exercises if _serves(p.exercise, config)]
        heavy_dose = profile.primary == "strength"
        dose_missed = (
            config.defaulted(key) and len(serving) < dose and (heavy_legs or not heavy_dose)
        )
        if dose_missed:
            wanted = partial(_serves, config=config)
            why = _at_ceiling(plan, config) or why_fewer(
                catalog, config, wanted, s.day, plan, proven, no_room
            )
            notes.append(
                f"{s.day}: {len(serving)} {profile.primary} exercise(s) for the goal, not "
                f"{dose}: {why}."
            )
        elif (  # the dose note, when there is one, says why there is no loaded lift either
            heavy_legs
            and loaded
            and s.day not in light
            and not loaded_dose(config, [p.exercise for p in s.exercises])
        ):
            why = why_fewer(catalog, config, lambda e: e in loaded, s.day, plan, proven, no_room)
            notes.append(f"{s.day}: no loaded heavy lift for the goal: {why}.")
        if profile.dose_most is not None and len(serving) > profile.dose_most:
            notes.append(
                f"{s.day}: {len(serving)} {profile.primary} exercise(s) for the goal, not at "
                f"most {profile.dose_most}: {_why_too_many(catalog, config, s, light & days)}."
            )
    done = [p for s in plan.sessions for p in s.exercises]
    if heavy_legs and config.defaulted(rule("heavy_work_per_week").keys[0]):
        for category, least in profile.heavy_per_week.items():
            count = sum(
                1
                for p in done
                if p.exercise.category == category and "strength" in p.exercise.stimuli
            )
            if count < least:
                why = why_fewer(catalog, config, _heavy_in(category), None, plan, proven, no_room)
                if plan.sessions and len(eves) == len(plan.sessions):
                    why = "every session is the day before a key run"
                elif plan.sessions and days <= light:
                    why = ALL_LIGHT
                notes.append(
                    f"{count} heavy {category} exercise(s) in the week, not {least}: {why}."
                )
    for function in CORE_FUNCTIONS:
        least = config.balance.core_min.of(function)
        total = sum(p.exercise.covers(function) for p in done)
        if config.defaulted(rule("core_function_minimums").key_for(function)) and total < least:
            why = why_fewer(catalog, config, _covering(function), None, plan, no_room=no_room)
            notes.append(
                f"{function.replace('_', '-')} work of {total} in the week, not {least}: {why}."
            )
    owns = set(config.equipment.available) & set(LEG_LOADING_EQUIPMENT)
    heavy = sum(heavy_sets(p.exercise, p.dosed) for p in done)
    least = profile.heavy_sets[0]
    usable = [e for e in catalog if not exclusion_reasons(e, config)]
    if not any(heavy_sets(e, prescribe(e, profile)) for e in usable):
        least = 0  # this week prescribes no heavy sets at all (a block's lighter start)
    if heavy_legs and owns and config.defaulted(rule("heavy_sets_per_week").key) and heavy < least:
        notes.append(
            f"{heavy} heavy lower-body sets this week, not the {least} the goal aims at: "
            + why_not_heavy(config, [s.day for s in plan.sessions], light)
            + "."
        )
    if heavy_legs and plan.sessions and len(eves) == len(plan.sessions):
        notes.append(
            "Every session falls the day before a key run, so the legs stay light all week "
            "(no jumps, no heavy or slow-lowering leg sets): training on the day of a hard run, "
            "after it, or a free day that is not the eve of one, would allow heavy work."
        )
    return notes


def _why_too_many(catalog: Catalog, config: Config, session: Session, light: set[str]) -> str:
    """Why a session holds more heavy lifts than the goal wants: the kit has too few lighter
    ones, or the light-leg days left the week's heavy lifts this session to go to."""
    profile = config.profile
    dosed = [p for p in session.exercises if p.exercise.category in profile.dose_categories]
    lighter = {
        e.family
        for e in eligible_exercises(catalog, config)
        if e.category in profile.dose_categories and not _serves(e, config)
    }
    if len(lighter) < len(dosed) or not light:
        return (
            f"the kit and level leave too few lighter {'/'.join(profile.dose_categories)} "
            "exercises to fill the session"
        )
    return (
        f"the days that keep the legs light ({', '.join(sorted(light))}) cannot take a heavy "
        "lift, so the week's heavy lifts meet here"
    )


def _at_ceiling(plan: Plan, config: Config) -> str:
    """Why no more heavy lifts: one more would break the week's ceiling of heavy sets ('' when
    it would not)."""
    profile = config.profile
    sets = profile.prescription["strength"].sets
    if profile.primary != "strength" or plan.heavy_sets + sets <= profile.heavy_sets[1]:
        return ""
    return (
        f"the week already holds {plan.heavy_sets} heavy lower-body sets, and "
        f"{profile.heavy_sets[1]} is the most for a {profile.level} runner"
    )


def _serves(e: Exercise, config: Config) -> bool:
    profile = config.profile
    return e.category in profile.dose_categories and profile.primary in e.stimuli


def _in_category(category: str) -> Callable[[Exercise], bool]:
    return lambda e: e.category == category


def _covering(function: str) -> Callable[[Exercise], bool]:
    return lambda e: e.covers(function) > 0


def _heavy_in(category: str) -> Callable[[Exercise], bool]:
    return lambda e: e.category == category and "strength" in e.stimuli
