"""`planner catalog import free-exercise-db`: every mapping rule on a committed sample of
real entries (data/free-exercise-db-sample.json, public domain), skips with reasons,
determinism, and a catalog that planner validates."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.catalog.catalog import load_catalog
from planner.importers.free_exercise_db import COLUMNS, Imported, import_free_exercise_db

SAMPLE = Path(__file__).parent / "data" / "free-exercise-db-sample.json"


def run(*args: str | Path) -> Result:
    from planner.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def rows_of(text: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


@pytest.fixture(scope="module")
def imported() -> Imported:
    return import_free_exercise_db(SAMPLE, output_name="sample.csv")


@pytest.fixture(scope="module")
def rows(imported: Imported) -> dict[str, dict[str, str]]:
    return rows_of(imported.text)


def points(row: dict[str, str], *muscles: str) -> tuple[int, ...]:
    return tuple(int(row[m]) for m in muscles)


# --- categories -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exercise_id", "category"),
    [
        ("standing_soleus_and_achilles_stretch", "mobility"),  # stretching
        ("box_jump_multiple_response", "plyometric"),  # plyometrics, a leg muscle leads
        ("medicine_ball_chest_pass", "upper"),  # plyometrics led by the chest
        ("seated_calf_raise", "calf"),  # primary calves
        ("crunches", "core"),  # primary abdominals
        ("hyperextensions_back_extensions", "core"),  # primary lower back
        ("barbell_deadlift", "lower"),  # primary lower back, but a hinge
        ("barbell_squat", "lower"),  # primary quadriceps
        ("band_good_morning", "lower"),  # primary hamstrings (powerlifting)
        ("clean", "lower"),  # olympic weightlifting, primary hamstrings
        ("pullups", "upper"),  # primary lats
        ("farmers_walk", "core"),  # primary forearms, a carry in the name
        ("alternating_renegade_row", "core"),  # primary middle back, renegade in the name
    ],
)
def test_category_mapping(rows: dict[str, dict[str, str]], exercise_id: str, category: str) -> None:
    assert rows[exercise_id]["category"] == category


def test_cardio_and_neck_are_skipped_with_reasons(imported: Imported) -> None:
    skipped = {s.name: s.reason for s in imported.skipped}
    assert set(skipped) == {"Running, Treadmill", "Side Neck Stretch"}
    assert skipped["Running, Treadmill"].startswith("cardio")
    assert skipped["Side Neck Stretch"].startswith("neck")
    assert len(imported.exercises) == 26


def test_level_equipment_and_names(rows: dict[str, dict[str, str]]) -> None:
    assert rows["hanging_leg_raise"]["level"] == "advanced"  # expert
    assert rows["ez_bar_curl"]["equipment"] == "barbell"  # e-z curl bar
    assert rows["kettlebell_figure_8"]["equipment"] == "kettlebell"  # kettlebells
    assert rows["band_good_morning"]["equipment"] == "band"  # bands
    assert rows["iliotibial_tract_smr"]["equipment"] == "foam_roller"  # foam roll
    assert rows["exercise_ball_crunch"]["equipment"] == "exercise_ball"
    assert rows["medicine_ball_chest_pass"]["equipment"] == "medicine_ball"
    assert rows["seated_calf_raise"]["equipment"] == "seated_calf_machine"  # machine, seated
    assert rows["calf_press"]["equipment"] == "calf_machine"  # machine, a calf exercise
    assert rows["crunches"]["equipment"] == ""  # body only
    assert rows["pullups"]["equipment"] == "pullup_bar"  # body only, "pull-up" in the name
    assert rows["barbell_squat"]["equipment"] == "barbell;rack"
    assert rows["farmers_walk"]["equipment"] == "dumbbell"  # "other", a farmer's carry
    assert rows["rickshaw_carry"]["equipment"] == "other"  # "other", nothing in the name
    assert rows["farmers_walk"]["name"] == "Farmer's Walk"


def test_primary_three_secondary_one_or_two(rows: dict[str, dict[str, str]]) -> None:
    squat = rows["barbell_squat"]  # quadriceps / calves, glutes, hamstrings, lower back
    assert points(squat, "quads", "glutes", "hamstrings") == (3, 2, 2)  # same region: 2
    assert points(squat, "erectors") == (1,)  # the trunk helping the legs: 1
    curl = rows["ez_bar_curl"]
    assert points(curl, "arms") == (3,)
    stretch = rows["iliotibial_tract_smr"]
    assert points(stretch, "abductors") == (1,)  # every muscle 1 in a stretch


def test_calf_bias_from_the_name(rows: dict[str, dict[str, str]]) -> None:
    gs = ("gastrocnemius", "soleus")
    assert points(rows["seated_calf_raise"], *gs) == (1, 3)  # seated: bent knee
    assert points(rows["standing_barbell_calf_raise"], *gs) == (3, 1)  # standing
    assert points(rows["calf_press"], *gs) == (2, 2)  # the name says nothing
    assert points(rows["standing_soleus_and_achilles_stretch"], *gs) == (0, 1)
    assert points(rows["barbell_squat"], *gs) == (0, 1)  # calves help a bent knee
    assert points(rows["barbell_deadlift"], *gs) == (1, 0)  # ... a straight one
    assert rows["seated_calf_raise"]["family"] == "bent_knee_calf_raise"
    assert rows["standing_barbell_calf_raise"]["family"] == "standing_calf_raise"


def test_core_functions_from_the_name(rows: dict[str, dict[str, str]]) -> None:
    functions = ("anti_extension", "anti_lateral_flexion", "anti_rotation")
    assert points(rows["plank"], *functions) == (3, 0, 0)
    assert points(rows["side_bridge"], *functions) == (0, 3, 0)
    assert points(rows["pallof_press"], *functions) == (0, 0, 3)
    assert points(rows["farmers_walk"], *functions) == (0, 2, 0)  # abdominals help: 2
    assert points(rows["alternating_renegade_row"], *functions) == (0, 0, 2)
    assert points(rows["crunches"], *functions) == (2, 0, 0)  # no function named
    assert points(rows["hanging_leg_raise"], "hip_flexors") == (2,)
    assert points(rows["face_pull"], "rear_delts", "shoulders") == (3, 1)


def test_tags_units_and_stimuli(rows: dict[str, dict[str, str]]) -> None:
    assert rows["plank"]["unit"] == "seconds" and "isometric" in rows["plank"]["tags"]
    assert rows["farmers_walk"]["unit"] == "meters"
    jump = rows["box_jump_multiple_response"]
    assert set(jump["tags"].split(";")) >= {"high_impact", "achilles_load"}
    assert jump["stimuli"] == "power"
    assert set(rows["barbell_squat"]["tags"].split(";")) == {"knee_dominant", "spinal_load"}
    assert set(rows["dumbbell_lunges"]["tags"].split(";")) >= {"unilateral", "balance"}
    assert "achilles_load" in rows["seated_calf_raise"]["tags"]  # a machine calf raise
    assert rows["barbell_squat"]["stimuli"] == "strength;endurance"
    assert rows["barbell_squat"]["loaded"] == "yes"
    assert rows["clean"]["stimuli"] == "strength;power;endurance"  # an olympic lift
    assert rows["ez_bar_curl"]["stimuli"] == "endurance"  # upper-body isolation
    assert rows["medicine_ball_chest_pass"]["stimuli"] == "power"
    assert rows["crunches"]["stimuli"] == "stability"
    assert rows["iliotibial_tract_smr"]["stimuli"] == "mobility"


def test_load_proxy_orders_as_the_bundled_catalog(rows: dict[str, dict[str, str]]) -> None:
    load = {i: int(r["load"]) for i, r in rows.items()}
    assert load["iliotibial_tract_smr"] == 0 < load["plank"] == 1
    assert load["band_good_morning"] < load["dumbbell_lunges"] < load["barbell_squat"] == 6
    assert load["barbell_deadlift"] == 6 and load["box_jump_multiple_response"] == 3


def test_source_column_names_every_guess(rows: dict[str, dict[str, str]]) -> None:
    seated = rows["seated_calf_raise"]["source"]
    assert seated.startswith("free-exercise-db/Seated_Calf_Raise; ")
    assert "soleus 3, gastrocnemius 1 ('seated')" in seated
    assert "equipment seated_calf_machine" in seated
    assert "anti_extension 3 ('plank')" in rows["plank"]["source"]
    assert "category core ('farmer')" in rows["farmers_walk"]["source"]
    assert "unit meters ('farmer')" in rows["farmers_walk"]["source"]
    assert "no core function in the name" in rows["crunches"]["source"]
    assert "gastrocnemius and soleus 2 (no knee position" in rows["calf_press"]["source"]
    # Values from the database's own fields are no guesses: a stretch's family and
    # coverage come from its category and muscles.
    assert rows["iliotibial_tract_smr"]["source"] == "free-exercise-db/Iliotibial_Tract-SMR"


def test_names_and_tags_only(imported: Imported) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    instructions = [line for entry in data for line in entry["instructions"] if line.strip()]
    images = [path for entry in data for path in entry["images"]]
    assert instructions and images
    assert not any(line in imported.text for line in instructions)
    assert not any(path in imported.text for path in images)
    assert next(csv.reader(io.StringIO(imported.text))) == list(COLUMNS)


def test_the_catalog_validates_and_lists(tmp_path: Path) -> None:
    out = tmp_path / "catalog.csv"
    result = run("catalog", "import", "free-exercise-db", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert "imported 26 of 28 exercises" in result.stderr
    assert "skipped 2:" in result.stderr and "1 cardio" in result.stderr
    catalog = load_catalog(out)
    assert len(catalog) == 26
    listing = run("catalog", "--catalog", out, "--category", "calf")
    assert listing.exit_code == 0, listing.output
    listed = {line.split()[0] for line in listing.stdout.splitlines()[2:]}
    assert listed == {"calf_press", "seated_calf_raise", "standing_barbell_calf_raise"}


def test_import_is_deterministic(tmp_path: Path) -> None:
    first, second, shuffled = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    for out in (first, second):
        assert run("catalog", "import", "free-exercise-db", SAMPLE, "-o", out).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    # The entries' order in the file does not matter either.
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    random.Random(7).shuffle(data)
    reordered = tmp_path / "reordered.json"
    reordered.write_text(json.dumps(data), encoding="utf-8")
    assert run("catalog", "import", "free-exercise-db", reordered, "-o", shuffled).exit_code == 0
    assert shuffled.read_bytes() == first.read_bytes()


def test_an_existing_output_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "mine.csv"
    out.write_text("my own catalog\n", encoding="utf-8")
    refused = run("catalog", "import", "free-exercise-db", SAMPLE, "-o", out)
    assert refused.exit_code == 3
    assert "already exists; pass --force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "my own catalog\n"
    forced = run("catalog", "import", "free-exercise-db", SAMPLE, "-o", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert len(load_catalog(out)) == 26
    same = run("catalog", "import", "free-exercise-db", SAMPLE, "-o", SAMPLE, "--force")
    assert same.exit_code == 3 and "is an input of this run" in same.stderr


def test_browse_options_stay_on_the_group() -> None:
    mixed = run("catalog", "--category", "calf", "import", "free-exercise-db", SAMPLE, "-o", "x")
    assert mixed.exit_code == 2
    assert "give them without `import`" in mixed.stderr
    unknown = run("catalog", "import", "other-db", SAMPLE, "-o", "x.csv")
    assert unknown.exit_code == 2 and "free-exercise-db" in unknown.stderr
