"""The objective's terms, each checked against a plan whose value is worked out by hand."""

from __future__ import annotations

from conftest import make_config, solve_ok

from planner.catalog.catalog import Catalog
from planner.config.goals import Profile
from planner.plan.week import Plan
from planner.training.prescription import coverage_points, hardness
from planner.training.targets import coverage_reward, marginal_gains, weekly_targets
from planner.vocabulary import MUSCLES

OTHER_LOWER = {"exercises": ["squat_bw", "lunge_bw", "hinge_rdl", "bridge"]}


def _expected_coverage(plan: Plan, goal: str, sessions: int, profile: Profile) -> int:
    """The reward of the plan's weekly coverage, counting intensity, worked out apart."""
    targets = weekly_targets(goal, sessions)
    totals = dict.fromkeys(MUSCLES, 0)
    for session in plan.sessions:
        for p in session.exercises:
            for muscle in MUSCLES:
                totals[muscle] += coverage_points(p.exercise, muscle, profile)
    return sum(coverage_reward(totals[m], targets[m]) for m in MUSCLES)


def test_terms_add_up_to_the_objective(tiny: Catalog) -> None:
    result = solve_ok(tiny, session={"lower": [1, 2], "core": [1, 1]})
    assert result.objective == sum(result.objective_terms.values())


def test_coverage_term_is_the_reward_of_the_plans_coverage(tiny: Catalog) -> None:
    sections = {"session": {"lower": [1, 2], "calf": [1, 1]}}
    config = make_config(**sections)
    result = solve_ok(tiny, **sections)
    assert result.plan is not None
    expected = _expected_coverage(result.plan, config.athlete.goal, 1, config.profile)
    assert result.objective_terms["coverage"] == config.objective.coverage * expected


def test_coverage_counts_intensity_by_hand(tiny: Catalog) -> None:
    # squat_goblet alone (quads 3, glutes 2, adductors 1) for an endurance athlete: loaded
    # and prescribed for strength, the goal's main stimulus in its categories, so quads
    # and glutes (2 points or more) get +1 +1: quads 5, glutes 4, adductors 1 (no bonus).
    # Targets for one endurance session: quads 3, glutes 4, adductors 2.
    #   quads min(5, 3) = 3 points: 10 + 7 + 4 = 21
    #   glutes 4 points: 10 + 8 + 5 + 3 = 26
    #   adductors 1 point of 2: 10
    assert marginal_gains(3) == [10, 7, 4] and marginal_gains(4) == [10, 8, 5, 3]
    result = solve_ok(tiny, session={"lower": [1, 1]}, exclude=OTHER_LOWER)
    assert result.plan is not None and result.plan.ids() == {"mon": ["squat_goblet"]}
    assert result.objective_terms["coverage"] == 10 * (21 + 26 + 10)
    # squat_bw, done for strength-endurance, earns its catalog points only: quads 3 (21)
    # and glutes 2 (10 + 8).
    others = {"exercises": ["squat_goblet", "lunge_bw", "hinge_rdl", "bridge"]}
    result = solve_ok(tiny, session={"lower": [1, 1]}, exclude=others)
    assert result.plan is not None and result.plan.ids() == {"mon": ["squat_bw"]}
    assert result.objective_terms["coverage"] == 10 * (21 + 18)


def test_load_above_the_goals_weekly_load_costs(tiny: Catalog) -> None:
    # With only the load term, two lower exercises (one per family) and a weekly load of 2
    # to aim at: the lightest pair is bridge 1 + squat_bw 2 = 3, one point over: -3 * 1.
    result = solve_ok(
        tiny,
        session={"lower": [2, 2]},
        goal={"weekly_load": 2},
        objective={"load": 3, "coverage": 0, "variety": 0},
    )
    assert result.plan is not None
    assert sorted(result.plan.ids()["mon"]) == ["bridge", "squat_bw"]
    assert result.objective_terms["load"] == -3


def test_load_term_is_minus_the_load_over_the_goals_weekly_load(tiny: Catalog) -> None:
    # Coverage prefers the loaded lifts (squat_goblet 4, hinge_rdl 5): more than 5.
    result = solve_ok(
        tiny, session={"lower": [2, 2]}, goal={"weekly_load": 5}, objective={"load": 3}
    )
    assert result.plan is not None
    assert result.plan.load > 5
    assert result.objective_terms["load"] == -3 * (result.plan.load - 5)


def test_load_below_the_goals_weekly_load_is_free(tiny: Catalog) -> None:
    # The tiny catalog's heaviest pair, hinge_rdl 5 + squat_goblet 4 = 9, is far below the
    # endurance intermediate weekly load of 45.
    config = make_config(session={"lower": [2, 2]}, objective={"load": 3})
    assert config.profile.weekly_load == 45
    result = solve_ok(tiny, session={"lower": [2, 2]}, objective={"load": 3})
    assert result.plan is not None and result.plan.load <= 9
    assert result.objective_terms["load"] == 0


def test_key_run_eves_cost_per_session(tiny: Catalog) -> None:
    # Hard run on tue: a session on mon is on its eve, one on wed is not.
    week = {"available_days": ["mon", "wed"], "hard_runs": ["tue"]}
    weights = {"rest_before_key_runs": 7}
    one = solve_ok(tiny, week={**week, "sessions": 1}, session={"core": [1, 1]}, objective=weights)
    assert one.plan is not None and list(one.plan.ids()) == ["wed"]
    assert one.objective_terms["key_run_eves"] == 0
    two = solve_ok(tiny, week={**week, "sessions": 2}, session={"core": [1, 1]}, objective=weights)
    assert two.plan is not None and list(two.plan.ids()) == ["mon", "wed"]
    assert two.objective_terms["key_run_eves"] == -7


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
    result = solve_ok(
        tiny,
        week={"available_days": ["mon"], "hard_runs": ["tue"]},
        session={"lower": [1, 1]},
        goal={"weekly_load": 0},
        objective={"load": 0, "variety": 0, "rest_before_key_runs": 0},
    )
    assert result.objective_terms["load"] == 0
    assert result.objective_terms["variety"] == 0
    assert result.objective_terms["key_run_eves"] == 0


# Only the hardness term counts (coverage would prefer squat_goblet's extra adductor point).
HARDNESS_ONLY = {"coverage": 0, "load": 0, "variety": 0, "hardness": 4}


def test_hardness_rewards_the_hardest_exercise_of_the_dose(tiny: Catalog) -> None:
    # Endurance: one loaded lower-body lift a session (dumbbells at hand). hinge_rdl is an
    # intermediate dumbbell lift (hardness 4: level 1, loaded 3), squat_goblet a beginner
    # one (3), the bodyweight lunge 0: 4 * 4.
    assert hardness(tiny["hinge_rdl"]) == 4 and hardness(tiny["squat_goblet"]) == 3
    assert hardness(tiny["lunge_bw"]) == 0
    result = solve_ok(tiny, session={"lower": [1, 1]}, goal={"dose": 1}, objective=HARDNESS_ONLY)
    assert result.plan is not None and result.plan.ids() == {"mon": ["hinge_rdl"]}
    assert result.objective_terms["hardness"] == 16
    # Without it the dose is the goblet squat (loaded beats the bodyweight lunge).
    result = solve_ok(
        tiny,
        session={"lower": [1, 1]},
        goal={"dose": 1},
        exclude={"exercises": ["hinge_rdl"]},
        objective=HARDNESS_ONLY,
    )
    assert result.plan is not None and result.plan.ids() == {"mon": ["squat_goblet"]}
    assert result.objective_terms["hardness"] == 12


def test_hardness_counts_only_the_doses_hardest_exercises(tiny: Catalog) -> None:
    # A dose of 2 with both loaded lifts: 4 + 3. A dose of 0 rewards nothing, even though
    # the same hard lift is in the session (the other slots are coverage's to choose).
    both = solve_ok(tiny, session={"lower": [2, 2]}, goal={"dose": 2}, objective=HARDNESS_ONLY)
    assert both.objective_terms["hardness"] == 4 * (4 + 3)
    none = solve_ok(tiny, session={"lower": [2, 2]}, goal={"dose": 0}, objective=HARDNESS_ONLY)
    assert none.objective_terms["hardness"] == 0


def test_hardness_counts_the_weeks_heavy_work(tiny: Catalog) -> None:
    # No dose, but one heavy lower-body exercise a week: the hardest heavy one is hinge_rdl
    # (4); step_up_box (advanced) is above an intermediate's level.
    result = solve_ok(
        tiny,
        session={"lower": [1, 1]},
        goal={"heavy_per_week": {"lower": 1}},
        objective=HARDNESS_ONLY,
    )
    assert result.plan is not None and result.plan.ids() == {"mon": ["hinge_rdl"]}
    assert result.objective_terms["hardness"] == 16
