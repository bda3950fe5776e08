"""Loading one athlete's inputs: names as people write them, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.catalog.names import catalog_spelling
from planner.errors import ConfigError
from planner.inputs import load_inputs


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "athlete.toml"
    path.write_text(text)
    return path


def test_equipment_other_names_are_read_as_the_catalogs_with_a_note(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        '[equipment]\navailable = ["resistance band", "Dumbbells", "Medicine ball"]\n',
    )
    inputs = load_inputs(config)
    assert inputs.config.equipment.available == ["band", "dumbbell", "medicine_ball"]
    notes = [str(w) for w in inputs.warnings]
    assert any("'resistance band' is read as the catalog's 'band'" in n for n in notes)
    assert any("'Dumbbells' is read as the catalog's 'dumbbell'" in n for n in notes)
    assert all(":2: equipment.available" in n for n in notes)
    assert not any("Medicine ball" in n for n in notes)  # only its spelling differs: no note


def test_a_bad_day_and_a_misspelled_piece_of_kit_are_reported_together(tmp_path: Path) -> None:
    config = write(
        tmp_path, '[week]\navailable_days = ["mon", "Fir"]\n[equipment]\navailable = ["dumbell"]\n'
    )
    with pytest.raises(ConfigError) as info:
        load_inputs(config)
    keys = [p.key for p in info.value.problems]
    assert keys == ["week.available_days", "equipment.available"]
    assert "did you mean 'fri'?" in str(info.value)
    assert "did you mean 'dumbbell'?" in str(info.value)


def test_catalog_spelling_boundaries() -> None:
    kit = ("band", "box", "dumbbell")
    assert catalog_spelling("BOXES", kit, {}) == ("box", True)
    assert catalog_spelling("Dumb bell", kit, {}) == ("Dumb bell", False)  # no guessing
    assert catalog_spelling("lunges", ("lunge",), None) == ("lunges", False)  # ids: exact


def test_an_exercise_named_as_the_plan_shows_it_gets_its_id(tmp_path: Path) -> None:
    # A plan shows names; a user copies them into the config, where ids are asked for.
    config = write(
        tmp_path,
        '[exclude]\nexercises = ["Barbell Back Squat", "dumbbell  walking lunges", "backsquat",'
        ' "Goblet"]\n',
    )
    with pytest.raises(ConfigError) as info:
        load_inputs(config)
    messages = [p.message for p in info.value.problems]
    assert messages[0].startswith(
        "unknown exercise id 'Barbell Back Squat' (did you mean 'back_squat'? it is the id of "
        "Barbell Back Squat"
    )
    assert "(did you mean 'walking_lunge'? it is the id of Dumbbell Walking Lunge" in messages[1]
    # An id's typo, and a word that names no exercise, keep the id list.
    assert "(did you mean 'back_squat'?); allowed: " in messages[2]
    assert "it is the id of" not in messages[3] and "allowed: " in messages[3]
