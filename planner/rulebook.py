"""The hard rules as plain data: one entry per rule, the only place a rule's facts live.

An entry holds the rule's name (the function that enforces it in planner/model/rules.py
and the one that verifies it in planner/week/check.py), the config keys it answers to, how a
coach says it, and its sense: a cap (a most, fixed by raising it), a floor (a least, fixed
by lowering it), a band ([min, max], either side may give) or fixed (a switch, a list or a
built-in rule with no number to move). The model, the checker, the conflict search and the
explanations all read it; none of them spells a config key of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.block_rulebook import BLOCK_RULES
from planner.rule_kinds import Rule, Sense
from planner.rule_kinds import count_range as _count
from planner.rule_kinds import part_of as _part
from planner.vocabulary import CATEGORIES, CORE_FUNCTIONS

if TYPE_CHECKING:
    from planner.config.config import Config


def _dose_where(config: Config, key: str) -> str:
    if key.endswith("eve_dose"):
        return " in a session on the eve of a key run"
    return " in every session" + (
        " not on the eve of a key run" if config.week.key_run_days else ""
    )


def _days(config: Config) -> str:
    return ", ".join(config.week.key_run_days)


RULES: tuple[Rule, ...] = (
    Rule(
        "sessions_on_available_days",
        ("week.sessions",),
        Sense.FLOOR,
        lambda c, k, v: f"{v} sessions on {', '.join(c.week.available_days)}",
        quantity="session(s) a week",
    ),
    Rule(
        "allowed_exercises_only",
        ("exclude.exercises", "exclude.tags", "equipment.available", "athlete.level"),
        Sense.FIXED,
        lambda c, k, v: {
            "exclude.exercises": lambda: f"excluding {', '.join(v)}",
            "exclude.tags": lambda: f"no exercises tagged {', '.join(v)}",
            "equipment.available": lambda: (
                f"only the equipment {', '.join(v)}" if v else "bodyweight exercises only"
            ),
            "athlete.level": lambda: f"only {v}-level exercises or easier",
        }[k](),
    ),
    Rule(
        "pinned_exercises_included",
        ("include.exercises",),
        Sense.FIXED,
        lambda c, k, v: f"the week includes {', '.join(v)}",
    ),
    Rule(
        "category_counts_per_session",
        tuple(f"session.{c}" for c in CATEGORIES),
        Sense.BAND,
        lambda c, k, v: f"{_count(v)} {_part(k)} exercises per session",
    ),
    Rule(
        "category_counts_per_week",
        tuple(f"weekly.{c}" for c in CATEGORIES),
        Sense.BAND,
        lambda c, k, v: f"{_count(v)} {_part(k)} exercises per week",
    ),
    Rule(
        "session_minutes",
        ("week.max_session_minutes",),
        Sense.CAP,
        lambda c, k, v: f"sessions of at most {v} minutes",
        quantity="a session length (minutes)",
    ),
    Rule(
        "session_load",
        ("load.max_session",),
        Sense.CAP,
        lambda c, k, v: f"a session load of at most {v}",
        quantity="a session load",
    ),
    Rule(
        "weekly_load",
        ("load.max_week",),
        Sense.CAP,
        lambda c, k, v: f"a weekly load of at most {v}",
        quantity="a weekly load",
    ),
    Rule(
        "one_exercise_per_family_per_session",
        ("family.per_session",),
        Sense.FIXED,
        lambda c, k, v: "one exercise per movement family in a session",
        configurable=False,
    ),
    Rule(
        "no_family_on_consecutive_days",
        ("family.consecutive_days",),
        Sense.FIXED,
        lambda c, k, v: "no movement family on two days in a row",
        configurable=False,
    ),
    Rule(
        "max_uses_per_week",
        ("variety.max_per_week",),
        Sense.CAP,
        lambda c, k, v: f"each exercise at most {v} time(s) a week",
        quantity="uses of one exercise per week",
    ),
    Rule(
        "light_legs_before_key_runs",
        ("load.max_lower_before_key_run",),
        Sense.CAP,
        lambda c, k, v: f"leg load of at most {v} the day before a key run ({_days(c)})",
        quantity="a leg load the day before a key run",
    ),
    Rule(
        "soleus_gastrocnemius_band",
        ("balance.soleus_to_gastrocnemius",),
        Sense.FIXED,
        lambda c, k, v: f"soleus work between {v[0]} and {v[1]} times the gastrocnemius work",
    ),
    Rule(
        "core_function_minimums",
        tuple(f"balance.core_min.{f}" for f in CORE_FUNCTIONS),
        Sense.FLOOR,
        lambda c, k, v: f"weekly {_part(k).replace('_', '-')} coverage of at least {v}",
        quantity="weekly {part} coverage",
    ),
    Rule(
        "goal_dose_per_session",
        ("goal.dose", "goal.eve_dose"),
        Sense.FLOOR,
        lambda c, k, v: (
            f"at least {v} {c.profile.primary} exercise(s) ({', '.join(c.profile.dose_categories)})"
            + _dose_where(c, k)
        ),
        quantity="goal-stimulus exercise(s) in some session",
    ),
    Rule(
        "heavy_work_per_week",
        tuple(f"goal.heavy_per_week.{c}" for c in CATEGORIES),
        Sense.FLOOR,
        lambda c, k, v: f"at least {v} heavy {_part(k)} exercise(s) in the week",
        quantity="heavy {part} exercise(s) in the week",
    ),
    Rule(
        "core_function_spread",
        ("balance.core_spread",),
        Sense.CAP,
        lambda c, k, v: f"core functions within {v} points of each other",
        quantity="a core spread",
    ),
    Rule(
        "session_stress",
        ("fatigue.max_session",),
        Sense.CAP,
        lambda c, k, v: f"a session stress of at most {v}",
        quantity="a session stress",
    ),
    Rule(
        "weekly_stress",
        ("fatigue.max_week",),
        Sense.CAP,
        lambda c, k, v: f"a weekly stress of at most {v}",
        quantity="a weekly stress",
    ),
    Rule(
        "leg_stress_before_key_runs",
        ("fatigue.max_legs_before_key_run",),
        Sense.CAP,
        lambda c, k, v: f"leg stress of at most {v} the day before a key run ({_days(c)})",
        quantity="a leg stress the day before a key run",
    ),
    Rule(
        "no_hard_legs_before_key_runs",
        ("fatigue.light_eves",),
        Sense.FIXED,
        lambda c, k, v: (
            f"no jumps, heavy or slow-lowering leg sets the day before a key run ({_days(c)})"
        ),
        configurable=False,
    ),
    Rule(
        "no_hard_legs_on_long_run_day",
        ("week.heavy_legs_on_long_run_day",),
        Sense.FIXED,
        lambda c, k, v: f"no heavy leg work on the long-run day ({c.week.long_run})",
    ),
    Rule(
        "heavy_sets_per_week",
        ("goal.heavy_sets",),
        Sense.FIXED,
        lambda c, k, v: f"between {v[0]} and {v[1]} heavy lower-body sets a week",
    ),
)


BY_NAME: dict[str, Rule] = {r.name: r for r in (*RULES, *BLOCK_RULES)}
BY_KEY: dict[str, Rule] = {k: r for r in (*RULES, *BLOCK_RULES) for k in r.keys}


def rule(name: str) -> Rule:
    return BY_NAME[name]


def rule_of(key: str) -> Rule | None:
    """The rule a config key belongs to (None for a key no rule answers to)."""
    return BY_KEY.get(key)


def rule_value(config: Config, key: str) -> Any:
    """The config value behind a rule key (None for built-in rules)."""
    node: Any = config.effective()
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def phrase(config: Config, key: str) -> str:
    """What the rule behind `key` asks for, as a coach would say it."""
    found = rule_of(key)
    return found.says(config, key, rule_value(config, key)) if found else key
