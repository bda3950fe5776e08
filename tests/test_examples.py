"""The shipped examples solve to proven optima with the bundled catalog, deterministically."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import make_config

from planner.catalog.catalog import Catalog, bundled_catalog_path
from planner.inputs import load_inputs
from planner.pipeline import plan_week
from planner.plan.week import SolveResult, Status
from planner.vocabulary import MUSCLES
from planner.week.check import check_plan

EXAMPLES_DIR = Path(__file__).parent.parent / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.toml"))


def solve_example(
    path: Path,
    workers: int = 1,
    catalog: str | Path | None = None,
    time_limit: float = 30.0,
) -> SolveResult:
    inputs = load_inputs(path, catalog)
    config = inputs.config.with_solver(workers=workers, time_limit=time_limit)
    result = plan_week(inputs.catalog, config)
    assert result.status == Status.OPTIMAL, result.summary()
    assert result.plan is not None
    assert result.violations == ()
    assert check_plan(result.plan, inputs.catalog, config) == []
    return result


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 5


# Each example's first one-worker solve, kept for the determinism test to compare a second
# solve with: the same input need not be solved three times.
FIRST_SOLVES: dict[Path, SolveResult] = {}


def first_solve(path: Path) -> SolveResult:
    if path not in FIRST_SOLVES:
        FIRST_SOLVES[path] = solve_example(path)
    return FIRST_SOLVES[path]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_solves_optimal_and_checks(path: Path, bundled: Catalog) -> None:
    inputs = load_inputs(path)
    assert inputs.catalog.path == bundled.path
    result = first_solve(path)
    assert result.plan is not None
    assert len(result.plan.sessions) == inputs.config.week.session_count
    assert result.objective == result.best_bound
    assert sum(result.objective_terms.values()) == result.objective


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_is_deterministic_one_worker(path: Path) -> None:
    first, second = first_solve(path), solve_example(path)
    assert first.plan == second.plan
    assert first.objective == second.objective


# Two workers use interleaved search, which costs seconds per solve here (tenths with one
# worker) and much more on a busy machine, so only the quickest example runs with two, plus
# a small week on the tiny catalog.
def test_example_is_deterministic_two_workers() -> None:
    path = EXAMPLES_DIR / "5k-bodyweight.toml"
    first = solve_example(path, workers=2, time_limit=120.0)
    second = solve_example(path, workers=2, time_limit=120.0)
    assert first.plan == second.plan
    assert first.objective == second.objective
    assert first.workers == second.workers == 2


def test_tiny_week_is_deterministic_two_workers(tiny: Catalog) -> None:
    config = make_config(
        week={"available_days": ["mon", "wed", "fri"], "sessions": 3},
        session={"lower": [2, 2], "calf": [1, 1], "core": [2, 2], "upper": [1, 1]},
        balance={"core_min": {"anti_extension": 2}},
        variety={"max_per_week": 2},
    ).with_solver(workers=2, time_limit=60.0)
    first, second = plan_week(tiny, config), plan_week(tiny, config)
    assert first.status == second.status == Status.OPTIMAL
    assert first.plan == second.plan
    assert first.violations == second.violations == ()


# --- a user catalog -------------------------------------------------------------------

NEW_ID = "super_plank_test"


def write_user_catalog(tmp_path: Path) -> Path:
    """The bundled catalog plus one new bodyweight core exercise that covers a lot, cheaply."""
    with bundled_catalog_path().open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    new = dict.fromkeys(header, "")
    new.update(
        id=NEW_ID, name="Super Plank (test)", category="core", family="super_plank",
        level="beginner", load="0", minutes="1", sets="2", reps="30", unit="seconds",
    )  # fmt: skip
    for muscle in MUSCLES:
        new[muscle] = "0"
    new.update(anti_extension="3", anti_lateral_flexion="3", anti_rotation="3", glutes="1")
    path = tmp_path / "my-catalog.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerows(rows)
        writer.writerow([new[h] for h in header])
    return path


def test_user_catalog_passed_explicitly(tmp_path: Path, bundled: Catalog) -> None:
    path = write_user_catalog(tmp_path)
    example = EXAMPLES[0]
    inputs = load_inputs(example, path)
    assert inputs.catalog.path == path.resolve()
    assert len(inputs.catalog) == len(bundled) + 1
    assert NEW_ID in inputs.catalog and NEW_ID not in bundled
    assert inputs.catalog.sha256 != bundled.sha256
    # The new exercise is pinned: the pin is checked against the catalog passed, and only a
    # solve on that catalog can hold it. (Three points of every core function for no load
    # no longer wins on its own: load below the goal's weekly load is free, and the
    # example's core coverage is at its target either way.)
    pinned = tmp_path / example.name
    pinned.write_text(
        example.read_text(encoding="utf-8") + f'\n[include]\nexercises = ["{NEW_ID}"]\n',
        encoding="utf-8",
    )
    result = solve_example(pinned, catalog=path)
    assert result.plan is not None
    used = {i for ids in result.plan.ids().values() for i in ids}
    assert NEW_ID in used


def test_user_catalog_named_in_config(tmp_path: Path) -> None:
    catalog_path = write_user_catalog(tmp_path)
    config_dir = tmp_path / "athletes"
    config_dir.mkdir()
    text = EXAMPLES[0].read_text(encoding="utf-8")
    config_path = config_dir / "athlete.toml"
    config_path.write_text(f'catalog = "../{catalog_path.name}"\n' + text, encoding="utf-8")
    inputs = load_inputs(config_path)
    assert inputs.catalog.path == catalog_path.resolve()
    assert NEW_ID in inputs.catalog


def test_explicit_catalog_beats_config_catalog(tmp_path: Path, bundled: Catalog) -> None:
    config_path = tmp_path / "athlete.toml"
    config_path.write_text('catalog = "missing.csv"\n', encoding="utf-8")
    inputs = load_inputs(config_path, bundled_catalog_path())
    assert inputs.catalog.sha256 == bundled.sha256
