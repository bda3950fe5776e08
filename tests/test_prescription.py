"""Sets and reps per goal: lifts change with the goal, holds, drills and jumps keep theirs."""

from __future__ import annotations

import pytest

from planner.catalog import Catalog
from planner.prescription import _coach_round, prescribe


@pytest.mark.parametrize(
    ("reps", "written"), [(1.4, 1), (5.6, 6), (7.4, 8), (11.0, 12), (13.0, 15), (18.7, 20)]
)
def test_reps_are_rounded_as_a_coach_writes_them(reps: float, written: int) -> None:
    assert _coach_round(reps) == written


def test_goals_change_sets_and_reps_of_a_lift(tiny: Catalog) -> None:
    squat = tiny["squat_bw"]  # 3 x 10 in the tiny catalog
    assert prescribe(squat, "strength") == (4, 6)
    assert prescribe(squat, "power") == (3, 5)
    assert prescribe(squat, "flexibility") == (3, 10)
    sets, reps = prescribe(squat, "endurance")
    assert sets == 3 and reps >= 10


def test_holds_and_jumps_keep_their_dose(bundled: Catalog) -> None:
    for exercise_id in ("front_plank", "pogo_hops", "calf_wall_stretch"):
        exercise = bundled[exercise_id]
        for goal in ("strength", "endurance", "power"):
            assert prescribe(exercise, goal) == (exercise.sets, exercise.reps), exercise_id


def test_flexibility_adds_a_set_of_stretching(bundled: Catalog) -> None:
    stretch = bundled["calf_wall_stretch"]
    assert prescribe(stretch, "flexibility") == (stretch.sets + 1, stretch.reps)
