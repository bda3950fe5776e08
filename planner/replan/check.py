"""The re-plan's own promises, checked on the plain plan (no OR-Tools, no model code): what
was done is exactly as it was, and days that can no longer hold a session hold none. The
week's rules are checked by planner/week/check.py under the re-planned week's config."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def replan_violations(
    new: Mapping[str, Sequence[str]],
    fixed: Mapping[str, Sequence[str]],
    closed: Sequence[str],
) -> list[str]:
    problems: list[str] = []
    for day, ids in fixed.items():
        if tuple(new.get(day, ())) != tuple(ids):
            problems.append(
                f"done_sessions_kept: {day} was {list(ids)}, re-planned as {list(new.get(day, ()))}"
            )
    for day in closed:
        if new.get(day):
            problems.append(f"closed_days_free: {day} cannot hold a session but holds {new[day]}")
    return problems
