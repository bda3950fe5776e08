"""Where a dotted key sits in TOML text, so messages can name its line."""

from __future__ import annotations

import re


def find_line(text: str, dotted_key: str) -> int | None:
    """Best-effort line of `a.b.c` in TOML text: the key's own line, or its table's."""
    if not text:
        return None
    parts = dotted_key.split(".")
    table: list[str] = []
    table_line: dict[str, int] = {}
    best: int | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        header = re.fullmatch(r"\[\[?\s*([^\[\]]+?)\s*\]\]?", line)  # [table] or [[array]]
        if header:
            table = [p.strip() for p in header.group(1).split(".")]
            table_line[".".join(table)] = number
            continue
        match = re.match(r"([A-Za-z0-9_.\-\"']+)\s*=", line)
        if not match:
            continue
        path = table + [p.strip("\"' ") for p in match.group(1).split(".")]
        if path == parts:
            return number
        if parts[: len(path)] == path and best is None:
            best = number  # the key is inside an inline table on this line
    if best is not None:
        return best
    for cut in range(len(parts), 0, -1):
        prefix = ".".join(parts[:cut])
        if prefix in table_line:
            return table_line[prefix]
    return None


def line_from_message(message: str) -> int | None:
    """The line a TOML parser's message names ("... (at line 3, column 5)")."""
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
