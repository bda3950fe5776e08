"""The roster's override columns, derived from the Config model, and how a cell is read.

Every config key is a column named by its dotted path (`week.sessions`). A cell is text as
a coach types it: a list or a [min, max] pair is `;`- or `,`-separated (`Mon, Wed, Fri`),
a fixed word matches whatever its case (`Beginner`, `Monday`), a number is ASCII digits,
`none` clears an optional key or a list, and an empty cell means "no override".
"""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from planner.bounded import MAX_DIGITS, too_many_digits
from planner.config.config import Config, resolve
from planner.config.sections import FATIGUE_DEFAULTS
from planner.errors import ALIASES
from planner.inputs import CATALOG_NAMES, SEE_ALL
from planner.vocabulary import LEVELS


@dataclass(frozen=True)
class FieldKind:
    shape: str  # "list" (a;b;c), "pair" ([min, max] written min;max), "table" or "scalar"
    nullable: bool
    item: type = str  # int, float, date or str: what a cell (or each item of it) holds
    choices: tuple[str, ...] = ()  # the words allowed, for a fixed vocabulary (days, levels)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation, nullable
        else:
            return annotation, nullable


def _leaf_fields(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, FieldKind]]:
    for name, info in model.model_fields.items():
        annotation, nullable = _unwrap(info.annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _leaf_fields(annotation, f"{prefix}{name}.")
            continue
        origin = typing.get_origin(annotation)
        shape = {list: "list", tuple: "pair", dict: "table"}.get(origin, "scalar")
        item = (
            _unwrap(typing.get_args(annotation)[0])[0] if shape in ("list", "pair") else annotation
        )
        choices = typing.get_args(item) if typing.get_origin(item) is typing.Literal else ()
        number = item if item in (int, float, date, bool) else str
        yield f"{prefix}{name}", FieldKind(shape, nullable, number, tuple(map(str, choices)))


OVERRIDE_KEYS: dict[str, FieldKind] = dict(_leaf_fields(Config))

_INTEGER = re.compile(r"[+-]?[0-9]+")  # ASCII digits only, as in the catalog
_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_SEPARATORS = re.compile(r"[;,]")
_BOOLEANS = {"true": True, "false": False, "yes": True, "no": False}  # as a sheet writes them


def cell_value(key: str, cell: str, decimal_comma: bool = False) -> Any:
    """A roster cell as the value the TOML would hold, typed as the key's field is: "3" is 3
    for a whole-number key, "Mon, Wed" is ["mon", "wed"] for a list of days. A cell that is
    no such number or word stays as written, for pydantic to reject with its usual message.
    With `decimal_comma` (a semicolon sheet) "0,75" is 0.75 for a key that takes decimals,
    and a pair of them is written "1,5;3".
    """
    kind = OVERRIDE_KEYS[key]
    if cell.strip().lower() == "none" and (kind.nullable or kind.shape == "list"):
        return None if kind.nullable else []
    comma = decimal_comma and kind.item is float
    if kind.shape in ("list", "pair"):
        separators = re.compile(";") if comma else _SEPARATORS
        items = (item.strip() for item in separators.split(cell))
        return [_typed(kind, _point(item) if comma else item) for item in items if item]
    text = cell.strip()
    return _typed(kind, _point(text) if comma else text)


def _point(text: str) -> str:
    """0,75 -> 0.75: a decimal comma, as a spreadsheet in most of Europe writes it."""
    return re.sub(r"^([+-]?[0-9]*),([0-9]+)$", r"\1.\2", text)


def _typed(kind: FieldKind, text: str) -> Any:
    if kind.item is bool and text.lower() in _BOOLEANS:
        return _BOOLEANS[text.lower()]
    if kind.item is int and _INTEGER.fullmatch(text):
        # a number too long to convert is out of any range, and its first digits say so too
        return int(text[: MAX_DIGITS + 1]) if too_many_digits(text) else int(text)
    if kind.item is float and _DECIMAL.fullmatch(text) and not too_many_digits(text):
        return float(text)
    if kind.item is date:  # a cell is text; a config's date is no text (block.start)
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    if kind.choices:
        word = text.lower()
        word = ALIASES.get(word, word)  # monday -> mon
        return word if word in kind.choices else text
    return text


def cell_text(value: Any) -> str:
    """A config value as a coach would type it in a roster cell: 0;3, mon;wed, none."""
    if value is None:
        return "none"
    if isinstance(value, list | tuple):
        return ";".join(cell_text(v) for v in value) or "none"
    return str(value)


def key_rows() -> list[tuple[str, str, str]]:
    """(column, what a cell holds, default) of every override column, for `planner schema
    --keys`; the default of a key the goal profile fills in says so."""
    schema = Config.model_json_schema()
    defaults = resolve(Config()).model_dump(mode="json")
    # Read before validation, so no field of Config; a roster's config column plays its part.
    rows = [("extends", "the config this one builds on, relative to it (TOML only)", "none")]
    for key, kind in OVERRIDE_KEYS.items():
        node = _schema_at(schema, key)
        default: Any = defaults
        for part in key.split("."):
            default = default.get(part) if isinstance(default, dict) else None
        if default is None and node.get("default") is not None:
            default = node["default"]  # inside an optional section such as [block]
        profiled = "default" in node and node["default"] is None and default is not None
        shown = "goal profile" if profiled or key.startswith("goal.") else _shown(default)
        if key == "catalog" and default is None:
            shown = "the bundled one"
        if key.startswith("fatigue."):
            by_level = FATIGUE_DEFAULTS[key.removeprefix("fatigue.")]
            shown = "by level: " + " / ".join(str(by_level[level]) for level in LEVELS)
        rows.append((key, _what(key, kind, node), shown))
    return rows


def _schema_at(schema: dict[str, Any], key: str) -> dict[str, Any]:
    node: dict[str, Any] = schema
    for part in key.split("."):
        node = _resolved(schema, node)["properties"][part]
    return node


def _resolved(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """The section a node stands for, through a $ref and an optional section's anyOf."""
    for arm in node.get("anyOf", []):
        if "$ref" in arm:
            node = arm
    ref = node.get("$ref")
    return schema["$defs"][ref.rsplit("/", 1)[-1]] if ref else node


# What the items of a list of catalog names are, and where to see them all.
_NAMES = {
    key: f"{what}{'' if what == 'equipment' else 's'} ({SEE_ALL[what]})"
    for key, (what, _) in CATALOG_NAMES.items()
}


def _what(key: str, kind: FieldKind, node: dict[str, Any]) -> str:
    arms = [a for a in node.get("anyOf", [node]) if a.get("type") != "null"]
    arm = arms[0] if arms else node
    suffix = " or none" if kind.nullable else ""
    if kind.shape == "table":
        return "a table: set it in the TOML, not in a cell"
    if kind.shape == "pair":
        return f"min;max, each a {_number(arm['prefixItems'][0])}{suffix}"
    if kind.shape == "list" and arm.get("minItems") == 2 == arm.get("maxItems"):
        return f"min;max, each a {_number(arm['items'])}{suffix}"  # a band held in a list
    if kind.shape == "list":
        items = "|".join(kind.choices) if kind.choices else _NAMES.get(key, "names")
        return f"a list of {items}, separated by ; or ,{suffix}"
    if kind.choices:
        return " | ".join(kind.choices) + suffix
    if kind.item is bool:
        return "true | false" + suffix
    if kind.item in (int, float):
        return _number(arm) + suffix
    if arm.get("format") == "date":
        return "a date, YYYY-MM-DD" + suffix
    return "text" + suffix


def _number(node: dict[str, Any]) -> str:
    kind = "whole number" if node.get("type") == "integer" else "number"
    low = node.get("minimum", node.get("exclusiveMinimum"))
    high = node.get("maximum")
    if low is None and high is None:
        return kind
    more = ">" if "exclusiveMinimum" in node else ""
    return f"{kind} {more}{_shown(low)}..{_shown(high)}"


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return ";".join(_shown(v) for v in value) if value else "(empty)"
    return value if isinstance(value, str) else json.dumps(value)
