"""A plan's JSON file (`planner solve --format json`, `planner block --format json`, or a
re-plan's) read back: its config, its catalog and its sessions, or a clear error.

The JSON has carried everything a re-plan needs since its first version: the effective
config (every key, defaults filled in) and the catalog's path and SHA-256. The catalog
must be the one the plan was made with: a changed catalog can change what the plan's
exercises are, so the plan is not silently re-read against another.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import Config, parse_config
from planner.errors import PlannerError, Problem
from planner.files import read_input
from planner.vocabulary import DAYS

Sessions = dict[str, tuple[str, ...]]


class PlanFileError(PlannerError):
    """The plan file cannot be re-planned."""


@dataclass(frozen=True)
class PlanFile:
    path: Path
    data: dict[str, Any]
    config: Config
    catalog: Catalog
    sha256: str = ""  # of the file's bytes: the training log knows the plan by it

    def with_config(self, config: Config) -> PlanFile:
        return replace(self, config=config)

    @property
    def is_block(self) -> bool:
        return "weeks" in self.data

    def week_sessions(self) -> Sessions:
        """A week plan's sessions: day -> exercise ids."""
        return {day["day"]: tuple(e["id"] for e in day["exercises"]) for day in self.data["days"]}

    def dated_sessions(self) -> Sessions:
        """A block's sessions by date (YYYY-MM-DD) -> exercise ids."""
        return {
            day["date"]: tuple(e["id"] for e in day["exercises"])
            for week in self.data["weeks"]
            for day in week["days"]
        }


def read_plan_file(path: Path, catalog_path: Path | None = None) -> PlanFile:
    """The plan at `path`; `catalog_path` replaces the catalog the plan names (it must be
    the same catalog: its SHA-256 is compared)."""
    name = str(path)
    raw, text = read_input(path, "plan", "plan JSON file", PlanFileError, "save it as UTF-8 JSON")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFileError(
            [
                Problem(
                    name,
                    f"is not JSON ({exc.msg}); give a plan written by planner solve "
                    "--format json or planner block --format json",
                    line=exc.lineno,
                )
            ]
        ) from None
    if not isinstance(data, dict) or "config" not in data or "catalog" not in data:
        raise PlanFileError(
            [
                Problem(
                    name,
                    "is not a plan: it has no config and catalog; give a plan written "
                    "by planner solve --format json or planner block --format json",
                )
            ]
        )
    if not data.get("days") and not data.get("weeks"):
        raise PlanFileError([Problem(name, "holds no plan (the solve found none)")])
    try:
        _check_shape(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise PlanFileError([Problem(name, f"is not a plan planner wrote: {exc}")]) from None
    config = parse_config(_as_written(data), source=f"{name} (its config)")
    catalog = _catalog(name, data["catalog"], catalog_path)
    return PlanFile(path, data, config, catalog, hashlib.sha256(raw).hexdigest())


def _as_written(data: dict[str, Any]) -> dict[str, Any]:
    """The plan's config with the minimums its solve took from the goal profile left out
    again: they were targets there and stay targets here (a file without the list, from
    before targets, keeps every value as a rule)."""
    config: dict[str, Any] = json.loads(json.dumps(data["config"]))
    targets = data.get("profile_targets", [])
    for key in targets if isinstance(targets, list) else []:
        section, _, name = str(key).partition(".")
        table, _, leaf = name.partition(".")
        if leaf:  # a nested default (balance.core_min.anti_rotation): left out again
            nested = (
                config.get(section, {}).get(table)
                if isinstance(config.get(section), dict)
                else None
            )
            if isinstance(nested, dict):
                nested.pop(leaf, None)
        elif isinstance(config.get(section), dict) and name in config[section]:
            config[section][name] = None
    return config


def _check_shape(data: dict[str, Any]) -> None:
    days = (
        data["days"]
        if "days" in data and data["days"] is not None
        else [d for w in data["weeks"] for d in w["days"]]
    )
    for day in days:
        if day["day"] not in DAYS:
            raise ValueError(f"day {day['day']!r} is not a weekday")
        for exercise in day["exercises"]:
            if not isinstance(exercise["id"], str):
                raise TypeError(f"exercise id {exercise['id']!r} is not text")


def _catalog(name: str, recorded: Any, given: Path | None) -> Catalog:
    if not isinstance(recorded, dict) or "path" not in recorded:
        raise PlanFileError([Problem(name, "names no catalog (catalog.path)", key="catalog")])
    path = given if given is not None else Path(recorded["path"])
    catalog = load_catalog(path)
    expected = recorded.get("sha256")
    if expected and catalog.sha256 != expected:
        raise PlanFileError(
            [
                Problem(
                    name,
                    f"was made with another version of the catalog {recorded['path']} "
                    f"(SHA-256 {str(expected)[:12]}..., now {catalog.sha256[:12]}...); "
                    "solve the week again, or pass --catalog with the catalog it was made with",
                    key="catalog",
                )
            ]
        )
    return catalog
