"""Load one athlete's inputs (config + catalog) and validate them together, once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.catalog import Catalog, load_catalog
from planner.config import (
    Config,
    catalog_path_for,
    check_against_catalog,
    parse_config,
    read_config,
)
from planner.errors import Problem
from planner.precheck import precheck


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


def inputs_from_data(
    data: dict[str, Any],
    source: str,
    catalog_path: str | Path | None = None,
    base_dir: str | Path = ".",
    text: str = "",
) -> Inputs:
    """Like load_inputs, for a config already parsed (e.g. a roster row merged into a base)."""
    config = parse_config(data, source=source, text=text)
    relative_to = Path(base_dir) / "config.toml"
    return _combine(config, source, text, catalog_path, None, relative_to)


def _combine(
    config: Config,
    source: str,
    text: str,
    catalog_path: str | Path | None,
    solver: dict[str, Any] | None,
    relative_to: str | Path | None = None,
) -> Inputs:
    if catalog_path is None:
        catalog_path = catalog_path_for(config, relative_to or source)
    catalog = load_catalog(catalog_path)
    warnings = check_against_catalog(config, catalog, source, text)
    precheck(catalog, config, source, text)
    if solver:
        config = config.with_solver(**solver)
    return Inputs(config, catalog, source, text, tuple(warnings))
