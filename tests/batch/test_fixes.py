"""A conflict's fix in the form of the place it came from, and advice ranked by real causes."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_fixtures import RosterWriter, run_cli, summary_rows, team

from planner.batch.fixes import Origins, conflict_report, toml_value
from planner.batch.report import overview_markdown
from planner.batch.results import (
    AthleteResult,
    AthleteStatus,
    BatchSummary,
    RuleConflict,
    smallest_fix,
)
from planner.config.config import Config, resolve
from planner.config.files import read_source

__all__ = ["team"]  # a fixture, used by name

# Where the solves run is no part of what this file tests (see the fixture).
pytestmark = pytest.mark.usefixtures("solves_in_this_process")


def test_a_fix_is_written_where_the_value_came_from(tmp_path: Path) -> None:
    (tmp_path / "gym.toml").write_text("[week]\nmax_session_minutes = 20\n", encoding="utf-8")
    group = tmp_path / "distance.toml"
    group.write_text('extends = "gym.toml"\n\n[load]\nmax_week = 30\n', encoding="utf-8")
    origins = Origins(
        str(tmp_path / "roster.csv"),
        7,
        {"session.lower": "session.lower"},
        read_source(group),
        ("athlete", "session.lower"),
    )
    assert origins.fix("session.lower", [0, 3]) == (
        "type 0;3 in column session.lower (roster.csv line 7)"
    )
    # The base's line changes every config that extends it: say so, and offer the group's.
    assert origins.fix("week.max_session_minutes", 35) == (
        "write max_session_minutes = 35 under [week] in gym.toml, line 2, which distance.toml "
        "extends"
    )
    assert origins.group("week.max_session_minutes", 35) == (
        "write max_session_minutes = 35 under [week] in distance.toml"
    )
    assert (
        origins.fix("load.max_week", 42)
        == "write max_week = 42 under [load] in distance.toml, line 4"
    )
    assert origins.group("load.max_week", 42) is None  # the group's own line already
    assert origins.group("session.lower", [0, 3]) is None  # the athlete's cell
    assert origins.group("week.sessions", 1) is None  # a default: no file set it
    text = conflict_report(
        "hugo",
        "Hugo",
        [RuleConflict("week.max_session_minutes", "they need 35", 20, 35)],
        resolve(Config()),
        origins,
    )
    assert text.splitlines()[-3:] == [
        "    -> write max_session_minutes = 35 under [week] in gym.toml, line 2, which "
        "distance.toml extends (the smallest change)",
        "       or for this group only: write max_session_minutes = 35 under [week] in "
        "distance.toml",
        "       or for this athlete only: type 35 in column week.max_session_minutes "
        "(roster.csv line 7; add the column)",
    ]
    assert origins.fix("week.sessions", 1) == (  # a default: this athlete's own cell
        "type 1 in column week.sessions (roster.csv line 7; add the column)"
    )
    assert toml_value(["mon", "wed"]) == '["mon", "wed"]'


def test_the_smallest_change_is_the_smallest_relative_move() -> None:
    conflicts = (
        RuleConflict("week.sessions", "part of it", 3, None),
        RuleConflict("session.lower", "part of it", [2, 3], None),
        RuleConflict("load.max_week", "need 40", 30, 40),  # +33 %
        RuleConflict("week.max_session_minutes", "need 50", 30, 50),  # +67 %
    )
    best = smallest_fix(conflicts)
    assert best is not None and best.rule == "load.max_week"
    assert smallest_fix(conflicts[:2]) is None


def test_the_overview_ranks_rules_by_how_often_their_fix_was_smallest() -> None:
    part = [RuleConflict(k, "part of it", [2, 3]) for k in ("session.lower", "session.core")]
    sessions = RuleConflict("week.sessions", "part of it", 3)

    def infeasible(athlete: str, *extra: RuleConflict) -> AthleteResult:
        conflicts = (sessions, *part, *extra)
        return AthleteResult(athlete, athlete, 2, AthleteStatus.INFEASIBLE, conflicts=conflicts)

    results = (
        infeasible("a", RuleConflict("week.max_session_minutes", "need 40", 30, 40)),
        infeasible("b", RuleConflict("week.max_session_minutes", "need 45", 30, 45)),
        infeasible("c", RuleConflict("load.max_week", "need 40", 30, 40)),
        infeasible("d"),
    )
    summary = BatchSummary("team.csv", Path("out"), results, (), 4, 0, 1, 1.0)
    section = overview_markdown(summary).split("## Rules to change first\n\n")[1].split("##")[0]
    table, others, unfixed, see = section.strip().split("\n\n")
    rows = table.splitlines()[2:]
    assert rows == [
        "| `week.max_session_minutes` | 2 | `a`, `b` |",
        "| `load.max_week` | 1 | `c` |",
    ]  # only rules whose own fix was someone's smallest change are where to start
    assert others == (
        "Also in the conflicts, but never the smallest change: `session.core` (4 athletes), "
        "`session.lower` (4 athletes), `week.sessions` (4 athletes)."
    )
    assert unfixed == "No single value alone gives `d` a plan."
    assert see.startswith("Each athlete's conflict file")

    # Nobody's conflict has a single-value fix: no table, the rules and the athletes named.
    only = BatchSummary("team.csv", Path("out"), results[3:], (), 1, 0, 1, 1.0)
    section = overview_markdown(only).split("## Rules to change first\n\n")[1].split("##")[0]
    assert section.startswith(
        "In conflicts: `session.core` (1 athlete), `session.lower` (1 athlete), "
        "`week.sessions` (1 athlete).\n\nNo single value alone gives `d` a plan.\n"
    )


def test_the_summary_reason_is_short_and_the_conflict_file_says_it_all(
    team: RosterWriter, tmp_path: Path
) -> None:
    (tmp_path / "short.toml").write_text(
        'extends = "base.toml"\n\n[week]\nmax_session_minutes = 8\n', encoding="utf-8"
    )
    # Ana writes 2-3 lower-body and 2-3 core exercises a session: 8 minutes hold neither
    # (the goal's own minimums are only targets, so it is her rules that conflict).
    roster = team("athlete,name,config,session.lower,session.core\nana,Ana,short.toml,2;3,2;3\n")
    out = tmp_path / "out"
    # A budget the conflict search keeps within: under load, 5 s could leave a fix unmeasured.
    result = run_cli(roster, "--out", out, "--time-limit", "20")
    assert result.exit_code == 6, result.output
    error = summary_rows(out)["ana"]["error"]
    assert error.startswith("no plan; smallest change: ") and error.endswith(
        "; see ana.conflicts.txt"
    )
    assert len(error) < 160, error
    text = (out / "ana.conflicts.txt").read_text(encoding="utf-8")
    assert text.startswith("No plan for Ana (ana): ")
    assert "These rules cannot all hold together: " in text
    assert "-> write max_session_minutes = " in text and "short.toml, line 4" in text
    assert "or for this athlete only: type " in text
    assert "or for this group only" not in text  # short.toml itself set the minutes
    assert "(the smallest change)" in text


def test_a_resumed_athletes_fix_names_where_the_value_is_now(
    team: RosterWriter, tmp_path: Path
) -> None:
    """--resume skips an unchanged infeasible athlete, but the coach may have moved the value
    from the sheet into the group's TOML, or added rows above: the advice follows."""
    group = tmp_path / "short.toml"
    group.write_text('extends = "base.toml"\n', encoding="utf-8")
    # Ana's 2-3 lower-body and 2-3 core exercises need 10-minute sessions (a set less each
    # in a short session): her 9 is the
    # smallest change (the goal's own minimums are only targets, so the bands are written).
    roster = team(
        "athlete,name,config,week.max_session_minutes,session.lower,session.core\n"
        "ana,Ana,short.toml,9,2;3,2;3\n"
    )
    out = tmp_path / "out"
    # A budget the conflict search keeps within: under load, 5 s could leave the minutes' fix
    # unmeasured, and then the smallest change would be another rule's.
    assert run_cli(roster, "--out", out, "--time-limit", "20").exit_code == 6
    first = summary_rows(out)["ana"]["error"]
    assert "smallest change: type 10 in column week.max_session_minutes (roster.csv line 2)" in (
        first
    )

    group.write_text('extends = "base.toml"\n\n[week]\nmax_session_minutes = 9\n', "utf-8")
    team(
        "athlete,name,config,session.lower,session.core\n"
        "bo,Bo,base.toml,,\nana,Ana,short.toml,2;3,2;3\n"
    )
    result = run_cli(roster, "--out", out, "--time-limit", "20", "--resume")
    assert result.exit_code == 6, result.output
    ana = summary_rows(out)["ana"]
    assert ana["resumed"] == "yes"  # not solved again: the same week
    assert ana["error"].startswith("no plan; smallest change: write max_session_minutes = ")
    assert "under [week] in short.toml, line 4; see ana.conflicts.txt" in ana["error"]
    text = (out / "ana.conflicts.txt").read_text(encoding="utf-8")
    assert text.startswith("No plan for Ana (ana): ") and " line 3, config " in text
    assert "in short.toml, line 4 (the smallest change)" in text
    again = run_cli(roster, "--out", out, "--time-limit", "20", "--resume")
    assert "none solved" in again.output  # the rewritten conflict file is the batch's own
