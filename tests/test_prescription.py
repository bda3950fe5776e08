"""Prescriptions: each exercise dosed for the role the athlete's goal gives it.

The numbers come from planner/data/goals.toml and are written out here by hand, so a
change to a profile shows up as a failing test, not as a silently different plan.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import make_config

from planner.catalog.catalog import Catalog
from planner.config.goals import GoalSettings, Profile, resolve
from planner.plan.week import Prescription
from planner.training.prescription import SETUP_S, minutes_of_session, prescribe


def profile(goal: str, level: str = "intermediate", **settings: object) -> Profile:
    return resolve(goal, level, GoalSettings.model_validate(settings))


# --- the role: the first stimulus in the goal's order that the exercise delivers ---------


@pytest.mark.parametrize(
    ("goal", "exercise", "role"),
    [
        # goblet_squat delivers strength and endurance
        ("endurance", "goblet_squat", "strength"),  # order: strength, endurance, ...
        ("strength", "goblet_squat", "strength"),
        ("power", "goblet_squat", "strength"),  # power, strength, ...: it has no power
        # mobility, stability, endurance, ...: a flexibility runner lifts for strength-endurance
        ("flexibility", "goblet_squat", "endurance"),
        # kettlebell_swing delivers power and endurance
        ("endurance", "kettlebell_swing", "endurance"),  # strength (no), endurance
        ("strength", "kettlebell_swing", "power"),  # strength (no), power
        ("power", "kettlebell_swing", "power"),
        ("flexibility", "kettlebell_swing", "endurance"),  # ..., stability, endurance, power
        # bodyweight_squat delivers endurance only: every goal prescribes it for that
        ("strength", "bodyweight_squat", "endurance"),
        # a stretch delivers mobility only
        ("strength", "calf_wall_stretch", "mobility"),
        ("flexibility", "calf_wall_stretch", "mobility"),
        # a plank delivers stability only
        ("power", "front_plank", "stability"),
    ],
)
def test_role_is_the_first_stimulus_in_the_goals_order(
    bundled: Catalog, goal: str, exercise: str, role: str
) -> None:
    assert prescribe(bundled[exercise], profile(goal)).role == role


# --- intensity: %1RM for barbell lifts, effort for the rest ------------------------------


@pytest.mark.parametrize(
    ("goal", "level", "exercise", "sets", "reps", "intensity", "rest_s"),
    [
        ("strength", "intermediate", "back_squat", 4, 5, "80% 1RM (RPE 8)", 180),
        ("strength", "advanced", "back_squat", 4, 4, "85% 1RM (RPE 8-9)", 180),
        ("endurance", "intermediate", "deadlift", 3, 6, "75-80% 1RM (RPE 7-8)", 150),
        # the same doses with dumbbells or a kettlebell go by effort, a range kept a range
        # (the lift is as hard as the barbell one it stands for)
        ("strength", "intermediate", "goblet_squat", 4, 5, "RPE 8 (2 reps in reserve)", 180),
        ("strength", "advanced", "romanian_deadlift", 4, 4, "RPE 8-9 (1-2 reps in reserve)",
         180),
        ("endurance", "intermediate", "kettlebell_deadlift", 3, 6,
         "RPE 7-8 (2-3 reps in reserve)", 150),
    ],
)  # fmt: skip
def test_barbell_lifts_get_a_percentage_dumbbells_an_effort(
    bundled: Catalog,
    goal: str,
    level: str,
    exercise: str,
    sets: int,
    reps: int,
    intensity: str,
    rest_s: int,
) -> None:
    dosed = prescribe(bundled[exercise], profile(goal, level))
    assert (dosed.role, dosed.sets, dosed.reps, dosed.unit) == ("strength", sets, reps, "reps")
    assert (dosed.intensity, dosed.rest_s, dosed.tempo) == (intensity, rest_s, None)
    assert ("1RM" in dosed.intensity) == ("barbell" in bundled[exercise].equipment)


def test_unloaded_strength_work_gets_a_slow_tempo(bundled: Catalog) -> None:
    # split_squat: bodyweight, single-leg, so it can be made hard for few reps.
    split_squat = bundled["split_squat"]
    assert not split_squat.loaded and "strength" in split_squat.stimuli
    dosed = prescribe(split_squat, profile("strength"))
    assert (dosed.role, dosed.sets, dosed.reps) == ("strength", 4, 5)
    assert dosed.tempo == "4-1-1"
    assert dosed.intensity == "RPE 8, hardest version you can do"
    assert dosed.rest_s == 120  # a hard bodyweight set, not a heavy barbell one: 2 min
    # A beginner's strength dose has its own tempo, which it keeps.
    beginner = prescribe(split_squat, profile("strength", "beginner"))
    assert (beginner.sets, beginner.reps, beginner.tempo) == (3, 6, "2-1-1")
    # A loaded lift at the same level gets no tempo.
    assert prescribe(bundled["goblet_squat"], profile("strength")).tempo is None


def test_accessories_rest_at_most_90_s_in_a_heavy_role(bundled: Catalog) -> None:
    # Calf work in a strength role: the strength dose's 180 s rest is for the big lower-body
    # lifts.
    dosed = prescribe(bundled["dumbbell_calf_raise"], profile("strength"))
    assert (dosed.role, dosed.sets, dosed.reps, dosed.rest_s) == ("strength", 4, 5, 90)


@pytest.mark.parametrize("goal", ["strength", "power", "endurance"])
@pytest.mark.parametrize("exercise", ["barbell_bench_press", "dumbbell_row", "pull_up"])
def test_upper_body_is_for_posture_not_a_maximal_lift(
    bundled: Catalog, goal: str, exercise: str
) -> None:
    # Whatever the goal does with the legs, a runner's upper body gets moderate sets short
    # of failure (the seed: "not about bulking up"): 3 x 8 at RPE 7, no %1RM, no slow tempo.
    for level in ("beginner", "advanced"):
        dosed = prescribe(bundled[exercise], profile(goal, level))
        assert (dosed.sets, dosed.reps, dosed.rest_s, dosed.tempo) == (3, 8, 90, None)
        assert dosed.intensity == "RPE 7 (3 reps in reserve)"


# --- holds, carries and stretches -----------------------------------------------------


def test_holds_keep_seconds(bundled: Catalog) -> None:
    plank = prescribe(bundled["front_plank"], profile("endurance"))  # catalog: 30 s
    assert (plank.role, plank.sets, plank.reps, plank.unit) == ("stability", 3, 30, "seconds")
    assert plank.intensity == "30 s hold, steady breathing"
    wall_sit = prescribe(bundled["wall_sit"], profile("strength"))  # catalog: 45 s
    assert (wall_sit.role, wall_sit.sets, wall_sit.reps, wall_sit.unit) == (
        "endurance", 3, 45, "seconds",
    )  # fmt: skip


def test_carries_keep_meters(bundled: Catalog) -> None:
    carry = prescribe(bundled["farmer_carry"], profile("endurance"))  # catalog: 40 m
    assert (carry.role, carry.sets, carry.reps, carry.unit) == ("stability", 3, 40, "meters")
    assert carry.intensity == "heavy enough to walk tall"


@pytest.mark.parametrize(("level", "seconds"), [("beginner", 30), ("intermediate", 45),
                                                ("advanced", 60)])  # fmt: skip
def test_flexibility_holds_stretches_for_the_profiles_seconds(
    bundled: Catalog, level: str, seconds: int
) -> None:
    stretch = bundled["calf_wall_stretch"]  # catalog: 30 s
    dosed = prescribe(stretch, profile("flexibility", level))
    assert (dosed.role, dosed.sets, dosed.reps, dosed.unit) == ("mobility", 3, seconds, "seconds")
    assert "stretch at the end of range" in dosed.intensity
    # Other goals stretch for the catalog's hold time, twice.
    other = prescribe(stretch, profile("endurance", level))
    assert (other.sets, other.reps) == (2, 30)


# --- minutes: sets x work + rests + a minute to set up --------------------------------


@pytest.mark.parametrize(
    ("goal", "exercise", "busy_s", "rest_total_s", "minutes"),
    [
        # 4 x 5 reps at 4 s = 80 s, + 60 s; rests 3 x 180 s; 680 s = 11.3 min
        ("strength", "back_squat", 4 * 5 * 4 + 60, 3 * 180, 12),
        # 3 x 30 s hold + 60 s; rests 2 x 45 s; 240 s
        ("endurance", "front_plank", 3 * 30 + 60, 2 * 45, 4),
        # 3 x 40 m at 1 m/s + 60 s; rests 2 x 45 s; 270 s = 4.5 min
        ("endurance", "farmer_carry", 3 * 40 + 60, 2 * 45, 5),
        # single-leg at tempo 4-1-1: 4 x 5 reps x 6 s x 2 sides = 240 s, + 60 s; 3 x 120 s
        ("strength", "split_squat", 4 * 5 * 6 * 2 + 60, 3 * 120, 11),
        # flexibility stretch, each leg ("seconds per side"): 3 x 45 s x 2 + 60 s; rests
        # 2 x 15 s; 360 s = 6 min
        ("flexibility", "calf_wall_stretch", 3 * 45 * 2 + 60, 2 * 15, 6),
        # a side plank is held on each side: 3 x 30 s x 2 + 60 s; rests 2 x 45 s; 330 s = 5.5
        ("endurance", "side_plank", 3 * 30 * 2 + 60, 2 * 45, 6),
    ],
)
def test_minutes_are_sets_times_work_plus_rests_plus_setup(
    bundled: Catalog, goal: str, exercise: str, busy_s: int, rest_total_s: int, minutes: int
) -> None:
    dosed = prescribe(bundled[exercise], profile(goal))
    assert (dosed.busy_s, dosed.rest_total_s, dosed.minutes) == (busy_s, rest_total_s, minutes)


def test_every_cue_that_says_per_side_is_timed_per_side(bundled: Catalog) -> None:
    # The cue tells the athlete to do the work on each side, so the plan must time both
    # sides and show "/side" (monster walks count steps, which the cue calls per side).
    says = {e.id for e in bundled if "per side" in e.cue} - {"monster_walk"}
    assert says and all(bundled[i].per_side for i in says)


def test_per_side_doubles_the_work(bundled: Catalog) -> None:
    single = bundled["dumbbell_split_squat"]
    assert single.per_side
    both = replace(single, tags=single.tags - {"unilateral"})
    assert not both.per_side
    one_side, two_legged = (
        prescribe(single, profile("strength")),
        prescribe(both, profile("strength")),
    )
    assert one_side.per_side and not two_legged.per_side
    assert one_side.busy_s - SETUP_S == 2 * (two_legged.busy_s - SETUP_S) == 2 * 4 * 5 * 4
    assert one_side.rest_total_s == two_legged.rest_total_s
    assert Prescription.of(single, profile("strength")).dose == "4 x 5/side"
    assert Prescription.of(both, profile("strength")).dose == "4 x 5"


def test_a_session_pairs_accessories_into_the_main_lifts_rests(bundled: Catalog) -> None:
    strength = profile("strength")
    squat, plank, row = (
        (bundled[i], prescribe(bundled[i], strength))
        for i in ("back_squat", "front_plank", "cable_row")
    )
    # back squat: 140 s of work, 540 s of rests. The plank (3 x 30 s + 60, 2 x 45 s rest:
    # 240 s) fits in those rests: max(680, 140 + 240) = 680 s, 12 minutes, not 12 + 4.
    assert minutes_of_session([squat, plank]) == 12
    # The cable row too (upper body: 3 x 8 at 4 s + 60 = 156 s, 2 x 90 s rest: 336 s):
    # 140 + 240 + 336 = 716 s on the paired track, longer than 680 s: 12 minutes.
    assert row[1].busy_s + row[1].rest_total_s == 336
    assert minutes_of_session([squat, plank, row]) == 12
    # Without a main lift everything is done one after the other: 240 + 336 = 576 s.
    assert minutes_of_session([plank, row]) == 10


# --- the [goal] section overrides the profile -------------------------------------------


def test_a_goal_prescription_override_replaces_only_what_it_names(bundled: Catalog) -> None:
    custom = profile("strength", prescription={"strength": {"sets": 5, "reps": 3}})
    dosed = prescribe(bundled["back_squat"], custom)
    assert (dosed.sets, dosed.reps, dosed.rest_s, dosed.intensity) == (
        5, 3, 180, "80% 1RM (RPE 8)",
    )  # fmt: skip
    # Other roles keep the profile's dose.
    assert prescribe(bundled["front_plank"], custom).sets == 3


def test_prescription_of_is_prescribe(bundled: Catalog) -> None:
    strength = profile("strength")
    p = Prescription.of(bundled["back_squat"], strength)
    assert p == Prescription(bundled["back_squat"], prescribe(bundled["back_squat"], strength))
    assert (p.role, p.sets, p.reps, p.intensity, p.rest_s, p.tempo, p.per_side, p.minutes) == (
        "strength", 4, 5, "80% 1RM (RPE 8)", 180, None, False, 12,
    )  # fmt: skip


@pytest.mark.parametrize(("minutes", "sets"), [(30, 2), (31, 3)])
def test_a_short_session_keeps_every_exercise_with_a_set_fewer(
    bundled: Catalog, minutes: int, sets: int
) -> None:
    """30 minutes or less: each exercise one set fewer (3 -> 2), never below 2; 31 keeps 3."""
    config = make_config(
        athlete={"goal": "endurance", "level": "intermediate"},
        week={"max_session_minutes": minutes},
    )
    assert prescribe(bundled["bodyweight_squat"], config.profile).sets == sets
    assert prescribe(bundled["calf_wall_stretch"], config.profile).sets == 2  # 2 stays 2


@pytest.mark.parametrize(("minutes", "sets"), [(40, 2), (41, 3)])
def test_a_flexibility_session_is_short_up_to_40_minutes(
    bundled: Catalog, minutes: int, sets: int
) -> None:
    """Its sessions hold 2-3 stretches more than the other goals' (goals.toml)."""
    config = make_config(
        athlete={"goal": "flexibility", "level": "intermediate"},
        week={"max_session_minutes": minutes},
    )
    assert prescribe(bundled["bodyweight_squat"], config.profile).sets == sets


def test_a_short_session_keeps_the_sets_a_config_writes(bundled: Catalog) -> None:
    config = make_config(
        athlete={"goal": "endurance", "level": "intermediate"},
        week={"max_session_minutes": 20},
        goal={"prescription": {"endurance": {"sets": 3}}},
    )
    assert prescribe(bundled["bodyweight_squat"], config.profile).sets == 3
    assert prescribe(bundled["front_plank"], config.profile).sets == 2  # stability: not written
