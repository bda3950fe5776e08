"""The checker's own arithmetic of a written prescription (planner/week/check_dose.py): it
agrees with the prescription code on what the planner writes, it catches a prescription
that a plan changed, and no checker imports prescription code to reach it."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import make_config

from planner.catalog.catalog import load_catalog
from planner.config.goals import Profile
from planner.plan.week import Plan, Prescription, Session
from planner.training.prescription import Dosed, contacts, minutes_of_session, prescribe
from planner.training.progression import fell_back, jump
from planner.week import check_dose
from planner.week.check import check_plan

PLANNER = Path(__file__).parent.parent / "planner"
CHECKERS = [
    *sorted((PLANNER / "week").glob("check*.py")),
    *sorted((PLANNER / "block").glob("*check*.py")),
]
CATALOG = load_catalog()
PROFILES = [
    (goal, level)
    for goal in ("strength", "power", "endurance", "flexibility")
    for level in ("beginner", "intermediate", "advanced")
]


def _profile(goal: str, level: str) -> Profile:
    return make_config(athlete={"goal": goal, "level": level}).profile


def _runtime_imports(path: Path) -> set[str]:
    """Modules a file imports outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for node in ast.walk(block)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_checkers_import_no_prescription_or_progression_code() -> None:
    assert len(CHECKERS) >= 7
    for path in CHECKERS:
        imported = _runtime_imports(path)
        assert "planner.training.prescription" not in imported, path.name
        assert "planner.training.progression" not in imported, path.name


@pytest.mark.parametrize(("goal", "level"), PROFILES)
def test_session_minutes_agree_with_the_prescription(goal: str, level: str) -> None:
    profile = _profile(goal, level)
    exercises = list(CATALOG)
    for start in range(0, len(exercises), 7):
        session = [(e, prescribe(e, profile)) for e in exercises[start : start + 7]]
        assert check_dose.session_minutes(session) == minutes_of_session(session)


@pytest.mark.parametrize(("goal", "level"), PROFILES)
def test_jump_contacts_agree_with_the_prescription(goal: str, level: str) -> None:
    profile = _profile(goal, level)
    for e in CATALOG:
        dosed = prescribe(e, profile)
        assert check_dose.contacts(e, dosed) == contacts(e, dosed), e.id


def _dose(d: Dosed) -> tuple[str, int, int, str, str]:
    return (d.role, d.sets, d.reps, d.unit, d.intensity)


GROWTHS = [
    {"sets": 1},
    {"sets": 2},
    {"reps": 2},
    {"reps": 3},
    {"reps": 5},
    {"reps": 6},
]
INTENSITIES = [
    ("75-80% 1RM (RPE 7-8)", "77.5-82.5% 1RM (RPE 7-8)"),
    ("75-80% 1RM (RPE 7-8)", "80-85% 1RM (RPE 7-8)"),
    ("RPE 7 (3 reps in reserve)", "RPE 7.5 (2.5 reps in reserve)"),
    ("RPE 7 (3 reps in reserve)", "RPE 8 (2 reps in reserve)"),
    ("controlled, 2 s pause", "controlled, 2 s pause"),
]


def test_a_step_of_progression_agrees_with_the_progression_rule() -> None:
    profile = _profile("strength", "intermediate")
    checked = 0
    for e in CATALOG:
        before = prescribe(e, profile)
        afters = [
            replace(before, **{k: getattr(before, k) + n for k, n in g.items()}) for g in GROWTHS
        ]
        for old, new in INTENSITIES:
            afters.append(replace(before, intensity=new))
            before_text = replace(before, intensity=old)
            assert bool(check_dose.grew_past_a_step(before_text, afters[-1])) == bool(
                jump(_dose(before_text), _dose(afters[-1]))
            ), (e.id, old, new)
        for after in afters[: len(GROWTHS)]:
            said = check_dose.grew_past_a_step(before, after)
            assert bool(said) == bool(jump(_dose(before), _dose(after))), (e.id, after)
            checked += bool(said)
    assert checked > 100  # the cases do break the step, often


FALLS = [  # (before, after, falls back): a range is read at its top, the effort reachable
    ("RPE 8.5 (1.5 reps in reserve)", "RPE 7.5-8.5 (1.5-2.5 reps in reserve)", False),
    ("RPE 8.5 (1.5 reps in reserve)", "RPE 7-8 (2-3 reps in reserve)", False),  # a step
    ("RPE 8.5 (1.5 reps in reserve)", "RPE 6.5-7.5 (2.5-3.5 reps in reserve)", True),
    ("87.5% 1RM", "80-85% 1RM", False),
    ("87.5% 1RM", "80-82.5% 1RM", True),
]


@pytest.mark.parametrize(("old", "new", "falls"), FALLS)
def test_a_fall_back_agrees_with_the_progression_rule(old: str, new: str, falls: bool) -> None:
    before = prescribe(CATALOG["goblet_squat"], _profile("strength", "intermediate"))
    was, now = replace(before, intensity=old), replace(before, intensity=new)
    assert bool(check_dose.fell_past_a_step(was, now)) is falls
    assert bool(fell_back(_dose(was), _dose(now))) is falls


def test_a_session_written_longer_than_prescribed_is_caught() -> None:
    config = make_config(week={"max_session_minutes": 30})
    ids = ["goblet_squat", "standing_calf_raise", "push_up"]
    found = [i for i in ids if i in CATALOG]
    assert len(found) >= 3, "the bundled catalog keeps these staples"
    plan = Plan.from_ids(CATALOG, config.profile, {"mon": found})
    assert "session_minutes" not in {v.rule for v in check_plan(plan, CATALOG, config)}
    longer = tuple(
        Prescription(p.exercise, replace(p.dosed, sets=12)) if i == 0 else p
        for i, p in enumerate(plan.sessions[0].exercises)
    )
    stretched = Plan((Session("mon", longer),))
    broken = [v for v in check_plan(stretched, CATALOG, config) if v.rule == "session_minutes"]
    assert broken and "> 30" in broken[0].message
