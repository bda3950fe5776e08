"""Which rules bind at the optimum: `planner explain` on a week that has a plan."""

from __future__ import annotations

import pytest
from conftest import make_config

from planner.catalog.catalog import Catalog
from planner.week.explain import explain_binding

ONE_LIFT = {"session": {"lower": [1, 1]}, "athlete": {"goal": "strength"}}


def gains(tiny: Catalog, **sections: object) -> dict[str, int | None]:
    optimum, rows = explain_binding(tiny, make_config(**{**ONE_LIFT, **sections}), 10)
    assert optimum is not None
    return {r.rule: r.gain for r in rows}


def test_equipment_binds_when_a_loaded_lift_would_score_more(tiny: Catalog) -> None:
    # Bodyweight only: the goblet squat and the dumbbell RDL are kept out by the equipment
    # alone, and either would score more than a bodyweight lift (intensity counts).
    found = gains(tiny, equipment={"available": ["band"]})
    gain = found["equipment.available"]
    assert gain is not None and gain > 0


def test_equipment_does_not_bind_when_everything_is_at_hand(tiny: Catalog) -> None:
    found = gains(tiny)  # BASE owns every piece of the tiny catalog's equipment
    assert "equipment.available" not in found  # nothing is kept out by it alone
    assert found["session.lower"] is not None and found["session.lower"] > 0


def test_measures_side_by_side_answer_as_one_by_one(
    tiny: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each rule is measured in its own single-threaded solve: the thread count changes when
    # the answers come, not what they are.
    from planner.model import binding

    config = make_config(**ONE_LIFT, equipment={"available": ["band"]})
    answers = []
    for at_once in (1, 2, 3):
        monkeypatch.setattr(binding, "MEASURES_AT_ONCE", at_once)
        answers.append(explain_binding(tiny, config, 10))
    assert answers[0] == answers[1] == answers[2]
    assert sum(r.gain is not None and r.gain > 0 for r in answers[0][1]) >= 2
