"""A block to re-plan from a date on: the weeks before that date's week are kept as they
were; in the weeks with news (a date done, missed, moved or unavailable) the week is set up
as a week re-plan is (planner/replan/setup.py); the log may hold a week's step."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Any

from planner.catalog.catalog import Catalog
from planner.config.block import BlockWeek, calendar
from planner.config.config import Config
from planner.errors import PlannerError, Problem
from planner.plan.week import Plan
from planner.replan.edits import Edits, check_edits
from planner.replan.setup import Sessions, WeekReplan, week_replan
from planner.replan.steer import Hold, held_weeks
from planner.training.week_setup import WeekSetup, setups_for
from planner.vocabulary import DAYS
from planner.week.check import check_plan


@dataclass(frozen=True)
class BlockReplan:
    setups: tuple[WeekSetup, ...]
    first: int  # index of the first week re-planned; the ones before are kept
    old: tuple[Sessions, ...]  # per week: weekday -> exercise ids
    fixed: tuple[Sessions, ...]  # per week: sessions that stand (every one before `first`)
    reference: tuple[Sessions, ...]  # per week: the old sessions with the asked moves made
    closed: tuple[tuple[str, ...], ...]  # per week: days that can hold nothing now
    free: frozenset[int]  # weeks re-planned first: those with news, those the log holds
    notes: tuple[str, ...]


def block_replan(
    config: Config,
    dated: Mapping[str, Sequence[str]],
    edits: Edits,
    holds: Sequence[Hold] = (),
    carried: Sequence[Mapping[str, Any] | None] = (),
    catalog: Catalog | None = None,
) -> BlockReplan:
    """`dated`: the plan's sessions by date; `edits` name dates (YYYY-MM-DD); `carried`: per
    week, the setup an earlier re-plan gave it (its JSON's `setup`), or None."""
    assert config.block is not None
    weeks = _carried_steps(calendar(config.block, config.athlete.goal), carried)
    weeks = held_weeks(weeks, holds)
    setups = _carried_days(list(setups_for(config, weeks)), carried)
    old = [_week_sessions(w, dated) for w in weeks]
    by_week = _edits_by_week(edits, weeks)
    # Re-planned from the first week with news, or the first week whose step is held.
    starts = [*by_week, *(h.week for h in holds)]
    if not starts:
        raise PlannerError([Problem("replan", "give a date done, missed, moved or unavailable")])
    first = min(starts)
    fixed: list[Sessions] = [dict(s) if i < first else {} for i, s in enumerate(old)]
    reference = [dict(s) for s in old]
    closed: list[tuple[str, ...]] = [() for _ in weeks]
    notes: list[str] = [h.note for h in holds]
    for i, week_edits in sorted(by_week.items()):
        order = _order(weeks[i])
        check_edits(week_edits, old[i], order, partial(_dated, weeks[i]))
        replan = week_replan(setups[i].config, old[i], week_edits, order)
        # Only a week that went otherwise than planned is exempt from the main-lift hold.
        changed = bool(week_edits.missed or week_edits.moves or week_edits.unavailable)
        broken = _broken_if_over(catalog, replan) if catalog is not None else []
        setups[i] = replace(setups[i], config=replan.config, disrupted=changed, over=bool(broken))
        if broken:
            notes.append(
                f"week {i + 1} is over with no day left to plan, and as it happened it misses "
                f"its weekly rules ({'; '.join(broken)}): it stands as it happened"
            )
        fixed[i], reference[i] = replan.fixed, replan.reference
        closed[i] = tuple(d for d in order if d not in replan.config.week.available_days)
        notes += [f"week {i + 1}: {d} kept as planned (before the last day logged)"
                  for d in replan.assumed_done]  # fmt: skip
    return BlockReplan(
        tuple(setups), first, tuple(old), tuple(fixed), tuple(reference), tuple(closed),
        frozenset([*by_week, *(h.week for h in holds)]), tuple(notes),
    )  # fmt: skip


def _carried_steps(
    weeks: tuple[BlockWeek, ...], carried: Sequence[Mapping[str, Any] | None]
) -> tuple[BlockWeek, ...]:
    """The steps an earlier re-plan held stay held."""
    return tuple(
        replace(w, step=int(c["step"])) if c else w
        for w, c in zip(weeks, [*carried, *([None] * len(weeks))], strict=False)
    )


def _carried_days(
    setups: list[WeekSetup], carried: Sequence[Mapping[str, Any] | None]
) -> list[WeekSetup]:
    """A week an earlier re-plan changed keeps its days, session count and disruption: it
    is checked against what it became, not against the plan it was before."""
    for i, c in enumerate(carried[: len(setups)]):
        if c:
            shaped = setups[i].config.reshaped(
                available_days=list(c["available_days"]), sessions=int(c["sessions"])
            )
            setups[i] = replace(
                setups[i],
                config=shaped,
                disrupted=bool(c["disrupted"]),
                over=bool(c.get("over", False)),
            )
    return setups


def _broken_if_over(catalog: Catalog, replan: WeekReplan) -> list[str]:
    """The weekly rules a week with no day left to plan breaks as it happened."""
    if replan.open_days:
        return []
    days = {d: list(ids) for d, ids in replan.fixed.items()}
    plan = Plan.from_ids(catalog, replan.config.profile, days)
    return [str(v) for v in check_plan(plan, catalog, replan.config)]


def _order(week: BlockWeek) -> tuple[str, ...]:
    return tuple(sorted(DAYS, key=week.date_of))


def _week_sessions(week: BlockWeek, dated: Mapping[str, Sequence[str]]) -> Sessions:
    return {
        day: tuple(dated[when])
        for day in _order(week)
        if (when := week.date_of(day).isoformat()) in dated
    }


def _edits_by_week(edits: Edits, weeks: Sequence[BlockWeek]) -> dict[int, Edits]:
    """The dated edits as weekday edits of each week they fall in."""
    found: dict[int, dict[str, list[object]]] = {}

    def place(when: str, option: str) -> tuple[int, str]:
        day = date.fromisoformat(when)
        for i, week in enumerate(weeks):
            if 0 <= (day - week.start).days < 7:
                return i, DAYS[day.weekday()]
        raise PlannerError(
            [
                Problem(
                    "replan",
                    f"{when} is not in the block ({weeks[0].start} to "
                    f"{weeks[-1].start.isoformat()} + 6 days)",
                    key=option,
                )
            ]
        )

    def add(when: str, kind: str, value: object = None) -> None:
        i, day = place(when, f"--{kind}")
        found.setdefault(i, {}).setdefault(kind, []).append(day if value is None else value)

    for when in edits.done:
        add(when, "done")
    for when in edits.missed:
        add(when, "missed")
    for when in edits.unavailable:
        add(when, "unavailable")
    for origin, target in edits.moves:
        i, day = place(origin, "--move")
        j, to = place(target, "--move")
        if i != j:
            raise PlannerError(
                [
                    Problem(
                        "replan",
                        f"--move {origin}:{target}: a session moves within its week",
                        key="--move",
                    )
                ]
            )
        found.setdefault(i, {}).setdefault("move", []).append((day, to))
    return {
        i: Edits(
            tuple(str(d) for d in kinds.get("done", [])),
            tuple(str(d) for d in kinds.get("missed", [])),
            tuple(m for m in kinds.get("move", []) if isinstance(m, tuple)),
            tuple(str(d) for d in kinds.get("unavailable", [])),
        )
        for i, kinds in found.items()
    }


def _dated(week: BlockWeek, day: str) -> str:
    """A weekday of the week as the user gave it on the command line: its date."""
    return week.date_of(day).isoformat()
