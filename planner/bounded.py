"""Reading structured text (TOML, JSON) within bounds: no number, nesting or list a user
writes may cost more than planner can answer about at once.

Python refuses to convert integers of more than 4,300 digits and recursion a thousand
levels deep by raising errors no user would understand; here each becomes an Unreadable
error saying what was too big, where, and what is allowed.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from typing import Any

# No number in any input of planner needs more digits than this (minutes, loads, seconds,
# seeds and exercise counts all fit in a dozen).
MAX_DIGITS = 30
# The deepest a config or a JSON file planner reads nests tables, lists or objects: a config
# uses 3 levels, a plan JSON 6.
MAX_NESTING = 32
_LONG_NUMBER = re.compile("[0-9_]{" + str(MAX_DIGITS + 1) + ",}")


class Unreadable(ValueError):
    """Text that is well formed but beyond planner's bounds; `line` is where, when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def too_many_digits(text: str) -> bool:
    """Whether a number written as `text` has more digits than any input may hold."""
    return sum(c.isdigit() for c in text) > MAX_DIGITS


def digits_message(text: str, allowed: str) -> str:
    count = sum(c.isdigit() for c in text)
    return f"a number of {count} digits is out of range; allowed: {allowed}"


def _bounded_int(text: str) -> int:
    if too_many_digits(text):
        count = len(text.lstrip("-"))
        raise Unreadable(f"a number of {count} digits; no value takes more than {MAX_DIGITS}")
    return int(text)


_DECODER = json.JSONDecoder(parse_int=_bounded_int)  # one for every call: it keeps no state


def loads_json(text: str) -> Any:
    """json.loads, with every way past the bounds an Unreadable (a ValueError, as every
    other way JSON can be wrong)."""
    value, _ = raw_decode_json(text, 0)
    return value


def raw_decode_json(text: str, pos: int) -> tuple[Any, int]:
    """The JSON value starting at `pos` of `text` and where it ends, within the bounds;
    json.JSONDecodeError or Unreadable otherwise."""
    try:
        value, end = _DECODER.raw_decode(text, pos)
    except RecursionError:
        line = text.count("\n", 0, pos) + 1
        raise Unreadable(_nested_message(), line) from None
    check_nesting(value, lambda path: line_of_offset(text, pos))
    return value, end


def loads_toml(text: str) -> dict[str, Any]:
    """tomllib.loads within the bounds: tomllib.TOMLDecodeError for bad syntax, Unreadable
    for a number too long, or tables nested too deeply."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:
        raise Unreadable(_nested_message()) from None
    except ValueError:  # int() refused a number of thousands of digits
        match = _LONG_NUMBER.search(text)
        line = line_of_offset(text, match.start()) if match else None
        count = sum(c.isdigit() for c in match.group()) if match else "thousands of"
        message = f"a number of {count} digits; no setting takes more than {MAX_DIGITS}"
        raise Unreadable(message, line) from None
    check_nesting(data, lambda path: _toml_line(text, path))
    return data


def check_nesting(value: Any, line_of: Callable[[list[str]], int | None]) -> None:
    """Unreadable when `value` nests deeper than MAX_NESTING; walked without recursion."""
    stack: list[tuple[Any, list[str]]] = [(value, [])]
    while stack:
        item, path = stack.pop()
        if len(path) > MAX_NESTING:
            shown = ".".join(path[:3])
            raise Unreadable(
                f"lists or tables are nested more than {MAX_NESTING} levels deep (at "
                f"{shown}...); planner reads at most {MAX_NESTING}",
                line_of(path),
            )
        if isinstance(item, dict):
            stack.extend((child, [*path, str(key)]) for key, child in item.items())
        elif isinstance(item, list):
            stack.extend((child, [*path, str(index)]) for index, child in enumerate(item))


def line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _toml_line(text: str, path: list[str]) -> int | None:
    """The line of a deeply nested key: a dotted key below its table, else the table."""
    for words in (path[1:4], path[:3], path[:1]):
        pattern = r"\s*\.\s*".join(re.escape(w) for w in words)
        match = re.search(r"^[\s\[]*" + pattern, text, re.MULTILINE) if words else None
        if match:
            return line_of_offset(text, match.start())
    return None


def _nested_message() -> str:
    return f"brackets are nested too deeply to read; planner reads at most {MAX_NESTING} levels"
