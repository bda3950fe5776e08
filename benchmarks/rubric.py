"""The coach's week rubric (../shared/COACHING.md, "A week") as checks on a plan's JSON.

Each check reads the dict `planner solve --format json` prints (the config it was solved
with, `days`, `coverage`) and returns one line per failure, naming the day and exercise.
Nothing here imports the model: a check judges what the plan prescribes (sets, reps,
intensity, tempo, unit), as the coach reads it, so the quality benchmark, the tests and a
block's rubric can share them.

Readings where the rubric leaves a choice:
- "lower-body" is the `lower` category; calf work is named apart, as the rubric does.
- A range is read at its top: "75-80% 1RM (RPE 7-8)" is 80 % and RPE 8, the effort the
  athlete is told they may reach.
- A heavy set is a lower-body set in reps at >= 80 % 1RM or RPE >= 8 with at most 6 reps
  (a side, when one side at a time); its sets count once, not once a side.
- Doable: a bodyweight lower-body movement the catalog rates advanced (a Nordic curl) is
  near-maximal at any effort, so its sets stop at the catalog's reps for it ("harder means
  a harder exercise, not more reps"; 15 Nordic curls is no set anyone finishes).
- A slow-eccentric tempo lowers for 3 s or more (its first number).
- A static hold is a mobility exercise prescribed in seconds; a mobility exercise in reps
  is a dynamic drill, which belongs to the warm-up.
- The goal shows in the sessions off the light days: an eve (COACHING's "not on an eve"),
  and the long run's own day unless the config allows heavy legs there (issue 20: "no
  heavy legs on the long-run day itself"; soreness from heavy or impact work spoils the
  long run as it spoils the day after). The heavy-set floor holds for a week with a
  session off them: when every session is light, the plan is the light version and says
  which change would allow more (COACHING, "every runner gets a plan").
- A session's count below the seed's band is the best plan the kit allows when the plan
  says what is missing and that the kit, level or catalog holds none ("they write the best
  plan the kit allows and say what is missing", COACHING, "every runner gets a plan"); a
  count missed for want of minutes or for a key run still fails: shorter or lighter work
  fits there. So is a strength session's bodyweight heavy lift where the plan says the kit
  and level allow no loaded one that day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from benchmarks.rubric_reading import (
    BODYWEIGHT_HARD_MAX_REPS,
    HEAVY_CEILING,
    HEAVY_FLOOR,
    MAX_REPS,
    MIN_HOLDS,
    SEED_COUNTS,
    STAGE_NAMES,
    Json,
    athlete_of,
    eve_days,
    hard_effort,
    heavy_set,
    light_days,
    most_reps_of_a_near_maximal_move,
    slow_eccentric,
    stage,
    static_hold,
    where,
)
from planner.vocabulary import CORE_FUNCTIONS

Check = Callable[[Json], list[str]]


def planned(plan: Json) -> list[str]:
    """Every runner gets a plan."""
    if plan.get("days"):
        return []
    rules = ", ".join(c["rule"] for c in plan.get("conflicts", [])) or plan.get("note", "")
    return [f"no plan ({plan['status']}): {rules}"]


def heavy_sets_a_week(plan: Json) -> list[str]:
    """Heavy lower-body sets a week within the level's ceiling, and the floor for a
    strength or power goal with weights for the legs."""
    if not plan.get("days"):
        return []
    level, goal, weights = athlete_of(plan)
    total = sum(int(e["sets"]) for d in plan["days"] for e in d["exercises"] if heavy_set(e))
    if total > HEAVY_CEILING[level]:
        return [f"{total} heavy sets > {HEAVY_CEILING[level]} for {level}"]
    all_light = {d["day"] for d in plan["days"]} <= light_days(plan)
    if goal in ("strength", "power") and weights and not all_light and total < HEAVY_FLOOR[level]:
        return [f"{total} heavy sets < {HEAVY_FLOOR[level]} for {level} {goal} with weights"]
    return []


def light_legs_on_eves(plan: Json) -> list[str]:
    """The day before a key run: no jumps, no hard lower-body or calf set, no slow
    eccentric lowering."""
    eves = eve_days(plan)
    out = []
    for day in plan.get("days", []):
        if day["day"] not in eves:
            continue
        for e in day["exercises"]:
            if e["category"] == "plyometric":
                out.append(f"{where(day, e)}: a jump on an eve")
            elif e["category"] in ("lower", "calf") and hard_effort(e):
                out.append(f"{where(day, e)}: {e['intensity']} on an eve")
            elif e["category"] in ("lower", "calf") and slow_eccentric(e):
                out.append(f"{where(day, e)}: tempo {e['tempo']} on an eve")
    return out


def order(plan: Json) -> list[str]:
    """A warm-up first; jumps; the heaviest lifts; other legs; upper and core; stretches."""
    out = []
    for day in plan.get("days", []):
        if not day.get("warm_up"):
            out.append(f"{day['day']}: no warm-up line")
        stages = [stage(e) for e in day["exercises"]]
        for before, after, e in zip(stages, stages[1:], day["exercises"][1:], strict=False):
            if after < before:
                out.append(f"{where(day, e)}: {STAGE_NAMES[after]} after {STAGE_NAMES[before]}")
    return out


def doable(plan: Json) -> list[str]:
    """No set over 20 reps; bodyweight lower-body work at RPE >= 8 at most 12 reps; an
    advanced bodyweight movement (a Nordic curl) at most the catalog's reps for it."""
    out = []
    for day in plan.get("days", []):
        for e in day["exercises"]:
            if e["unit"] != "reps":
                continue
            reps = int(e["reps"])
            most = most_reps_of_a_near_maximal_move(plan, e)
            if reps > MAX_REPS:
                out.append(f"{where(day, e)}: {reps} reps a set")
            elif (
                e["category"] == "lower"
                and not e["loaded"]
                and hard_effort(e)
                and reps > BODYWEIGHT_HARD_MAX_REPS
            ):
                out.append(f"{where(day, e)}: {reps} bodyweight reps at {e['intensity']}")
            elif most is not None and reps > most:
                out.append(f"{where(day, e)}: {reps} reps of a near-maximal movement")
    return out


def flexibility_holds(plan: Json) -> list[str]:
    """The flexibility goal: at least 2 timed static holds every session."""
    if athlete_of(plan)[1] != "flexibility":
        return []
    out = []
    for day in plan.get("days", []):
        holds = sum(static_hold(e) for e in day["exercises"])
        if holds < MIN_HOLDS:
            out.append(f"{day['day']}: {holds} timed static hold(s)")
    return out


def goal_shows(plan: Json) -> list[str]:
    """Strength: a heavy lift (loaded, with weights) in every session off the light days;
    power: a jump there, plus heavy work in a week with such a session; endurance: one
    heavy lift there."""
    _, goal, weights = athlete_of(plan)
    days = plan.get("days", [])
    if goal == "flexibility" or not days:
        return []
    light = light_days(plan)
    out = []
    for day in days:
        if day["day"] in light:
            continue
        heavy = [e for e in day["exercises"] if heavy_set(e) and (e["loaded"] or not weights)]
        if not heavy and weights and _none_allowed(plan, day["day"], "no loaded heavy lift"):
            heavy = [e for e in day["exercises"] if heavy_set(e)]  # the kit's best: bodyweight
        if goal == "strength" and not heavy:
            out.append(f"{day['day']}: no heavy{' loaded' if weights else ''} lift")
        if goal == "power" and not any(e["category"] == "plyometric" for e in day["exercises"]):
            out.append(f"{day['day']}: no jump")
        if goal == "endurance" and len(heavy) != 1:
            out.append(f"{day['day']}: {len(heavy)} heavy lifts, not 1")
    heavy_week = any(heavy_set(e) for d in days for e in d["exercises"])
    if goal == "power" and not heavy_week and not {d["day"] for d in days} <= light:
        out.append("no heavy lower-body set in the week")
    return out


def seed_counts(plan: Json) -> list[str]:
    """Per session 2-3 lower, 1-2 calf, 2-3 core, 1-2 upper; both calf muscles and the
    three core functions trained in the week."""
    days = plan.get("days", [])
    if not days:
        return []
    out = []
    for day in days:
        for category, (low, high) in SEED_COUNTS.items():
            n = sum(e["category"] == category for e in day["exercises"])
            if n < low and _none_allowed(plan, day["day"], f" {category} exercise(s), not"):
                continue
            if not low <= n <= high:
                out.append(f"{day['day']}: {n} {category}, not {low}-{high}")
    coverage = plan.get("coverage") or {}
    for muscle in ("gastrocnemius", "soleus", *CORE_FUNCTIONS):
        if not coverage.get(muscle):
            out.append(f"week: {muscle} untrained")
    return out


# How a plan's note says that nothing the athlete may use fits (planner/week/shortfalls.py):
# none in the catalog, the kit or the level, or the kit's only movements of the category are
# trained the day before or after (a movement never comes on two days in a row).
NONE_ALLOWED = (
    "the catalog has none",
    "your kit has none",
    "none at the",
    "rule them all out",
    "your kit and level allow",
)


def _none_allowed(plan: Json, day: str, missing: str) -> bool:
    """The plan notes that the day misses something (its note says `missing`) because the
    kit, the level or the catalog allows none."""
    return any(
        note.startswith(f"{day}: ")
        and missing in note
        and any(reason in note for reason in NONE_ALLOWED)
        for note in plan.get("notes", [])
    )


# The rubric's week checks in its order: (name, check).
WEEK_CHECKS: Sequence[tuple[str, Check]] = (
    ("every runner planned", planned),
    ("heavy sets a week", heavy_sets_a_week),
    ("light legs on eves", light_legs_on_eves),
    ("order", order),
    ("doable", doable),
    ("flexibility holds", flexibility_holds),
    ("goal shows", goal_shows),
    ("seed's counts", seed_counts),
)


def judge_week(plan: Json) -> dict[str, list[str]]:
    """Every week check's failures, by check name."""
    return {name: check(plan) for name, check in WEEK_CHECKS}
