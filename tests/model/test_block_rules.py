"""The block's rules, each with a feasible case, a forced-infeasible case whose conflict
names the rule, and a boundary case; on the tiny catalog, small enough to work out by hand.

Where no config can force a rule to fail (the calendar keeps it by construction), the
model is forced directly: an extra constraint the rule must then refuse.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from block_fixtures import (
    ONE_SET,
    PLANK_ONLY,
    SUNDAY_OF_WEEK_3,
    block_config,
    ids,
    jumping_setups,
    solve_block_ok,
)
from conftest import HEADER, tiny_rows, write_csv

from planner.block.check import check_block
from planner.catalog.catalog import Catalog, load_catalog
from planner.model.block.build import BlockModel, build_block_model
from planner.model.conflicts import Budget, shrink
from planner.pipeline import plan_block
from planner.plan.week import Status
from planner.training.week_setup import week_setups


def conflict_of(catalog: Catalog, config: Any, force: Any, setups: Any = None) -> list[str]:
    """The minimal conflict among the block rules once `force(built)` has added its
    constraints to a guarded block model."""
    setups = setups if setups is not None else week_setups(config)
    built = build_block_model(catalog, config, setups, with_objective=False, guarded=True)
    force(built)
    assert built.guards is not None
    found = shrink(built, list(built.guards), Budget(20))
    assert found is not None, "the forced block still has a plan"
    return found


def does(built: BlockModel, week: int, day: str, exercise: str) -> Any:
    v = built.weeks[week - 1].variables
    assert v is not None
    return v.does[day, exercise]


# --- main_lifts_held_within_phase ------------------------------------------------------


def test_main_lifts_stay_the_same_through_a_phase(tiny: Catalog) -> None:
    result = solve_block_ok(tiny, block_config({"weeks": 3, "deload_every": 0}))
    first = ids(result, 1)
    assert "squat_goblet" in first or "hinge_rdl" in first  # a loaded lower-body lift
    assert ids(result, 2)[0] == ids(result, 3)[0] == first[0]


def test_main_lifts_that_cannot_repeat_name_the_phase_rule(tiny: Catalog) -> None:
    # Without the single-leg lunge (prescribed heavy too) the two loaded lifts are the only
    # main lifts.
    config = block_config({"weeks": 2, "deload_every": 0}, exclude={"exercises": ["lunge_bw"]})

    def swap(built: BlockModel) -> None:  # week 1 may not squat, week 2 may not hinge
        built.model.add(does(built, 1, "mon", "squat_goblet") == 0)
        built.model.add(does(built, 2, "mon", "hinge_rdl") == 0)

    assert conflict_of(tiny, config, swap) == ["block.phases"]


def test_a_new_phase_may_change_the_main_lifts_and_a_deload_does_not_break_the_link(
    tiny: Catalog,
) -> None:
    # Two phases of one week each: nothing links them, so the forced swap has a plan.
    config = block_config({"weeks": 2, "deload_every": 0, "phases": ["strength", "endurance"]})
    setups = week_setups(config)
    built = build_block_model(tiny, config, setups, with_objective=False, guarded=True)
    built.model.add(does(built, 1, "mon", "squat_goblet") == 0)
    built.model.add(does(built, 2, "mon", "hinge_rdl") == 0)
    assert built.guards is not None
    assert shrink(built, list(built.guards), Budget(20)) is None
    # Build, deload, build: week 3 holds week 1's main lift across the deload.
    result = solve_block_ok(tiny, block_config({"weeks": 3, "deload_every": 2}))
    assert ids(result, 3)[0] == ids(result, 1)[0]


# --- deload_weeks_lighten ---------------------------------------------------------------

TWO_SETS = {role: {"sets": 2} for role in ("strength", "power", "endurance", "stability")}


def test_a_deload_week_repeats_the_week_before_with_half_the_sets(tiny: Catalog) -> None:
    result = solve_block_ok(tiny, block_config({"weeks": 2, "deload_every": 2}))
    assert result.weeks is not None
    assert ids(result, 2) == ids(result, 1)
    before, deload = result.weeks
    assert 4 * deload.volume <= 3 * before.volume
    sets = [p.sets for s in deload.plan.sessions for p in s.exercises]
    assert sets == [-(-p.sets // 2) for s in before.plan.sessions for p in s.exercises]


def test_a_deload_that_cannot_cut_sets_is_a_conflict_naming_it(tiny: Catalog) -> None:
    # One set of everything: half of one set is still one, so the volume cannot fall.
    config = block_config({"weeks": 2, "deload_every": 2}, goal={"prescription": ONE_SET})
    result = plan_block(tiny, config)
    assert result.status == Status.INFEASIBLE
    assert [c.rule for c in result.conflicts] == ["block.deload_every"]
    assert "deload" in result.conflicts[0].message


def test_two_sets_halve_to_one_and_the_deload_holds(tiny: Catalog) -> None:
    config = block_config({"weeks": 2, "deload_every": 2}, goal={"prescription": TWO_SETS})
    result = solve_block_ok(tiny, config)
    assert result.weeks is not None
    assert 2 * result.weeks[1].volume == result.weeks[0].volume  # exactly half


# --- progression_capped -----------------------------------------------------------------


def test_prescriptions_grow_at_most_one_step_a_week(tiny: Catalog) -> None:
    result = solve_block_ok(tiny, block_config({"weeks": 4, "deload_every": 0}))
    assert result.weeks is not None
    intensities = [w.plan.sessions[0].exercises[0].intensity for w in result.weeks]
    assert intensities[0] == "RPE 7 (3 reps in reserve)"  # dumbbells: effort, not %1RM
    assert intensities[-1] == "RPE 8.5 (1.5 reps in reserve)"  # the line's top step


def test_a_jump_of_two_steps_cannot_repeat_the_exercise(tiny: Catalog) -> None:
    config = block_config({"weeks": 2, "deload_every": 0}, include={"exercises": ["squat_goblet"]})
    found = conflict_of(tiny, config, lambda built: None, jumping_setups(config))
    assert "block.progression" in found


def test_without_the_jump_the_pinned_lift_progresses(tiny: Catalog) -> None:
    config = block_config({"weeks": 2, "deload_every": 0}, include={"exercises": ["squat_goblet"]})
    built = build_block_model(tiny, config, week_setups(config), with_objective=False, guarded=True)
    assert built.guards is not None
    assert shrink(built, list(built.guards), Budget(20)) is None


# --- taper_volume_falls -----------------------------------------------------------------


def test_the_race_week_holds_at_most_60_percent_of_the_peak(tiny: Catalog) -> None:
    result = solve_block_ok(tiny, block_config({"race": SUNDAY_OF_WEEK_3, "deload_every": 0}))
    assert result.weeks is not None
    volumes = [w.volume for w in result.weeks]
    assert 5 * volumes[-1] <= 3 * max(volumes)


def test_a_race_week_that_cannot_get_lighter_names_the_taper_volume(tiny: Catalog) -> None:
    # One set of everything: the race week's half of one set is still one.
    config = block_config(
        {"race": SUNDAY_OF_WEEK_3, "deload_every": 0},
        **PLANK_ONLY,
        goal={"prescription": ONE_SET},
    )
    result = plan_block(tiny, config)
    assert result.status == Status.INFEASIBLE
    assert [c.rule for c in result.conflicts] == ["block.taper_volume"]


def test_two_sets_halved_in_the_race_week_are_half_the_peak(tiny: Catalog) -> None:
    config = block_config(
        {"race": SUNDAY_OF_WEEK_3, "deload_every": 0},
        **PLANK_ONLY,
        goal={"prescription": TWO_SETS},
    )
    result = solve_block_ok(tiny, config)
    assert result.weeks is not None
    assert [w.volume for w in result.weeks] == [2, 2, 1]


# --- no_heavy_legs_in_taper -------------------------------------------------------------


@pytest.fixture(scope="module")
def strength_only_hinge(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The tiny catalog with a `stimuli` column: the RDL can only be prescribed heavy."""
    rows = [[*row, "strength" if row[0] == "hinge_rdl" else ""] for row in tiny_rows()]
    path = tmp_path_factory.mktemp("heavy") / "tiny.csv"
    return load_catalog(write_csv(path, [*HEADER, "stimuli"], rows))


@pytest.mark.parametrize(("taper_days", "feasible"), [(6, True), (7, False)])
def test_heavy_legs_stay_out_of_the_last_days(
    strength_only_hinge: Catalog, taper_days: int, feasible: bool
) -> None:
    # The race is on Sunday 24 January; the Monday session is 6 days before it. A pinned
    # lift that can only be heavy is allowed there with a 6-day taper, not with 7.
    config = block_config(
        {"race": SUNDAY_OF_WEEK_3, "deload_every": 0, "taper_days": taper_days},
        include={"exercises": ["hinge_rdl"]},
    )
    result = plan_block(strength_only_hinge, config)
    if feasible:
        assert result.status == Status.OPTIMAL and result.violations == ()
    else:
        assert result.status == Status.INFEASIBLE
        assert [c.rule for c in result.conflicts] == ["block.taper_days"]


# --- taper_brings_nothing_new -----------------------------------------------------------


def test_the_taper_repeats_what_the_block_has_done(tiny: Catalog) -> None:
    result = solve_block_ok(tiny, block_config({"race": SUNDAY_OF_WEEK_3, "deload_every": 0}))
    assert set(ids(result, 3)) <= set(ids(result, 1)) | set(ids(result, 2))


def test_a_new_exercise_in_the_taper_is_refused(tiny: Catalog) -> None:
    config = block_config({"race": SUNDAY_OF_WEEK_3, "deload_every": 0})

    def new_in_taper(built: BlockModel) -> None:
        for week in (1, 2):
            built.model.add(does(built, week, "mon", "dead_bug") == 0)
        built.model.add(does(built, 3, "mon", "dead_bug") == 1)

    assert conflict_of(tiny, config, new_in_taper) == ["block.taper_exercises"]


def test_an_exercise_done_once_before_may_come_back_in_the_taper(tiny: Catalog) -> None:
    config = block_config({"race": SUNDAY_OF_WEEK_3, "deload_every": 0, "rotate_every": 1})
    built = build_block_model(tiny, config, week_setups(config), with_objective=False, guarded=True)
    built.model.add(does(built, 1, "mon", "dead_bug") == 1)
    built.model.add(does(built, 2, "mon", "dead_bug") == 0)
    built.model.add(does(built, 3, "mon", "dead_bug") == 1)
    assert built.guards is not None
    assert shrink(built, list(built.guards), Budget(20)) is None


# --- rest_before_race -------------------------------------------------------------------

THU_SAT = {"available_days": ["thu", "sat"], "sessions": 1}  # 3 days before a Sunday race; its eve


def test_the_eve_and_race_day_stay_free(tiny: Catalog) -> None:
    result = solve_block_ok(
        tiny, block_config({"race": SUNDAY_OF_WEEK_3, "deload_every": 0}, week=THU_SAT)
    )
    assert result.weeks is not None
    assert [s.day for s in result.weeks[-1].plan.sessions] == ["thu"]  # Saturday is the eve


def test_a_session_forced_on_the_eve_names_the_race(tiny: Catalog) -> None:
    legs_optional = {"session": {"lower": [0, 2]}, "goal": {"dose": 0}}  # core alone may train
    race = {"race": SUNDAY_OF_WEEK_3, "deload_every": 0}
    config = block_config(race, week=THU_SAT, **legs_optional)

    def eve(built: BlockModel) -> None:
        v = built.weeks[2].variables
        assert v is not None
        built.model.add(v.trains_on["sat"] == 1)

    assert conflict_of(tiny, config, eve) == ["block.race"]


def test_a_race_on_tuesday_leaves_its_week_without_a_session(tiny: Catalog) -> None:
    config = block_config({"race": date(2027, 1, 19), "deload_every": 0})  # week 3, Tuesday
    result = solve_block_ok(tiny, config)
    assert result.weeks is not None
    assert result.weeks[-1].plan.sessions == ()  # Monday is the eve


# --- every weekly rule in every week ----------------------------------------------------


def test_a_phase_whose_weeks_have_no_plan_is_named_with_its_weeks(tiny: Catalog) -> None:
    # Power needs a plyometric every session; excluding high-impact work leaves none.
    config = block_config(
        {"weeks": 4, "deload_every": 0, "phases": ["strength", "power"]},
        session={"plyometric": [0, 1]},
        exclude={"tags": ["high_impact"]},
    )
    result = plan_block(tiny, config)
    assert result.status == Status.INFEASIBLE
    assert result.conflicts, result.note
    assert all(c.message.startswith("weeks 3, 4 (power): ") for c in result.conflicts)
    said = {c.rule: c.said for c in result.conflicts}  # in the words of the power weeks
    assert said["goal.dose"] == "at least 1 power exercise(s) (plyometric) in every session"


def test_every_week_passes_the_weekly_checker_under_its_own_config(tiny: Catalog) -> None:
    config = block_config({"race": SUNDAY_OF_WEEK_3, "deload_every": 2})
    result = solve_block_ok(tiny, config)
    assert result.weeks is not None
    assert check_block(result.weeks, tiny, config) == []


def test_a_taper_with_no_light_leg_work_done_before_names_both_taper_rules(
    tiny: Catalog,
) -> None:
    # One lower-body slot a session, filled by the loaded lift the strength dose asks for:
    # nothing light was ever done, and the race week may neither lift heavy nor bring it in.
    config = block_config({"race": SUNDAY_OF_WEEK_3, "deload_every": 0}, session={"lower": [1, 1]})
    result = plan_block(tiny, config)
    assert result.status == Status.INFEASIBLE
    assert {c.rule for c in result.conflicts} == {"block.taper_days", "block.taper_exercises"}
