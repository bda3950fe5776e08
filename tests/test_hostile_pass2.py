"""Issue 18, the second hostile pass: data loss, internal errors, hangs, security and
misleading answers, one or more tests per numbered row of the issue.

Everything runs on real files; the CLI runs in-process unless a row is about processes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.catalog.catalog import bundled_catalog_path
from planner.cli.main import main

SMALL = '[week]\navailable_days = ["mon", "thu"]\n'
HEADER, *ROWS = bundled_catalog_path().read_text(encoding="utf-8").splitlines()
COLUMNS = HEADER.split(",")
EXERCISE = {
    "id": "Squat_X", "name": "Squat X", "force": "push", "level": "beginner",
    "mechanic": "compound", "equipment": "body only", "primaryMuscles": ["quadriceps"],
    "secondaryMuscles": [], "instructions": ["Sit down."], "category": "strength", "images": [],
}  # fmt: skip

# No row here is about the solver processes: the batches solve in the test's process (see the
# fixture); test_hostile_runs.py and test_hostile_pass2_runs.py keep real ones.
pytestmark = pytest.mark.usefixtures("solves_in_this_process")


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output
    return result.exit_code, result.output


def catalog_with(edit: Callable[[list[str]], list[str]], rows: int = 40) -> str:
    """The bundled catalog's first rows, each edited as a list of cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in csv.reader(ROWS[:rows]):
        writer.writerow(edit(row))
    return out.getvalue()


def set_cell(column: str, value: str) -> Callable[[list[str]], list[str]]:
    def edit(row: list[str]) -> list[str]:
        row[COLUMNS.index(column)] = value
        return row

    return edit


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


# --- row 1: -o never replaces a file the run read ----------------------------------------------


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    """c.toml extends mid.toml extends base.toml; c.toml has a [block]."""
    (tmp_path / "base.toml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "mid.toml").write_text('extends = "base.toml"\n', encoding="utf-8")
    (tmp_path / "c.toml").write_text(
        'extends = "mid.toml"\n[block]\nstart = 2027-01-04\nweeks = 2\n', encoding="utf-8"
    )
    return tmp_path


ROW1_CASES = {
    "solve, the base": ["solve", "c.toml", "-o", "base.toml"],
    "solve, the middle": ["solve", "c.toml", "-o", "mid.toml"],
    "ics": ["solve", "c.toml", "--format", "ics", "--start", "2027-01-04", "-o", "base.toml"],
    "block": ["block", "c.toml", "-o", "base.toml"],
    "a link to the base": ["solve", "c.toml", "-o", "link.toml"],
}


@pytest.mark.parametrize("case", ROW1_CASES)
def test_row01_an_extended_config_is_never_the_output(
    chain: Path, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(chain)
    (chain / "link.toml").symlink_to("base.toml")
    before = {p.name: p.read_bytes() for p in chain.iterdir()}
    code, output = run(*ROW1_CASES[case], "--force", "--time-limit", "5")
    assert code == 3, output
    assert "is an input of this run; choose another output file (its config)" in output
    assert "solving" not in output  # refused before any work
    assert {p.name: p.read_bytes() for p in chain.iterdir()} == before


def test_row01_the_last_guard_is_in_the_writer_itself(chain: Path) -> None:
    from planner.errors import PlannerError
    from planner.files import forget_inputs
    from planner.inputs import load_inputs
    from planner.writes import write_atomic

    forget_inputs()
    load_inputs(chain / "c.toml")
    with pytest.raises(PlannerError, match="is an input of this run"):
        write_atomic(chain / "base.toml", "plan")
    assert (chain / "base.toml").read_text(encoding="utf-8") == SMALL
    forget_inputs()


# --- row 7: file names no file system can hold -------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ('catalog = "x\\u0000y"\n', "1: catalog: a file name cannot contain a NUL character"),
        (f'extends = "{"a" * 5000}"\n', "1: extends: a file name is 5000 bytes long; a file"),
    ],
    ids=["nul in catalog", "5000-character extends"],
)
def test_row07_an_impossible_name_in_a_config(tmp_path: Path, toml: str, fragment: str) -> None:
    config = tmp_path / "c.toml"
    config.write_text(toml + SMALL, encoding="utf-8")
    code, output = run("check", config)
    assert code == 3, output
    assert fragment in output
    assert len(output.splitlines()[0]) < 400  # the long name is shortened, not printed whole


def test_row07_a_250_character_output_name_is_written(small: Path) -> None:
    name = small.parent / ("p" * 250)
    code, output = run("solve", small, "-o", name, "--time-limit", "5")
    assert code == 0, output
    assert name.read_text(encoding="utf-8").startswith("Strength week")
    assert [p.name for p in small.parent.iterdir() if p.name.startswith(".")] == []


def test_row07_a_300_character_output_name_is_refused_before_solving(small: Path) -> None:
    code, output = run("solve", small, "-o", small.parent / ("p" * 300))
    assert code == 3, output
    assert "a file name is 300 bytes long; a file or directory name may be at most 255" in output
    assert "solving" not in output


# --- row 4: dotted keys a thousand levels deep -------------------------------------------------


def test_row04_a_dotted_key_1000_levels_deep(tmp_path: Path) -> None:
    config = tmp_path / "deep.toml"
    config.write_text(SMALL + "x." * 1000 + "y = 1\n", encoding="utf-8")
    code, output = run("check", config)
    assert code == 3, output
    assert "deep.toml:3: lists or tables are nested more than 32 levels deep" in output


# --- row 5: integers of thousands of digits ----------------------------------------------------

BIG = "9" * 5000


def test_row05_a_huge_integer_in_toml(tmp_path: Path) -> None:
    config = tmp_path / "big.toml"
    config.write_text(SMALL + f"[solver]\nseed = {BIG}\n", encoding="utf-8")
    code, output = run("check", config)
    assert code == 3, output
    assert "big.toml:4: a number of 5000 digits; no setting takes more than 30" in output


def test_row05_a_huge_integer_in_the_catalog(tmp_path: Path, small: Path) -> None:
    catalog = tmp_path / "c.csv"
    catalog.write_text(catalog_with(set_cell("minutes", BIG), rows=3), encoding="utf-8")
    code, output = run("check", small, "--catalog", catalog)
    assert code == 3, output
    assert "c.csv:2: minutes: a number of 5000 digits is out of range; allowed: 1..300" in output


def test_row05_a_huge_integer_in_a_roster_cell(tmp_path: Path, small: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(f"athlete,week.sessions\na,{BIG}\nb,\n", encoding="utf-8")
    code, output = run("batch", roster, "--out", tmp_path / "out", "--config", small)
    assert code == 6, output
    assert "roster.csv:2: week.sessions: 99999" in output and "allowed: at most 7" in output
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8")
    assert "BAD_INPUT" in summary and "Traceback" not in summary and "internal" not in summary


def test_row05_a_huge_integer_in_import_json_and_overrides(tmp_path: Path) -> None:
    source = tmp_path / "ex.json"
    source.write_text(json.dumps([EXERCISE]).replace('"images": []', f'"n": {BIG}'), "utf-8")
    code, output = run("catalog", "import", "free-exercise-db", source, "-o", tmp_path / "a.csv")
    assert code == 3, output
    assert "ex.json:1: entry 1 (the first): a number of 5000 digits; no value takes more" in output
    source.write_text(json.dumps([EXERCISE]), encoding="utf-8")
    overrides = tmp_path / "ov.csv"
    overrides.write_text(f"id,minutes\nsquat_x,{BIG}\n", encoding="utf-8")
    code, output = run(
        "catalog", "import", "free-exercise-db", source, "-o", tmp_path / "b.csv",
        "--overrides", overrides,
    )  # fmt: skip
    assert code == 3, output
    assert "ov.csv:2: minutes: squat_x: a number of 5000 digits is out of range" in output


# --- row 6: 100,000 nested brackets ------------------------------------------------------------

NESTED = "[" * 100_000 + "]" * 100_000


def test_row06_nested_brackets_as_import_json(tmp_path: Path) -> None:
    source = tmp_path / "ex.json"
    source.write_text("[" + NESTED + "]", encoding="utf-8")
    code, output = run("catalog", "import", "free-exercise-db", source, "-o", tmp_path / "a.csv")
    assert code == 3, output
    assert "ex.json:1: entry 1 (the first): brackets are nested too deeply to read" in output


def test_row06_nested_brackets_as_the_manifest_or_a_kept_plan(tmp_path: Path, small: Path) -> None:
    roster, out = tmp_path / "roster.csv", tmp_path / "out"
    roster.write_text("athlete\na\nb\n", encoding="utf-8")
    args = ("batch", roster, "--out", out, "--config", small, "--format", "json")
    assert run(*args)[0] == 0
    (out / ".planner-batch.json").write_text(NESTED, encoding="utf-8")
    code, output = run(*args, "--resume")
    assert code == 0, output
    assert (out / "team.csv").exists()
    from planner.batch.results import AthleteResult, AthleteStatus
    from planner.batch.team_files import team_plans

    (out / "a.plan.json").write_text(NESTED, encoding="utf-8")
    results = tuple(
        AthleteResult(a, "", 2, AthleteStatus.OPTIMAL, files=(f"{a}.plan.json",)) for a in "ab"
    )
    assert list(team_plans(out, results)) == ["b"]  # a is left out with a warning


# --- row 8: a block past the end of the calendar -----------------------------------------------


@pytest.mark.parametrize("end", ["weeks = 8", "race = 9999-12-31"])
def test_row08_a_block_that_ends_after_9999(tmp_path: Path, end: str) -> None:
    config = tmp_path / "far.toml"
    config.write_text(SMALL + f"[block]\nstart = 9999-12-01\n{end}\n", encoding="utf-8")
    code, output = run("block", config)
    assert code == 3, output
    assert "far.toml:3: block: a " in output
    assert "-week block from 9999-12-01 ends after the calendar does (9999-12-31); " in output


# --- row 19: values that slipped through ---------------------------------------------------------


def test_row19_a_time_limit_below_the_cli_floor(tmp_path: Path, small: Path) -> None:
    config = tmp_path / "tiny.toml"
    config.write_text(SMALL + "[solver]\ntime_limit = 1e-300\n", encoding="utf-8")
    code, output = run("check", config)
    assert code == 3, output
    floor = "solver.time_limit: 1e-300 is out of range; allowed: at least 0.01"
    assert f"tiny.toml:4: {floor}" in output
    roster = tmp_path / "roster.csv"
    roster.write_text("athlete,solver.time_limit\na,1e-300\n", encoding="utf-8")
    code, output = run("batch", roster, "--out", tmp_path / "out", "--config", small)
    assert code == 6, output
    assert f"roster.csv:2: {floor}" in output


def test_row19_a_date_in_quotes_is_text_not_a_date(tmp_path: Path) -> None:
    config = tmp_path / "quoted.toml"
    config.write_text(SMALL + '[block]\nstart = "2027-01-04"\nweeks = 2\n', encoding="utf-8")
    code, output = run("check", config)
    assert code == 3, output
    assert (
        "quoted.toml:4: block.start: expected a date (without quotes), written YYYY-MM-DD "
        "as in 2027-01-04; got '2027-01-04'"
    ) in output
    from planner.batch.columns import cell_value  # a roster cell is text: there, a date

    assert str(cell_value("block.start", "2027-01-04")) == "2027-01-04"
    assert type(cell_value("block.start", "2027-01-04")).__name__ == "date"


def test_row19_a_race_in_the_past_is_planned_with_a_warning(tmp_path: Path) -> None:
    config = tmp_path / "past.toml"
    config.write_text(SMALL + "[block]\nstart = 2020-01-06\nrace = 2020-01-19\n", "utf-8")
    code, output = run("block", config, "--time-limit", "10")
    assert code == 0, output
    assert "warning: " in output
    assert "past.toml:5: block.race: the race, 2020-01-19, is in the past; the block is" in output


def test_row19_ids_that_differ_after_100_characters_get_their_own_files(
    tmp_path: Path, small: Path
) -> None:
    roster = tmp_path / "roster.csv"
    stem = "a" * 120
    roster.write_text(f"athlete\n{stem}x\n{stem}y\n", encoding="utf-8")
    code, output = run("batch", roster, "--out", tmp_path / "out", "--config", small)
    assert code == 0, output
    plans = sorted(p.name for p in (tmp_path / "out").glob("*.plan.md"))
    assert len(plans) == 2 and all(len(p) < 120 for p in plans)


# --- row 13: formulas in an imported catalog ----------------------------------------------------


def test_row13_catalog_import_writes_no_formula(tmp_path: Path) -> None:
    entries = [
        {**EXERCISE, "id": f"E{n}", "name": name} for n, name in enumerate(["=1+2", "@SUM(A1)"])
    ]
    source = tmp_path / "ex.json"
    source.write_text(json.dumps(entries), encoding="utf-8")
    overrides = tmp_path / "ov.csv"
    overrides.write_text('id,name\ne0,"+HYPERLINK(""http://x"")"\n', encoding="utf-8")
    out = tmp_path / "c.csv"
    args = ["catalog", "import", "free-exercise-db", source, "-o", out, "--overrides", overrides]
    code, output = run(*args)
    assert code == 0, output
    with out.open(encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert sorted(names) == ['\'+HYPERLINK("http://x")', "'@SUM(A1)"]
    assert run("catalog", "--catalog", out)[0] == 0  # the catalog still reads


# --- row 14: control characters in ids and names --------------------------------------------------


def test_row14_control_characters_in_ids_and_names(tmp_path: Path, small: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        'athlete,athlete.name\n"ana\x1b[2J",A\nben,"B\x07x"\n"c\x00i",C\ndee,D\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    code, output = run("batch", roster, "--out", out, "--config", small)
    assert code == 6, output
    assert "athlete id 'ana\\x1b[2J' contains a control character (\\x1b); an id is plain" in (
        output
    )
    assert "athlete.name: contains a control character (\\x07); write plain text" in output
    assert "c\\x00i" in output
    for path in out.iterdir():
        if path.is_file() and path.suffix in (".csv", ".md", ".html", ".json"):
            text = path.read_text(encoding="utf-8")
            assert not any(c in text for c in "\x1b\x07\x00"), path.name
    assert not any(c in output for c in "\x1b\x07\x00")
    config = tmp_path / "n.toml"
    config.write_text('[athlete]\nname = "x\\u001b[2J"\n', encoding="utf-8")
    code, output = run("check", config)
    assert code == 3 and "n.toml:2: athlete.name: contains a control character (\\x1b)" in output


# --- row 15: no HTML or links from names in Markdown ---------------------------------------------


def test_row15_markdown_outputs_escape_html_and_links(tmp_path: Path, small: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        'athlete,name,note\nana,"<script>alert(1)</script>",'
        '"[x](javascript:alert(1)) <img src=x onerror=alert(1)>"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, output = run("batch", roster, "--out", out, "--config", small)
    assert code == 0, output
    for name in ("ana.plan.md", "overview.md"):
        text = (out / name).read_text(encoding="utf-8")
        assert "\\<script\\>" in text, name
        assert re.search(r"(?<!\\)[<\[]", text) is None, name  # every '<' and '[' escaped
    overview = (out / "overview.md").read_text(encoding="utf-8")
    assert "\\[x\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\>" in overview


# --- row 16: files stay inside OUT ----------------------------------------------------------------


def test_row16_an_edited_folder_that_is_a_link_is_refused(tmp_path: Path, small: Path) -> None:
    roster, out, elsewhere = tmp_path / "roster.csv", tmp_path / "out", tmp_path / "elsewhere"
    roster.write_text("athlete\nana\n", encoding="utf-8")
    elsewhere.mkdir()
    args = ("batch", roster, "--out", out, "--config", small)
    assert run(*args)[0] == 0
    with (out / "ana.plan.md").open("a", encoding="utf-8") as plan:
        plan.write("the coach's note\n")
    (out / "edited").symlink_to(elsewhere)
    code, output = run(*args)
    assert code == 3, output
    assert "edited: cannot keep files edited by hand there: it is a symbolic link" in output
    assert list(elsewhere.iterdir()) == []
    assert "the coach's note" in (out / "ana.plan.md").read_text(encoding="utf-8")


def test_row16_an_empty_out_is_refused(
    tmp_path: Path, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "roster.csv").write_text("athlete\nana\n", encoding="utf-8")
    code, output = run("batch", "roster.csv", "--out", "", "--config", small)
    assert code == 3, output
    assert "--out: is empty; give a directory" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.csv", "small.toml"]


# --- row 18: include and exclude of the same exercise --------------------------------------------


@pytest.mark.parametrize("command", ["check", "solve"])
def test_row18_include_and_exclude_contradict(tmp_path: Path, command: str) -> None:
    config = tmp_path / "both.toml"
    config.write_text(
        SMALL + '[include]\nexercises = ["bodyweight_squat"]\n'
        '[exclude]\nexercises = ["bodyweight_squat", "glute_bridge"]\n',
        encoding="utf-8",
    )
    code, output = run(command, config)
    assert code == 3, output
    assert (
        "both.toml:4: include.exercises: 'bodyweight_squat' is also in exclude.exercises "
        f"({config}:6): the two lists contradict"
    ) in output


# --- row 10: thousands of problems are a screenful ------------------------------------------------


def test_row10_five_thousand_unknown_tables(tmp_path: Path) -> None:
    config = tmp_path / "many.toml"
    config.write_text(SMALL + "".join(f"[t{i}]\nx = 1\n" for i in range(5000)), "utf-8")
    code, output = run("check", config)
    assert code == 3, output
    lines = output.splitlines()
    assert len(lines) == 51
    assert "many.toml:3: t0: unknown key" in lines[0]
    assert lines[-1].endswith("many.toml: ... and 4950 more problems")


@pytest.mark.parametrize("kind", ["roster", "catalog"])
def test_row10_a_header_of_200000_columns(tmp_path: Path, small: Path, kind: str) -> None:
    wide = tmp_path / "wide.csv"
    first = "athlete" if kind == "roster" else HEADER
    wide.write_text(first + "".join(f",c{i}" for i in range(200_000)) + "\n", "utf-8")
    args = ["batch", wide, "--out", tmp_path / "out"] if kind == "roster" else []
    code, output = run(*(args or ["check", small, "--catalog", wide]))
    assert code == 3, output
    assert f"wide.csv:1: the header has {len(first.split(',')) + 200_000} columns; a {kind} " in (
        output
    )


def test_row10_import_json_of_many_empty_objects(tmp_path: Path) -> None:
    source = tmp_path / "empty.json"
    source.write_text("[" + ",".join(["{}"] * 200_000) + "]", encoding="utf-8")
    code, output = run("catalog", "import", "free-exercise-db", source, "-o", tmp_path / "c.csv")
    assert code == 3, output
    lines = output.splitlines()
    assert len(lines) <= 51
    assert lines[-1].endswith("..200000 are not checked yet: fix these first")


# --- row 9: pre-solve work that grows with the square of the catalog -----------------------------


def test_row09_a_group_too_large_to_compare_pair_by_pair_is_kept_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Scaled down: the cap is lowered to 0 so the bundled catalog's groups are "too large";
    # with it, nothing is compared (and nothing dropped), as a 67,000-row catalog's groups are.
    from planner.catalog.catalog import load_catalog
    from planner.config.config import parse_config
    from planner.model import dominance

    catalog, config = load_catalog(), parse_config({"week": {"available_days": ["mon"]}})
    assert len(dominance.undominated(tuple(catalog), config)) < len(catalog)  # it does filter
    monkeypatch.setattr(dominance, "MAX_GROUP", 0)
    monkeypatch.setattr(dominance, "_dominance", None)  # never called
    assert len(dominance.undominated(tuple(catalog), config)) == len(catalog)
