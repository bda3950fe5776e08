"""Old plans are never lost: kept when stale, moved aside when off the roster, dated runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from batch_fixtures import RosterWriter, batch_args, plan_files, run_cli, summary_rows, team

from planner.batch import run_batch
from planner.batch.history import earlier_runs, expand_out
from planner.errors import PlannerError

__all__ = ["team"]  # a fixture, used by name

# Where the solves run is no part of what a batch keeps, moves and marks (see the fixture).
pytestmark = pytest.mark.usefixtures("solves_in_this_process")


# Ann writes 2-3 lower-body exercises a session (a goal's own minimums are only targets), so
# a weekly load cap of 5 in her row conflicts with what she wrote.
ROSTER = "athlete,name,load.max_week,week.sessions,session.lower\na,Ann,,,2;3\nb,Bo,,,\nc,Cy,,,\n"


def test_an_athlete_who_turns_infeasible_keeps_the_last_good_plan(
    team: RosterWriter, tmp_path: Path
) -> None:
    roster, out = team(ROSTER), tmp_path / "out"
    assert run_cli(*batch_args(roster, out)).exit_code == 0
    before = plan_files(out)
    team(ROSTER.replace("a,Ann,,", "a,Ann,5,").replace("b,Bo,,", "b,Bo,,three"))
    result = run_cli(*batch_args(roster, out, "--resume"))
    assert result.exit_code == 6, result.output
    assert (
        "a: INFEASIBLE" in result.output and "(last good plan kept, marked stale)" in result.output
    )
    assert plan_files(out) == before  # nothing lost: a's and b's plans are still there
    rows = summary_rows(out)
    today = dt.date.today().isoformat()
    assert (rows["a"]["plan"], rows["b"]["plan"], rows["c"]["plan"]) == (
        f"stale (from {today})",
        f"stale (from {today})",
        "unchanged",
    )
    assert rows["a"]["files"] == "a.plan.html;a.plan.json;a.plan.md;a.conflicts.txt"
    assert rows["b"]["files"] == "b.plan.html;b.plan.json;b.plan.md"
    conflicts = (out / "a.conflicts.txt").read_text(encoding="utf-8")
    assert "The last good plan is kept, marked stale in summary.csv: a.plan.html, a.plan.json" in (
        conflicts
    )

    # Unchanged since: --resume keeps saying so, and the next good plan replaces it all.
    again = run_batch(roster, out, config=tmp_path / "base.toml", resume=True, jobs=1)
    assert (again.solved, again.resumed) == (0, 2)  # the bad row is not solved at all
    by_id = {r.athlete: r for r in again.results}
    assert by_id["a"].stale and by_id["a"].resumed and by_id["b"].stale
    team(ROSTER)
    fixed = run_batch(roster, out, config=tmp_path / "base.toml", resume=True, jobs=1)
    assert fixed.ok and not (out / "a.conflicts.txt").exists()
    assert {r.athlete: r.stale for r in fixed.results} == {"a": False, "b": False, "c": False}


def test_an_athlete_off_the_roster_is_moved_aside(team: RosterWriter, tmp_path: Path) -> None:
    roster, out = team(ROSTER), tmp_path / "out"
    assert run_cli(*batch_args(roster, out, "--format", "json,csv")).exit_code == 0
    team(ROSTER.replace("b,Bo,,,\n", ""))
    result = run_cli(*batch_args(roster, out, "--format", "json,csv", "--resume"))
    assert result.exit_code == 0, result.output
    assert "b: no longer on the roster; moved removed/b.plan.csv, removed/b.plan.json" in (
        result.output
    )
    assert sorted(p.name for p in (out / "removed").iterdir()) == ["b.plan.csv", "b.plan.json"]
    assert not (out / "b.plan.json").exists() and "b" not in summary_rows(out)
    overview = (out / "overview.md").read_text(encoding="utf-8")
    assert "## No longer on the roster" in overview and "`removed/b.plan.json`" in overview

    # Back on the roster and off again: the earlier copies are never overwritten.
    team(ROSTER)
    assert run_cli(*batch_args(roster, out, "--format", "json,csv", "--resume")).exit_code == 0
    team(ROSTER.replace("b,Bo,,,\n", ""))
    assert run_cli(*batch_args(roster, out, "--format", "json,csv", "--resume")).exit_code == 0
    assert sorted(p.name for p in (out / "removed").iterdir()) == [
        "b-2.plan.csv", "b-2.plan.json", "b.plan.csv", "b.plan.json",
    ]  # fmt: skip


def test_out_may_name_a_dated_folder(team: RosterWriter, tmp_path: Path) -> None:
    day = dt.date(2026, 11, 30)
    assert expand_out("plans/{date}", day) == Path("plans/2026-11-30")
    assert expand_out("plans/{week}/team", day) == Path("plans/2026-W49/team")
    with pytest.raises(PlannerError, match=r"\{day\} is not a placeholder"):
        expand_out("plans/{day}", day)
    roster = team("athlete\na\n")
    result = run_cli(*batch_args(roster, tmp_path / "plans" / "{date}"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plans" / dt.date.today().isoformat() / "a.plan.md").is_file()


def test_a_dated_run_keeps_last_weeks_plan_of_an_athlete_without_one(
    team: RosterWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plans/{week}: a new folder each week. An athlete infeasible this week gets last
    week's plan copied in, marked stale, so the week's folder holds every athlete's plan."""
    roster, template = team(ROSTER), tmp_path / "plans" / "{week}"
    week_one, week_two = dt.date(2026, 11, 30), dt.date(2026, 12, 7)

    def run_on(day: dt.date) -> None:
        monkeypatch.setattr("planner.batch.history.today", lambda: day)
        monkeypatch.setattr("planner.batch.run.today", lambda: day)
        run_cli(*batch_args(roster, template))

    run_on(week_one)
    first = tmp_path / "plans" / "2026-W49"
    assert summary_rows(first)["a"]["plan"] == "new"
    team(ROSTER.replace("a,Ann,,", "a,Ann,5,").replace("b,Bo,,", "b,Bo,,three"))
    run_on(week_two)
    second = tmp_path / "plans" / "2026-W50"
    rows = summary_rows(second)
    assert (rows["a"]["status"], rows["a"]["plan"]) == ("INFEASIBLE", "stale (from 2026-11-30)")
    assert (rows["b"]["status"], rows["b"]["plan"]) == ("BAD_INPUT", "stale (from 2026-11-30)")
    assert rows["c"]["plan"] == "new"
    for name in ("a.plan.json", "a.plan.md", "b.plan.md"):
        assert (second / name).read_bytes() == (first / name).read_bytes()  # the copy
    assert plan_files(first).keys() == {
        f"{x}.plan.{ext}" for x in "abc" for ext in ("json", "md", "html")
    }  # last week's folder untouched

    # A third week, still without a plan: the stale copy carries on, with its first date.
    run_on(dt.date(2026, 12, 14))
    third = summary_rows(tmp_path / "plans" / "2026-W51")
    assert third["a"]["plan"] == "stale (from 2026-11-30)"


def test_an_earlier_run_is_only_one_the_same_template_gave_before(tmp_path: Path) -> None:
    for name in ("2026-W47", "2026-W48", "2026-W50", "notes", "2026-W48-copy"):
        (tmp_path / "plans" / name).mkdir(parents=True)
    template = str(tmp_path / "plans" / "{week}")
    out = tmp_path / "plans" / "2026-W49"
    assert earlier_runs(template, out) == [
        tmp_path / "plans" / "2026-W48",
        tmp_path / "plans" / "2026-W47",
    ]  # newest first; not a later week, nor a folder the template cannot give
    assert earlier_runs(tmp_path / "plans", tmp_path / "plans") == []  # a plain --out


def test_a_second_move_keeps_an_athletes_files_under_one_number(
    team: RosterWriter, tmp_path: Path
) -> None:
    roster, out = team(ROSTER), tmp_path / "out"
    assert run_cli(*batch_args(roster, out, "--format", "json,csv")).exit_code == 0
    (out / "removed").mkdir()
    (out / "removed" / "b.plan.json").write_text("kept from an earlier season\n", "utf-8")
    team(ROSTER.replace("b,Bo,,,\n", ""))
    assert run_cli(*batch_args(roster, out, "--format", "json,csv", "--resume")).exit_code == 0
    assert sorted(p.name for p in (out / "removed").iterdir()) == [
        "b-2.plan.csv", "b-2.plan.json", "b.plan.json",
    ]  # fmt: skip
    assert (out / "removed" / "b.plan.json").read_text("utf-8") == "kept from an earlier season\n"


def test_a_file_edited_by_hand_is_kept_before_it_is_replaced(
    team: RosterWriter, tmp_path: Path
) -> None:
    roster, out = team(ROSTER), tmp_path / "out"
    assert run_cli(*batch_args(roster, out)).exit_code == 0
    plan = (out / "a.plan.md").read_text(encoding="utf-8")
    noted = plan + "\nCoach: swap the squat for a split squat.\n"
    (out / "a.plan.md").write_text(noted, encoding="utf-8")
    (out / "overview.md").write_text("# my own page\n", encoding="utf-8")
    result = run_cli(*batch_args(roster, out, "--resume"))
    assert result.exit_code == 0, result.output
    assert "a.plan.md: edited by hand since the last run; kept as edited/a.plan.md" in (
        result.output
    )
    assert (out / "edited" / "a.plan.md").read_text(encoding="utf-8") == noted
    assert (out / "edited" / "overview.md").read_text(encoding="utf-8") == "# my own page\n"
    assert (out / "a.plan.md").read_text(encoding="utf-8") == plan  # solved again
    overview = (out / "overview.md").read_text(encoding="utf-8")
    assert "- `a.plan.md` -> `edited/a.plan.md`" in overview
    # Unedited files stay where they are; a second edit gets a numbered name.
    assert run_cli(*batch_args(roster, out, "--resume")).exit_code == 0
    assert sorted(p.name for p in (out / "edited").iterdir()) == ["a.plan.md", "overview.md"]
    (out / "a.plan.md").write_text("again\n", encoding="utf-8")
    assert run_cli(*batch_args(roster, out, "--resume")).exit_code == 0
    assert (out / "edited" / "a-2.plan.md").read_text(encoding="utf-8") == "again\n"
