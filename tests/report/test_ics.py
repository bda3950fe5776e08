"""`planner solve --format ics`: a calendar that calendar libraries read back as planned."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from planner.catalog.catalog import load_catalog
from planner.cli.main import main
from planner.config.config import load_config, parse_config
from planner.pipeline import plan_week
from planner.report.ics import CalendarOptions, DatedSession, as_ics, calendar_of

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


def test_no_plan_writes_no_calendar(tmp_path: Path, tiny_csv: Path) -> None:
    # On the tiny catalog: the explanation that comes with no plan is searched in 0.3 s, not
    # the 2 s it takes for marathon-base on the bundled one.
    tight = tmp_path / "tight.toml"
    tight.write_text("[load]\nmax_week = 1\n[session]\nlower = [1, 1]\n", encoding="utf-8")
    extra = ("--start", "2026-12-07", "--catalog", str(tiny_csv))
    code, out, output = export(tmp_path, *extra, config=tight)
    assert code == 4
    assert "No plan" in output
    assert not out.exists()


def test_every_exercise_is_in_its_event_with_dose_intensity_and_rest(tmp_path: Path) -> None:
    code, out, _ = export(tmp_path, "--start", "2026-12-07")
    assert code == 0
    result = plan_week(load_catalog(), load_config(MARATHON))
    assert result.plan is not None
    by_day = {e.decoded("dtstart").strftime("%a").lower(): e for e in events(out)}  # type: ignore[attr-defined]
    for session in result.plan.sessions:
        event = by_day[session.day]
        assert event.decoded("duration") == timedelta(minutes=session.minutes)  # type: ignore[attr-defined]
        lines = [line for line in str(event["description"]).splitlines() if line.startswith("- ")]  # type: ignore[index]
        assert lines == [
            f"- {p.exercise.name}: {p.dose}, {p.intensity}, {p.rest_s} s rest"
            + (f", tempo {p.tempo}" if p.tempo else "")
            for p in session.exercises
        ]


def test_the_file_is_folded_rfc_5545_text(tmp_path: Path) -> None:
    code, out, _ = export(tmp_path, "--start", "2026-12-07", "--timezone", "America/New_York")
    assert code == 0
    data = out.read_bytes()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in data.replace(b"\r\n", b"")  # CRLF everywhere
    assert max(len(line) for line in lines) <= 75  # long lines folded
    for event in events(out):
        for required in ("uid", "dtstamp", "dtstart", "summary"):
            assert required in event  # type: ignore[operator]


def test_names_with_commas_and_semicolons_round_trip() -> None:
    # A line break in a name is refused (issue 18: names are plain text on one line).
    catalog = load_catalog()
    config = parse_config({"athlete": {"name": "Ann; O'Brien, Jr"}, "week": {"sessions": 1}})
    result = plan_week(catalog, config)
    text = as_ics(result, config, CalendarOptions(date(2026, 12, 7)))
    calendar = Calendar.from_ical(text)
    assert str(calendar["x-wr-calname"]) == "Strength: Ann; O'Brien, Jr"  # one line
    (event,) = calendar.walk("VEVENT")
    assert "RPE" in str(event["description"])


def test_dated_sessions_are_one_off_events_with_ids_of_their_own() -> None:
    """What a multi-week block will pass: each session on its date, not a repeating week."""
    catalog = load_catalog()
    config = load_config(MARATHON)
    result = plan_week(catalog, config)
    assert result.plan is not None
    tuesday = result.plan.sessions[0]
    dated = [DatedSession(date(2026, 12, 8), tuesday), DatedSession(date(2026, 12, 15), tuesday)]
    calendar = Calendar.from_ical(calendar_of(dated, config, CalendarOptions(date(2026, 12, 7))))
    found = calendar.walk("VEVENT")
    assert [e.decoded("dtstart").date() for e in found] == [d.on for d in dated]
    assert all("rrule" not in e for e in found)
    assert len({str(e["uid"]) for e in found}) == 2
