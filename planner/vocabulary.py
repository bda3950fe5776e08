"""The fixed words of the domain: days, categories, levels, goals, muscles."""

from __future__ import annotations

from typing import Literal

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CATEGORIES: tuple[str, ...] = ("lower", "calf", "core", "upper", "plyometric", "mobility")
LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")
GOALS: tuple[str, ...] = ("endurance", "strength", "power", "flexibility")
UNITS: tuple[str, ...] = ("reps", "seconds", "meters")
# What an exercise can deliver when prescribed for it (catalog column `stimuli`).
STIMULI: tuple[str, ...] = ("strength", "power", "endurance", "stability", "mobility")
# Implements whose resistance can be made heavy; a band or a box cannot.
LOADING_EQUIPMENT: tuple[str, ...] = (
    "barbell", "dumbbell", "kettlebell", "cable", "calf_machine", "seated_calf_machine",
    "lat_pulldown",
)  # fmt: skip
# The implements that load lower-body lifts: owning one makes a strength dose a loaded one.
LEG_LOADING_EQUIPMENT: tuple[str, ...] = ("barbell", "dumbbell", "kettlebell")

CORE_FUNCTIONS: tuple[str, ...] = ("anti_extension", "anti_lateral_flexion", "anti_rotation")
MUSCLES: tuple[str, ...] = (
    "quads",
    "glutes",
    "hamstrings",
    "adductors",
    "abductors",
    "hip_flexors",
    "gastrocnemius",
    "soleus",
    *CORE_FUNCTIONS,
    "erectors",
    "lats",
    "upper_back",
    "chest",
    "shoulders",
    "rear_delts",
    "arms",
)
# Work that loads the legs and so can blunt a key run the next day.
LEG_CATEGORIES: tuple[str, ...] = ("lower", "calf", "plyometric")

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Level = Literal["beginner", "intermediate", "advanced"]
Goal = Literal["endurance", "strength", "power", "flexibility"]
Stimulus = Literal["strength", "power", "endurance", "stability", "mobility"]
Category = Literal["lower", "calf", "core", "upper", "plyometric", "mobility"]


def next_day(day: str) -> str:
    """The calendar day after `day`; the week wraps from sunday to monday."""
    return DAYS[(DAYS.index(day) + 1) % len(DAYS)]


def level_allows(athlete_level: str, exercise_level: str) -> bool:
    """An athlete may do exercises at or below their own level."""
    return LEVELS.index(exercise_level) <= LEVELS.index(athlete_level)


# Seconds a block's solve may take unless --time-limit or the config's [solver] says: a
# block is many weeks in one model (planner block and planner batch alike).
BLOCK_TIME_LIMIT = 60.0
