"""A JSON list read one entry at a time, so that a malformed or truncated file is reported at
the entry where it breaks (with the last good entry's id), not just at a character offset."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from planner.bounded import Unreadable, raw_decode_json
from planner.errors import PlannerError, Problem


@dataclass(frozen=True)
class Entry:
    number: int  # 1-based position in the list
    line: int  # where the entry starts
    value: Any


def json_entries(name: str, text: str, error: type[PlannerError]) -> list[Entry]:
    """Every entry of the JSON list in `text`, or `error` naming the entry that breaks."""
    pos = _skip_space(text, 0)
    if pos >= len(text) or text[pos] != "[":
        start = text[pos : pos + 20]
        what = f"starts with {start!r}" if start else "is empty"
        raise error([Problem(name, f"{what}; expected a JSON list of exercises ('[' ...)")])
    entries: list[Entry] = []
    pos = _skip_space(text, pos + 1)
    if pos < len(text) and text[pos] == "]":
        return _after_list(name, text, pos, entries, error)
    line, counted = 1, 0  # lines counted as the entries go: from the start each time is quadratic
    while True:
        number = len(entries) + 1
        line, counted = line + text.count("\n", counted, pos), pos
        try:
            value, end = raw_decode_json(text, pos)
        except json.JSONDecodeError as exc:
            raise error([_broken(name, entries, number, line, exc, len(text))]) from None
        except Unreadable as exc:
            message = f"entry {number}{_after(entries)}: {exc.message}"
            raise error([Problem(name, message, line=line)]) from None
        entries.append(Entry(number, line, value))
        pos = _skip_space(text, end)
        if pos >= len(text):
            raise error([_truncated(name, entries, text)])
        if text[pos] == "]":
            return _after_list(name, text, pos, entries, error)
        if text[pos] != ",":
            where = text.count("\n", 0, pos) + 1
            message = (
                f"after {_entry_name(entries[-1])}: expected ',' or ']' but found "
                f"{text[pos : pos + 10]!r}"
            )
            raise error([Problem(name, message, line=where)])
        pos = _skip_space(text, pos + 1)


def entry_id(entry: Entry) -> str | None:
    value = entry.value.get("id") if isinstance(entry.value, dict) else None
    return value if isinstance(value, str) else None


def _entry_name(entry: Entry) -> str:
    ident = entry_id(entry)
    return f"entry {entry.number}" + (f" ({ident!r})" if ident else "")


def _after(entries: list[Entry]) -> str:
    return f" (after {_entry_name(entries[-1])})" if entries else " (the first)"


def _broken(
    name: str, entries: list[Entry], number: int, line: int, exc: json.JSONDecodeError, size: int
) -> Problem:
    unterminated = exc.msg.startswith("Unterminated string") and '"' not in exc.doc[exc.pos + 1 :]
    if exc.pos >= size or unterminated:
        message = (
            f"entry {number}{_after(entries)} is cut off: the file ends inside it "
            "(truncated download or copy?)"
        )
        return Problem(name, message, line=line)
    message = (
        f"entry {number}{_after(entries)} is not valid JSON: {exc.msg} "
        f"(line {exc.lineno}, column {exc.colno})"
    )
    return Problem(name, message, line=line)


def _truncated(name: str, entries: list[Entry], text: str) -> Problem:
    line = text.count("\n") + 1
    message = (
        f"ends after {_entry_name(entries[-1])} without closing the list ']' "
        "(truncated download or copy?)"
    )
    return Problem(name, message, line=line)


def _after_list(
    name: str, text: str, pos: int, entries: list[Entry], error: type[PlannerError]
) -> list[Entry]:
    rest = _skip_space(text, pos + 1)
    if rest < len(text):
        line = text.count("\n", 0, rest) + 1
        message = f"has text after the list ends: {text[rest : rest + 20]!r}"
        raise error([Problem(name, message, line=line)])
    return entries


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos
