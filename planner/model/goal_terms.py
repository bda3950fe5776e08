"""The objective's goal terms: the goal profile's targets, weighed above everything else,
and how hard its dose is done (the H of planner/model/objective.py).

Targets: the profile's minimums that the config leaves to defaults (session bands, dose, eve
dose, heavy work, heavy sets; the rules add them as Variables.shortfalls) and its ceiling
on the dose (`dose_most`: the endurance goal's one heavy lift a session, the rest
strength-endurance). Each unit a week misses one by costs more than every other term can
gain together, so a plan misses a target only when nothing else allows it, and the plan
says so (planner/week/shortfalls.py).

Two tiers: a dose beyond what its categories' session minimums already ask (the advanced
flexibility runner's third stretch, where the mobility band asks for 2) is the profile's
extra, not the rubric's floor, so each such unit costs less than every other missed unit
together. Without the tiers a 30-minute session that fits 8 exercises tied "3 stretches, no
upper body" with "2 stretches and a row", and the search often kept the first
(../shared/COACHING.md: 1-2 upper a session, 2 timed holds).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ortools.sat.python import cp_model

from planner.catalog.catalog import Catalog, Exercise
from planner.catalog.csv_rows import NUMBER_RANGES
from planner.config.config import Config
from planner.model.variables import Variables
from planner.rulebook import rule
from planner.training.eligibility import eligible_exercises
from planner.training.prescription import (
    MAX_HARDNESS,
    hardness,
    heavy_work,
    loaded_dose,
    prescribe,
    serves_goal,
)
from planner.training.stress import heavy_sets, light_leg_days
from planner.training.targets import marginal_gains, weekly_targets
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS, LEG_LOADING_EQUIPMENT, next_day

MAX_LOAD = NUMBER_RANGES["load"][1]  # a catalog's highest allowed load

Week = Mapping[str, Sequence[Exercise]]  # a finished week: day -> its exercises


def targets_met(model: cp_model.CpModel, v: Variables, config: Config) -> cp_model.LinearExprT:
    """Units the week misses the goal profile's targets by, weighed by tier: the minimums'
    shortfalls and each session's goal exercises beyond `dose_most` cost `floor_tier` a unit,
    a dose's units beyond its categories' minimums one."""
    tier = floor_tier(config)
    units: list[cp_model.LinearExprT] = []
    for key, short in v.shortfalls:
        extra = dose_extra(config, key)
        if not extra:
            units.append(tier * short)
            continue
        # The first `extra` units of the dose's shortfall are the profile's extra.
        below = model.new_int_var(0, 100, f"{short.name}.below_floor")
        model.add_max_equality(below, [0, short - extra])
        units += [tier * below, short - below]
    beyond = _beyond_dose(model, v, config)
    unloaded = _unloaded_sessions(model, v, config)
    return cp_model.LinearExpr.sum([*units, *(tier * b for b in [*beyond, *unloaded])])


def _unloaded_sessions(
    model: cp_model.CpModel, v: Variables, config: Config
) -> list[cp_model.IntVar]:
    """Per session off the light days, 1 when it holds none of the loaded dose lifts."""
    loaded = loaded_dose(config, v.exercises)
    if not loaded:
        return []
    light, unloaded = light_leg_days(config), []
    for day in (d for d in v.days if d not in light):
        short = model.new_bool_var(f"unloaded[{day}]")
        model.add(sum(v.on(day, loaded)) + short >= v.trains_on[day])
        unloaded.append(short)
    return unloaded


def dose_extra(config: Config, key: str) -> int:
    """How many of the dose's units under `key` (goal.dose or goal.eve_dose; 0 for any other
    key) the sessions' category minimums do not already ask for."""
    profile, dose_rule = config.profile, rule("goal_dose_per_session")
    if key == dose_rule.key_for("dose"):
        dose = profile.dose
    elif key == dose_rule.key_for("eve_dose"):
        dose = profile.eve_dose
    else:
        return 0
    if not config.defaulted(key):
        return 0  # a dose the athlete writes is a rule, not a target
    floor = sum(config.session.of(c)[0] for c in profile.dose_categories)
    return max(0, dose - floor)


def floor_tier(config: Config) -> int:
    """What a unit below the floor costs, in units of the profile's extra: one more than all
    the extra a week can miss, so no amount of extra outweighs a unit of the floor (1 when
    the profile asks for no extra: one tier)."""
    dose_rule = rule("goal_dose_per_session")
    most = max(dose_extra(config, dose_rule.key_for(p)) for p in ("dose", "eve_dose"))
    return 1 + most * config.week.session_count


def _beyond_dose(model: cp_model.CpModel, v: Variables, config: Config) -> list[cp_model.IntVar]:
    """Per session, the goal's exercises beyond the profile's most (none when it has none)."""
    most = config.profile.dose_most
    if most is None:
        return []
    profile, kit = config.profile, config.equipment.available
    members = [e for e in v.exercises if serves_goal(e, profile, kit)]
    if not members:
        return []
    beyond = []
    for day in v.days if len(members) > most else ():
        extra = model.new_int_var(0, len(members) - most, f"beyond_dose[{day}]")
        # Exactly max(0, goal exercises - most), not just at least it: a search that had set
        # `extra` to 1 was free to add a second heavy lift it then had to undo
        # (block-marathon's week: deterministic time 0.05 -> 0.01, median of 8 seeds).
        model.add_max_equality(extra, [0, sum(v.on(day, members)) - most])
        beyond.append(extra)
    return beyond


def lexicographic_weight(config: Config) -> int:
    """One more than the range of the other terms (a safe over-estimate that depends on the
    config alone, so every model of the week weighs a missed target the same)."""
    weights, profile = config.objective, config.profile
    sessions = config.week.session_count
    targets = weekly_targets(config.athlete.goal, sessions)
    slots = sessions * sum(config.session.of(c)[1] for c in CATEGORIES)
    hard = MAX_HARDNESS * (profile.dose * sessions + sum(profile.heavy_per_week.values()))
    return 1 + (
        weights.coverage * sum(sum(marginal_gains(t)) for t in targets.values())
        + weights.load * slots * MAX_LOAD
        + weights.variety * slots
        + weights.rest_before_key_runs * len(config.week.available_days)
        + weights.hardness * hard
    )


def dose_done_hard(model: cp_model.CpModel, v: Variables, config: Config) -> cp_model.LinearExprT:
    """The goal's dose, and its weekly heavy work, in the hardest versions available."""
    profile, equipment = config.profile, config.equipment.available
    key_runs = set(config.week.key_run_days)
    members = [e for e in v.exercises if serves_goal(e, profile, equipment)]
    steps: list[cp_model.IntVar] = []
    for day in v.days:
        dose = profile.eve_dose if next_day(day) in key_runs else profile.dose
        steps += _hardest(model, v, dose, [(day, members)], f"hardest[{day}")
    for category, least in profile.heavy_per_week.items():
        heavy = [e for e in v.exercises if heavy_work(e, category)]
        steps += _hardest(model, v, least, [(d, heavy) for d in v.days], f"hardest[{category}")
    return sum(steps)


def _hardest(
    model: cp_model.CpModel,
    v: Variables,
    count: int,
    slots: list[tuple[str, list[Exercise]]],
    name: str,
) -> list[cp_model.IntVar]:
    """Steps whose sum is the hardness of the `count` hardest exercises done in the slots:
    step g is min(count, exercises of hardness g or more) at the optimum, so each exercise
    among the `count` hardest adds one per step it reaches; a harder exercise beyond them
    adds nothing (a dose of 2 is rewarded for its 2 hardest lifts, not for a third)."""
    steps: list[cp_model.IntVar] = []
    for g in range(1, MAX_HARDNESS + 1) if count else ():
        reaching = [v.does[d, e.id] for d, members in slots for e in members if hardness(e) >= g]
        if reaching:
            step = model.new_int_var(0, count, f"{name},{g}]")
            model.add(step <= sum(reaching))
            if len(slots) == 1:
                # No session, no dose: redundant for integers, but it tightens the LP
                # (deterministic time, median over 8 athletes: 1,000 x 5 0.48 -> 0.13).
                model.add(step <= count * v.trains_on[slots[0][0]])
            steps.append(step)
    return steps


def missed_targets_score(days: Week, catalog: Catalog, config: Config) -> int:
    """Units the week misses the goal profile's targets by, weighed by tier as targets_met
    weighs them (the model's shortfall and beyond-dose variables, counted from the week's
    exercises)."""
    profile, key_runs, light = config.profile, set(config.week.key_run_days), light_leg_days(config)
    missed = extra_missed = 0
    for day, done in days.items():
        for c in CATEGORIES:
            low = config.session.of(c)[0]
            key = rule("category_counts_per_session").key_for(c)
            if (c == "plyometric" and day in light) or not config.defaulted(key):
                continue
            missed += max(0, low - sum(1 for e in done if e.category == c))
        eve = next_day(day) in key_runs
        key = rule("goal_dose_per_session").key_for("eve_dose" if eve else "dose")
        dose = profile.eve_dose if eve else profile.dose
        serving = sum(1 for e in done if serves_goal(e, profile))
        if config.defaulted(key):
            short = max(0, dose - serving)
            below = max(0, short - dose_extra(config, key))
            missed, extra_missed = missed + below, extra_missed + short - below
        if profile.dose_most is not None:
            missed += max(0, serving - profile.dose_most)
    if loaded_dose(config, eligible_exercises(catalog, config)):
        for day, done in days.items():
            if day not in light and done and not loaded_dose(config, done):
                missed += 1
    week = [e for done in days.values() for e in done]
    if config.defaulted(rule("heavy_work_per_week").keys[0]):
        for c, least in profile.heavy_per_week.items():
            missed += max(0, least - sum(1 for e in week if heavy_work(e, c)))
    for function in CORE_FUNCTIONS:
        if config.defaulted(rule("core_function_minimums").key_for(function)):
            least = config.balance.core_min.of(function)
            missed += max(0, least - sum(e.covers(function) for e in week))
    least = profile.heavy_sets[0]
    usable = eligible_exercises(catalog, config)
    possible = any(heavy_sets(e, prescribe(e, profile)) for e in usable)
    owns = set(config.equipment.available) & set(LEG_LOADING_EQUIPMENT)
    if least and owns and possible and config.defaulted(rule("heavy_sets_per_week").key):
        missed += max(0, least - sum(heavy_sets(e, prescribe(e, profile)) for e in week))
    return floor_tier(config) * missed + extra_missed


def hardness_score(days: Week, catalog: Catalog, config: Config) -> int:
    """The hardness of each session's `dose` hardest goal exercises (`eve_dose` before a key
    run) plus that of each week's `heavy_per_week` hardest heavy exercises per category."""
    profile, have = config.profile, config.equipment.available
    key_runs = set(config.week.key_run_days)

    def top(exercises: list[Exercise], count: int) -> int:
        return sum(sorted((hardness(e) for e in exercises), reverse=True)[:count])

    total = 0
    for day, exercises in days.items():
        dose = profile.eve_dose if next_day(day) in key_runs else profile.dose
        total += top([e for e in exercises if serves_goal(e, profile, have)], dose)
    done = [e for exercises in days.values() for e in exercises]
    for category, least in profile.heavy_per_week.items():
        total += top([e for e in done if heavy_work(e, category)], least)
    return total
