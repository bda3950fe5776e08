"""Loading and validating the catalog CSV: the bundled one and broken user files."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest
from conftest import HEADER, TINY, tiny_rows

from planner.catalog.catalog import Catalog, bundled_catalog_path, load_catalog, typo_warnings
from planner.errors import CatalogError
from planner.vocabulary import CATEGORIES, LEVELS, MUSCLES, UNITS


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


def load_text(tmp_path: Path, text: str | bytes) -> Catalog:
    path = tmp_path / "catalog.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return load_catalog(path)


def problems(tmp_path: Path, text: str | bytes) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(CatalogError) as info:
        load_text(tmp_path, text)
    return [(p.line, p.key, p.message) for p in info.value.problems]


def with_cell(row: int, column: str, value: str) -> list[list[str]]:
    rows = tiny_rows()
    rows[row][HEADER.index(column)] = value
    return rows


# --- the bundled catalog --------------------------------------------------------------


def test_bundled_catalog_loads(bundled: Catalog) -> None:
    assert len(bundled) >= 80
    assert bundled.path == bundled_catalog_path().resolve()
    assert bundled.sha256 == hashlib.sha256(bundled_catalog_path().read_bytes()).hexdigest()


def test_bundled_ids_unique(bundled: Catalog) -> None:
    assert len(set(bundled.ids)) == len(bundled)


def test_bundled_loaded_and_machine_calf_raises_load_the_achilles(bundled: Catalog) -> None:
    # As the importer tags them ("a heavy or machine calf raise -> achilles_load"), so that
    # excluding achilles_load keeps a returning Achilles to bodyweight and seated raises.
    for e in bundled:
        if e.category == "calf" and e.loaded and e.family == "standing_calf_raise":
            assert "achilles_load" in e.tags, e.id


def test_bundled_every_category_has_bodyweight_options(bundled: Catalog) -> None:
    assert {e.category for e in bundled} == set(CATEGORIES)
    for category in CATEGORIES:
        bodyweight = [e for e in bundled if e.category == category and not e.equipment]
        assert bodyweight, category
        assert any(e.level == "beginner" for e in bodyweight), category


def test_bundled_values_in_range(bundled: Catalog) -> None:
    for e in bundled:
        assert e.level in LEVELS
        assert e.unit in UNITS
        assert e.load >= 0 and e.minutes >= 1 and e.sets >= 1 and e.reps >= 1
        assert len(e.coverage) == len(MUSCLES)
        assert all(0 <= c <= 3 for c in e.coverage) and any(e.coverage)


def test_bundled_core_functions_and_calves_are_covered(bundled: Catalog) -> None:
    for muscle in ("soleus", "gastrocnemius", "anti_extension", "anti_lateral_flexion",
                   "anti_rotation"):  # fmt: skip
        assert any(e.covers(muscle) for e in bundled if not e.equipment), muscle


# --- the tiny catalog, read back ------------------------------------------------------


def test_tiny_catalog_reads_back(tiny: Catalog) -> None:
    assert len(tiny) == len(TINY) == 23
    squat = tiny["squat_goblet"]
    assert (squat.category, squat.family, squat.level, squat.load, squat.minutes) == (
        "lower", "squat", "beginner", 4, 6,
    )  # fmt: skip
    assert squat.equipment == frozenset({"dumbbell"})
    assert squat.covers("quads") == 3 and squat.covers("adductors") == 1
    assert squat.line == 3
    assert tiny["pogo_hops"].tags == frozenset({"high_impact", "achilles_load"})
    assert "squat_bw" in tiny and "nope" not in tiny
    assert tiny.equipment == frozenset({"band", "box", "dumbbell", "pullup_bar"})


# --- broken catalogs ------------------------------------------------------------------


def test_missing_column(tmp_path: Path) -> None:
    keep = [i for i, h in enumerate(HEADER) if h != "family"]
    header = [HEADER[i] for i in keep]
    rows = [[r[i] for i in keep] for r in tiny_rows()]
    assert problems(tmp_path, csv_text(header, rows)) == [
        (1, "family", "required column is missing")
    ]


def test_misspelt_column_gets_a_hint(tmp_path: Path) -> None:
    header = ["famly" if h == "family" else h for h in HEADER]
    found = problems(tmp_path, csv_text(header, tiny_rows()))
    assert found == [(1, "family", "required column is missing (did you mean 'famly'?)")]


def test_extra_column_is_welcome(tmp_path: Path) -> None:
    header = [*HEADER, "comment", "video"]
    rows = [[*r, "x", "y"] for r in tiny_rows()]
    assert len(load_text(tmp_path, csv_text(header, rows))) == 23


@pytest.mark.parametrize("column", ["notes", "rest"])
def test_common_extra_columns_are_welcome(tmp_path: Path, column: str) -> None:
    header = [*HEADER, column]
    rows = [[*r, "x"] for r in tiny_rows()]
    assert len(load_text(tmp_path, csv_text(header, rows))) == 23


def test_duplicate_id(tmp_path: Path) -> None:
    rows = tiny_rows()
    rows.append(list(rows[0]))
    # header is line 1, the 23 rows lines 2..24, the copy of line 2 is line 25
    assert problems(tmp_path, csv_text(HEADER, rows)) == [
        (25, "id", "duplicate exercise id 'squat_bw' (first on line 2)")
    ]


def test_non_integer_coverage(tmp_path: Path) -> None:
    found = problems(tmp_path, csv_text(HEADER, with_cell(2, "soleus", "x")))
    assert found == [(4, "soleus", "'x' is not a whole number; allowed: integers 0..3")]


def test_coverage_four_is_out_of_range(tmp_path: Path) -> None:
    found = problems(tmp_path, csv_text(HEADER, with_cell(2, "soleus", "4")))
    assert found == [(4, "soleus", "4 is out of range; allowed: 0..3")]


def test_negative_load(tmp_path: Path) -> None:
    found = problems(tmp_path, csv_text(HEADER, with_cell(0, "load", "-1")))
    assert [(line, key) for line, key, _ in found] == [(2, "load")]


def test_unknown_category_with_hint(tmp_path: Path) -> None:
    ((line, key, message),) = problems(tmp_path, csv_text(HEADER, with_cell(5, "category", "lowr")))
    assert (line, key) == (7, "category")
    assert "'lowr' is not allowed" in message
    assert "did you mean 'lower'?" in message


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    rows = with_cell(0, "level", "expert")
    rows[3][HEADER.index("minutes")] = "0"
    found = problems(tmp_path, csv_text(HEADER, rows))
    assert [(line, key) for line, key, _ in found] == [(2, "level"), (5, "minutes")]


def test_zero_coverage_row(tmp_path: Path) -> None:
    rows = tiny_rows()
    for muscle in MUSCLES:
        rows[0][HEADER.index(muscle)] = "0"
    assert [(line, key) for line, key, _ in problems(tmp_path, csv_text(HEADER, rows))] == [
        (2, "coverage")
    ]


def test_bad_slug(tmp_path: Path) -> None:
    found = problems(tmp_path, csv_text(HEADER, with_cell(0, "id", "Squat BW")))
    assert [(line, key) for line, key, _ in found] == [(2, "id")]


def test_semicolon_delimiter(tmp_path: Path) -> None:
    text = "\n".join(";".join(row) for row in [HEADER, *tiny_rows()]) + "\n"
    ((line, key, message),) = problems(tmp_path, text)
    assert line == 1 and key is None
    assert "separated by ';'" in message


def test_empty_file(tmp_path: Path) -> None:
    ((line, _, message),) = problems(tmp_path, "")
    assert line is None
    assert "is empty" in message


def test_whitespace_only_file(tmp_path: Path) -> None:
    ((_, _, message),) = problems(tmp_path, "  \n\n")
    assert "is empty" in message


def test_header_only(tmp_path: Path) -> None:
    assert problems(tmp_path, csv_text(HEADER, [])) == [
        (None, None, "has a header but no exercises")
    ]


def test_short_row(tmp_path: Path) -> None:
    text = csv_text(HEADER, tiny_rows()) + "a,b,c\n"
    assert problems(tmp_path, text) == [(25, None, f"has 3 fields, the header has {len(HEADER)}")]


def test_not_utf8(tmp_path: Path) -> None:
    rows = with_cell(1, "name", "Squät")
    ((line, _, message),) = problems(tmp_path, csv_text(HEADER, rows).encode("latin-1"))
    assert line == 3
    assert "not UTF-8" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not found"):
        load_catalog(tmp_path / "nope.csv")


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="is a directory"):
        load_catalog(tmp_path)


def test_error_text_has_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as info:
        load_text(tmp_path, csv_text(HEADER, with_cell(2, "soleus", "4")))
    assert (
        str(info.value) == f"{tmp_path / 'catalog.csv'}:4: soleus: 4 is out of range; allowed: 0..3"
    )


def test_bom_loads(tmp_path: Path) -> None:
    catalog = load_text(tmp_path, b"\xef\xbb\xbf" + csv_text(HEADER, tiny_rows()).encode())
    assert len(catalog) == 23
    assert catalog.ids[0] == "squat_bw"


def test_blank_trailing_rows_load(tmp_path: Path) -> None:
    text = csv_text(HEADER, tiny_rows()) + "\n\n" + "," * (len(HEADER) - 1) + "\n  \n"
    assert len(load_text(tmp_path, text)) == 23


def test_crlf_line_endings_load(tmp_path: Path) -> None:
    text = csv_text(HEADER, tiny_rows()).replace("\n", "\r\n")
    assert len(load_text(tmp_path, text)) == 23


def test_optional_columns_default(tmp_path: Path) -> None:
    keep = [i for i, h in enumerate(HEADER) if h not in ("unit", "cue")]
    rows = [[r[i] for i in keep] for r in tiny_rows()]
    catalog = load_text(tmp_path, csv_text([HEADER[i] for i in keep], rows))
    assert {e.unit for e in catalog} == {"reps"}
    assert {e.cue for e in catalog} == {""}


# --- stimuli and loaded ---------------------------------------------------------------

# What the tiny catalog's rows deliver when the columns are absent (planner/catalog/stimulus.py):
# loaded = a dumbbell; lower/calf/upper work gives strength too when loaded, single-leg
# or above beginner level; core stability, plyometrics power, mobility mobility.
DERIVED = {
    "squat_bw": ({"endurance"}, False),
    "squat_goblet": ({"strength", "endurance"}, True),  # dumbbell
    "lunge_bw": ({"strength", "endurance"}, False),  # single-leg
    "step_up_box": ({"strength", "endurance"}, False),  # a box cannot be made heavy
    "calf_raise_single": ({"endurance"}, False),  # bodyweight isolation (gastrocnemius only)
    "calf_raise_bent": ({"endurance"}, False),
    "soleus_wall_sit": ({"endurance"}, False),  # isometric
    "pull_up": ({"strength", "endurance"}, False),  # intermediate
    "band_row": ({"endurance"}, False),
    "suitcase_carry": ({"stability"}, True),
    "pallof_press": ({"stability"}, False),
    "box_jump": ({"power"}, False),
    "ankle_rocks": ({"mobility"}, False),
}


def test_stimuli_and_loaded_are_derived_when_absent(tiny: Catalog) -> None:
    for exercise_id, (stimuli, loaded) in DERIVED.items():
        e = tiny[exercise_id]
        assert (set(e.stimuli), e.loaded) == (stimuli, loaded), exercise_id


def test_stimuli_and_loaded_columns_win(tmp_path: Path) -> None:
    header = [*HEADER, "stimuli", "loaded"]
    rows = [[*r, "", ""] for r in tiny_rows()]
    rows[0][-2:] = ["strength;power", "yes"]  # squat_bw, as a weighted vest would make it
    rows[1][-2:] = ["", "no"]  # squat_goblet: stimuli derived, not loaded
    catalog = load_text(tmp_path, csv_text(header, rows))
    assert (set(catalog["squat_bw"].stimuli), catalog["squat_bw"].loaded) == (
        {"strength", "power"}, True,
    )  # fmt: skip
    assert (set(catalog["squat_goblet"].stimuli), catalog["squat_goblet"].loaded) == (
        {"strength", "endurance"}, False,
    )  # fmt: skip
    assert set(catalog["lunge_bw"].stimuli) == {"strength", "endurance"}  # empty: derived


def test_bad_stimulus_and_loaded_cells(tmp_path: Path) -> None:
    header = [*HEADER, "stimuli", "loaded"]
    rows = [[*r, "", ""] for r in tiny_rows()]
    rows[0][-2:] = ["strenght", "maybe"]
    found = problems(tmp_path, csv_text(header, rows))
    assert [(line, key) for line, key, _ in found] == [(2, "stimuli"), (2, "loaded")]
    assert "did you mean 'strength'?" in found[0][2]
    assert "allowed: yes, no" in found[1][2]


def test_bundled_catalog_says_what_each_exercise_delivers(bundled: Catalog) -> None:
    with bundled_catalog_path().open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert all(r["stimuli"] and r["loaded"] in ("yes", "no") for r in rows)
    assert bundled["back_squat"].loaded and "strength" in bundled["back_squat"].stimuli
    assert not bundled["bodyweight_squat"].loaded
    assert set(bundled["bodyweight_squat"].stimuli) == {"endurance"}
    # Balance drills train control: prescribed for stability (a pause), never as heavy
    # strength work ('4 x 4 at RPE 8' of a balance reach) nor as a week's heavy calf work.
    assert bundled["single_leg_balance_reach"].stimuli == {"stability"}  # for every goal
    drills = [e for e in bundled if e.family == "ankle_stability"]
    assert drills and all("strength" not in e.stimuli for e in drills)


# --- equipment or a tag that looks like a slip for a common name ------------------------------


def _bundled_with(equipment: dict[int, str]) -> str:
    """The bundled catalog's CSV with the equipment cell of some rows (0: the first) changed."""
    header, *rows = list(csv.reader(io.StringIO(bundled_catalog_path().read_text("utf-8"))))
    column = header.index("equipment")
    for i, value in equipment.items():
        rows[i][column] = value
    return csv_text(header, rows)


def _rows_using(bundled: Catalog, name: str) -> list[int]:
    return [i for i, e in enumerate(bundled) if e.equipment == {name}]


def test_the_bundled_and_real_catalogs_raise_no_typo_warning(bundled: Catalog) -> None:
    from benchmarks.quality import CATALOGS

    assert typo_warnings(bundled) == []
    assert typo_warnings(load_catalog(CATALOGS["real"])) == []


def test_a_misspelt_piece_of_kit_is_named_with_its_row_and_the_common_name(
    tmp_path: Path, bundled: Catalog
) -> None:
    first = _rows_using(bundled, "dumbbell")[0]
    (warning,) = typo_warnings(load_text(tmp_path, _bundled_with({first: "dumbell"})))
    assert warning.line == first + 2 and warning.key == "equipment"
    exercise = bundled.exercises[first].id
    assert f"'dumbell' ({exercise}) looks like a typo of 'dumbbell', which" in warning.message


def test_a_plural_is_a_slip_a_name_on_three_rows_is_kit_of_its_own(
    tmp_path: Path, bundled: Catalog
) -> None:
    used = _rows_using(bundled, "band")
    plural = typo_warnings(load_text(tmp_path, _bundled_with({used[0]: "bands"})))
    assert [w.message.split(" looks")[0] for w in plural] == [
        f"'bands' ({bundled.exercises[used[0]].id})"
    ]
    # Boundary: two rows are still a slip, three are no slip however close to another name.
    used = _rows_using(bundled, "dumbbell")
    two = typo_warnings(load_text(tmp_path, _bundled_with({i: "dumbell" for i in used[:2]})))
    assert len(two) == 1 and "typo of 'dumbbell'" in two[0].message
    three = {i: "dumbell" for i in used[:3]}
    assert typo_warnings(load_text(tmp_path, _bundled_with(three))) == []


def test_solve_check_and_catalog_say_it_on_stderr(tmp_path: Path, bundled: Catalog) -> None:
    from click.testing import CliRunner

    from planner.cli.main import main

    first = _rows_using(bundled, "dumbbell")[0]
    path = tmp_path / "catalog.csv"
    path.write_text(_bundled_with({first: "dumbell"}), "utf-8")
    example = Path(__file__).resolve().parents[1] / "examples" / "marathon-base.toml"
    said = f"warning: {path}:{first + 2}: equipment: 'dumbell' ("
    for args in (["check", example], ["catalog", "--equipment", ""]):
        result = CliRunner().invoke(main, [*map(str, args), "--catalog", str(path)])
        assert result.exit_code == 0, result.output
        assert said in result.stderr


def test_thousands_of_names_are_not_compared_pair_by_pair() -> None:
    # A generated or hostile catalog: 4,000 names took 14 s to compare; past MOST_PAIRS
    # pairs there is no slip check, and just under it the slip is still found.
    from planner.catalog.names import MOST_PAIRS, likely_typos

    common = {f"gear_{i}": 3 for i in range(100)}
    under = {**common, **{f"kit_{i}": 1 for i in range(MOST_PAIRS // 100 - 1)}, "gear_1s": 1}
    assert likely_typos(under)["gear_1s"] == "gear_1"
    over = {**under, "kit_extra": 1, "kit_more": 1}
    assert likely_typos(over) == {}
