"""Errors for problems in the user's input, each naming where it is and what is allowed."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one input file, in the form FILE:LINE: KEY: message."""

    file: str
    message: str
    line: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = (
            _shortened(self.file) if self.line is None else f"{_shortened(self.file)}:{self.line}"
        )
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


MAX_NAME_SHOWN = 160  # a longer file name is shown by its start and end: one readable line


def _shortened(name: str) -> str:
    if len(name) <= MAX_NAME_SHOWN:
        return name
    return f"{name[:100]}...{name[-40:]} ({len(name)} characters)"


MAX_PROBLEMS = 50  # the most problems one error lists; it says how many more there are
_MORE = re.compile(r"\.\.\. and (\d+) more problems")


class PlannerError(Exception):
    """Base class: a user-facing problem with the inputs (exit code 3 in the CLI)."""

    def __init__(self, problems: Iterable[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem(file="<input>", message=problems)]
        found = tuple(problems)
        # An error made from another's problems counts the ones that one left out too.
        more = sum(int(m[1]) for p in found if not p.key and (m := _MORE.fullmatch(p.message)))
        found = tuple(p for p in found if p.key or not _MORE.fullmatch(p.message))
        more += max(len(found) - MAX_PROBLEMS, 0)
        if more:  # a screenful says what is wrong; a million lines do not
            found = (
                *found[:MAX_PROBLEMS],
                Problem(found[:MAX_PROBLEMS][-1].file, f"... and {more} more problems"),
            )
        self.problems: tuple[Problem, ...] = found
        super().__init__("\n".join(str(p) for p in self.problems))


class CatalogError(PlannerError):
    """The exercise catalog CSV cannot be used."""


class ConfigError(PlannerError):
    """The athlete config TOML cannot be used."""


# Long spellings users write for the short values we accept.
ALIASES = {
    "monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu",
    "friday": "fri", "saturday": "sat", "sunday": "sun",
}  # fmt: skip


def control_character(text: str) -> str | None:
    """The first control character in `text` (ESC, BEL, NUL, a line break...), written as an
    escape ('\\x1b'), or None: names and ids are plain text on one line."""
    for char in text:
        if unicodedata.category(char) == "Cc":
            return repr(char)[1:-1]
    return None


def visible(text: str) -> str:
    """`text` with its control characters written as escapes, safe to print to a terminal
    (an ESC would reach it raw, and `ESC[2J` clears the screen)."""
    return "".join(repr(c)[1:-1] if unicodedata.category(c) == "Cc" else c for c in text)


class RosterError(PlannerError):
    """The roster as a whole cannot be used (missing, unreadable, no ids, duplicate ids)."""


def did_you_mean(value: str, allowed: Iterable[str], cutoff: float = 0.6) -> str:
    """A ' (did you mean X?)' hint for a likely typo, or '' when nothing is close."""
    options = [str(a) for a in allowed]
    text = str(value).strip().lower()
    candidates = {o.lower(): o for o in options}
    candidates.update({long: short for long, short in ALIASES.items() if short in options})
    close = difflib.get_close_matches(text, list(candidates), n=1, cutoff=cutoff)
    return f" (did you mean {candidates[close[0]]!r}?)" if close else ""


def allowed_list(allowed: Iterable[str], limit: int = 12, see: str = "") -> str:
    """Render a list of allowed values, shortened when it is long; `see` names the command
    that lists them all (`planner catalog --tags`)."""
    items = sorted(set(allowed))
    shown = ", ".join(items[:limit])
    if len(items) <= limit:
        return shown
    return shown + f", ... ({len(items)} in all" + (f"; {see} lists them)" if see else ")")
