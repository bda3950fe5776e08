"""Load one athlete's inputs (config + catalog) and validate them together, once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.catalog import Catalog, load_catalog
from planner.config import Config, catalog_path_for, read_config
from planner.errors import ConfigError, Problem, allowed_list, did_you_mean
from planner.precheck import precheck
from planner.toml_lines import find_line


@dataclass(frozen=True)
class Inputs:
    config: Config
    catalog: Catalog
    source: str  # where the config came from, for messages
    text: str  # the config's text, for line numbers in messages
    warnings: tuple[Problem, ...] = ()


def load_inputs(
    config_path: str | Path,
    catalog_path: str | Path | None = None,
    solver: dict[str, Any] | None = None,
) -> Inputs:
    """Config from TOML; catalog from the argument, else the config's `catalog`, else bundled."""
    config, text = read_config(config_path)
    return _combine(config, str(config_path), text, catalog_path, solver)


def _combine(
    config: Config,
    source: str,
    text: str,
    catalog_path: str | Path | None,
    solver: dict[str, Any] | None,
) -> Inputs:
    if catalog_path is None:
        catalog_path = catalog_path_for(config, source)
    catalog = load_catalog(catalog_path)
    warnings = check_against_catalog(config, catalog, source, text)
    precheck(catalog, config, source, text)
    if solver:
        config = config.with_solver(**solver)
    return Inputs(config, catalog, source, text, tuple(warnings))


def check_against_catalog(
    config: Config, catalog: Catalog, source: str, text: str
) -> list[Problem]:
    """Names in the config must exist in the catalog; returns warnings, raises on errors.

    An equipment item no exercise uses is only a warning (owning a foam roller is no
    mistake) unless it looks like a typo of one the catalog knows.
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []

    def unknown(key: str, value: str, allowed: frozenset[str] | tuple[str, ...], what: str) -> None:
        problems.append(
            Problem(
                source,
                f"unknown {what} {value!r}{did_you_mean(value, allowed)}; "
                f"allowed: {allowed_list(allowed)}",
                line=find_line(text, key),
                key=key,
            )
        )

    for item in config.equipment.available:
        if item in catalog.equipment:
            continue
        if did_you_mean(item, catalog.equipment):
            unknown("equipment.available", item, catalog.equipment, "equipment")
        else:
            warnings.append(
                Problem(
                    source,
                    f"no exercise in the catalog uses {item!r}; it has no effect",
                    line=find_line(text, "equipment.available"),
                    key="equipment.available",
                )
            )
    for item in config.include.exercises:
        if item not in catalog:
            unknown("include.exercises", item, catalog.ids, "exercise id")
    for item in config.exclude.exercises:
        if item not in catalog:
            unknown("exclude.exercises", item, catalog.ids, "exercise id")
    for item in config.exclude.tags:
        if item not in catalog.tags:
            unknown("exclude.tags", item, catalog.tags, "tag")
    if problems:
        raise ConfigError(problems)
    return warnings
