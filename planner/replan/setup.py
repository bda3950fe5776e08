"""The week as it now stands: which sessions are fixed, which days can still hold one, and
the config the re-planned week is solved and checked under."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.config.config import Config
from planner.replan.edits import Edits
from planner.vocabulary import DAYS

Sessions = dict[str, tuple[str, ...]]  # day -> exercise ids, in the plan's order


@dataclass(frozen=True)
class WeekReplan:
    """A week to re-plan: `reference` is the old plan with the asked moves made, the plan a
    re-plan changes as little as it can; `fixed` sessions stand as they are."""

    config: Config  # the week's rules over the days it now has
    old: Sessions
    fixed: Sessions
    reference: Sessions
    edits: Edits
    assumed_done: tuple[str, ...]  # sessions before the last day logged, not logged: kept
    planned_sessions: int  # what the plan asked for; config's count may be lower

    @property
    def open_days(self) -> tuple[str, ...]:
        return tuple(d for d in self.config.week.available_days if d not in self.fixed)


def week_replan(
    config: Config,
    old: Mapping[str, Sequence[str]],
    edits: Edits,
    order: Sequence[str] = DAYS,
) -> WeekReplan:
    """The week after `edits`: done sessions and sessions already behind the athlete are
    fixed; missed, moved-from and unavailable days and days gone by hold nothing; the
    planned number of sessions stays when enough days are left."""
    sessions = {d: tuple(ids) for d, ids in old.items()}
    rank = {d: i for i, d in enumerate(order)}
    last = max((rank[d] for d in edits.logged), default=-1)
    moved_from = {a for a, _ in edits.moves}
    assumed = tuple(
        d for d in sessions if rank[d] <= last and d not in edits.logged and d not in moved_from
    )
    fixed = {d: sessions[d] for d in (*edits.done, *assumed)}
    closed = {*edits.missed, *edits.unavailable, *moved_from}
    candidates = {*config.week.available_days, *(b for _, b in edits.moves)}
    open_days = {d for d in candidates if d not in closed and rank[d] > last}
    days = sorted({*fixed, *open_days}, key=rank.__getitem__)
    planned = config.week.session_count
    shaped = config.reshaped(available_days=days, sessions=min(planned, len(days)))
    reference = {d: ids for d, ids in sessions.items() if d not in moved_from}
    for origin, target in edits.moves:
        reference[target] = sessions[origin]
    ordered = dict(sorted(reference.items(), key=lambda item: rank[item[0]]))
    return WeekReplan(shaped, sessions, fixed, ordered, edits, assumed, planned)
