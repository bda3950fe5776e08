"""What `planner explain` prints (and the conflict lines a plan-less result shows): rules that
conflict, or rules that bind at the optimum, as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from planner.config.config import Config
from planner.plan.week import Conflict
from planner.rulebook import phrase, rule, rule_of
from planner.week.explain import BindingRule


def conflicts_report(conflicts: Sequence[Conflict], config: Config, fmt: str) -> str:
    """No plan: the rules that cannot hold together, with their smallest fixes."""
    if fmt == "json":
        data = {"status": "INFEASIBLE", "conflicts": [c.as_dict() for c in conflicts]}
        return json.dumps(data, indent=2) + "\n"
    return "".join(line + "\n" for line in conflict_lines(conflicts, config)[1:])


def binding_report(optimum: int, rows: Sequence[BindingRule], fmt: str) -> str:
    """A plan exists: the rules that, loosened alone, would give a better one."""
    if fmt == "json":
        data = {"status": "OPTIMAL", "objective": optimum, "rules": [r.__dict__ for r in rows]}
        return json.dumps(data, indent=2) + "\n"
    binding = [r for r in rows if r.gain != 0 and r.rule not in ATHLETE_FACTS]
    facts = [r for r in rows if r.gain != 0 and r.rule in ATHLETE_FACTS]
    lines = [f"A plan exists; the optimum is {optimum}."]
    if not binding:
        lines.append("No rule binds: loosening any single rule would not give a better plan.")
    else:
        lines.append("Rules that bind (loosening one alone gives a better plan):")
        lines.extend(_binding_line(r) for r in binding)
    if facts:
        lines.append("What the athlete is and owns also limits the plan (not rules to loosen):")
        lines.extend(_binding_line(r) for r in facts)
    slack = [r for r in rows if r.gain == 0]
    keys = [r.rule for r in slack if _is_config_key(r.rule)]
    if keys:
        lines.append(f"Not binding: {', '.join(keys)}.")
    fixed = [r.phrase for r in slack if not _is_config_key(r.rule)]
    if fixed:
        lines.append(f"Built-in rules, not binding either: {'; '.join(fixed)}.")
    return "".join(line + "\n" for line in lines)


# Who the athlete is and what they own: they limit the plan, but a coach does not loosen them.
ATHLETE_FACTS = tuple(rule("allowed_exercises_only").key_for(p) for p in ("level", "available"))


def _binding_line(r: BindingRule) -> str:
    gain = "not proven in time" if r.gain is None else f"+{r.gain} objective"
    return f"  - {r.rule} = {json.dumps(r.value)} ({r.phrase}): {gain}"


def conflict_lines(
    conflicts: Sequence[Conflict], config: Config, markdown: bool = False
) -> list[str]:
    """The conflicting rules, one per line, each with its smallest fix when known."""
    if not conflicts:
        return []
    bullet = "- " if markdown else "  - "
    rules = "; ".join(c.said or phrase(config, c.rule) for c in conflicts)
    lines = [
        "",
        f"No plan: these rules cannot all hold together: {rules}.",
        "",
        "What would have to give (a suggested value alone makes a plan possible):",
    ]
    for c in conflicts:
        fix = "" if c.fix is None else f" -> try {c.rule} = {json.dumps(c.fix)}"
        # A rule that is no config key (a movement family never on two days in a row) is
        # named in words: `family.consecutive_days = null` would send the user looking for it.
        what = (
            f"{c.rule} = {json.dumps(c.value)}"
            if _is_config_key(c.rule)
            else f"{c.said or phrase(config, c.rule)} (a fixed rule, not a config key)"
        )
        lines.append(f"{bullet}{what}: {c.advice or c.message}{fix}")
    return lines


def _is_config_key(rule: str) -> bool:
    found = rule_of(rule)
    return found is None or found.configurable
