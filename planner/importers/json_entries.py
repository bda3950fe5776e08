"""A JSON list read one entry at a time, so that a malformed or truncated file is reported at
the entry where it breaks (with the last good entry's id), not just at a character offset."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from planner.bounded import Unreadable, raw_decode_json
from planner.errors import PlannerError, Problem


@dataclass(frozen=True)
class Entry:
    number: int  # 1-based position in the list
    line: int  # where the entry starts
    value: Any


def json_entries(name: str, text: str, error: type[PlannerError]) -> Iterator[Entry]:
    """The entries of the JSON list in `text`, one at a time, so that a reader may stop early
    (a screenful of problems); `error` names the entry where the list breaks."""
    pos = _skip_space(text, 0)
    if pos >= len(text) or text[pos] != "[":
        start = text[pos : pos + 20]
        what = f"starts with {start!r}" if start else "is empty"
        raise error([Problem(name, f"{what}; expected a JSON list of exercises ('[' ...)")])
    pos = _skip_space(text, pos + 1)
    if pos < len(text) and text[pos] == "]":
        _after_list(name, text, pos, error)
        return
    last: Entry | None = None
    line, counted = 1, 0  # lines counted as the entries go: from the start each time is quadratic
    while True:
        number = last.number + 1 if last else 1
        line, counted = line + text.count("\n", counted, pos), pos
        try:
            value, end = raw_decode_json(text, pos)
        except json.JSONDecodeError as exc:
            raise error([_broken(name, last, number, line, exc, len(text))]) from None
        except Unreadable as exc:
            message = f"entry {number}{_after(last)}: {exc.message}"
            raise error([Problem(name, message, line=line)]) from None
        last = Entry(number, line, value)
        yield last
        pos = _skip_space(text, end)
        if pos >= len(text):
            raise error([_truncated(name, last, text)])
        if text[pos] == "]":
            _after_list(name, text, pos, error)
            return
        if text[pos] != ",":
            where = text.count("\n", 0, pos) + 1
            message = (
                f"after {_entry_name(last)}: expected ',' or ']' but found {text[pos : pos + 10]!r}"
            )
            raise error([Problem(name, message, line=where)])
        pos = _skip_space(text, pos + 1)


def count_entries(text: str) -> int | None:
    """How many entries the JSON list in `text` holds, at the json module's own speed (2 M
    entries in well under a second), or None when it cannot be read that way."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return len(value) if isinstance(value, list) else None


def entry_id(entry: Entry) -> str | None:
    value = entry.value.get("id") if isinstance(entry.value, dict) else None
    return value if isinstance(value, str) else None


def _entry_name(entry: Entry) -> str:
    ident = entry_id(entry)
    return f"entry {entry.number}" + (f" ({ident!r})" if ident else "")


def _after(last: Entry | None) -> str:
    return f" (after {_entry_name(last)})" if last else " (the first)"


def _broken(
    name: str, last: Entry | None, number: int, line: int, exc: json.JSONDecodeError, size: int
) -> Problem:
    unterminated = exc.msg.startswith("Unterminated string") and '"' not in exc.doc[exc.pos + 1 :]
    if exc.pos >= size or unterminated:
        message = (
            f"entry {number}{_after(last)} is cut off: the file ends inside it "
            "(truncated download or copy?)"
        )
        return Problem(name, message, line=line)
    message = (
        f"entry {number}{_after(last)} is not valid JSON: {exc.msg} "
        f"(line {exc.lineno}, column {exc.colno})"
    )
    return Problem(name, message, line=line)


def _truncated(name: str, last: Entry, text: str) -> Problem:
    line = text.count("\n") + 1
    message = (
        f"ends after {_entry_name(last)} without closing the list ']' (truncated download or copy?)"
    )
    return Problem(name, message, line=line)


def _after_list(name: str, text: str, pos: int, error: type[PlannerError]) -> None:
    rest = _skip_space(text, pos + 1)
    if rest < len(text):
        line = text.count("\n", 0, rest) + 1
        message = f"has text after the list ends: {text[rest : rest + 20]!r}"
        raise error([Problem(name, message, line=line)])


_SPACE = re.compile(r"[ \t\r\n]*")  # JSON's whitespace


def _skip_space(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    assert match is not None  # * matches the empty string
    return match.end()
