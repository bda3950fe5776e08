"""Old plans are never lost: kept when stale, moved aside when off the roster, dated runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from batch_fixtures import RosterWriter, batch_args, plan_files, run_cli, summary_rows, team

from planner.batch import run_batch
from planner.batch.history import expand_out
from planner.errors import PlannerError

__all__ = ["team"]  # a fixture, used by name

ROSTER = "athlete,name,load.max_week,week.sessions\na,Ann,,\nb,Bo,,\nc,Cy,,\n"


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
    again = run_batch(roster, out, config=tmp_path / "base.toml", resume=True)
    assert (again.solved, again.resumed) == (0, 2)  # the bad row is not solved at all
    by_id = {r.athlete: r for r in again.results}
    assert by_id["a"].stale and by_id["a"].resumed and by_id["b"].stale
    team(ROSTER)
    fixed = run_batch(roster, out, config=tmp_path / "base.toml", resume=True)
    assert fixed.ok and not (out / "a.conflicts.txt").exists()
    assert {r.athlete: r.stale for r in fixed.results} == {"a": False, "b": False, "c": False}


def test_an_athlete_off_the_roster_is_moved_aside(team: RosterWriter, tmp_path: Path) -> None:
    roster, out = team(ROSTER), tmp_path / "out"
    assert run_cli(*batch_args(roster, out, "--format", "json,csv")).exit_code == 0
    team(ROSTER.replace("b,Bo,,\n", ""))
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
    team(ROSTER.replace("b,Bo,,\n", ""))
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
