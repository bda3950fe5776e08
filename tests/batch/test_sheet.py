"""A roster is a team sheet: what coaches type is read as they meant it (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_fixtures import RosterWriter, batch_args, run_cli, summary_rows, team

from planner.batch import RosterError, read_roster, run_batch
from planner.batch.columns import cell_value

__all__ = ["team"]  # a fixture, used by name


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
    roster = read_roster(team("athlete,Event group,notes,Goal\na,Sprints,knee,sub-3\nb,,,\n"))
    assert roster.note_columns == ("Event group", "notes", "Goal")
    assert roster.rows[0].notes == {"Event group": "Sprints", "notes": "knee", "Goal": "sub-3"}
    assert roster.rows[0].cells == {"athlete": "a"}
    (warning,) = roster.warnings
    assert "'Event group', 'notes', 'Goal' are no config keys: kept as notes" in str(warning)


def test_a_misspelled_key_still_stops_its_athletes(team: RosterWriter, tmp_path: Path) -> None:
    roster = team("athlete,notes,load.max_weeek,max_week\na,ok,,\nb,,40,\nc,,,30\n")
    table = read_roster(roster)
    assert set(table.unknown_columns) == {"load.max_weeek", "max_week"}
    assert table.note_columns == ("notes",)
    summary = run_batch(table, tmp_path / "out", config=tmp_path / "base.toml", jobs=1)
    status = {r.athlete: str(r.status) for r in summary.results}
    assert status == {"a": "OPTIMAL", "b": "BAD_INPUT", "c": "BAD_INPUT"}
    assert "did you mean 'load.max_week'?" in summary.results[1].error
    assert "did you mean 'load.max_week'?" in summary.results[2].error


def test_a_club_databases_columns_are_notes_but_near_keys_are_not(team: RosterWriter) -> None:
    roster = read_roster(
        team(
            "athlete,first_name,date_of_birth,Sessions,Goal,long_run,max_wk\n"
            "a,Ann,2001-02-03,3,sub-3,,\n"
        )
    )
    assert roster.note_columns == ("first_name", "date_of_birth", "Sessions", "Goal")
    assert set(roster.unknown_columns) == {"long_run", "max_wk"}  # meant as keys: stop
    assert "did you mean 'week.long_run'?" in str(roster.unknown_columns["long_run"])
    notes = str(roster.warnings[-1])
    assert notes.endswith(
        "; to set a key instead, name the column by it: 'Sessions' -> week.sessions, "
        "'Goal' -> athlete.goal"
    )


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
