"""Why a plan has fewer of some exercises than its targets ask (planner/week/shortfalls.py
says what it misses): none in the catalog, the kit or the level, a key run next day, a load
cap, the only movement trained the day beside, or no room in the session."""

from __future__ import annotations

from collections.abc import Callable

from planner.catalog.catalog import Catalog, Exercise
from planner.config.config import Config
from planner.plan.week import Plan
from planner.training.eligibility import EXCLUSION_RULES, exclusion_reasons
from planner.training.kit_defaults import uses_per_week
from planner.training.prescription import prescribe
from planner.training.stress import hard_for_legs, light_leg_days
from planner.vocabulary import next_day

# Why heavy work is missing when no session may hold it.
ALL_LIGHT = "every session keeps the legs light (a key run next day, or the long run)"


def why_fewer(
    catalog: Catalog,
    config: Config,
    wanted: Callable[[Exercise], bool],
    day: str | None,
    plan: Plan,
    proven: bool = True,
    no_room: str = "",
) -> str:
    """Why the plan has fewer of the wanted exercises: none in the catalog, none in the kit,
    none at the level, the key run next day, or no room in the session."""
    members = [e for e in catalog if wanted(e)]
    if not members:
        return "the catalog has none"
    reasons = {e.id: exclusion_reasons(e, config) for e in members}
    if not any(not r for r in reasons.values()):
        only = {e.id: r[0] for e in members if len(r := reasons[e.id]) == 1}
        _, _, equipment_key, level_key = EXCLUSION_RULES
        kit = [e for e in members if only.get(e.id) == equipment_key]
        if kit:
            have = set(config.equipment.available)
            missing = [sorted(e.equipment - have) for e in kit]
            need = min(missing, key=len)
            return f"your kit has none; {' and '.join(need)} would allow one"
        if level_key in only.values():
            return f"none at the {config.athlete.level} level"
        return "your kit, level and exclusions rule them all out"
    usable = [e for e in members if not reasons[e.id]]
    profile = config.profile
    all_hard = all(hard_for_legs(e, prescribe(e, profile)) for e in usable)
    light = day is not None and day in light_leg_days(config)
    # A light-leg day is the reason only when all the kit allows is hard as prescribed: light
    # work (a bodyweight calf raise at RPE 7) is welcome there.
    if light and all_hard and day is not None:
        if next_day(day) in config.week.key_run_days:
            return f"the key run on {next_day(day)} keeps the legs light"
        return f"the long run on {day} keeps the legs light"
    cap = _load_cap_reached(plan, config, usable, day)
    if cap:
        return cap
    if light:  # the day may hold only the light ones
        usable = [e for e in usable if not hard_for_legs(e, prescribe(e, profile))]
    families = {e.family for e in usable}
    if day is not None and families <= _families_beside(plan, day):
        return (
            ("the legs stay light here, and " if light else "")
            + f"the only {'light ' if light else ''}movement famil"
            f"{'y' if len(families) == 1 else 'ies'} your kit and level allow "
            f"({', '.join(sorted(families))}) "
            f"{'is' if len(families) == 1 else 'are'} trained the day before or after, and no "
            "movement is trained two days in a row"
        )
    uses = uses_per_week(config, catalog)
    most = max((uses[e.category] for e in usable), default=config.variety.max_per_week)
    if len(usable) * most < config.week.session_count:
        names = ", ".join(e.id for e in usable)
        return (
            f"your kit and level allow only {names}, each at most {most} times a week "
            "(variety.max_per_week) and never on two days in a row"
        )
    if no_room:
        return no_room
    if not proven:
        # Nothing above rules it out, and the search stopped before proving there is no
        # better week: a plan with room for it may exist (the time limit is the reason).
        return (
            f"no room found in {config.week.max_session_minutes} minutes in the time the "
            "search had; the plan is not proven optimal, and a longer --time-limit may find one"
        )
    return (
        f"no room in {config.week.max_session_minutes} minutes with the stress caps and one "
        "exercise per movement family"
    )


def _families_beside(plan: Plan, day: str) -> set[str]:
    """The movement families of the sessions the day before and the day after."""
    after = next_day(day)
    beside = [
        s for s in plan.sessions if s.day != day and (s.day == after or next_day(s.day) == day)
    ]
    return {p.exercise.family for s in beside for p in s.exercises}


def _load_cap_reached(
    plan: Plan, config: Config, usable: list[Exercise], day: str | None
) -> str | None:
    """The load cap that leaves no room for the lightest usable exercise, if one does."""
    lightest = min((e.load for e in usable), default=0)
    most_week = config.load.max_week
    if most_week is not None and plan.load + lightest > most_week:
        return f"the week's load is {plan.load} and load.max_week is {most_week}"
    session = next((s for s in plan.sessions if s.day == day), None)
    if session is not None and session.load + lightest > config.load.max_session:
        return (
            f"the session's load is {session.load} and load.max_session is "
            f"{config.load.max_session}"
        )
    return None


def why_not_heavy(config: Config, sessions: list[str], light_days: set[str]) -> str:
    light = [d for d in sessions if d in light_days]
    if light and len(light) == len(sessions):
        return ALL_LIGHT
    if light:
        return (
            f"sessions that keep the legs light ({', '.join(light)}: a key run next day, or "
            "the long run) hold none, and the others have no room for more"
        )
    return f"no room for more in {config.week.max_session_minutes}-minute sessions"
