"""`planner solve --format ics`: a calendar that calendar libraries read back as planned."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from planner.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MARATHON = EXAMPLES / "marathon-base.toml"  # sessions on tue, thu, fri


def export(tmp_path: Path, *extra: str, config: Path = MARATHON) -> tuple[int, Path, str]:
    out = tmp_path / "week.ics"
    result = CliRunner().invoke(
        main, ["solve", str(config), "--format", "ics", "-o", str(out), *extra]
    )
    return result.exit_code, out, result.output


def events(path: Path) -> list[object]:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_one_weekly_event_per_session_from_the_start(tmp_path: Path) -> None:
    code, out, output = export(
        tmp_path, "--start", "2026-12-07", "--weeks", "6", "--time", "18:30",
        "--timezone", "Europe/Berlin",
    )  # fmt: skip
    assert code == 0, output
    found = events(out)
    starts = sorted(e.decoded("dtstart") for e in found)  # type: ignore[attr-defined]
    berlin = ZoneInfo("Europe/Berlin")
    # 2026-12-07 is a Monday: the first tue, thu and fri on or after it.
    assert starts == [datetime(2026, 12, d, 18, 30, tzinfo=berlin) for d in (8, 10, 11)]
    for event in found:
        rule = event["rrule"]  # type: ignore[index]
        assert rule["FREQ"] == ["WEEKLY"] and rule["COUNT"] == [6]
        assert event.decoded("duration") > timedelta(minutes=20)  # type: ignore[attr-defined]
        description = str(event["description"])  # type: ignore[index]
        assert "RPE" in description and "rest" in description
    calendar = Calendar.from_ical(out.read_bytes())
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_uids_are_stable_so_reimporting_updates(tmp_path: Path) -> None:
    first = tmp_path / "a"
    second = tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _, a, _ = export(first, "--start", "2026-12-07")
    _, b, _ = export(second, "--start", "2027-01-04", "--weeks", "2")
    uids = [sorted(str(e["uid"]) for e in events(p)) for p in (a, b)]  # type: ignore[index]
    assert uids[0] == uids[1] and len(set(uids[0])) == 3


def test_without_a_time_zone_the_time_is_local(tmp_path: Path) -> None:
    code, out, _ = export(tmp_path, "--start", "2026-12-09")  # a Wednesday
    assert code == 0
    starts = sorted(e.decoded("dtstart") for e in events(out))  # type: ignore[attr-defined]
    assert starts[0] == datetime.combine(date(2026, 12, 10), time(18, 0))  # thu, floating
    assert starts[0].tzinfo is None


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        ((), 2, "--format ics needs --start"),
        (("--start", "2026-12-07", "--time", "25:00"), 3, "not a time of day"),
        (("--start", "2026-12-07", "--timezone", "Europe/Berln"), 3, "'Europe/Berlin'"),
        (("--start", "7.12.2026"), 2, "--start"),
    ],
)
def test_bad_calendar_options_stop_before_solving(
    tmp_path: Path, extra: tuple[str, ...], code: int, message: str
) -> None:
    exit_code, out, output = export(tmp_path, *extra)
    assert exit_code == code
    assert message in output
    assert "solving" not in output
    assert not out.exists()


def test_no_plan_writes_no_calendar(tmp_path: Path) -> None:
    tight = tmp_path / "tight.toml"
    tight.write_text(
        MARATHON.read_text(encoding="utf-8").replace("max_week = 65", "max_week = 12"),
        encoding="utf-8",
    )
    code, out, output = export(tmp_path, "--start", "2026-12-07", config=tight)
    assert code == 4
    assert "No plan" in output
    assert not out.exists()
