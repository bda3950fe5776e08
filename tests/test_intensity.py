"""One reading of intensity text for the planner's code (planner/training/intensity.py):
stress, the eve rule, doable sets and progression all see the same numbers."""

from __future__ import annotations

import pytest

from planner.training.intensity import near_max, percent_of, rpe_of
from planner.training.progression import shifted_intensity


@pytest.mark.parametrize(
    ("text", "percent", "rpe", "heavy"),
    [
        ("80% 1RM (RPE 8)", 80.0, 8.0, True),
        ("75-80% 1RM (RPE 7-8)", 80.0, 8.0, True),  # a range at its top
        ("75 - 80 % 1RM", 80.0, None, True),  # spaces as a coach types them
        ("RPE 7 (3 reps in reserve)", None, 7.0, False),
        ("RPE 7.5-7.9", None, 7.9, False),  # just under
        ("controlled, 2 s pause", None, None, False),
    ],
)
def test_one_reading_of_effort(
    text: str, percent: float | None, rpe: float | None, heavy: bool
) -> None:
    assert (percent_of(text), rpe_of(text)) == (percent, rpe)
    assert near_max(text) is heavy  # the eve rule, heavy sets and doable sets read this


def test_progression_moves_what_the_stress_reads() -> None:
    # Before one grammar, "80 % 1RM" (a space before %) weighed as heavy but never moved.
    assert shifted_intensity("80 % 1RM", 1) == "82.5% 1RM"
    assert shifted_intensity("75-80% 1RM (RPE 7-8) (2-3 reps in reserve)", -2) == (
        "70-75% 1RM (RPE 6-7) (3-4 reps in reserve)"
    )
    assert shifted_intensity("RPE 9.5", 2) == "RPE 10"  # capped at the limit
