"""The quantity each cap or floor limits, as a model expression, for measuring fixes.

Keyed by rule name (planner/rulebook.py says which rules are caps, floors or bands); a
measure gets the key's last part (a category or a core function) when the rule has several.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import permutations
from typing import Any

from ortools.sat.python import cp_model

from planner.config.config import Config
from planner.model.rules import track_seconds
from planner.model.variables import Variables
from planner.training.prescription import heavy_work, prescribe, serves_goal
from planner.training.stress import leg_stress, stress
from planner.vocabulary import CORE_FUNCTIONS, LEG_CATEGORIES, next_day

Measure = Callable[[cp_model.CpModel, Variables, Config, str], cp_model.LinearExprT]


def _largest(model: cp_model.CpModel, name: str, terms: Sequence[Any]) -> cp_model.IntVar:
    top = model.new_int_var(-10_000, 10_000, name)
    for term in terms:
        model.add(top >= term)
    return top


def _day_totals(v: Variables, weight: Callable[[Any], int]) -> list[cp_model.LinearExprT]:
    return [v.weighted(d, {e.id: weight(e) for e in v.exercises}) for d in v.days]


def _session_total(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    return sum(v.trains_on.values())


def _max_session_minutes(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    """The longest session in whole minutes (either track, rounded up)."""
    main, paired = track_seconds(v.exercises, c)
    seconds = [v.weighted(d, track) for d in v.days for track in (main, paired)]
    longest = _largest(m, "longest_session_s", seconds)
    minutes = m.new_int_var(0, 10_000, "longest_session_min")
    m.add(60 * minutes >= longest)
    return minutes


def _max_session_load(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    return _largest(m, "max_session_load", _day_totals(v, lambda e: e.load))


def _week_load(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    return v.week({e.id: e.load for e in v.exercises})


def _stress_of(v: Variables, c: Config, legs_only: bool = False) -> dict[str, int]:
    measure = leg_stress if legs_only else stress
    return {e.id: measure(e, prescribe(e, c.profile)) for e in v.exercises}


def _max_session_stress(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    weight = _stress_of(v, c)
    return _largest(m, "max_session_stress", [v.weighted(d, weight) for d in v.days])


def _week_stress(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    return v.week(_stress_of(v, c))


def _max_leg_stress_before_key_run(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    key, legs = set(c.week.key_run_days), _stress_of(v, c, legs_only=True)
    eves = [v.weighted(d, legs) for d in v.days if next_day(d) in key]
    return _largest(m, "max_leg_stress", eves)


def _max_uses(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    return _largest(m, "max_uses", [sum(v.does[d, e.id] for d in v.days) for e in v.exercises])


def _max_leg_load_before_key_run(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    key = set(c.week.key_run_days)
    legs = {e.id: e.load if e.category in LEG_CATEGORIES else 0 for e in v.exercises}
    return _largest(m, "max_leg_load", [v.weighted(d, legs) for d in v.days if next_day(d) in key])


def _least_goal_dose(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    """The smallest goal-stimulus count over the sessions the dose rule applies to."""
    profile, key_runs = c.profile, set(c.week.key_run_days)
    equipment = c.equipment.available
    members = [e for e in v.exercises if serves_goal(e, profile, equipment)]
    least = m.new_int_var(0, 50, f"least_goal_{part}")
    for d in v.days:
        if (next_day(d) in key_runs) == (part == "eve_dose"):
            m.add(least <= sum(v.on(d, members))).only_enforce_if(v.trains_on[d])
    return least


def _heavy_in_week(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    heavy = [e for e in v.exercises if heavy_work(e, part)]
    return sum(sum(v.on(d, heavy)) for d in v.days)


def _core_total(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    return v.week({e.id: e.covers(part) for e in v.exercises})


def _core_spread(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    totals: dict[str, Any] = {
        f: v.week({e.id: e.covers(f) for e in v.exercises}) for f in CORE_FUNCTIONS
    }
    return _largest(m, "core_spread", [totals[a] - totals[b] for a, b in permutations(totals, 2)])


def _session_counts(v: Variables, category: str) -> list[Any]:
    return [sum(v.on(d, [e for e in v.exercises if e.category == category])) for d in v.days]


def _most_in_a_session(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    return _largest(m, f"most_{part}", _session_counts(v, part))


def _least_in_a_session(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    """The smallest count over the sessions that take place."""
    least = m.new_int_var(0, 50, f"least_{part}")
    for d, count in zip(v.days, _session_counts(v, part), strict=True):
        m.add(least <= count).only_enforce_if(v.trains_on[d])
    return least


def _weekly_count(m: cp_model.CpModel, v: Variables, c: Config, part: str) -> Any:
    return sum(_session_counts(v, part))


# Caps: the least value of the quantity that any plan needs (minimised).
CAPS: dict[str, Measure] = {
    "session_minutes": _max_session_minutes,
    "session_load": _max_session_load,
    "weekly_load": _week_load,
    "max_uses_per_week": _max_uses,
    "light_legs_before_key_runs": _max_leg_load_before_key_run,
    "core_function_spread": _core_spread,
    "session_stress": _max_session_stress,
    "weekly_stress": _week_stress,
    "leg_stress_before_key_runs": _max_leg_stress_before_key_run,
    "category_counts_per_session": _most_in_a_session,
    "category_counts_per_week": _weekly_count,
}

# Floors: the most of the quantity that any plan can reach (maximised).
FLOORS: dict[str, Measure] = {
    "sessions_on_available_days": _session_total,
    "core_function_minimums": _core_total,
    "goal_dose_per_session": _least_goal_dose,
    "heavy_work_per_week": _heavy_in_week,
    "category_counts_per_session": _least_in_a_session,
    "category_counts_per_week": _weekly_count,
}
