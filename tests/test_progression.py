"""How a prescription moves over a block: one step a week along its role's line."""

from __future__ import annotations

import pytest

from planner.config.goals import Dose
from planner.training.progression import Dose as Prescribed
from planner.training.progression import (
    cut_sets,
    fell_back,
    jump,
    progressed,
    shifted_intensity,
)

HEAVY = Dose(sets=4, reps=5, intensity="80% 1RM (RPE 8)", rest_s=180)
HOLD = Dose(sets=3, reps=12, seconds=45, intensity="firm stretch", rest_s=15)


@pytest.mark.parametrize(
    ("text", "step", "expected"),
    [
        ("80% 1RM (RPE 8)", -2, "75% 1RM (RPE 7)"),
        ("80% 1RM (RPE 8)", 1, "82.5% 1RM (RPE 8.5)"),
        ("75-80% 1RM (RPE 7-8)", -1, "72.5-77.5% 1RM (RPE 6.5-7.5)"),
        ("RPE 7 (3 reps in reserve), learn the movement", -2,
         "RPE 6 (4 reps in reserve), learn the movement"),
        ("RPE 9.5", 2, "RPE 10"),  # no effort above maximal
        ("explosive, full rest", 3, "explosive, full rest"),
    ],
)  # fmt: skip
def test_intensity_steps_move_the_numbers_and_keep_the_words(
    text: str, step: int, expected: str
) -> None:
    assert shifted_intensity(text, step) == expected


def test_each_line_changes_one_thing() -> None:
    assert progressed(HEAVY, "intensity", -1).intensity == "77.5% 1RM (RPE 7.5)"
    assert progressed(HEAVY, "intensity", -1).sets == 4
    assert progressed(HEAVY, "sets", 1).sets == 5
    assert progressed(HOLD, "work", 2).seconds == 55  # five seconds a step
    assert progressed(HOLD, "work", 2).reps == 16
    assert progressed(HEAVY, "sets", -9).sets == 1  # never below one set


@pytest.mark.parametrize(
    ("sets", "volume", "expected"),
    [(4, "deload", 2), (3, "deload", 2), (1, "deload", 1), (4, "taper", 3), (1, "taper", 1),
     (4, "race", 2), (3, "race", 1), (1, "race", 1), (4, "full", 4)],
)  # fmt: skip
def test_deload_taper_and_race_week_cut_sets(sets: int, volume: str, expected: int) -> None:
    assert cut_sets(sets, volume) == expected


def test_a_jump_is_more_than_one_step_of_the_same_work() -> None:
    base = ("strength", 4, 5, "reps", "80% 1RM (RPE 8)")
    assert jump(base, ("strength", 5, 5, "reps", "82.5% 1RM (RPE 8.5)")) is None
    assert jump(base, ("strength", 6, 5, "reps", "80% 1RM (RPE 8)")) == "sets 4 -> 6"
    assert jump(base, ("strength", 4, 8, "reps", "80% 1RM (RPE 8)")) == "reps 5 -> 8"
    assert jump(base, ("strength", 4, 5, "reps", "85% 1RM (RPE 9)")) is not None
    assert jump(base, ("endurance", 4, 15, "reps", "RPE 7")) is None  # other work, not a jump
    hold = ("mobility", 3, 30, "seconds", "stretch")
    assert jump(hold, ("mobility", 3, 35, "seconds", "stretch")) is None
    assert jump(hold, ("mobility", 3, 40, "seconds", "stretch")) == "seconds 30 -> 40"


@pytest.mark.parametrize(
    ("before", "after", "fell"),
    [
        (("strength", 4, 5, "reps", "RPE 8.5"), ("strength", 4, 5, "reps", "RPE 8"), False),
        (("strength", 4, 5, "reps", "RPE 8.5"), ("strength", 3, 6, "reps", "RPE 7.5"), True),
        # the same effort at a new phase's own percentage is no reset
        (
            ("strength", 4, 4, "reps", "87.5% 1RM, RPE 8"),
            ("strength", 4, 5, "reps", "82.5% 1RM, RPE 8"),
            False,
        ),
        (("strength", 4, 4, "reps", "87.5% 1RM"), ("strength", 4, 4, "reps", "85% 1RM"), False),
        (("strength", 4, 4, "reps", "87.5% 1RM"), ("strength", 4, 4, "reps", "82.5% 1RM"), True),
        (("strength", 4, 4, "reps", "RPE 8"), ("strength", 3, 4, "reps", "RPE 8"), False),
        (("strength", 4, 4, "reps", "RPE 8"), ("strength", 2, 4, "reps", "RPE 8"), True),
        (("strength", 4, 4, "reps", "RPE 8"), ("endurance", 2, 15, "reps", "RPE 6"), False),
    ],
)
def test_a_lift_kept_into_a_new_phase_keeps_its_effort(
    before: Prescribed, after: Prescribed, fell: bool
) -> None:
    assert (fell_back(before, after) is not None) == fell
