"""Coverage targets and their diminishing rewards."""

from __future__ import annotations

import pytest

from planner.training.targets import coverage_reward, marginal_gains, weekly_targets
from planner.vocabulary import GOALS, MUSCLES


@pytest.mark.parametrize("target", [1, 2, 3, 7, 12])
def test_gains_decrease_and_stay_positive(target: int) -> None:
    gains = marginal_gains(target)
    assert len(gains) == target
    assert gains == sorted(gains, reverse=True)
    assert gains[0] == 10 and gains[-1] >= 1


def test_reward_stops_at_the_target() -> None:
    assert coverage_reward(0, 6) == 0
    assert coverage_reward(6, 6) == coverage_reward(9, 6) == sum(marginal_gains(6))
    assert coverage_reward(-1, 6) == 0


@pytest.mark.parametrize("goal", GOALS)
def test_weekly_targets_scale_with_sessions(goal: str) -> None:
    one, three = weekly_targets(goal, 1), weekly_targets(goal, 3)
    assert set(one) == set(MUSCLES)
    assert all(three[m] == 3 * one[m] for m in MUSCLES)
