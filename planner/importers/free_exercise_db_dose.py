"""What an imported exercise costs and delivers, as proxies from the source's level, force,
mechanic, equipment and category (README, "Importing"): its tags, catalog dose, load,
minutes and stimuli. A value read from the name is passed to `guess` for the source column.
"""

from __future__ import annotations

from collections.abc import Callable

from planner.importers import name_rules as names
from planner.importers.free_exercise_db_entries import SourceExercise

Guess = Callable[[str, str], None]

HEAVY = frozenset({"barbell"})
FREE_WEIGHTS = frozenset({"dumbbell", "kettlebell"})
GUIDED = frozenset({"cable", "machine", "calf_machine", "seated_calf_machine", "lat_pulldown",
                    "weight_sled"})  # fmt: skip
# Load proxy: a base per category plus what the implement adds (heavy barbell, free weight,
# cable or machine), calibrated on the bundled catalog (a bodyweight squat 2, a goblet squat
# 4, a back squat 6; a plank 1; a machine calf raise 3).
BASE_LOAD = {"lower": 2, "calf": 1, "core": 1, "upper": 1, "plyometric": 3, "mobility": 0}
IMPLEMENT_LOAD = {
    "lower": (4, 2, 2), "calf": (2, 1, 2), "core": (1, 1, 1), "upper": (1, 0, 0),
    "plyometric": (1, 1, 1), "mobility": (0, 0, 0),
}  # fmt: skip
BASE_MINUTES = {"lower": 5, "calf": 4, "core": 3, "upper": 4, "plyometric": 5, "mobility": 3}
LEG_CATEGORIES_FOR_TAGS = ("lower", "calf", "plyometric")


def _implement(kit: set[str]) -> int | None:
    """0 heavy (barbell), 1 free weight, 2 cable or machine, None: bodyweight or light."""
    for index, group in enumerate((HEAVY, FREE_WEIGHTS, GUIDED)):
        if kit & group:
            return index
    return None


def load(s: SourceExercise, category: str, kit: set[str]) -> int:
    """Base by category + implement; compound upper-body work +1, isolation lower-body work
    -1; plyometrics +1 per level above beginner; expert lifts +1."""
    implement = _implement(kit)
    value = BASE_LOAD[category]
    if implement is not None:
        value += IMPLEMENT_LOAD[category][implement]
    if category == "upper" and s.compound:
        value += 1
    if category == "lower" and not s.compound:
        value -= 1
    if category == "plyometric":
        value += ("beginner", "intermediate", "expert").index(s.level)
    elif s.level == "expert" and category != "mobility":
        value += 1
    return max(value, 0)


def minutes(category: str, kit: set[str], tagged: set[str]) -> int:
    """Catalog minutes (plans time the prescription instead): base by category, +2 for a
    barbell and +1 for other weights in lower-body work, +1 when done one side at a time."""
    value = BASE_MINUTES[category]
    if category == "lower":
        implement = _implement(kit)
        value += 2 if implement == 0 else 1 if implement is not None else 0
    return value + int("unilateral" in tagged and category in LEG_CATEGORIES_FOR_TAGS)


def dose(s: SourceExercise, text: str, category: str, kit: set[str], guess: Guess) -> tuple[
    str, int, int
]:  # fmt: skip
    """(unit, sets, reps): stretches and static holds 30 seconds, carries and drags 30
    meters, else reps (6 for barbell lower-body lifts and jumps, 12 for calves, 10 else)."""
    sets = 2 if category == "mobility" else 3
    if category != "mobility" and (word := names.found(names.CARRY, text)):
        guess("unit", f"meters ({word!r})")
        return "meters", sets, 30
    if s.force == "static" or (category == "mobility" and s.force is None):
        return "seconds", sets, 30
    if category == "plyometric" or (category == "lower" and kit & HEAVY):
        return "reps", sets, 6
    return "reps", sets, 12 if category == "calf" else 10


def tags(
    s: SourceExercise, text: str, category: str, family: str, kit: set[str], guess: Guess
) -> set[str]:
    """Tags from the source's fields (force, muscles, category) and from the name."""
    tagged: set[str] = set()
    primary = s.primary[0]
    if s.force == "static" and category != "mobility":
        tagged.add("isometric")
    if category == "upper" and s.force in ("push", "pull"):
        tagged.add(s.force)
    if category == "lower" and primary == "quadriceps":
        tagged.add("knee_dominant")
    if category == "lower" and primary in ("hamstrings", "glutes"):
        tagged.add("hip_dominant")
    if category == "calf":
        tagged.add("ankle")
    jumps = category == "plyometric" or (family == "jump" and category in ("lower", "calf"))
    if jumps:
        tagged.update(("high_impact", "achilles_load"))
    if category == "calf" and kit & (HEAVY | GUIDED):
        tagged.add("achilles_load")  # a heavy calf raise loads the tendon hard
    muscles = (*s.primary, *s.secondary)
    if kit & HEAVY and ("lower back" in muscles or family in ("squat", "lunge", "split_squat")):
        tagged.add("spinal_load")
    for tag, word in names.every(names.TAG_WORDS, text):
        if tag in ("lateral", "balance") and category not in (*LEG_CATEGORIES_FOR_TAGS, "core"):
            continue  # a lateral raise is no lateral movement of the legs
        if tag not in tagged:
            tagged.add(tag)
            guess(f"tags {tag}", f"({word!r})")
    return tagged


def stimuli(
    s: SourceExercise,
    text: str,
    category: str,
    unit: str,
    kit: set[str],
    loaded: bool,
    tagged: set[str],
    guess: Guess,
) -> set[str]:
    """Mobility drills mobility; plyometrics and medicine-ball throws power; core work
    stability (and power when thrown or swung with a load). Lower, calf and upper work:
    holds and carries strength-endurance; loaded lifts strength (upper-body isolation
    stays endurance); bodyweight compound lifts strength when single-sided or above
    beginner level; and power when an olympic lift or a loaded lift named for speed
    (clean, snatch, swing, throw, jump)."""
    if category == "mobility":
        return {"mobility"}
    if category == "plyometric":
        return {"power"}
    explosive = names.found(names.EXPLOSIVE, text)
    if category != "core" and (s.category == "plyometrics" or "medicine_ball" in kit):
        return {"power"}  # an upper-body plyometric, a medicine-ball throw
    if category == "core":
        if "medicine_ball" in kit or (explosive and loaded):
            return {"stability", "power"}
        return {"stability"}
    if s.force == "static" or unit != "reps":
        return {"endurance"}
    delivers = {"endurance"}
    hard_bodyweight = s.compound and ("unilateral" in tagged or s.level != "beginner")
    if (loaded and (s.compound or category != "upper")) or (not loaded and hard_bodyweight):
        delivers.add("strength")
    if s.category == "olympic weightlifting" or (loaded and explosive):
        delivers.add("power")
        if explosive and s.category != "olympic weightlifting":
            guess("stimuli power", f"({explosive!r})")
    return delivers
