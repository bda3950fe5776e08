"""The command line through click's CliRunner: outputs, files and exit codes.

click >= 8.2 keeps stdout and stderr apart in `result.stdout` / `result.stderr`;
`result.output` is both interleaved, as a terminal would show them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.catalog.catalog import Catalog
from planner.config.config import parse_config
from planner.training.prescription import minutes_of_session, prescribe

EXAMPLES = Path(__file__).parent.parent / "examples"
EXAMPLE = EXAMPLES / "5k-bodyweight.toml"
BUNDLED_CSV = Path(__file__).parent.parent / "planner" / "data" / "catalog.csv"


def run(*args: str | Path) -> Result:
    from planner.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def json_result() -> Result:
    return run("solve", EXAMPLE, "--format", "json")


# --- solve ----------------------------------------------------------------------------


def test_solve_table(bundled: Catalog) -> None:
    result = run("solve", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert "OPTIMAL" in result.stdout
    assert "Strength week for Maya" in result.stdout
    assert "soleus : gastrocnemius" in result.stdout
    lines = result.stdout.splitlines()
    status = next(i for i, line in enumerate(lines) if line.startswith("Status: OPTIMAL"))
    assert lines[status + 1].startswith(
        "Goal profile: power: a plyometric every session not on the eve"
    )
    assert "intensity" in result.stdout and "rest" in result.stdout
    assert "solving" in result.stderr and "solving" not in result.stdout


def test_solve_json_shape(json_result: Result, bundled: Catalog) -> None:
    assert json_result.exit_code == 0, json_result.output
    data = json.loads(json_result.stdout)
    for key in ("status", "objective", "best_bound", "config", "catalog", "days", "coverage",
                "solver", "profile", "notes"):  # fmt: skip
        assert key in data, key
    assert data["status"] == "OPTIMAL"
    assert isinstance(data["objective"], int)
    assert data["objective"] == data["best_bound"]
    assert data["profile"].startswith("power: ")
    assert isinstance(data["notes"], list) and all(isinstance(n, str) for n in data["notes"])

    catalog = data["catalog"]
    assert Path(catalog["path"]).is_absolute()
    assert catalog["path"] == str(bundled.path)
    assert catalog["sha256"] == bundled.sha256
    assert catalog["exercises"] == len(bundled)

    assert data["solver"]["workers"] == 1 and data["solver"]["seed"] == 0
    assert isinstance(data["solver"]["wall_time_s"], float)
    assert data["solver"]["ortools"].count(".") >= 2


def test_solve_json_config_is_effective(json_result: Result) -> None:
    data = json.loads(json_result.stdout)
    config = data["config"]
    assert set(config) == {"catalog", "athlete", "week", "session", "weekly", "balance", "load",
                           "fatigue", "variety", "equipment", "exclude", "include", "objective",
                           "solver", "goal", "block"}  # fmt: skip
    assert config["athlete"]["name"] == "Maya"
    assert config["week"]["sessions"] == 2
    # Not in the TOML: the power profile for an intermediate fills them in (goals.toml).
    assert config["goal"] == {
        "dose": 1,
        "eve_dose": 0,
        "dose_categories": ["plyometric"],
        "heavy_per_week": {
            "lower": 1,
            "calf": 0,
            "core": 0,
            "upper": 0,
            "plyometric": 0,
            "mobility": 0,
        },
        "weekly_load": 55,
        "heavy_sets": [6, 12],
        "prescription": {},
    }
    assert config["include"] == {"exercises": []}
    assert config["objective"]["rest_before_key_runs"] == 5
    assert config["exclude"] == {"exercises": [], "tags": []}  # a default: not in the TOML
    assert config["weekly"]["lower"] is None
    assert config["solver"] == {"time_limit": 10.0, "seed": 0, "workers": 1}
    assert parse_config(config).effective() == config  # it round-trips


EXERCISE_KEYS = {"id", "name", "category", "sets", "reps", "load", "minutes", "role", "per_side",
                 "intensity", "rest_s", "tempo", "loaded", "cue"}  # fmt: skip


def test_solve_json_days(json_result: Result, bundled: Catalog) -> None:
    data = json.loads(json_result.stdout)
    profile = parse_config(data["config"]).profile
    days = data["days"]
    assert len(days) == 2
    assert {d["day"] for d in days} <= {"mon", "wed", "fri"}
    for day in days:
        assert set(day) >= {"day", "exercises", "load", "minutes"}
        for e in day["exercises"]:
            assert set(e) >= EXERCISE_KEYS
            dosed = prescribe(bundled[e["id"]], profile)
            assert (e["role"], e["sets"], e["reps"], e["rest_s"], e["intensity"]) == (
                dosed.role, dosed.sets, dosed.reps, dosed.rest_s, dosed.intensity,
            )  # fmt: skip
            assert (e["minutes"], e["per_side"], e["tempo"]) == (
                dosed.minutes, dosed.per_side, dosed.tempo,
            )  # fmt: skip
            assert e["loaded"] == bundled[e["id"]].loaded
        assert day["load"] == sum(e["load"] for e in day["exercises"])
        # Accessories are paired into the main lifts' rests: the session is no longer than
        # its exercises one after the other, and no shorter than its longest exercise.
        session = [
            (bundled[e["id"]], prescribe(bundled[e["id"]], profile)) for e in day["exercises"]
        ]
        assert day["minutes"] == minutes_of_session(session)
        minutes = [e["minutes"] for e in day["exercises"]]
        assert max(minutes) <= day["minutes"] <= sum(minutes)
        assert day["load"] <= 20 and day["minutes"] <= 40  # the example's caps
    coverage = data["coverage"]
    assert coverage["soleus"] >= 0.8 * coverage["gastrocnemius"]


def test_solve_markdown() -> None:
    result = run("solve", EXAMPLE, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Strength week for Maya")
    assert "\n## " in result.stdout
    # The athlete's handout: what to do, with the cue beside each exercise ...
    assert "| exercise | sets x reps | intensity | rest | min | cue |" in result.stdout
    assert "\n- Goal profile: power: " in result.stdout  # a list item, its own paragraph
    # ... and the solver's word in a footer, after the week.
    body, footer = result.stdout.split("\n---\n")
    assert "Status:" not in body
    assert footer.strip().startswith("Status: OPTIMAL: proven optimal; objective ")


def test_solve_csv(json_result: Result) -> None:
    result = run("solve", EXAMPLE, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    days = json.loads(json_result.stdout)["days"]
    assert len(rows) == sum(len(d["exercises"]) for d in days)
    assert [r["id"] for r in rows] == [e["id"] for d in days for e in d["exercises"]]
    assert {r["athlete"] for r in rows} == {"Maya"}  # the athlete's name, outside a batch
    assert list(rows[0]) == [
        "athlete", "day", "id", "name", "category", "family", "role", "sets", "reps", "unit",
        "per_side", "intensity", "rest_s", "tempo", "load", "minutes", "cue",
    ]  # fmt: skip
    for row, e in zip(rows, [e for d in days for e in d["exercises"]], strict=True):
        assert (row["role"], row["intensity"], row["rest_s"]) == (
            e["role"], e["intensity"], str(e["rest_s"]),
        )  # fmt: skip


def test_solve_output_file(tmp_path: Path, json_result: Result) -> None:
    out = tmp_path / "plan.json"
    result = run("solve", EXAMPLE, "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["days"] == json.loads(json_result.stdout)["days"]
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]  # no temporary left over


@pytest.mark.parametrize(
    ("name", "starts"),
    [("plan.json", '{\n  "status"'), ("plan.html", "<!DOCTYPE html>"), ("plan.md", "# Strength"),
     ("plan.txt", "Strength week"), ("plan.TXT", "Strength week"), ("plan", "Strength week")],
)  # fmt: skip
def test_without_format_the_output_files_extension_names_it(
    tmp_path: Path, name: str, starts: str
) -> None:
    out = tmp_path / name
    result = run("solve", EXAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(starts)
    assert "warning" not in result.stderr


def test_a_format_given_wins_over_the_extension_with_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = run("solve", EXAMPLE, "--format", "markdown", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Strength week")
    assert f"warning: writing --format markdown to {out}, not json" in result.stderr


def test_a_block_written_to_a_json_file_is_json(tmp_path: Path) -> None:
    out = tmp_path / "block.json"
    result = run("block", EXAMPLES / "block-bodyweight.toml", "-o", out)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["weeks"]


def test_solve_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    out.write_text("keep me", encoding="utf-8")
    result = run("solve", EXAMPLE, "-o", out)
    assert result.exit_code == 3, result.output
    assert "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"


def test_solve_force_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    out.write_text("old", encoding="utf-8")
    result = run("solve", EXAMPLE, "--format", "markdown", "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Strength week")


def test_solve_output_in_missing_directory(tmp_path: Path) -> None:
    out = tmp_path / "nope" / "plan.json"
    result = run("solve", EXAMPLE, "-o", out)
    assert result.exit_code == 3, result.output
    assert "does not exist" in result.stderr
    assert not out.parent.exists()


def test_solve_infeasible_exits_4(tmp_path: Path, tiny_csv: Path) -> None:
    # The tiny catalog, as below (test_explain.py runs the examples' explanations).
    config = tmp_path / "tight.toml"
    config.write_text("[load]\nmax_week = 1\n[session]\nlower = [1, 1]\n", encoding="utf-8")
    result = run("solve", config, "--catalog", tiny_csv)
    assert result.exit_code == 4, result.output
    assert "INFEASIBLE" in result.output
    assert "Traceback" not in result.output


def test_solve_infeasible_json(tmp_path: Path, tiny_csv: Path) -> None:
    config = tmp_path / "tight.toml"
    # a written session band: the profile's own would be a target. The tiny catalog: the
    # explanation that comes with no plan is searched in 0.3 s, not 2 s on the bundled one.
    config.write_text("[load]\nmax_week = 1\n[session]\nlower = [1, 1]\n", encoding="utf-8")
    result = run("solve", config, "--format", "json", "--catalog", tiny_csv)
    assert result.exit_code == 4, result.output
    data = json.loads(result.stdout)
    assert data["status"] == "INFEASIBLE"
    assert data["days"] == [] and data["objective"] is None


def test_solve_typo_exits_3_with_hint(tmp_path: Path) -> None:
    config = tmp_path / "typo.toml"
    config.write_text("[week]\nsesions = 3\n", encoding="utf-8")
    result = run("solve", config)
    assert result.exit_code == 3, result.output
    assert "did you mean 'sessions'?" in result.stderr
    assert f"{config}:2: week.sesions" in result.stderr
    assert "Traceback" not in result.output


def test_solve_missing_config_exits_3(tmp_path: Path) -> None:
    result = run("solve", tmp_path / "nope.toml")
    assert result.exit_code == 3, result.output
    assert "not found" in result.stderr


def test_solve_bad_catalog_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id;name\n", encoding="utf-8")
    result = run("solve", EXAMPLE, "--catalog", bad)
    assert result.exit_code == 3, result.output
    assert f"{bad}:1:" in result.stderr


def test_solve_usage_error_exits_2() -> None:
    result = run("solve", EXAMPLE, "--format", "pdf")
    assert result.exit_code == 2
    assert "pdf" in result.stderr


def test_solve_solver_options_reach_json() -> None:
    result = run("solve", EXAMPLE, "--format", "json", "--seed", "7", "--time-limit", "20")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["solver"]["seed"] == 7
    assert data["config"]["solver"]["time_limit"] == 20.0


def test_solve_huge_seed_is_a_user_error() -> None:
    result = run("solve", EXAMPLE, "--seed", "3000000000")
    assert result.exit_code in (2, 3), result.output


# --- check, catalog, schema, help -----------------------------------------------------


def test_check_ok() -> None:
    result = run("check", EXAMPLES / "home-kit-30min.toml")
    assert result.exit_code == 0, result.output
    assert ": ok (" in result.stdout
    assert "usable by this athlete" in result.stdout


def test_check_typo_exits_3(tmp_path: Path) -> None:
    config = tmp_path / "typo.toml"
    config.write_text('[athlete]\ngoal = "endurence"\n', encoding="utf-8")
    result = run("check", config)
    assert result.exit_code == 3
    assert "did you mean 'endurance'?" in result.stderr


def test_catalog_calf_soleus(bundled: Catalog) -> None:
    result = run("catalog", "--category", "calf", "--muscle", "soleus")
    assert result.exit_code == 0, result.output
    expected = {e.id for e in bundled if e.category == "calf" and e.covers("soleus")}
    listed = {line.split()[0] for line in result.stdout.splitlines()[2:] if line.strip()}
    assert listed == expected
    header = result.stdout.splitlines()[0].split()
    assert header[:3] == ["id", "name", "category"]  # the id a config names, the name a plan shows
    assert header[-2:] == ["soleus", "points"]
    assert "Bent-Knee Calf Raise" in result.stdout
    assert f"{len(expected)} of {len(bundled)} exercises" in result.stderr


def test_catalog_unknown_category(tmp_path: Path) -> None:
    result = run("catalog", "--category", "calves")
    assert result.exit_code == 3
    assert "did you mean 'calf'?" in result.stderr


def test_catalog_lists_tags_and_equipment(bundled: Catalog) -> None:
    tags = run("catalog", "--tags")
    assert tags.exit_code == 0, tags.output
    listed = {line.split()[0]: int(line.split()[1]) for line in tags.stdout.splitlines()[2:]}
    assert set(listed) == set(bundled.tags)
    assert listed["achilles_load"] == sum(1 for e in bundled if "achilles_load" in e.tags)
    equipment = run("catalog", "--equipment")
    assert equipment.exit_code == 0, equipment.output
    assert {line.split()[0] for line in equipment.stdout.splitlines()[2:]} == set(bundled.equipment)
    tagged = run("catalog", "--tag", "high_impact", "--category", "plyometric")
    assert tagged.exit_code == 0, tagged.output
    assert "tags" in tagged.stdout.splitlines()[0]
    rows = tagged.stdout.splitlines()[2:]
    assert rows and all("high_impact" in line for line in rows)
    assert "did you mean 'high_impact'?" in run("catalog", "--tag", "high_impakt").stderr


def test_a_shortened_list_says_where_to_see_it_all(tmp_path: Path) -> None:
    config = tmp_path / "tags.toml"
    config.write_text('[exclude]\ntags = ["impact"]\n', encoding="utf-8")
    result = run("check", config)
    assert result.exit_code == 3
    assert "in all; planner catalog --tags lists them)" in result.stderr


def test_excluding_tags_a_catalog_lacks_warns_and_runs(tmp_path: Path) -> None:
    # masters-achilles.toml excludes high_impact and achilles_load: against a catalog that
    # tags nothing it runs with two warnings instead of exit 3 with an empty "allowed:".
    rows = list(csv.DictReader(io.StringIO(BUNDLED_CSV.read_text(encoding="utf-8"))))
    for row in rows:
        row["tags"] = ""
    untagged = tmp_path / "untagged.csv"
    with untagged.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = run("check", EXAMPLES / "masters-achilles.toml", "--catalog", untagged)
    assert result.exit_code == 0, result.output
    for tag in ("high_impact", "achilles_load"):
        assert f"exclude.tags: no exercise in the catalog is tagged '{tag}'" in result.stderr
    assert "allowed:" not in result.stderr


def test_schema_keys_lists_every_roster_column() -> None:
    from planner.batch.columns import OVERRIDE_KEYS

    result = run("schema", "--keys")
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[2:]}
    assert set(rows) == {*OVERRIDE_KEYS, "extends"}
    assert "(TOML only)" in rows["extends"]  # not a roster column: the config column is
    assert rows["week.sessions"].split()[1:] == ["whole", "number", "1..7", "or", "none", "goal",
                                                 "profile"]  # fmt: skip
    assert "beginner | intermediate | advanced" in rows["athlete.level"]
    assert rows["load.max_week"].rstrip().endswith("none")
    assert "planner catalog --tags" in rows["exclude.tags"]
    # a yes/no key, a [min, max] band kept in a list, defaults that depend on the level
    assert "true | false" in rows["week.heavy_legs_on_long_run_day"]
    assert "min;max, each a whole number 0..100" in rows["goal.heavy_sets"]
    assert rows["fatigue.max_session"].rstrip().endswith("by level: 70 / 100 / 130")


def test_schema_is_json() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "properties" in schema
    assert {"week", "load", "balance"} <= set(schema["properties"])


@pytest.mark.parametrize("args", [(), ("solve",), ("check",), ("catalog",), ("schema",)])
def test_help(args: tuple[str, ...]) -> None:
    result = run(*args, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_help_lists_exit_codes() -> None:
    result = run("solve", "--help")
    text = " ".join(result.stdout.split())  # help text is wrapped
    assert "3 invalid input, 4 infeasible, 5 time limit" in text


def test_the_time_limit_option_has_the_config_bounds() -> None:
    from annotated_types import Ge, Le

    from planner.cli.options import TIME_LIMIT
    from planner.config.config import Config

    solver = Config.model_fields["solver"].annotation
    assert solver is not None
    assert TIME_LIMIT.min is not None and TIME_LIMIT.max is not None
    assert Le(TIME_LIMIT.max) in solver.model_fields["time_limit"].metadata
    assert Ge(TIME_LIMIT.min) in solver.model_fields["time_limit"].metadata
