"""What happened to the planned week: sessions done, missed, moved, days now unavailable.

Plain data, validated against the plan it edits, so every mistake is named before anything
is solved: a day that is not a weekday, a session that does not exist, a day marked twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from planner.errors import ALIASES, PlannerError, Problem, allowed_list, did_you_mean
from planner.vocabulary import DAYS


@dataclass(frozen=True)
class Edits:
    """The athlete's news since the plan was made; a move is (from, to)."""

    done: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    moves: tuple[tuple[str, str], ...] = ()
    unavailable: tuple[str, ...] = ()

    @property
    def logged(self) -> tuple[str, ...]:
        """Days whose session is behind the athlete: done or missed."""
        return (*self.done, *self.missed)

    def merged(self, other: Edits) -> Edits:
        """These edits and another's (the log's and the command line's), each day once."""
        return Edits(
            _unique((*self.done, *other.done)),
            _unique((*self.missed, *other.missed)),
            tuple(dict.fromkeys((*self.moves, *other.moves))),
            _unique((*self.unavailable, *other.unavailable)),
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "done": list(self.done),
            "missed": list(self.missed),
            "moved": [{"from": a, "to": b} for a, b in self.moves],
            "unavailable": list(self.unavailable),
        }

    def reason(self, day: str) -> str:
        """Why a day's session changed, in the athlete's words; '' when nothing was said."""
        if day in self.done:
            return "done"
        if day in self.missed:
            return "missed"
        for origin, target in self.moves:
            if day == origin:
                return f"moved to {target}"
            if day == target:
                return f"moved here from {origin}"
        return "unavailable" if day in self.unavailable else ""


def _unique(days: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(days))


def weekday(text: str, option: str, source: str = "replan") -> str:
    """A weekday name (mon..sun, or spelled out), or an error naming the option."""
    value = text.strip().lower()
    value = ALIASES.get(value, value)
    if value not in DAYS:
        raise PlannerError(
            [
                Problem(
                    source,
                    f"{text!r} is not a weekday{did_you_mean(text, DAYS)}; "
                    f"allowed: {allowed_list(DAYS)}",
                    key=option,
                )
            ]
        )
    return value


def date_text(text: str, option: str, source: str = "replan") -> str:
    """A date YYYY-MM-DD (a block's day), or an error naming the option."""
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        problem = Problem(source, f"{text!r} is not a date of the block (YYYY-MM-DD)", key=option)
        raise PlannerError([problem]) from None


# Reads a day as the plan names them (a weekday; a date for a block) for an option.
ParseDay = Callable[[str, str], str]


def parse_move(text: str, parse_day: ParseDay, option: str = "--move") -> tuple[str, str]:
    """FROM:TO, each a day as `parse_day` reads it."""
    origin, sep, target = text.partition(":")
    if not sep or not origin or not target:
        raise PlannerError(
            [Problem("replan", f"{text!r} is not FROM:TO, e.g. tue:wed", key=option)]
        )
    return parse_day(origin, option), parse_day(target, option)


def check_edits(
    edits: Edits,
    sessions: Mapping[str, Sequence[str]],
    days: Sequence[str],
    name: Callable[[str], str] = str,
) -> None:
    """Every edit must make sense for the plan: sessions done, missed or moved exist, a day
    is marked once, a session moves to a day that is free by then. `name` says a day as the
    user wrote it (a block's: its date)."""
    problems: list[str] = []
    order = {d: i for i, d in enumerate(days)}
    seen: dict[str, str] = {}

    def mark(day: str, how: str) -> None:
        if day in seen:
            problems.append(f"{name(day)} is marked both {seen[day]} and {how}")
        seen[day] = how

    for day in edits.done:
        mark(day, "done")
    for day in edits.missed:
        mark(day, "missed")
    for origin, _ in edits.moves:
        mark(origin, "moved")
    for day in (*edits.done, *edits.missed, *(a for a, _ in edits.moves)):
        if day not in sessions:
            planned = ", ".join(map(name, sessions)) or "none"
            problems.append(f"{name(day)} has no session in the plan (sessions: {planned})")
    leaving = {a for a, _ in edits.moves}
    targets = [b for _, b in edits.moves]
    last = max((order[d] for d in edits.logged if d in order), default=-1)
    for origin, target in edits.moves:
        move, to = f"--move {name(origin)}:{name(target)}", name(target)
        if target == origin:
            problems.append(f"{move} moves a session to its own day")
        elif target in sessions and target not in leaving:
            problems.append(
                f"{move}: {to} already holds a session; mark it missed or move it first"
            )
        elif target in seen and seen[target] != "moved":
            problems.append(f"{move}: {to} is marked {seen[target]}")
        elif order.get(target, len(order)) <= last:
            problems.append(
                f"{move}: {to} is before the last day logged; a session cannot move into the past"
            )
        if targets.count(target) > 1:
            problems.append(f"two sessions are moved to {to}; one session a day")
    for day in edits.unavailable:
        if day in edits.done or day in targets:
            problems.append(f"{name(day)} is marked unavailable and {seen.get(day, 'moved to')}")
    if problems:
        unique = list(dict.fromkeys(problems))
        raise PlannerError([Problem("replan", p) for p in unique])
