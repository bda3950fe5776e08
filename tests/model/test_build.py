"""Building the model: merging identical exercises is a pure speed-up, never a change of plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import Config, load_config
from planner.model.build import DEFAULT_PARAMETERS, build_model
from planner.model.variables import group_twins
from planner.training.eligibility import eligible_exercises

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.toml"))


def _optimum(catalog: Catalog, config: Config, merge: bool) -> int:
    built = build_model(catalog, config, merge_twins=merge)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 60
    for name, value in DEFAULT_PARAMETERS.items():
        setattr(solver.parameters, name, value)
    assert solver.solve(built.model) == cp_model.OPTIMAL
    return round(solver.objective_value)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_merging_twins_keeps_the_optimum(example: Path) -> None:
    catalog, config = load_catalog(), load_config(example)
    assert _optimum(catalog, config, merge=True) == _optimum(catalog, config, merge=False)


def test_the_bundled_catalog_has_twins_to_merge() -> None:
    # Otherwise the test above would compare each model with itself. Twins must match in
    # everything the model sees, prescription included, so a bodyweight-only example may
    # have none; most examples must.
    catalog = load_catalog()
    with_twins = [
        example.stem
        for example in EXAMPLES
        if any(
            len(ids) > 1
            for ids in group_twins(eligible_exercises(catalog, load_config(example))).values()
        )
    ]
    equipped = [e.stem for e in EXAMPLES if load_config(e).equipment.available]
    assert set(equipped) <= set(with_twins), with_twins
