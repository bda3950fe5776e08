"""What a coach would add to a plan in words: why it looks as it does, and what is missing."""

from __future__ import annotations

from planner.catalog import Catalog
from planner.config import Config
from planner.eligibility import eligible_exercises


def plan_notes(config: Config, catalog: Catalog) -> list[str]:
    """Sentences for the plan's header: the goal profile, defaults taken, equipment missing."""
    profile = config.profile
    notes = [f"Goal profile: {profile.summary}."]
    if config.sessions_from_profile:
        notes.append(
            f"{config.week.session_count} sessions a week: the {profile.goal} profile's default "
            f"for {profile.level} athletes (set week.sessions to change it)."
        )
    usable = eligible_exercises(catalog, config)
    heavy_goal = profile.primary == "strength"
    loaded_legs = [e for e in usable if e.category == "lower" and e.loaded]
    if heavy_goal and not loaded_legs:
        notes.append(
            "No dumbbell, kettlebell or barbell for the legs: heavy strength work uses the "
            "hardest bodyweight versions (single-leg, slow lowering); a pair of dumbbells "
            "would allow truly heavy lifting."
        )
    return notes
