"""Dominated exercises are dropped before the model is built, and only when the optimum
cannot need them: enough dominators that a week can always swap one in (see
planner/model/dominance.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import HEADER, make_config, write_csv

from planner.catalog.catalog import Catalog, load_catalog
from planner.inputs import load_inputs
from planner.model.build import build_model, configure, solve
from planner.model.dominance import undominated
from planner.plan.week import Status
from planner.vocabulary import MUSCLES

ROOT = Path(__file__).resolve().parent.parent.parent
REAL = ROOT / "benchmarks" / "data" / "free-exercise-db.csv"
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


def row(exercise_id: str, family: str, load: int, equipment: str = "", **cover: int) -> list[str]:
    points = [str(cover.get(m, 0)) for m in MUSCLES]
    return [exercise_id, exercise_id, "upper", family, equipment, "beginner", str(load), "4",
            "", "3", "10", "reps", *points, ""]  # fmt: skip


def catalog_of(tmp_path: Path, *rows: list[str]) -> Catalog:
    return load_catalog(write_csv(tmp_path / "catalog.csv", HEADER, list(rows)))


def kept(catalog: Catalog, **sections: Any) -> set[str]:
    config = make_config(**sections)
    return {e.id for e in undominated(tuple(catalog), config)}


# A week of `sessions` on mon..., one upper-body exercise a session: S = sessions slots.
def week(sessions: int, **more: Any) -> dict[str, Any]:
    days = ["mon", "wed", "fri"][:sessions]
    return {
        "week": {"available_days": days, "sessions": sessions, "max_session_minutes": 300},
        "session": {"upper": [1, 1]},
        **more,
    }


def test_one_slot_one_dominator_drops_it(tmp_path: Path) -> None:
    catalog = catalog_of(tmp_path, row("a", "fa", 2, chest=2), row("b", "fb", 1, chest=3))
    assert kept(catalog, **week(1)) == {"b"}


def test_boundary_one_unit_per_slot(tmp_path: Path) -> None:
    # Two upper-body slots a week: one other family is not enough (the week may use it for
    # its other slot), two are.
    a, b, c = row("a", "fa", 2, chest=2), row("b", "fb", 1, chest=3), row("c", "fc", 1, chest=3)
    assert kept(catalog_of(tmp_path, a, b), **week(2)) == {"a", "b"}
    assert kept(catalog_of(tmp_path, a, b, c), **week(2)) == {"b", "c"}


def test_dominators_in_the_same_family_count_one_each(tmp_path: Path) -> None:
    a, b, c = row("a", "f", 2, chest=2), row("b", "f", 1, chest=3), row("c", "f", 1, chest=3)
    assert kept(catalog_of(tmp_path, a, b, c), **week(2)) == {"b", "c"}


def test_only_a_better_or_equal_exercise_dominates(tmp_path: Path) -> None:
    a = row("a", "fa", 2, chest=2, arms=1)
    heavier = row("b", "fb", 3, chest=3, arms=1)  # more load
    narrower = row("c", "fc", 1, chest=3)  # no arms
    assert kept(catalog_of(tmp_path, a, heavier, narrower), **week(1)) == {"a", "b", "c"}


def test_two_sided_balances_need_equal_points(tmp_path: Path) -> None:
    # More anti-rotation is no better: the core spread rule caps it against the others.
    a = row("a", "fa", 2, chest=2, anti_rotation=1)
    b = row("b", "fb", 1, chest=3, anti_rotation=2)
    assert kept(catalog_of(tmp_path, a, b), **week(1)) == {"a", "b"}


def test_pins_and_ruled_out_dominators_are_kept_apart(tmp_path: Path) -> None:
    a, b = row("a", "fa", 2, chest=2), row("b", "fb", 1, chest=3, equipment="barbell")
    catalog = catalog_of(tmp_path, a, b)
    assert kept(catalog, **week(1, equipment={"available": []})) == {"a", "b"}
    assert kept(catalog, **week(1, equipment={"available": ["barbell"]})) == {"b"}
    pinned = week(1, equipment={"available": ["barbell"]}, include={"exercises": ["a"]})
    assert kept(catalog, **pinned) == {"a", "b"}


def test_a_family_shared_with_another_category_does_not_count(tmp_path: Path) -> None:
    # Family fb also holds a core exercise: a slot of another category could block it.
    core = row("core_b", "fb", 1, anti_extension=1)
    core[2] = "core"
    catalog = catalog_of(tmp_path, row("a", "fa", 2, chest=2), row("b", "fb", 1, chest=3), core)
    sections = week(1)
    sections["session"]["core"] = [0, 1]
    assert kept(catalog, **sections) == {"a", "b", "core_b"}


def test_the_count_is_needed(tmp_path: Path) -> None:
    # Two sessions on consecutive days, one upper-body exercise each: b beats a, but b's
    # family cannot be trained two days running, so the only week uses a once. Dropping a
    # on b alone would lose that week; the count keeps it.
    catalog = catalog_of(tmp_path, row("a", "fa", 2, chest=2), row("b", "fb", 1, chest=3))
    sections = week(2)
    sections["week"]["available_days"] = ["mon", "tue"]
    assert kept(catalog, **sections) == {"a", "b"}
    config = make_config(**sections)
    result = solve(catalog, config)
    assert result.status == Status.OPTIMAL
    without_a = build_model(catalog, config, exercises=[catalog["b"]])
    assert "a" not in {e.id for e in without_a.variables.exercises}
    from ortools.sat.python import cp_model

    assert cp_model.CpSolver().solve(without_a.model) == cp_model.INFEASIBLE


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("catalog", [None, REAL], ids=["bundled", "free-exercise-db"])
def test_dropping_dominated_keeps_the_optimum(path: Path, catalog: Path | None) -> None:
    inputs = load_inputs(path, catalog)
    config = inputs.config.with_solver(time_limit=30.0)
    reduced = solve(inputs.catalog, config)
    assert reduced.status == Status.OPTIMAL
    full = build_model(inputs.catalog, config, drop_dominated=False)
    reduced_model = build_model(inputs.catalog, config)
    assert len(reduced_model.variables.exercises) <= len(full.variables.exercises)
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    configure(solver, config, None)  # planner's parameters, without them no proof in time
    assert solver.solve(full.model) == cp_model.OPTIMAL
    assert round(solver.objective_value) == reduced.objective
