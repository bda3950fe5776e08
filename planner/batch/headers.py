"""A roster's headers as coaches write them: `Level`, `Days`, `Long run`, `Kit`, `Notes`.

Each header is folded (case, spaces, `_` and `-` do not matter) and read as a reserved
column (athlete, name, config), a config key (by its dotted path, its last part when no other
key ends so, or an alias below), or a notes column (Notes, Comment, ... or one the coach
names with `planner batch --notes`). A header close to any of those but none of them
(`Sesions`, `Equipement`, `load.max_weeek`) is a mistake: the run stops before solving,
rather than plan every athlete without the value the coach meant to set. Any other header
(`Event group`, `first_name`, `PB`) is the coach's own column, kept as notes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from planner.batch.columns import OVERRIDE_KEYS

RESERVED_COLUMNS: tuple[str, ...] = ("athlete", "name", "config")

# Headers as a coach writes them -> the column they are (the README lists this table).
ALIASES: dict[str, str] = {
    "id": "athlete",
    "athlete id": "athlete",
    "runner": "athlete",
    "athlete name": "name",
    "group": "config",
    "level": "athlete.level",
    "goal": "athlete.goal",
    "days": "week.available_days",
    "day": "week.available_days",
    "available days": "week.available_days",
    "gym days": "week.available_days",
    "sessions": "week.sessions",
    "sessions per week": "week.sessions",
    "long run": "week.long_run",
    "hard runs": "week.hard_runs",
    "key runs": "week.hard_runs",
    "minutes": "week.max_session_minutes",
    "session minutes": "week.max_session_minutes",
    "equipment": "equipment.available",
    "kit": "equipment.available",
    "exclude": "exclude.exercises",
    "avoid": "exclude.exercises",
    "exclude tags": "exclude.tags",
    "include": "include.exercises",
    "block start": "block.start",
    "race": "block.race",
    "race date": "block.race",
    "race day": "block.race",
    "distance": "block.distance",
    "race distance": "block.distance",
}
# The headers a message shows as examples: the ones most sheets have.
SHOWN_HEADERS = (
    "Level", "Goal", "Days", "Sessions", "Long run", "Hard runs", "Minutes", "Equipment",
    "Exclude", "Race", "Distance", "Block start",
)  # fmt: skip
# Headers that hold the coach's notes, never a value to plan with.
NOTE_HEADERS = frozenset(
    {"notes", "note", "comment", "comments", "remarks", "coach notes", "injury", "injuries"}
)


def fold(header: str) -> str:
    """`Long_Run`, ` long  run `, `Long-run` are all `long run`."""
    return " ".join(re.sub(r"[_\-\s]+", " ", header).lower().split())


def _leaves() -> dict[str, list[str]]:
    """The last part of each config key, folded -> the keys ending so."""
    leaves: dict[str, list[str]] = {}
    for key in OVERRIDE_KEYS:
        leaves.setdefault(fold(key.rsplit(".", 1)[-1]), []).append(key)
    return leaves


def _names() -> dict[str, str]:
    """Every folded spelling that names a column -> the column."""
    names = {fold(c): c for c in (*RESERVED_COLUMNS, *OVERRIDE_KEYS)}
    unique = {leaf: keys[0] for leaf, keys in _leaves().items() if len(keys) == 1}
    names.update({leaf: key for leaf, key in unique.items() if leaf not in names})
    names.update(ALIASES)
    return names


NAMES = _names()
# A last part that several keys share (`max_week`: load's and fatigue's) names no column on
# its own, but a header like it is still a key mistyped, not a note.
SHARED_LEAVES = {leaf: keys[0] for leaf, keys in _leaves().items() if len(keys) > 1}


@dataclass(frozen=True)
class Header:
    """What one header is: a column (reserved or a config key), notes, or a mistake."""

    written: str
    column: str | None = None  # the canonical column, when it names one
    note: bool = False
    meant: str | None = None  # a mistake: the column it is closest to, if any
    guessed: bool = False  # a note only because it is close to no column (said, once)


def read_header(written: str, notes: Iterable[str] = ()) -> Header:
    folded = fold(written)
    if folded in {fold(n) for n in notes} or folded in NOTE_HEADERS:
        return Header(written, note=True)
    if folded in NAMES:
        return Header(written, column=NAMES[folded])
    known = {**SHARED_LEAVES, **NAMES}
    close = difflib.get_close_matches(folded, list(known), n=1, cutoff=0.8)
    if close or "." in written:
        return Header(written, meant=known[close[0]] if close else _near_dotted(written))
    return Header(written, note=True, guessed=True)


def _near_dotted(written: str) -> str | None:
    close = difflib.get_close_matches(written.lower(), list(OVERRIDE_KEYS), n=1, cutoff=0.6)
    return close[0] if close else None


def alias_rows() -> list[tuple[str, str]]:
    """(header, column) of the alias table, for the README and the batch's help."""
    return sorted(ALIASES.items(), key=lambda item: (item[1], item[0]))
