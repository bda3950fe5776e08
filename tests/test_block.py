"""The block calendar: weeks to race day, phases, deloads and taper, and its config errors."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from planner.cli.main import main
from planner.config.block import BlockSettings, calendar, default_phases
from planner.config.config import parse_config
from planner.errors import ConfigError
from planner.training.week_setup import week_setups

MONDAY = date(2027, 1, 4)


def block(**given: Any) -> BlockSettings:
    return BlockSettings.model_validate({"start": MONDAY, **given})


def test_weeks_run_from_the_start_to_the_race_day() -> None:
    assert block(race=date(2027, 3, 28)).week_count == 12  # a Sunday: the end of week 12
    assert block(race=date(2027, 3, 29)).week_count == 13  # the Monday after opens week 13
    assert block(weeks=8).week_count == 8


def test_week_dates_follow_the_start_day() -> None:
    weeks = calendar(block(weeks=2), "strength")
    assert [w.start for w in weeks] == [MONDAY, MONDAY + timedelta(days=7)]
    assert weeks[1].date_of("wed") == date(2027, 1, 13)
    wednesday_start = calendar(block(start=date(2027, 1, 6), weeks=1), "strength")[0]
    assert wednesday_start.date_of("wed") == date(2027, 1, 6)
    assert wednesday_start.date_of("mon") == date(2027, 1, 11)  # the week wraps


@pytest.mark.parametrize(
    ("taper_days", "taper_weeks"), [(0, []), (1, [12]), (7, [12]), (8, [11, 12]), (14, [11, 12])]
)
def test_taper_is_the_last_weeks_before_the_race(taper_days: int, taper_weeks: list[int]) -> None:
    weeks = calendar(block(race=date(2027, 3, 28), taper_days=taper_days), "strength")
    assert [w.number for w in weeks if w.taper] == taper_weeks


def test_no_taper_without_a_race() -> None:
    assert not any(w.taper for w in calendar(block(weeks=12, taper_days=14), "strength"))


def test_deloads_every_nth_week_but_never_in_the_taper() -> None:
    weeks = calendar(block(race=date(2027, 3, 28), taper_days=14, deload_every=4), "strength")
    assert [w.number for w in weeks if w.deload] == [4, 8]  # 12 is in the taper
    weeks = calendar(block(weeks=12, deload_every=3), "strength")
    assert [w.number for w in weeks if w.deload] == [3, 6, 9, 12]
    assert not any(w.deload for w in calendar(block(weeks=12, deload_every=0), "strength"))


@pytest.mark.parametrize(
    ("distance", "goal", "phases"),
    [
        ("5k", "endurance", ["strength", "power"]),
        ("10k", "strength", ["strength", "power"]),
        ("marathon", "power", ["strength", "power"]),  # the goal named shows before the race
        ("half", "endurance", ["strength", "endurance"]),
        (None, "power", ["strength", "power"]),
        (None, "strength", ["strength"]),
        ("half", "flexibility", ["flexibility"]),
    ],
)
def test_default_phases_from_distance_and_goal(
    distance: str | None, goal: str, phases: list[str]
) -> None:
    assert default_phases(distance, goal) == phases


def test_phases_share_the_building_weeks_earlier_phases_first() -> None:
    # 12 weeks, the race week tapers: 11 building weeks over three phases are 4, 4, 3.
    settings = block(race=date(2027, 3, 28), phases=["strength", "power", "endurance"])
    weeks = calendar(settings, "strength")
    assert [w.phase for w in weeks] == ["strength"] * 4 + ["power"] * 4 + ["endurance"] * 4
    assert weeks[-1].taper and weeks[-1].phase == "endurance"  # the taper keeps the last goal


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({}, "give either race"),
        ({"race": date(2027, 3, 28), "weeks": 12}, "not both"),
        ({"race": date(2027, 1, 4)}, "is not after start"),
        ({"race": MONDAY + timedelta(weeks=52)}, "at most 52"),
        ({"weeks": 53}, "at most 52"),
        ({"weeks": 12, "phases": ["strenght"]}, "did you mean 'strength'"),
        ({"weeks": 12, "deload": 4}, "did you mean 'deload_every'"),
    ],
)
def test_bad_block_settings_are_config_errors(given: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config({"block": {"start": MONDAY, **given}})
    assert message in str(info.value)


def test_a_block_without_a_start_says_so_in_words() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config({"block": {"strt": MONDAY, "weeks": 12}})
    missing, typo = sorted(info.value.problems, key=lambda p: p.key or "")
    assert (missing.key, missing.message) == (
        "block.start",
        "is missing; [block] needs it (planner schema --keys says what it holds)",
    )  # not pydantic's "Field required" with a Python repr of the table
    assert typo.key == "block.strt" and "did you mean 'start'" in typo.message


def test_the_longest_block_is_52_weeks() -> None:
    settings = block(race=MONDAY + timedelta(weeks=52) - timedelta(days=1))
    assert settings.week_count == 52


def test_planner_check_shows_the_block(tmp_path: Path) -> None:
    config = tmp_path / "athlete.toml"
    config.write_text(
        '[athlete]\ngoal = "strength"\n[block]\nstart = 2027-01-04\nrace = 2027-03-28\n'
        'distance = "10k"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(config)])
    assert result.exit_code == 0, result.output
    assert (
        "Block: 12 weeks from 2027-01-04 to race 2027-03-28 (10k): weeks 1-6 strength, "
        "7-11 power, 12 taper; deload weeks 4, 8." in result.output
    )


def test_a_deload_closes_the_phase_of_the_week_before_and_repeats_its_step() -> None:
    # 8 weeks, two phases of 4; a deload every 5th week would open the power phase: it
    # stays in the strength phase instead, repeating week 4's step. The power phase goes on
    # from the step the block reached (a kept lift does not start over).
    weeks = calendar(block(weeks=8, deload_every=5, phases=["strength", "power"]), "strength")
    assert [w.phase for w in weeks] == ["strength"] * 5 + ["power"] * 3
    assert [w.step for w in weeks] == [0, 1, 2, 3, 3, 4, 5, 6]


def test_taper_weeks_are_those_holding_a_taper_day() -> None:
    # A Wednesday race with 7 days: the taper starts on the Thursday of the week before.
    weeks = calendar(block(race=date(2027, 3, 24), taper_days=7), "strength")
    assert [w.number for w in weeks if w.taper] == [11, 12]
    assert weeks[-1].volume == "race" and weeks[-2].volume == "taper"
    assert weeks[-1].days_before_race("mon") == 2


@pytest.mark.parametrize(
    ("goal", "build_dose", "race_dose"),
    [
        ("flexibility", 3, 2),  # the race week's one session holds its bands' 2 stretches
        ("power", 1, 1),  # one jump: the one its bands hold
    ],
)
def test_the_race_weeks_dose_fits_its_fewest_exercises(
    goal: str, build_dose: int, race_dose: int
) -> None:
    config = parse_config(
        {
            "athlete": {"level": "advanced", "goal": goal},
            "week": {"available_days": ["tue", "thu"], "sessions": 2},
            "block": {"start": date(2027, 1, 4), "race": date(2027, 2, 28), "distance": "5k"},
        }
    )
    setups = week_setups(config)
    build, race = setups[0].config, setups[-1].config
    assert setups[-1].week.volume == "race"
    assert build.profile.dose == build_dose
    assert race.profile.dose == race_dose
    fewest = sum(race.session.of(c)[1] for c in race.profile.dose_categories)
    assert race.profile.dose <= fewest and race.profile.eve_dose <= fewest
