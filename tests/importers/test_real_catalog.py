"""The committed import of free-exercise-db (benchmarks/data): it is what the importer makes,
planner validates it, and every example gets a checked plan on it, or an explanation."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.catalog.catalog import load_catalog
from planner.inputs import load_inputs
from planner.pipeline import plan_week
from planner.plan.week import Status
from planner.week.check import check_plan

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "benchmarks" / "data"
REAL = DATA / "free-exercise-db.csv"
OVERRIDES = DATA / "free-exercise-db-overrides.csv"
SHARED = ROOT.parent / "shared" / "data" / "free-exercise-db" / "dist" / "exercises.json"
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


def run(*args: str | Path) -> Result:
    from planner.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.skipif(not SHARED.is_file(), reason="no copy of free-exercise-db next to the repo")
def test_the_committed_catalog_is_a_fresh_import(tmp_path: Path) -> None:
    out = tmp_path / "fresh.csv"
    result = run(
        "catalog", "import", "free-exercise-db", SHARED, "-o", out, "--overrides", OVERRIDES
    )
    assert result.exit_code == 0, result.output
    assert "imported 851 of 873 exercises" in result.stderr
    assert out.read_bytes() == REAL.read_bytes()


def test_the_real_catalog_validates() -> None:
    catalog = load_catalog(REAL)
    assert len(catalog) == 851
    assert {"high_impact", "achilles_load"} <= catalog.tags
    counts = {c: sum(1 for e in catalog if e.category == c) for c in ("calf", "plyometric")}
    assert counts == {"calf": 15, "plyometric": 39}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_gets_a_checked_plan(path: Path) -> None:
    inputs = load_inputs(path, REAL)
    config = inputs.config.with_solver(time_limit=30.0)
    result = plan_week(inputs.catalog, config)
    assert result.status == Status.OPTIMAL, result.summary()
    assert result.plan is not None and result.violations == ()
    assert check_plan(result.plan, inputs.catalog, config) == []
    assert result.objective == result.best_bound


def test_without_the_override_the_bodyweight_example_says_why(tmp_path: Path) -> None:
    # As imported, the donkey calf raise needs "other" equipment: no calf exercise is left
    # for a runner without equipment, and planner says so before solving.
    rows = list(csv.DictReader(io.StringIO(REAL.read_text(encoding="utf-8"))))
    for row in rows:
        if row["id"] == "donkey_calf_raises":
            row["equipment"] = "other"
    plain = tmp_path / "plain.csv"
    with plain.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = run("solve", ROOT / "examples" / "5k-bodyweight.toml", "--catalog", plain)
    assert result.exit_code == 3
    assert "session.calf: asks for at least one calf exercise but none is usable" in result.stderr
    assert "the catalog has 15 calf exercise(s), all ruled out: 15 by equipment.available" in (
        result.stderr
    )
