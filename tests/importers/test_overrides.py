"""`--overrides`: a coach's corrections to imported rows, checked by the catalog's rules and
reported at the overrides file's line and column, with "did you mean"."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner, Result

SAMPLE = Path(__file__).parent / "data" / "free-exercise-db-sample.json"


def run(*args: str | Path) -> Result:
    from planner.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def import_with(tmp_path: Path, overrides: str) -> tuple[Result, Path]:
    fixes = tmp_path / "fixes.csv"
    fixes.write_text(overrides, encoding="utf-8")
    out = tmp_path / "catalog.csv"
    result = run("catalog", "import", "free-exercise-db", SAMPLE, "-o", out, "--overrides", fixes)
    return result, out


def rejected(tmp_path: Path, overrides: str) -> str:
    result, out = import_with(tmp_path, overrides)
    assert result.exit_code == 3, result.output
    assert not out.exists()
    return result.stderr


def test_overrides_replace_cells_and_say_so(tmp_path: Path) -> None:
    result, out = import_with(
        tmp_path,
        "id,family,equipment,tags,soleus,gastrocnemius\n"
        "# a comment row\n"
        "calf_press,seated_calf_raise,seated_calf_machine,none,3,1\n"
        "plank,,,,,\n",
    )
    assert result.exit_code == 0, result.output
    assert "2 rows corrected from" in result.stderr
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    press = rows["calf_press"]
    assert (press["family"], press["equipment"], press["tags"]) == (
        "seated_calf_raise",
        "seated_calf_machine",
        "",
    )
    assert (press["soleus"], press["gastrocnemius"]) == ("3", "1")
    # The guesses the override replaced are gone from the source; the rest stay.
    assert press["source"] == (
        "free-exercise-db/Calf_Press; overridden: equipment, family, gastrocnemius, soleus, tags"
    )
    assert rows["plank"]["source"].endswith("anti_extension 3 ('plank')")  # empty cells keep


def test_unknown_id_with_did_you_mean(tmp_path: Path) -> None:
    stderr = rejected(tmp_path, "id,family\nseated_calf_rase,calf_raise\n")
    assert "fixes.csv:2: id: 'seated_calf_rase' is not an imported exercise " in stderr
    assert "(did you mean 'seated_calf_raise'?)" in stderr


def test_unknown_column_with_did_you_mean(tmp_path: Path) -> None:
    stderr = rejected(tmp_path, "id,catgory\nplank,core\n")
    assert "fixes.csv:1: catgory: not a catalog column (did you mean 'category'?)" in stderr


def test_a_bad_value_is_named_at_its_row_and_column(tmp_path: Path) -> None:
    stderr = rejected(
        tmp_path,
        "id,category,soleus\nplank,core,\nseated_calf_raise,lowr,4\n",
    )
    assert (
        "fixes.csv:3: category: seated_calf_raise: 'lowr' is not allowed (did you mean "
        "'lower'?); allowed: lower, calf, core, upper, plyometric, mobility"
    ) in stderr
    assert "fixes.csv:3: soleus: seated_calf_raise: 4 is out of range; allowed: 0..3" in stderr


def test_zeroing_every_muscle_is_named_at_the_row(tmp_path: Path) -> None:
    stderr = rejected(tmp_path, "id,anti_extension\nplank,0\n")
    assert "fixes.csv:2: coverage: plank: every coverage column is 0" in stderr


def test_twice_the_same_id_and_short_rows(tmp_path: Path) -> None:
    stderr = rejected(tmp_path, "id,family\nplank,plank\nplank,hold\ncrunches\n")
    assert "fixes.csv:3: id: 'plank' is overridden twice (first on line 2)" in stderr
    assert "fixes.csv:4: has 1 fields, the header has 2" in stderr


def test_no_id_column(tmp_path: Path) -> None:
    stderr = rejected(tmp_path, "exercise,family\nplank,plank\n")
    assert "fixes.csv:1: id: required column is missing" in stderr
    assert "fixes.csv:1: exercise: not a catalog column" in stderr


def test_missing_overrides_file(tmp_path: Path) -> None:
    out = tmp_path / "catalog.csv"
    result = run(
        "catalog", "import", "free-exercise-db", SAMPLE, "-o", out,
        "--overrides", tmp_path / "nope.csv",
    )  # fmt: skip
    assert result.exit_code == 3
    assert "nope.csv: overrides file not found" in result.stderr
    assert not out.exists()
