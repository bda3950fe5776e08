"""What a coach would add to a plan in words: why it looks as it does, and what is missing."""

from __future__ import annotations

from planner.catalog.catalog import Catalog
from planner.config.block import calendar, describe
from planner.config.config import Config
from planner.training.eligibility import eligible_exercises
from planner.training.kit_defaults import kit_notes


def plan_notes(config: Config, catalog: Catalog) -> list[str]:
    """Sentences for the plan's header: the goal profile, defaults taken, equipment missing."""
    profile = config.profile
    notes = [f"Goal profile: {profile.summary}."]
    if config.sessions_from_profile:
        notes.append(
            f"{config.week.session_count} sessions a week: the {profile.goal} profile's default "
            f"for {profile.level} athletes (set week.sessions to change it)."
        )
    if not config.week.key_run_days:
        notes.append(
            "No long run or hard runs given (week.long_run, week.hard_runs), so no session is "
            "kept light for the day before one: add them to protect your key runs."
        )
    if profile.short_roles:
        notes.append(
            f"{config.week.max_session_minutes}-minute sessions: every exercise is kept with "
            "one set fewer (at least 2), so the session still trains every part."
        )
    if profile.heavy_lift_sets:
        notes.append(
            f"{config.week.session_count} sessions a week with at most {profile.heavy_sets[1]} "
            f"heavy lower-body sets: each heavy lift is {profile.heavy_lift_sets} sets, so "
            "every session keeps its heavy lift."
        )
    usable = eligible_exercises(catalog, config)
    notes.extend(kit_notes(config, usable))
    heavy_goal = profile.primary == "strength"
    loaded_legs = [e for e in usable if e.category == "lower" and e.loaded]
    if heavy_goal and not loaded_legs:
        notes.append(
            "No dumbbell, kettlebell or barbell for the legs: heavy strength work uses the "
            "hardest bodyweight versions (single-leg, slow lowering); a pair of dumbbells "
            "would allow truly heavy lifting."
        )
    return notes


def check_summary(config: Config, catalog: Catalog) -> list[str]:
    """What `planner check` adds: the plan's shape, where the defaults came from, and what
    the load numbers mean, so a coach can choose the caps."""
    profile, week, load = config.profile, config.week, config.load
    lines = plan_notes(config, catalog)
    lines.append(
        f"Sessions: {week.session_count} on {', '.join(week.available_days)}, at most "
        f"{week.max_session_minutes} min each; key runs: {', '.join(week.key_run_days) or 'none'}."
    )
    lines.append(
        f"Goal dose: {profile.dose} {profile.primary} exercise(s) "
        f"({', '.join(profile.dose_categories)}) per session, {profile.eve_dose} on the eve of "
        f"a key run; weekly load aimed at {profile.weekly_load}."
    )
    cap = "none" if load.max_week is None else str(load.max_week)
    legs = "none" if load.max_lower_before_key_run is None else str(load.max_lower_before_key_run)
    lines.append(
        f"Load caps: {load.max_session} a session, {cap} a week, {legs} of leg work the day "
        "before a key run."
    )
    if config.block is not None:
        lines.append(describe(config.block, calendar(config.block, config.athlete.goal)))
    lines.append(
        "A load number is a fatigue cost from the catalog: about 1 for a plank or a stretch, "
        "2-3 for bodyweight lower-body work, 4-5 for dumbbell lifts and jumps, 6-7 for heavy "
        "barbell lifts. A session of 20-25 is a solid gym session; keep the eve of a key run "
        "under about 8-10 so the legs stay fresh."
    )
    return lines
