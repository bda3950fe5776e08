"""Goal-dependent weekly coverage targets: what a week of strength work should reach."""

from __future__ import annotations

from planner.vocabulary import MUSCLES

# Coverage points per session that count toward the goal; a week's target is this times
# the number of sessions. Coverage beyond the target earns nothing (diminishing returns).
_PER_SESSION: dict[str, dict[str, int]] = {
    "endurance": {
        "quads": 3, "glutes": 4, "hamstrings": 3, "adductors": 2, "abductors": 2,
        "hip_flexors": 1, "gastrocnemius": 2, "soleus": 3, "anti_extension": 2,
        "anti_lateral_flexion": 2, "anti_rotation": 2, "erectors": 1, "lats": 1,
        "upper_back": 2, "chest": 1, "shoulders": 1, "rear_delts": 1, "arms": 1,
    },
    "strength": {
        "quads": 4, "glutes": 4, "hamstrings": 3, "adductors": 2, "abductors": 1,
        "hip_flexors": 1, "gastrocnemius": 2, "soleus": 2, "anti_extension": 2,
        "anti_lateral_flexion": 1, "anti_rotation": 1, "erectors": 2, "lats": 2,
        "upper_back": 2, "chest": 2, "shoulders": 1, "rear_delts": 1, "arms": 1,
    },
    "power": {
        "quads": 4, "glutes": 4, "hamstrings": 3, "adductors": 1, "abductors": 1,
        "hip_flexors": 2, "gastrocnemius": 3, "soleus": 2, "anti_extension": 2,
        "anti_lateral_flexion": 1, "anti_rotation": 2, "erectors": 1, "lats": 1,
        "upper_back": 1, "chest": 1, "shoulders": 1, "rear_delts": 1, "arms": 1,
    },
    "flexibility": {
        "quads": 2, "glutes": 3, "hamstrings": 3, "adductors": 2, "abductors": 2,
        "hip_flexors": 2, "gastrocnemius": 2, "soleus": 2, "anti_extension": 2,
        "anti_lateral_flexion": 2, "anti_rotation": 2, "erectors": 2, "lats": 1,
        "upper_back": 2, "chest": 1, "shoulders": 1, "rear_delts": 1, "arms": 0,
    },
}  # fmt: skip

GAIN_SCALE = 10  # the first point of a muscle's coverage is worth this much


def weekly_targets(goal: str, sessions: int) -> dict[str, int]:
    per_session = _PER_SESSION[goal]
    return {m: per_session[m] * sessions for m in MUSCLES}


def marginal_gains(target: int) -> list[int]:
    """Gain of the 1st, 2nd, ... coverage point up to the target: decreasing, all >= 1."""
    return [-(-GAIN_SCALE * (target - k) // target) for k in range(target)]


def coverage_reward(coverage: int, target: int) -> int:
    """Reward of a weekly coverage toward a target, with diminishing returns."""
    return sum(marginal_gains(target)[: max(0, coverage)])
