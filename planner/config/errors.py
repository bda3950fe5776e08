"""Pydantic's validation errors translated into messages that say what to write."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from planner.config.files import ConfigSource
from planner.errors import MAX_PROBLEMS, Problem, allowed_list, did_you_mean


def problems_from(
    exc: ValidationError, schema: type[BaseModel], where: ConfigSource
) -> list[Problem]:
    """One Problem per pydantic error, with the config key, the file and line that set it
    (a base config's when it came from there) and what is allowed."""
    problems: list[Problem] = []
    for error in exc.errors():
        loc = [str(p) for p in error["loc"] if not isinstance(p, int)]
        if len(problems) >= MAX_PROBLEMS:  # only counted ("... and N more"): not explained,
            # which costs a did-you-mean each (5,000 unknown tables took seconds)
            problems.append(Problem(where.name, "not shown", key=".".join(loc) or "config"))
            continue
        message = _explain(error, loc, schema)
        if loc:
            problems.append(where.problem(".".join(loc), message))
        else:
            problems.append(Problem(where.name, message, key="(top level)"))
    return _by_line(problems)


def _by_line(problems: list[Problem]) -> list[Problem]:
    """In the order the file reads (pydantic reports in the order the keys are declared),
    each file's in turn; the ones only counted stay last."""
    files: dict[str, int] = {}
    for p in problems:
        files.setdefault(p.file, len(files))
    shown = [p for p in problems if p.message != "not shown"]
    counted = [p for p in problems if p.message == "not shown"]
    order = sorted(shown, key=lambda p: (files[p.file], p.line is None, p.line or 0))
    return order + counted


def _explain(error: Any, loc: list[str], schema: type[BaseModel]) -> str:
    kind = error["type"]
    value = error.get("input")
    shown = show(value)
    context = error.get("ctx", {})
    indexed = any(isinstance(p, int) for p in error["loc"])
    if kind == "extra_forbidden":
        allowed = _fields_at(schema, loc[:-1])
        if len(loc) == 1:
            allowed.append("extends")  # read before validation (config/files.py), still a key
        listed = allowed_list(allowed, see="planner schema --keys")
        return f"unknown key{did_you_mean(loc[-1], allowed)}; allowed: {listed}"
    if kind == "missing" and not indexed:
        section = f"[{'.'.join(loc[:-1])}]" if len(loc) > 1 else "the config"
        return f"is missing; {section} needs it (planner schema --keys says what it holds)"
    if kind == "literal_error":
        expected = context.get("expected", "")
        options = re.findall(r"'([^']*)'", expected)
        hint = did_you_mean(str(value), options) if isinstance(value, str) else ""
        return f"{shown} is not allowed{hint}; allowed: {expected}"
    if kind in {"too_short", "too_long"} and context.get("field_type") == "List":
        if not value:
            least = context.get("min_length", 1)
            return f"is empty; it needs at least {least} item{'s' if least != 1 else ''}"
        return f"has {len(value)} items; allowed: at most {context.get('max_length')}"
    if kind in {"tuple_type", "too_short", "too_long"} or (kind == "missing" and indexed):
        return f"expected [min, max] (two numbers), got {shown}"
    if kind == "list_type":
        return f'expected a list in brackets, e.g. ["mon", "thu"]; got {shown}'
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, got {shown}"
    if kind in {"float_type", "float_parsing"}:
        return f"expected a number, got {shown}"
    if kind == "finite_number":
        return f"expected a finite number, got {shown}"
    if kind in {"date_type", "date_parsing", "date_from_datetime_inexact"}:
        quoted = " (without quotes)" if isinstance(value, str) and _is_date(value) else ""
        return f"expected a date{quoted}, written YYYY-MM-DD as in 2027-01-04; got {shown}"
    if kind == "string_type":
        return f"expected text in quotes, got {shown}"
    if kind in {"bool_type", "bool_parsing"}:
        quoted = " (without quotes)" if str(value).lower() in {"true", "false"} else ""
        return f"expected true or false{quoted}, got {shown}"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        words = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}  # fmt: skip
        limit = next(iter(context.values()), "")
        return f"{shown} is out of range; allowed: {words[kind]} {limit}"
    if kind in {"model_type", "dict_type"}:
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            section = ".".join(loc) or "section"
            return (
                f"is an array of tables ([[{section}]]); write [{section}], "
                "with one pair of brackets"
            )
        return f"expected a table (a [section] or {{ key = value }}), got {shown}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{message}; got {shown}" if kind != "value_error" else message


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def show(value: Any, limit: int = 60) -> str:
    """A value as the user wrote it in TOML (true, not True), shortened when long."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    else:
        try:
            text = repr(value)
        except RecursionError:
            text = "(deeply nested)"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _fields_at(schema: type[BaseModel], loc: list[str]) -> list[str]:
    """The keys allowed in the table at `loc`: a section, or the value of a keyed table
    such as [goal.prescription.strength]."""
    model = schema
    for part in loc:
        field = model.model_fields.get(part)
        if field is None:
            continue  # a key of a keyed table (a stimulus), not a field
        nested = _model_in(field.annotation)
        if nested is not None:
            model = nested
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The section model an annotation holds: itself, its dict values or its non-None arm."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    args = get_args(annotation)
    if get_origin(annotation) is dict and len(args) == 2:
        return _model_in(args[1])
    for arm in args:
        found = _model_in(arm)
        if found is not None:
            return found
    return None
