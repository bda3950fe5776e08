"""The objective's terms, each checked against a plan whose value is worked out by hand."""

from __future__ import annotations

from conftest import make_config, solve_ok

from planner.catalog import Catalog
from planner.targets import coverage_reward, weekly_targets
from planner.vocabulary import MUSCLES


def _expected_coverage(result_coverage: dict[str, int], goal: str, sessions: int) -> int:
    targets = weekly_targets(goal, sessions)
    return sum(coverage_reward(result_coverage[m], targets[m]) for m in MUSCLES)


def test_terms_add_up_to_the_objective(tiny: Catalog) -> None:
    result = solve_ok(tiny, session={"lower": [1, 2], "core": [1, 1]})
    assert result.objective == sum(result.objective_terms.values())


def test_coverage_term_is_the_reward_of_the_plans_coverage(tiny: Catalog) -> None:
    config = make_config(session={"lower": [1, 2], "calf": [1, 1]})
    result = solve_ok(tiny, session={"lower": [1, 2], "calf": [1, 1]})
    assert result.plan is not None
    expected = _expected_coverage(result.plan.coverage(), config.athlete.goal, 1)
    assert result.objective_terms["coverage"] == config.objective.coverage * expected


def test_load_term_is_minus_the_weekly_load(tiny: Catalog) -> None:
    result = solve_ok(tiny, session={"lower": [2, 2]}, objective={"load": 3})
    assert result.plan is not None
    assert result.objective_terms["load"] == -3 * result.plan.load


def test_variety_term_counts_repeats(tiny: Catalog) -> None:
    # Two sessions of exactly one core exercise from a single allowed one: one repeat.
    week = {"available_days": ["mon", "wed"], "sessions": 2}
    others = [e.id for e in tiny if e.category == "core" and e.id != "plank"]
    only_plank = {"exercises": others}
    result = solve_ok(
        tiny, week=week, session={"core": [1, 1]}, exclude=only_plank, objective={"variety": 5}
    )
    assert result.plan is not None
    assert result.plan.ids() == {"mon": ["plank"], "wed": ["plank"]}
    assert result.objective_terms["variety"] == -5


def test_a_zero_weight_switches_a_term_off(tiny: Catalog) -> None:
    result = solve_ok(tiny, session={"lower": [1, 1]}, objective={"load": 0, "variety": 0})
    assert result.objective_terms["load"] == 0
    assert result.objective_terms["variety"] == 0
