"""A roster is a team sheet: what coaches type is read as they meant it (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_fixtures import EXAMPLES, RosterWriter, batch_args, run_cli, summary_rows, team

from planner.batch import RosterError, read_roster, run_batch
from planner.batch.columns import cell_value

__all__ = ["team"]  # a fixture, used by name

# Where the solves run is no part of what this file tests (see the fixture).
pytestmark = pytest.mark.usefixtures("solves_in_this_process")


# --- the header and the delimiter -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Athlete,Name,Week.Sessions\na,Ann,2\n",
        "athlete;name;week.sessions\na;Ann;2\n",
        "sep=;\nathlete;name;week.sessions\na;Ann;2\n",  # as Excel may write it
        "athlete\tname\tweek.sessions\na\tAnn\t2\n",
        "# the club's sheet, a comment\nATHLETE;NAME;week.sessions\na;Ann;2\n",
    ],
)
def test_headers_in_any_case_and_any_delimiter(team: RosterWriter, text: str) -> None:
    roster = read_roster(team(text))
    (row,) = roster.rows
    assert row.cells == {"athlete": "a", "name": "Ann", "week.sessions": "2"}
    assert not roster.warnings


def test_a_semicolon_sheet_keeps_commas_inside_cells_and_its_line_numbers(
    team: RosterWriter,
) -> None:
    roster = read_roster(team("sep=;\nathlete;week.available_days\na;Mon, Wed, Fri\nb;\n"))
    assert roster.delimiter == ";"
    assert [(r.line, r.cells.get("week.available_days")) for r in roster.rows] == [
        (3, "Mon, Wed, Fri"),
        (4, None),
    ]


def test_unnamed_columns_are_no_problem(team: RosterWriter) -> None:
    roster = read_roster(team("athlete,name,,\na,Ann,,\nb,Bo,see me,\n"))
    assert roster.note_columns == ("column 3",)
    assert roster.rows[1].notes == {"column 3": "see me"}


# --- the coach's own columns ----------------------------------------------------------------


def test_other_columns_are_notes_with_one_warning(team: RosterWriter) -> None:
    roster = read_roster(team("athlete,Event group,notes,PB\na,Sprints,knee,sub-3\nb,,,\n"))
    assert roster.note_columns == ("Event group", "notes", "PB")
    assert roster.rows[0].notes == {"Event group": "Sprints", "notes": "knee", "PB": "sub-3"}
    assert roster.rows[0].cells == {"athlete": "a"}
    (warning,) = roster.warnings
    assert "'Event group', 'PB' are no config keys: kept as notes" in str(warning)


def test_a_notes_column_and_one_named_with_notes_need_no_warning(team: RosterWriter) -> None:
    # The README names Notes, Comments, Injury...; --notes names the coach's own. Only a
    # column read as notes because it is close to no column is worth a word.
    path = team("athlete,Notes,Injury,Event group\na,new,knee,Sprints\n")
    assert read_roster(path, notes=["Event group"]).warnings == ()
    (warning,) = read_roster(path).warnings
    assert "column(s) 'Event group' are no config keys" in str(warning)


@pytest.mark.parametrize(
    ("header", "meant"),
    [
        ("load.max_weeek", "load.max_week"),
        ("max_wk", "load.max_week"),
        ("Sesions", "week.sessions"),
        ("Equipement", "equipment.available"),
        ("Long rn", "week.long_run"),
    ],
)
def test_a_header_that_looks_like_a_key_stops_the_run(
    team: RosterWriter, header: str, meant: str
) -> None:
    with pytest.raises(RosterError) as info:
        read_roster(team(f"athlete,notes,{header}\na,ok,\nb,,40\n"))
    (problem,) = info.value.problems
    assert (problem.key, problem.line) == (header, 1)
    assert f"looks like a config key but is none (did you mean {meant!r}?)" in problem.message
    assert "planner schema --keys" in problem.message and "Long run" in problem.message


def test_a_column_named_as_notes_is_notes_whatever_it_looks_like(team: RosterWriter) -> None:
    roster = read_roster(team("athlete,Sesions,Comment\na,talk to her,ok\n"), notes=["sesions"])
    assert roster.note_columns == ("Sesions", "Comment")
    assert roster.rows[0].cells == {"athlete": "a"}


def test_headers_as_coaches_write_them(team: RosterWriter) -> None:
    roster = read_roster(
        team(
            "ID,first_name,date_of_birth,LEVEL,goal,Days,Sessions,Long_run,Hard runs,"
            "Minutes,Kit,Exclude,Notes\n"
            "a,Ann,2001-02-03,Advanced,Strength,Mon;Wed;Fri,3,Sun,Thu,45,Dumbbell,,knee\n"
        )
    )
    assert roster.columns == (
        "athlete", "first_name", "date_of_birth", "athlete.level", "athlete.goal",
        "week.available_days", "week.sessions", "week.long_run", "week.hard_runs",
        "week.max_session_minutes", "equipment.available", "exclude.exercises", "Notes",
    )  # fmt: skip
    assert roster.note_columns == ("first_name", "date_of_birth", "Notes")
    assert roster.rows[0].cells["week.available_days"] == "Mon;Wed;Fri"


def test_two_headers_for_one_key_are_refused(team: RosterWriter) -> None:
    with pytest.raises(RosterError, match=r"'week\.available_days' appear more than once"):
        read_roster(team("athlete,Days,Available days\na,mon,tue\n"))


@pytest.mark.parametrize(("delimiter", "name"), [(",", "comma"), (";", "semicolon")])
def test_a_row_with_too_many_cells_names_the_files_delimiter(
    team: RosterWriter, delimiter: str, name: str
) -> None:
    text = "athlete,name,week.available_days\na,Ann,mon,thu\n".replace(",", delimiter)
    (row,) = read_roster(team(text)).rows
    assert row.problem == (
        f"has 4 cells but the header has 3 columns; quote cells that contain a {name}"
    )


def test_notes_and_groups_reach_summary_and_overview(team: RosterWriter, tmp_path: Path) -> None:
    (tmp_path / "sprint.toml").write_text('extends = "base.toml"\n', encoding="utf-8")
    roster = team("athlete,config,Event group,notes\na,sprint.toml,Sprints,\nb,,,knee\n")
    out = tmp_path / "out"
    result = run_cli(*batch_args(roster, out))
    assert result.exit_code == 0, result.output
    assert result.output.count("are no config keys") == 1
    rows = summary_rows(out)
    assert (rows["a"]["group"], rows["a"]["Event group"], rows["a"]["notes"]) == (
        "sprint.toml",
        "Sprints",
        "",
    )
    assert (rows["b"]["group"], rows["b"]["notes"]) == (str(tmp_path / "base.toml"), "knee")
    overview = (out / "overview.md").read_text(encoding="utf-8")
    assert "| `a` | Runner | sprint.toml | OPTIMAL | new |" in overview
    assert "notes: knee |" in overview and "Event group: Sprints |" in overview


# --- values as people type them -------------------------------------------------------------


def test_cells_as_typed() -> None:
    assert cell_value("week.available_days", "Mon, Wed, Fri") == ["mon", "wed", "fri"]
    assert cell_value("week.available_days", "Monday;THU") == ["mon", "thu"]
    assert cell_value("week.long_run", "Sun") == "sun"
    assert cell_value("athlete.level", "Beginner") == "beginner"
    assert cell_value("athlete.goal", " Strength ") == "strength"
    assert cell_value("session.lower", "0, 3") == [0, 3]
    assert cell_value("load.max_week", "None") is None
    assert cell_value("athlete.level", "pro") == "pro"  # left for the usual message
    assert cell_value("week.heavy_legs_on_long_run_day", "Yes") is True
    assert cell_value("week.heavy_legs_on_long_run_day", "FALSE") is False
    assert cell_value("week.heavy_legs_on_long_run_day", "maybe") == "maybe"


def test_catalog_names_in_any_case(team: RosterWriter, tmp_path: Path) -> None:
    roster = team(
        "athlete;equipment.available;exclude.tags;athlete.level;week.available_days\n"
        "a;Dumbbell, Band;High_Impact;Beginner;Mon, Wed, Fri\n"
        "b;Dumbell;;;\n"
    )
    out = tmp_path / "out"
    summary = run_batch(roster, out, config=tmp_path / "base.toml", jobs=1, formats=["json"])
    a, b = summary.results
    assert a.has_plan, a.error
    config = json.loads((out / "a.plan.json").read_text(encoding="utf-8"))["config"]
    assert config["equipment"]["available"] == ["dumbbell", "band"]
    assert config["exclude"]["tags"] == ["high_impact"]
    assert config["athlete"]["level"] == "beginner"
    assert "unknown equipment 'Dumbell' (did you mean 'dumbbell'?)" in b.error


def test_a_sheet_without_an_athlete_column_names_the_header(team: RosterWriter) -> None:
    with pytest.raises(RosterError, match="no 'athlete' column; rename 'Athelete'"):
        read_roster(team("Athelete;Name\na;Ann\n"))


def test_the_readme_lists_every_header_alias() -> None:
    import re

    from planner.batch.headers import ALIASES, NAMES, fold

    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    listed = {
        fold(header): column
        for headers, column in re.findall(r"^\| (`[^|]+`) \| `([a-z._]+)` \|$", readme, re.M)
        for header in re.findall(r"`([^`]+)`", headers)
    }
    assert set(ALIASES) <= set(listed)
    assert all(NAMES[header] == column for header, column in listed.items())
