"""`planner block --format ics`: one event per dated session, read back with icalendar."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from block_files import RACE, race_block
from click.testing import CliRunner, Result
from icalendar import Calendar

from planner.cli.main import main


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def config(tmp_path: Path, tiny_csv: Path) -> Path:
    return race_block(tmp_path, tiny_csv)


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory, tiny_csv: Path) -> dict[str, Any]:
    """The block as its JSON has it: every session's date (solved once for the tests that
    compare a calendar with it; the block is the one `config` writes)."""
    path = race_block(tmp_path_factory.mktemp("planned"), tiny_csv)
    result = run("block", path, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def export(config: Path, out: Path, *extra: str) -> list[Any]:
    result = run("block", config, "--format", "ics", "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))


def session_dates(planned: dict[str, Any]) -> list[date]:
    return [date.fromisoformat(d["date"]) for w in planned["weeks"] for d in w["days"]]


def test_one_event_per_dated_session_and_none_on_the_race_eve_or_day(
    config: Path, planned: dict[str, Any], tmp_path: Path
) -> None:
    found = export(config, tmp_path / "block.ics")
    starts = sorted(e.decoded("dtstart") for e in found)
    dates = session_dates(planned)
    assert len(found) == len(dates) == 5  # two in each build week, the race week's one
    assert starts == [datetime.combine(d, time(18, 0)) for d in sorted(dates)]  # floating 18:00
    assert all(s.tzinfo is None for s in starts)
    # Weekends are used before the race week; the race's eve (a Saturday) and race day not.
    eve = RACE - timedelta(days=1)
    assert any(d.weekday() >= 5 for d in dates if d < RACE - timedelta(days=6))
    assert eve.weekday() == 5
    assert {s.date() for s in starts}.isdisjoint({eve, RACE})
    assert all("rrule" not in e for e in found)


def test_each_event_names_its_week_and_its_phase_goal(
    config: Path, planned: dict[str, Any], tmp_path: Path
) -> None:
    found = export(config, tmp_path / "block.ics")
    by_date = {e.decoded("dtstart").date(): e for e in found}
    kinds = {1: "build", 2: "deload", 3: "race week"}
    for week in planned["weeks"]:
        for day in week["days"]:
            event = by_date[date.fromisoformat(day["date"])]
            title = f"Week {week['week']} of 3, strength phase, {kinds[week['week']]}"
            assert title in str(event["summary"])
            description = str(event["description"])
            assert title in description.splitlines()[0]
            # The phase's goal (strength), not the athlete's (endurance).
            assert "strength: heavy" in description and "endurance:" not in description
            lines = [line for line in description.splitlines() if line.startswith("- ")]
            assert lines == [
                f"- {e['name']}: {e['sets']} x {e['reps']}{'/side' if e['per_side'] else ''}, "
                f"{e['intensity']}, {e['rest_s']} s rest"
                + (f", tempo {e['tempo']}" if e["tempo"] else "")
                for e in day["exercises"]
            ]
            assert event.decoded("duration") == timedelta(minutes=day["minutes"])


def test_uids_are_stable_across_runs_and_one_per_date(config: Path, tmp_path: Path) -> None:
    first = export(config, tmp_path / "a.ics")
    second = export(config, tmp_path / "b.ics", "--time", "07:15")
    uids = [[str(e["uid"]) for e in events] for events in (first, second)]
    assert uids[0] == uids[1]  # re-importing the re-planned block updates its events
    assert len(set(uids[0])) == len(uids[0]) == 5


def test_another_athlete_gets_other_ids(tmp_path: Path, tiny_csv: Path) -> None:
    (tmp_path / "ana").mkdir()
    (tmp_path / "ben").mkdir()
    ana = export(race_block(tmp_path / "ana", tiny_csv), tmp_path / "ana.ics")
    ben = export(race_block(tmp_path / "ben", tiny_csv, "Ben"), tmp_path / "ben.ics")
    assert {str(e["uid"]) for e in ana}.isdisjoint(str(e["uid"]) for e in ben)


def test_time_and_time_zone(config: Path, planned: dict[str, Any], tmp_path: Path) -> None:
    found = export(config, tmp_path / "block.ics", "--time", "6:45", "--timezone", "Europe/Berlin")
    berlin = ZoneInfo("Europe/Berlin")
    starts = sorted(e.decoded("dtstart") for e in found)
    assert starts == [
        datetime.combine(d, time(6, 45), berlin) for d in sorted(session_dates(planned))
    ]
    calendar = Calendar.from_ical((tmp_path / "block.ics").read_bytes())
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--time", "18.30"), "'18.30' is not a time of day"),
        (("--time", "24:00"), "not a time of day"),
        (("--timezone", "Europe/Berln"), "did you mean 'Europe/Berlin'?"),
    ],
)
def test_bad_time_or_zone_stops_before_solving(
    config: Path, tmp_path: Path, extra: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "block.ics"
    result = run("block", config, "--format", "ics", "-o", out, *extra)
    assert result.exit_code == 3
    assert message in result.output
    assert "solving" not in result.output
    assert not out.exists()


def test_no_block_writes_no_calendar(config: Path, tmp_path: Path) -> None:
    # One set of everything: a deload week cannot cut the volume.
    config.write_text(
        config.read_text()
        + "\n".join(f"[goal.prescription.{role}]\nsets = 1" for role in ("strength", "stability"))
    )
    out = tmp_path / "block.ics"
    result = run("block", config, "--format", "ics", "-o", out)
    assert result.exit_code == 4, result.output
    assert "block.deload_every" in result.output
    assert not out.exists()
