"""Pydantic's validation errors translated into messages that say what to write."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.errors import Problem, allowed_list, did_you_mean
from planner.toml_lines import find_line


def line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def problems_from(
    exc: ValidationError, schema: type[BaseModel], source: str, text: str
) -> list[Problem]:
    """One Problem per pydantic error, with the config key, its line and what is allowed."""
    problems = []
    for error in exc.errors():
        loc = [str(p) for p in error["loc"] if not isinstance(p, int)]
        key = ".".join(loc) or "(top level)"
        problems.append(
            Problem(
                source,
                _explain(error, loc, schema),
                line=find_line(text, key) if loc else None,
                key=key,
            )
        )
    return problems


def _explain(error: Any, loc: list[str], schema: type[BaseModel]) -> str:
    kind = error["type"]
    value = error.get("input")
    context = error.get("ctx", {})
    indexed = any(isinstance(p, int) for p in error["loc"])
    if kind == "extra_forbidden":
        allowed = _fields_at(schema, loc[:-1])
        return f"unknown key{did_you_mean(loc[-1], allowed)}; allowed: {allowed_list(allowed)}"
    if kind == "literal_error":
        expected = context.get("expected", "")
        options = re.findall(r"'([^']*)'", expected)
        return f"{value!r} is not allowed{did_you_mean(str(value), options)}; allowed: {expected}"
    if kind in {"tuple_type", "too_short", "too_long"} or (kind == "missing" and indexed):
        return f"expected [min, max] (two numbers), got {value!r}"
    if kind == "list_type":
        return f'expected a list in brackets, e.g. ["mon", "thu"]; got {value!r}'
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, got {value!r}"
    if kind in {"float_type", "float_parsing"}:
        return f"expected a number, got {value!r}"
    if kind == "string_type":
        return f"expected text in quotes, got {value!r}"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        words = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}  # fmt: skip
        limit = next(iter(context.values()), "")
        return f"{value!r} is out of range; allowed: {words[kind]} {limit}"
    if kind == "model_type" or kind == "dict_type":
        return f"expected a table (a [section] or {{ key = value }}), got {value!r}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{message}; got {value!r}" if kind != "value_error" else message


def _fields_at(schema: type[BaseModel], loc: list[str]) -> list[str]:
    model = schema
    for part in loc:
        annotation = model.model_fields[part].annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
    return list(model.model_fields)
