"""Smoke test of the benchmark peers on one small instance (the full run: python -m benchmarks).

The synthetic catalog must load and keep the bundled category mix; the greedy plan, when
there is one, must pass the independent checker; and HiGHS on the same model as a MIP must
reach exactly CP-SAT's optimum (skipped when highspy, the `bench` extra, is missing).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: benchmarks/

from benchmarks.cpsat_run import run_cpsat
from benchmarks.greedy import greedy_plan
from benchmarks.instances import athlete_config
from benchmarks.objective import plan_objective
from benchmarks.synthetic import category_quotas, generate_rows, synthetic_catalog
from planner.catalog import Catalog, load_catalog
from planner.check import check_plan
from planner.config import Config
from planner.plan import Plan


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, Config]:
    catalog = synthetic_catalog(200, seed=1, directory=tmp_path_factory.mktemp("synthetic"))
    return catalog, athlete_config(3, seed=0, time_limit=10.0)


def test_synthetic_catalog_keeps_the_mix_and_has_twins(small: tuple[Catalog, Config]) -> None:
    catalog, _ = small
    bundled = load_catalog()
    assert len(catalog) == 200
    assert set(bundled.ids) <= set(catalog.ids)
    mix = Counter(e.category for e in catalog)
    assert mix == category_quotas([{"category": e.category} for e in bundled], 200)
    profiles = Counter((e.category, e.family, e.load, e.minutes, e.coverage) for e in catalog)
    assert any(n > 1 for n in profiles.values()), "no identical-profile variants"
    assert generate_rows(200, seed=1) == generate_rows(200, seed=1)  # seeded


def test_greedy_plan_passes_the_checker(small: tuple[Catalog, Config]) -> None:
    catalog, config = small
    greedy = greedy_plan(catalog, config)
    optimum = run_cpsat(catalog, config)
    assert optimum.status == "OPTIMAL"
    if greedy.plan is not None:
        plan = Plan.from_ids(catalog, config.profile, greedy.plan)
        assert check_plan(plan, catalog, config) == []
        assert greedy.objective == plan_objective(greedy.plan, catalog, config)
        assert greedy.objective <= optimum.objective


def test_highs_reaches_the_cpsat_optimum(small: tuple[Catalog, Config]) -> None:
    pytest.importorskip("highspy")
    from benchmarks.highs_model import run_highs

    catalog, config = small
    cp = run_cpsat(catalog, config)
    highs = run_highs(catalog, config)
    assert cp.status == highs.status == "OPTIMAL"
    assert highs.objective == cp.objective
    assert highs.plan is not None
    plan = Plan.from_ids(catalog, config.profile, highs.plan)
    assert check_plan(plan, catalog, config) == []
    assert plan_objective(highs.plan, catalog, config) == highs.objective
