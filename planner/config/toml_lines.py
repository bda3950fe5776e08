"""Where a dotted key sits in TOML text, so messages can name its line."""

from __future__ import annotations

import re
from functools import lru_cache

_HEADER = re.compile(r"\[\[?\s*([^\[\]]+?)\s*\]\]?")  # [table] or [[array]]
_KEY = re.compile(r"([A-Za-z0-9_.\-\"']+)\s*=")


def find_line(text: str, dotted_key: str) -> int | None:
    """Best-effort line of `a.b.c` in TOML text: the key's own line, or its table's."""
    if not text:
        return None
    keys, tables = _lines_of(text)
    parts = tuple(dotted_key.split("."))
    if parts in keys:
        return keys[parts]
    inside = [keys[parts[:cut]] for cut in range(1, len(parts)) if parts[:cut] in keys]
    if inside:
        return min(inside)  # the key is inside an inline table on this line
    for cut in range(len(parts), 0, -1):
        if parts[:cut] in tables:
            return tables[parts[:cut]]
    return None


@lru_cache(maxsize=16)
def _lines_of(text: str) -> tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int]]:
    """The first line of each key and the line of each table header, read once per text: a
    config with thousands of problems is scanned once, not once a problem."""
    keys: dict[tuple[str, ...], int] = {}
    tables: dict[tuple[str, ...], int] = {}
    table: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        header = _HEADER.fullmatch(line)
        if header:
            table = [p.strip() for p in header.group(1).split(".")]
            tables[tuple(table)] = number
            continue
        match = _KEY.match(line)
        if match:
            path = (*table, *(p.strip("\"' ") for p in match.group(1).split(".")))
            keys.setdefault(path, number)
    return keys, tables


def line_from_message(message: str) -> int | None:
    """The line a TOML parser's message names ("... (at line 3, column 5)")."""
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
