"""What an exercise can deliver, derived from its category, equipment, tags and level when a
catalog does not say (columns `stimuli` and `loaded`).

The rule, in order:
- loaded: the exercise uses an implement whose resistance can be made heavy (barbell,
  dumbbell, kettlebell, cable or a machine; a band, box or step cannot).
- mobility drills deliver mobility; plyometrics and medicine-ball throws deliver power;
  core exercises deliver stability (trunk control).
- lower-body, calf and upper-body lifts deliver strength-endurance, and also heavy strength
  when they are loaded, or when a bodyweight version can be made hard enough for low reps:
  single-leg (tag `unilateral`) or above beginner level (Nordic curl, pistol). Holds
  (tag `isometric`) and walks (unit meters) stay strength-endurance, and so does isolation
  work (fewer than two muscles with 2 or more coverage points): always in the upper body
  (lateral raises), and in the lower body and calves unless it is loaded or advanced
  (side-lying abduction and balance reaches stay light; a machine calf raise and a Nordic
  curl can be heavy).
"""

from __future__ import annotations

from planner.vocabulary import LOADING_EQUIPMENT


def derive_loaded(equipment: frozenset[str]) -> bool:
    return bool(equipment & set(LOADING_EQUIPMENT))


def derive_stimuli(
    category: str,
    equipment: frozenset[str],
    tags: frozenset[str],
    level: str,
    unit: str,
    coverage: tuple[int, ...] = (),
) -> frozenset[str]:
    if category == "mobility":
        return frozenset({"mobility"})
    if category == "plyometric" or "medicine_ball" in equipment:
        return frozenset({"power"})
    if category == "core":
        return frozenset({"stability"})
    isolation = bool(coverage) and sum(1 for p in coverage if p >= 2) < 2
    light = isolation and (
        category == "upper" or not (derive_loaded(equipment) or level == "advanced")
    )
    if "isometric" in tags or unit == "meters" or light:
        return frozenset({"endurance"})
    hard = derive_loaded(equipment) or "unilateral" in tags or level != "beginner"
    return frozenset({"strength", "endurance"} if hard else {"endurance"})
