"""How the coach's rubric reads a prescribed exercise in a plan's JSON: effort, heavy sets,
tempo, holds and where it belongs in a session; the readings benchmarks/rubric.py's checks
share (its docstring says where the rubric leaves a choice and which reading we take)."""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from planner.vocabulary import DAYS, LEG_LOADING_EQUIPMENT

Json = Mapping[str, Any]

HEAVY_CEILING = {"beginner": 8, "intermediate": 12, "advanced": 16}
HEAVY_FLOOR = {"beginner": 4, "intermediate": 6, "advanced": 6}  # strength, power with weights
HEAVY_RPE = 8.0
HEAVY_PERCENT = 80.0
HEAVY_MAX_REPS = 6
SLOW_ECCENTRIC_S = 3
MAX_REPS = 20
BODYWEIGHT_HARD_MAX_REPS = 12
MIN_HOLDS = 2  # timed static stretches a session for the flexibility goal
SEED_COUNTS = {"lower": (2, 3), "calf": (1, 2), "core": (2, 3), "upper": (1, 2)}

# The order a coach runs a session in: lower stages first.
WARM_UP, EXPLOSIVE, HEAVIEST, OTHER_LEGS, UPPER_AND_CORE, STRETCHES = range(6)
STAGE_NAMES = (
    "warm-up",
    "jumps and explosive work",
    "the heaviest lifts",
    "other lower-body and calf work",
    "upper body and core",
    "timed stretches",
)


def _top(pattern: str, text: str) -> float | None:
    """The top of the first number or range after which `pattern` follows or precedes."""
    match = re.search(pattern, text)
    if not match:
        return None
    return max(float(x) for x in re.findall(r"\d+(?:\.\d+)?", match.group(0)))


def percent_1rm(exercise: Json) -> float | None:
    return _top(r"\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?\s*% 1RM", str(exercise["intensity"]))


def rpe(exercise: Json) -> float | None:
    return _top(r"RPE \d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?", str(exercise["intensity"]))


def hard_effort(exercise: Json) -> bool:
    """Prescribed at RPE >= 8 or >= 80 % 1RM."""
    return (percent_1rm(exercise) or 0) >= HEAVY_PERCENT or (rpe(exercise) or 0) >= HEAVY_RPE


def heavy_set(exercise: Json) -> bool:
    """A lower-body set near the limit: hard effort with at most 6 reps."""
    return (
        exercise["category"] == "lower"
        and exercise["unit"] == "reps"
        and hard_effort(exercise)
        and int(exercise["reps"]) <= HEAVY_MAX_REPS
    )


def slow_eccentric(exercise: Json) -> bool:
    tempo = exercise.get("tempo")
    if not tempo:
        return False
    first = str(tempo).split("-")[0]
    return first.isdigit() and int(first) >= SLOW_ECCENTRIC_S


def static_hold(exercise: Json) -> bool:
    return bool(exercise["category"] == "mobility" and exercise["unit"] == "seconds")


def stage(exercise: Json) -> int:
    """Where the exercise belongs in a session, WARM_UP ... STRETCHES."""
    category = exercise["category"]
    if exercise.get("role") == "warm-up" or (category == "mobility" and not static_hold(exercise)):
        return WARM_UP
    if category == "plyometric" or exercise["role"] == "power":
        return EXPLOSIVE
    if category == "lower" and exercise["role"] == "strength":
        return HEAVIEST
    if category in ("lower", "calf"):
        return OTHER_LEGS
    if category == "mobility":
        return STRETCHES
    return UPPER_AND_CORE


def eve_days(plan: Json) -> set[str]:
    """The days before a hard run or the long run (the week wraps)."""
    week = plan["config"]["week"]
    key_runs = [*week.get("hard_runs", []), *([week["long_run"]] if week.get("long_run") else [])]
    return {DAYS[(DAYS.index(d) - 1) % len(DAYS)] for d in key_runs}


def light_days(plan: Json) -> set[str]:
    """The eves, and the long run's day unless the config allows heavy legs on it."""
    week = plan["config"]["week"]
    long_run = week.get("long_run")
    own_day = {long_run} if long_run and not week.get("heavy_legs_on_long_run_day") else set()
    return eve_days(plan) | own_day


def athlete_of(plan: Json) -> tuple[str, str, bool]:
    """Level, goal, and whether the kit holds weights for the legs."""
    athlete = plan["config"]["athlete"]
    kit = set(plan["config"]["equipment"]["available"])
    return athlete["level"], athlete["goal"], bool(kit & set(LEG_LOADING_EQUIPMENT))


def where(day: Json, exercise: Json) -> str:
    return f"{day['day']} {exercise['id']}"


@functools.cache
def _catalog_rows(path: str) -> dict[str, dict[str, str]]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def most_reps_of_a_near_maximal_move(plan: Json, exercise: Json) -> int | None:
    """The catalog's reps for a bodyweight lower-body movement rated advanced (a Nordic
    curl), where every rep is near-maximal, so a set holds no more; None for the rest."""
    path = plan.get("catalog", {}).get("path")
    if not path or exercise["category"] != "lower" or exercise["loaded"]:
        return None
    row = _catalog_rows(path).get(exercise["id"])
    return int(row["reps"]) if row and row["level"] == "advanced" else None
