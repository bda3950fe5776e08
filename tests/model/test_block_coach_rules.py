"""The block rules a coach reads week by week: steady weeks, progression that carries,
jumps that build up, a taper that does less. Each has a feasible case, a forced-infeasible
case whose conflict names the rule, and a boundary case, on the tiny catalog."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from block_fixtures import SUNDAY_OF_WEEK_3, block_config, ids, solve_block_ok
from conftest import HEADER, tiny_rows, write_csv

from planner.block.coach_check import _short_race_week
from planner.block.coach_check import jumps_build_up as jumps_check
from planner.block.coach_check import taper_does_less as taper_check
from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import Config
from planner.config.goals import Dose
from planner.model.block.build import BlockModel, build_block_model
from planner.model.conflicts import Budget, shrink
from planner.training.prescription import contacts, prescribe
from planner.training.week_setup import WeekSetup, week_setups


def conflict(
    catalog: Catalog, config: Config, force: Any, setups: list[WeekSetup] | None = None
) -> list[str] | None:
    """The minimal conflict among the block rules once `force(built)` is added; None when
    the forced block still has a plan."""
    chosen = setups if setups is not None else list(week_setups(config))
    built = build_block_model(catalog, config, chosen, with_objective=False, guarded=True)
    force(built)
    assert built.guards is not None
    return shrink(built, list(built.guards), Budget(20))


def does(built: BlockModel, week: int, day: str, exercise: str) -> Any:
    v = built.weeks[week - 1].variables
    assert v is not None
    return v.does[day, exercise]


# --- exercises_carry_within_phase -------------------------------------------------------


def test_a_build_week_keeps_the_exercises_of_the_one_before(tiny: Catalog) -> None:
    result = solve_block_ok(tiny, block_config({"weeks": 3, "deload_every": 0}))
    assert set(ids(result, 2)) <= set(ids(result, 1))
    assert set(ids(result, 3)) <= set(ids(result, 2))


def _new_core_in_week_2(built: BlockModel) -> None:
    built.model.add(does(built, 1, "mon", "dead_bug") == 0)
    built.model.add(does(built, 2, "mon", "dead_bug") == 1)


def test_a_new_exercise_outside_a_rotation_week_names_the_rule(tiny: Catalog) -> None:
    config = block_config({"weeks": 2, "deload_every": 0})
    assert conflict(tiny, config, _new_core_in_week_2) == ["block.rotate_every"]


def test_a_rotation_week_may_bring_new_exercises(tiny: Catalog) -> None:
    config = block_config({"weeks": 2, "deload_every": 0, "rotate_every": 1})
    assert conflict(tiny, config, _new_core_in_week_2) is None


def test_a_rotation_week_still_keeps_60_percent(tiny: Catalog) -> None:
    # Three exercises a week: changing two keeps one of three, under 60 %.
    config = block_config(
        {"weeks": 2, "deload_every": 0, "rotate_every": 1}, session={"lower": [2, 2]}
    )

    def change_two(built: BlockModel) -> None:
        for exercise in ("dead_bug", "bridge"):
            built.model.add(does(built, 1, "mon", exercise) == 1)
            built.model.add(does(built, 2, "mon", exercise) == 0)

    assert conflict(tiny, config, change_two) == ["block.rotate_every"]


# --- progression_carries ----------------------------------------------------------------


def _strength_sets(setups: list[WeekSetup], week: int, sets: int) -> list[WeekSetup]:
    profile = setups[week - 1].config.profile
    doses: dict[str, Dose] = dict(profile.prescription)
    doses["strength"] = doses["strength"].model_copy(update={"sets": sets})
    shaped = setups[week - 1].config.reshaped(replace(profile, prescription=doses))
    setups[week - 1] = replace(setups[week - 1], config=shaped)
    return setups


@pytest.mark.parametrize(("sets", "falls_back"), [(3, False), (2, True)])
def test_a_kept_lift_falls_back_at_most_a_step(tiny: Catalog, sets: int, falls_back: bool) -> None:
    # Week 2's strength work at `sets` after week 1's 4: one set fewer is a step, two a reset.
    config = block_config({"weeks": 2, "deload_every": 0}, include={"exercises": ["squat_goblet"]})
    setups = _strength_sets(list(week_setups(config)), 2, sets)
    found = conflict(tiny, config, lambda built: None, setups)
    assert (found == ["block.progression_carries"]) == falls_back, found


def test_the_step_carries_into_the_next_phase(tiny: Catalog) -> None:
    config = block_config({"weeks": 4, "deload_every": 0, "phases": ["strength", "power"]})
    steps = [s.config.profile.block_step for s in week_setups(config)]
    assert steps == [0, 1, 2, 3]


@pytest.mark.parametrize(("step", "cue"), [(3, True), (4, False)])
def test_a_beginner_stops_learning_the_movement_after_four_weeks(
    tiny: Catalog, step: int, cue: bool
) -> None:
    # The bundled beginner dose has been "smooth technique" since issue 20a made it heavy;
    # a coach who writes the learning cue into the dose sees it drop after four weeks.
    learning = {"intensity": "RPE 8 (2 reps in reserve), learn the movement"}
    config = block_config(
        {"weeks": 1},
        athlete={"level": "beginner"},
        goal={"prescription": {"strength": learning}},
    )
    profile = replace(config.profile, block_step=step)
    text = prescribe(tiny["squat_goblet"], profile).intensity
    assert ("learn the movement" in text) == cue, text


# --- jumps_build_up ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def with_bounds(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The tiny catalog and a hard jump (load 6) that needs a lighter one before it."""
    rows = tiny_rows()
    bound = next(r for r in rows if r[0] == "pogo_hops")
    rows.append(
        ["bounding", "Bounding", *bound[2:3], "bounding", "", "intermediate", "6", *bound[7:]]
    )
    path = tmp_path_factory.mktemp("bounds") / "tiny.csv"
    return load_catalog(write_csv(path, HEADER, rows))


JUMPY = {"session": {"plyometric": [1, 1]}, "athlete": {"goal": "power"}, "goal": {"dose": 1}}


def test_a_hard_jump_cold_names_the_rule(with_bounds: Catalog) -> None:
    config = block_config({"weeks": 2, "deload_every": 0}, **JUMPY)
    found = conflict(with_bounds, config, lambda b: b.model.add(does(b, 1, "mon", "bounding") == 1))
    assert found == ["block.max_contacts"]


def test_a_hard_jump_after_a_lighter_one_is_fine(with_bounds: Catalog) -> None:
    config = block_config({"weeks": 2, "deload_every": 0, "rotate_every": 1}, **JUMPY)

    def build_up(built: BlockModel) -> None:
        built.model.add(does(built, 1, "mon", "pogo_hops") == 1)
        built.model.add(does(built, 2, "mon", "bounding") == 1)

    assert conflict(with_bounds, config, build_up) is None


@pytest.mark.parametrize("spare", [0, -1])
def test_weekly_contacts_stay_under_the_cap(tiny: Catalog, spare: int) -> None:
    config = block_config({"weeks": 1}, **JUMPY)
    setup = week_setups(config)[0]
    pogo = tiny["pogo_hops"]
    need = contacts(pogo, prescribe(pogo, setup.config.profile))
    capped = block_config({"weeks": 1, "max_contacts": need + spare}, **JUMPY)
    found = conflict(tiny, capped, lambda b: b.model.add(does(b, 1, "mon", "pogo_hops") == 1))
    assert found == (None if spare == 0 else ["block.max_contacts"])


def test_the_checker_counts_contacts_as_the_model_does(tiny: Catalog) -> None:
    config = block_config({"weeks": 3, "deload_every": 0}, **JUMPY)
    result = solve_block_ok(tiny, config)
    assert result.weeks is not None
    assert config.block is not None
    low = config.model_copy(update={"block": config.block.model_copy(update={"max_contacts": 1})})
    assert any("contacts" in v.message for v in jumps_check(result.weeks, low))


# --- taper_does_less --------------------------------------------------------------------

# A Tuesday race: its week rests (Monday is the eve), and the taper week before it ends on
# Saturday (three days before the race) and Sunday (two days); lower-body work is optional.
TUESDAY_OF_WEEK_4 = date(2027, 1, 26)
SUNDAY_OF_WEEK_4 = date(2027, 1, 31)
LEGS_OPTIONAL = {
    "week": {"available_days": ["sat", "sun"], "sessions": 2},
    "session": {"lower": [0, 2], "core": [1, 1]},
    "goal": {"dose": 0},
}


def test_the_taper_does_less_than_any_build_week(tiny: Catalog) -> None:
    result = solve_block_ok(tiny, block_config({"race": SUNDAY_OF_WEEK_3, "deload_every": 0}))
    assert result.weeks is not None
    build = [w for w in result.weeks if not w.setup.week.taper]
    race = result.weeks[-1]
    assert len(ids(result, 3)) <= min(len(ids(result, w.setup.week.number)) for w in build)
    minutes = [sum(s.minutes for s in w.plan.sessions) for w in result.weeks]
    assert minutes[-1] <= min(minutes[:-1])
    assert len(race.plan.sessions) <= 1  # half of one session, rounded up
    longest = max(s.minutes for w in build for s in w.plan.sessions)
    assert all(2 * s.minutes <= longest + 1 for s in race.plan.sessions)
    assert list(_short_race_week(race, build)) == []
    # The race week against a build week as long as itself: each session over half of it.
    as_long = [replace(build[0], plan=race.plan)]
    found = list(_short_race_week(race, as_long))
    assert [v.rule for v in found] == ["taper_does_less"] * len(race.plan.sessions)
    assert "half the longest build session" in found[0].message


@pytest.mark.parametrize(("day", "allowed"), [("sat", True), ("sun", False)])
def test_nothing_for_the_legs_in_the_last_two_days(tiny: Catalog, day: str, allowed: bool) -> None:
    config = block_config({"race": TUESDAY_OF_WEEK_4, "deload_every": 0}, **LEGS_OPTIONAL)

    def legs(built: BlockModel) -> None:
        built.model.add(does(built, 3, day, "bridge") == 1)

    found = conflict(tiny, config, legs)
    assert found == (None if allowed else ["block.taper_does_less"])


@pytest.mark.parametrize("jumps_in_week_2", [True, False])
def test_the_taper_jumps_no_more_than_the_last_build_week(
    tiny: Catalog, jumps_in_week_2: bool
) -> None:
    # Weeks 1-2 build, week 3 tapers, week 4 is the race week: pogo hops in the taper need
    # as many in week 2 (the taper's set fewer makes fewer contacts); a week 2 without jumps
    # leaves the taper none.
    config = block_config(
        {"race": SUNDAY_OF_WEEK_4, "deload_every": 0, "rotate_every": 1, "taper_days": 14},
        session={"plyometric": [0, 1]},
    )

    def jumps(built: BlockModel) -> None:
        v = built.weeks[1].variables
        assert v is not None
        for e in v.exercises:
            if e.category == "plyometric":
                for day in v.days:
                    wanted = jumps_in_week_2 and (day, e.id) == ("mon", "pogo_hops")
                    built.model.add(v.does[day, e.id] == int(wanted))
        built.model.add(does(built, 3, "mon", "pogo_hops") == 1)

    found = conflict(tiny, config, jumps)
    assert found == (None if jumps_in_week_2 else ["block.taper_does_less"])


def test_the_checker_counts_the_tapers_contacts_against_the_last_build_week(
    tiny: Catalog,
) -> None:
    config = block_config(
        {"race": SUNDAY_OF_WEEK_4, "deload_every": 0, "rotate_every": 1, "taper_days": 14},
        session={"plyometric": [1, 1]},
    )
    result = solve_block_ok(tiny, config)
    assert result.weeks is not None
    assert list(taper_check(result.weeks, config)) == []
    # The same block with week 2's jumps taken out: the taper now jumps more than it.
    week2 = result.weeks[1]
    no_jumps = tuple(
        replace(s, exercises=tuple(p for p in s.exercises if p.exercise.category != "plyometric"))
        for s in week2.plan.sessions
    )
    edited = [*result.weeks[:1], replace(week2, plan=replace(week2.plan, sessions=no_jumps))]
    edited += result.weeks[2:]
    found = [v.message for v in taper_check(edited, config)]
    assert any("contacts, week 2 0" in m for m in found), found
