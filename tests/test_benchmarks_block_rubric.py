"""The block rubric (benchmarks/block_rubric.py) on hand-made block JSON: each check passes
a block a coach would hand out and fails the one the issue describes."""

from __future__ import annotations

from typing import Any

from benchmarks.block_rubric import (
    consistency,
    contacts,
    deloads,
    jumps_build_up,
    progression_carries,
    taper_does_less,
)


def ex(id_: str, category: str = "lower", **kw: Any) -> dict[str, Any]:
    base = {"id": id_, "category": category, "role": "strength", "sets": 3, "reps": 5,
            "unit": "reps", "per_side": False, "intensity": "RPE 8", "load": 3}  # fmt: skip
    return {**base, **kw}


def week(n: int, ids: list[dict[str, Any]], kind: str = "build", **kw: Any) -> dict[str, Any]:
    day = {"day": "mon", "date": f"2027-01-{4 + 7 * (n - 1):02d}", "minutes": 10 * len(ids)}
    return {"week": n, "kind": kind, "phase": kw.get("phase", "strength"),
            "taper": kind in ("taper", "race"), "days": [{**day, "exercises": ids}]}  # fmt: skip


def block(*weeks: dict[str, Any], race: str | None = None) -> dict[str, Any]:
    return {"weeks": list(weeks), "race": race}


def test_steady_weeks_pass_and_weekly_churn_fails() -> None:
    a, b, c, d, e = (ex(x) for x in "abcde")
    assert consistency(block(week(1, [a, b, c]), week(2, [a, b, c]), week(3, [a, b, d]))) == []
    churn = block(week(1, [a, b, c]), week(2, [a, d, e]), week(3, [a, b, c]))
    assert len(consistency(churn)) >= 2  # 33 % kept, new exercises two weeks running


def test_a_hard_jump_needs_a_lighter_one_before_and_contacts_count_both_legs() -> None:
    pogo = ex("pogo", "plyometric", load=3, reps=10, role="power")
    bound = ex("bound", "plyometric", load=6, reps=5, per_side=True, role="power")
    assert contacts(week(1, [bound])) == 30
    assert jumps_build_up(block(week(1, [pogo]), week(2, [pogo, bound]))) == []
    assert jumps_build_up(block(week(1, [ex("a")]), week(2, [bound])))


def test_a_lift_falling_back_to_the_start_is_a_reset() -> None:
    heavy = ex("squat", intensity="82.5% 1RM (RPE 8.5)")
    reset = ex("squat", intensity="75% 1RM (RPE 7)")
    maintenance = ex("squat", intensity="80% 1RM (RPE 8.5)", reps=6)
    assert progression_carries(block(week(1, [heavy]), week(2, [reset])))
    assert progression_carries(block(week(1, [heavy]), week(2, [maintenance]))) == []
    # A range is read at its top: an endurance phase's heavy lift may still reach RPE 8.5.
    ranged = ex("squat", intensity="RPE 7.5-8.5 (1.5-2.5 reps in reserve)")
    lower = ex("squat", intensity="RPE 6.5-7.5 (2.5-3.5 reps in reserve)")
    assert progression_carries(block(week(1, [heavy]), week(2, [ranged]))) == []
    assert progression_carries(block(week(1, [heavy]), week(2, [lower])))


def test_a_taper_with_more_exercises_than_a_build_week_fails() -> None:
    a, b, c, d = (ex(x, "core") for x in "abcd")
    lean = block(week(1, [a, b, c, d]), week(2, [a, b], "race"), race="2027-01-17")
    assert taper_does_less(lean) == []
    fat = block(week(1, [a, b]), week(2, [a, b, c], "race"), race="2027-01-17")
    assert taper_does_less(fat)
    legs = block(week(1, [a, b]), week(2, [ex("squat")], "race"), race="2027-01-13")
    assert any("legs" in f for f in taper_does_less(legs))


def test_a_deload_repeats_the_week_before_with_about_half_the_sets() -> None:
    full, half = ex("a", sets=4), ex("a", sets=2)
    assert deloads(block(week(1, [full]), week(2, [half], "deload"))) == []
    assert deloads(block(week(1, [full]), week(2, [full], "deload")))


def test_a_taper_that_jumps_more_than_the_last_build_week_fails() -> None:
    a, b = (ex(x, "core") for x in "ab")
    pogo = ex("pogo", "plyometric", reps=10, role="power")
    fewer = ex("pogo", "plyometric", reps=10, role="power", sets=2)
    kept = block(week(1, [a, b, pogo]), week(2, [fewer], "race"), race="2027-01-31")
    assert taper_does_less(kept) == []
    more = block(week(1, [a, b, fewer]), week(2, [pogo], "race"), race="2027-01-31")
    assert "week 2: 30 contacts > 20" in taper_does_less(more)
