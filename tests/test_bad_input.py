"""Every bad input gets a clear message naming file, line or key, exit 3, no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.catalog.catalog import bundled_catalog_path
from planner.cli.main import main

CATALOG_TEXT = bundled_catalog_path().read_text(encoding="utf-8")
HEADER, *ROWS = CATALOG_TEXT.splitlines()
SMALL_CONFIG = '[week]\navailable_days = ["mon", "thu"]\n'

# name -> (config text or bytes, expected line or None, expected fragments in the message)
BAD_CONFIGS: dict[str, tuple[str | bytes, int | None, list[str]]] = {
    "misspelled key": ("[week]\nsesions = 3\n", 2, ["week.sesions", "did you mean 'sessions'"]),
    "misspelled section": ("[weeks]\nsessions = 3\n", 1, ["weeks", "did you mean 'week'"]),
    "wrong type": ("[week]\nsessions = \"three\"\n", 2, ["week.sessions", "whole number"]),
    "out of range": ("[load]\nmax_session = -3\n", 2, ["load.max_session", "at least 0"]),
    "min above max": ("[session]\nlower = [3, 2]\n", 2, ["session.lower", "min 3", "max 2"]),
    "not a pair": ("[session]\ncalf = 1\n", 2, ["session.calf", "[min, max]"]),
    "unknown day": ('[week]\navailable_days = ["mon", "wendsday"]\n', 2,
                    ["week.available_days", "did you mean 'wed'"]),
    "duplicate days": ('[week]\navailable_days = ["mon", "mon"]\n', 2,
                       ["week.available_days", "more than once"]),
    "too many sessions": ('[week]\navailable_days = ["mon"]\nsessions = 3\n', 1,
                          ["sessions is 3", "1 available day"]),
    "unknown exercise id": ('[exclude]\nexercises = ["goblet_sqat"]\n', 2,
                            ["exclude.exercises", "did you mean 'goblet_squat'"]),
    "unknown tag": ('[exclude]\ntags = ["high_impakt"]\n', 2, ["did you mean 'high_impact'"]),
    "equipment typo": ('[equipment]\navailable = ["dumbell"]\n', 2,
                       ["equipment.available", "did you mean 'dumbbell'"]),
    "unknown category typo": ("[session]\nlowr = [2, 3]\n", 2, ["did you mean 'lower'"]),
    "toml syntax": ("[week\nsessions = 3\n", 1, ["TOML syntax error"]),
    "duplicate toml key": ("[week]\nsessions = 3\nsessions = 4\n", 3, ["TOML syntax error"]),
    "not utf-8": (b'[athlete]\nname = "Jos\xe9"\n', 2, ["not UTF-8"]),
    "goal typo": ('[athlete]\ngoal = "endurence"\n', 2, ["did you mean 'endurance'"]),
    "section is a value": ('week = 3\n', 1, ["week", "expected a table"]),
    "yes for a boolean": ('[week]\nheavy_legs_on_long_run_day = "yes"\n', 2,
                          ["week.heavy_legs_on_long_run_day", "expected true or false, got 'yes'"]),
    "quoted boolean": ('[week]\nheavy_legs_on_long_run_day = "true"\n', 2,
                       ["expected true or false (without quotes)"]),
}  # fmt: skip


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def assert_clear(code: int, output: str, file: str, line: int | None, fragments: list[str]) -> None:
    assert code == 3, output
    assert "Traceback" not in output
    where = f"{file}:{line}:" if line is not None else f"{file}:"
    assert where in output, output
    for fragment in fragments:
        assert fragment in output, output


@pytest.mark.parametrize("case", BAD_CONFIGS)
def test_bad_config(tmp_path: Path, case: str) -> None:
    text, line, fragments = BAD_CONFIGS[case]
    path = tmp_path / "athlete.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    code, output = run(["solve", str(path)])
    assert_clear(code, output, str(path), line, fragments)


def with_row(row: str) -> str:
    return "\n".join([HEADER, row, *ROWS[1:10]]) + "\n"


def replace_cell(row: str, column: str, value: str) -> str:
    cells = row.split(",")
    cells[HEADER.split(",").index(column)] = value
    return ",".join(cells)


FIRST = ROWS[0]
# name -> (catalog text or bytes, expected line or None, fragments)
BAD_CATALOGS: dict[str, tuple[str | bytes, int | None, list[str]]] = {
    "missing column": (
        CATALOG_TEXT.replace(",glutes,", ",glute,", 1), 1,
        ["glutes", "missing", "did you mean 'glute'"],
    ),
    "duplicate column": (
        "\n".join(line + ",0" for line in [HEADER.replace(",cue", ",cue,quads"), *ROWS[:5]]), 1,
        ["quads", "more than once"],
    ),
    "typo column": (
        "\n".join([HEADER + ",hamstring", *[r + ",0" for r in ROWS[:5]]]), 1,
        ["hamstring", "did you mean 'hamstrings'"],
    ),
    "semicolon delimiter": (CATALOG_TEXT.replace(",", ";"), 1, ["separated by ';'"]),
    "empty file": ("", None, ["is empty"]),
    "header only": (HEADER + "\n", None, ["no exercises"]),
    "duplicate id": ("\n".join([HEADER, FIRST, FIRST]), 3, ["duplicate exercise id", "line 2"]),
    "non-integer coverage": (with_row(replace_cell(FIRST, "quads", "lots")), 2,
                             ["quads", "'lots' is not a whole number"]),
    "coverage above 3": (with_row(replace_cell(FIRST, "glutes", "4")), 2,
                         ["glutes", "4 is out of range", "0..3"]),
    "negative load": (with_row(replace_cell(FIRST, "load", "-1")), 2, ["load", "out of range"]),
    "unknown category": (with_row(replace_cell(FIRST, "category", "lowr")), 2,
                         ["category", "did you mean 'lower'"]),
    "unknown level": (with_row(replace_cell(FIRST, "level", "expert")), 2, ["level", "allowed"]),
    "short row": (with_row(FIRST.rsplit(",", 3)[0]), 2, ["fields", "header has"]),
    "not utf-8": (("\n".join([HEADER, replace_cell(FIRST, "name", "Caf\xe9")]) + "\n")
                  .encode("latin-1"), 2, ["not UTF-8"]),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_CATALOGS)
def test_bad_catalog(tmp_path: Path, case: str) -> None:
    text, line, fragments = BAD_CATALOGS[case]
    path = tmp_path / "catalog.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    config = tmp_path / "athlete.toml"
    config.write_text(SMALL_CONFIG)
    code, output = run(["solve", str(config), "--catalog", str(path)])
    assert_clear(code, output, str(path), line, fragments)


def test_bom_and_blank_trailing_rows_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CATALOG_TEXT.encode() + b"\n\n,,,\n")
    config = tmp_path / "athlete.toml"
    config.write_bytes(b"\xef\xbb\xbf" + SMALL_CONFIG.encode())
    code, output = run(["check", str(config), "--catalog", str(path)])
    assert code == 0, output


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["solve", "{tmp}/missing.toml"], "config file not found"),
        (["solve", "{tmp}"], "is a directory"),
        (["solve", "{cfg}", "--catalog", "{tmp}/nope.csv"], "catalog file not found"),
        (["solve", "{cfg}", "--catalog", "{tmp}"], "is a directory"),
        (["solve", "{cfg}", "-o", "{tmp}/no/such/dir/plan.json"], "does not exist"),
        (["solve", "{cfg}", "-o", "{tmp}"], "is a directory"),
        (["catalog", "--category", "calfs"], "did you mean 'calf'"),
        (["catalog", "--muscle", "soleous"], "did you mean 'soleus'"),
    ],
)
def test_bad_paths_and_options(tmp_path: Path, args: list[str], fragment: str) -> None:
    config = tmp_path / "athlete.toml"
    config.write_text(SMALL_CONFIG)
    filled = [a.format(tmp=tmp_path, cfg=config) for a in args]
    code, output = run(filled)
    assert code == 3, output
    assert fragment in output
    assert "Traceback" not in output


def test_existing_output_is_kept_without_force(tmp_path: Path) -> None:
    config = tmp_path / "athlete.toml"
    config.write_text(SMALL_CONFIG)
    out = tmp_path / "plan.md"
    out.write_text("my notes")
    code, output = run(["solve", str(config), "-o", str(out), "--format", "markdown"])
    assert code == 3 and "--force" in output
    assert out.read_text() == "my notes"
    code, _ = run(["solve", str(config), "-o", str(out), "--format", "markdown", "--force"])
    assert code == 0
    assert out.read_text().startswith("# Strength week")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_internal_error_is_one_line_and_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("planner.pipeline.plan_week", explode)
    config = tmp_path / "athlete.toml"
    config.write_text(SMALL_CONFIG)
    code, output = run(["solve", str(config)])
    assert code == 1
    assert "Traceback" not in output
    log = re.search(r"traceback in (\S+)\)", output)
    assert log is not None and "RuntimeError: boom" in Path(log.group(1)).read_text()


# A fuzz test: mutated configs and catalogs never crash planner; exits are 0, 3, 4 or 5.
CONFIG_LINES = [
    "[athlete]", 'level = "beginner"', 'goal = "power"', "[week]",
    'available_days = ["mon", "wed"]',
    "sessions = 2", 'long_run = "sun"', 'hard_runs = ["thu"]', "max_session_minutes = 30",
    "[session]", "lower = [2, 3]", "calf = [1, 2]", "core = [0, 9]", "[load]",
    "max_session = 12", "max_week = 20", "[balance]", "soleus_to_gastrocnemius = [1.0, 2.0]",
    "core_spread = 1", "[exclude]", 'tags = ["high_impact"]', "[equipment]",
    'available = ["band"]', "[variety]", "max_per_week = 1",
]  # fmt: skip
JUNK = ["= 3", "[", '"x"', "-1", "[5, 1]", "sessions = 99", "ñ", "\x00", "lower = [", "1e9"]


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    lines=st.lists(st.sampled_from(CONFIG_LINES + JUNK), max_size=14),
    row_edits=st.lists(
        st.tuples(
            st.integers(0, 30),
            st.integers(0, 30),
            st.sampled_from(["", "4", "x", "lower", ";", "-2", "9" * 30]),
        ),
        max_size=3,
    ),
)
def test_fuzz_never_crashes(
    tmp_path: Path, lines: list[str], row_edits: list[tuple[int, int, str]]
) -> None:
    config = tmp_path / "fuzz.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    rows = [HEADER, *ROWS]
    for row, column, value in row_edits:
        cells = rows[1 + row].split(",")
        cells[column % len(cells)] = value
        rows[1 + row] = ",".join(cells)
    catalog = tmp_path / "fuzz.csv"
    catalog.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["solve", str(config), "--catalog", str(catalog), "--time-limit", "2"]
    )
    assert result.exit_code in (0, 3, 4, 5), result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output


def test_several_problems_come_in_the_order_the_file_reads(tmp_path: Path) -> None:
    # Written in another order than Config declares its sections (athlete, week, ..., load).
    text = '[load]\nmax_session = -1\n[athlete]\nlevel = "beginer"\n[week]\nsessions = "x"\n'
    path = tmp_path / "mixed.toml"
    path.write_text(text, encoding="utf-8")
    code, output = run(["check", str(path)])
    assert code == 3, output
    lines = [int(line.split(":")[2]) for line in output.splitlines() if "mixed.toml:" in line]
    assert lines == [2, 4, 6], output


def test_a_catalog_the_config_names_is_blamed_on_the_config(tmp_path: Path) -> None:
    config = tmp_path / "athlete.toml"
    config.write_text('catalog = "gym.csv"\n' + SMALL_CONFIG)
    code, output = run(["solve", str(config)])
    assert code == 3, output
    assert (
        f"athlete.toml:1: catalog: 'gym.csv': {tmp_path / 'gym.csv'}: catalog file not found"
        in (output)
    )
