"""Changed exercise slots between two weeks: an exercise added, removed or moved to another
day. Plain data; the model minimizes the same count (planner/replan/week_model.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from planner.vocabulary import DAYS


@dataclass(frozen=True)
class Move:
    id: str
    origin: str
    target: str


@dataclass
class DayChange:
    """What changed on one day (a weekday, or a date in a block)."""

    day: str
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    moved: list[Move] = field(default_factory=list)  # in or out of this day
    why: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "day": self.day,
            "why": self.why,
            "removed": self.removed,
            "added": self.added,
            "moved": [{"id": m.id, "from": m.origin, "to": m.target} for m in self.moved],
        }

    @property
    def empty(self) -> bool:
        return not (self.removed or self.added or self.moved)


def changed_slots(old: Mapping[str, Sequence[str]], new: Mapping[str, Sequence[str]]) -> int:
    """Per exercise, the larger of the slots it left and the slots it took: a move is one
    change, an exercise dropped or added one each."""
    total = 0
    for exercise in _exercises(old, new):
        left, took = _left_and_took(old, new, exercise)
        total += max(len(left), len(took))
    return total


def day_changes(
    old: Mapping[str, Sequence[str]],
    new: Mapping[str, Sequence[str]],
    order: Sequence[str] = DAYS,
) -> list[DayChange]:
    """The changes per day, in `order`: an exercise that left one day and took another moved
    (paired earliest first); what is left over was removed or added."""
    rank = {d: i for i, d in enumerate(order)}
    changes: dict[str, DayChange] = {}

    def on(day: str) -> DayChange:
        return changes.setdefault(day, DayChange(day))

    for exercise in _exercises(old, new):
        left, took = _left_and_took(old, new, exercise)
        left = sorted(left, key=lambda d: rank.get(d, len(rank)))
        took = sorted(took, key=lambda d: rank.get(d, len(rank)))
        for origin, target in zip(left, took, strict=False):
            move = Move(exercise, origin, target)
            on(origin).moved.append(move)
            on(target).moved.append(move)
        for day in left[len(took) :]:
            on(day).removed.append(exercise)
        for day in took[len(left) :]:
            on(day).added.append(exercise)
    return sorted(changes.values(), key=lambda c: rank.get(c.day, len(rank)))


def _exercises(old: Mapping[str, Sequence[str]], new: Mapping[str, Sequence[str]]) -> list[str]:
    seen = dict.fromkeys(i for plan in (old, new) for ids in plan.values() for i in ids)
    return list(seen)


def _left_and_took(
    old: Mapping[str, Sequence[str]], new: Mapping[str, Sequence[str]], exercise: str
) -> tuple[list[str], list[str]]:
    before = {d for d, ids in old.items() if exercise in ids}
    after = {d for d, ids in new.items() if exercise in ids}
    return sorted(before - after), sorted(after - before)
