"""A broken exercise database stops the import with exit 3, naming the entry where it
breaks, and leaves nothing at -o (an existing file there stays as it was)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

SAMPLE = Path(__file__).parent / "data" / "free-exercise-db-sample.json"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def run(*args: str | Path) -> Result:
    from planner.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def import_fails(tmp_path: Path, text: str | bytes) -> str:
    """Import `text` as exercises.json: exit 3, nothing at -o; returns stderr."""
    source = tmp_path / "exercises.json"
    if isinstance(text, bytes):
        source.write_bytes(text)
    else:
        source.write_text(text, encoding="utf-8")
    out = tmp_path / "catalog.csv"
    result = run("catalog", "import", "free-exercise-db", source, "-o", out)
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not list(tmp_path.glob(".catalog.csv.*"))  # no temporary file left either
    return result.stderr


def entries() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(SAMPLE_TEXT)
    return data


def test_truncated_inside_an_entry_names_it(tmp_path: Path) -> None:
    cut = SAMPLE_TEXT.index('"name": "Barbell Deadlift"')  # entry 14, after Farmer's Walk
    stderr = import_fails(tmp_path, SAMPLE_TEXT[:cut])
    assert "entry 14 (after entry 13 ('Farmers_Walk')) is cut off" in stderr
    assert "truncated download or copy?" in stderr


def test_truncated_inside_a_string_names_the_entry(tmp_path: Path) -> None:
    cut = SAMPLE_TEXT.index("face down on a hyperextension")  # entry 15, mid-string
    stderr = import_fails(tmp_path, SAMPLE_TEXT[:cut])
    assert "is cut off: the file ends inside it" in stderr
    assert "after entry 14 ('Barbell_Deadlift')" in stderr


def test_truncated_after_an_entry_names_the_last_one(tmp_path: Path) -> None:
    end = SAMPLE_TEXT.rindex("}") + 1  # the last entry is whole, the list is not closed
    stderr = import_fails(tmp_path, SAMPLE_TEXT[:end])
    assert "ends after entry 28 ('Band_Good_Morning') without closing the list ']'" in stderr


def test_malformed_entry_names_it_and_its_line(tmp_path: Path) -> None:
    broken = SAMPLE_TEXT.replace('"name": "Plank",', '"name": "Plank"', 1)  # a comma lost
    stderr = import_fails(tmp_path, broken)
    line = broken[: broken.index('"name": "Plank"')].count("\n") + 1
    assert "entry 9 (after entry 8 ('Calf_Press')) is not valid JSON: Expecting ',' delimiter" in (
        stderr
    )
    assert f"(line {line + 1}, column" in stderr  # where the comma was expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty; expected a JSON list of exercises"),
        ('{"exercises": []}', "starts with '{\"exercises\": []}'; expected a JSON list"),
        ("[]", "holds no exercises (an empty list)"),
        ("[1, 2] x", "has text after the list ends: 'x'"),
        ('[{"id": "a"} {"id": "b"}]', "after entry 1 ('a'): expected ',' or ']' but found"),
    ],
)
def test_not_a_list_of_exercises(tmp_path: Path, text: str, message: str) -> None:
    assert message in import_fails(tmp_path, text)


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    stderr = import_fails(tmp_path, b'[\n{"name": "Squat \xff"}]')
    assert "exercises.json:2: is not UTF-8 text" in stderr


def test_every_bad_field_is_named_at_once(tmp_path: Path) -> None:
    data: list[Any] = entries()
    data[2]["level"] = "experd"
    data[3]["primaryMuscles"] = ["calfs"]
    del data[4]["name"]
    data[5] = "Seated Calf Raise"
    data[6]["id"] = data[7]["id"]
    stderr = import_fails(tmp_path, json.dumps(data, indent=1))
    assert (
        "entry 3 (Standing_Soleus_And_Achilles_Stretch): level: 'experd' is not allowed "
        "(did you mean 'expert'?); allowed: beginner, intermediate, expert"
    ) in stderr
    assert "entry 4 (Box_Jump_Multiple_Response): primaryMuscles: 'calfs' is not a muscle " in (
        stderr
    )
    assert "(did you mean 'calves'?)" in stderr
    assert "entry 5 (Medicine_Ball_Chest_Pass): name: is missing or empty" in stderr
    assert "entry 6: entry: is a str, not an object" in stderr
    assert "entry 8 (Calf_Press): id: duplicate id 'Calf_Press' (first on line" in stderr
    assert stderr.count("error: ") == 5


def test_a_directory_is_refused(tmp_path: Path) -> None:
    result = run("catalog", "import", "free-exercise-db", tmp_path, "-o", tmp_path / "c.csv")
    assert result.exit_code == 3
    assert "is a directory; expected a JSON file" in result.stderr


def test_an_existing_output_survives_a_failed_import(tmp_path: Path) -> None:
    out = tmp_path / "catalog.csv"
    out.write_text("the coach's catalog\n", encoding="utf-8")
    source = tmp_path / "exercises.json"
    source.write_text(SAMPLE_TEXT[: len(SAMPLE_TEXT) // 2], encoding="utf-8")
    result = run("catalog", "import", "free-exercise-db", source, "-o", out, "--force")
    assert result.exit_code == 3
    assert out.read_text(encoding="utf-8") == "the coach's catalog\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.csv", "exercises.json"]
