"""Load one athlete's inputs (config + catalog) and validate them together, once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.catalog.catalog import Catalog, load_catalog
from planner.config.config import Config, catalog_path_for, read_config
from planner.config.files import ConfigSource
from planner.errors import ConfigError, Problem, allowed_list, did_you_mean
from planner.training.precheck import precheck

# Where to see every allowed value when a message shows only some of them.
SEE_ALL = {
    "equipment": "planner catalog --equipment",
    "tag": "planner catalog --tags",
    "exercise id": "planner catalog",
}
# The config keys whose items are catalog names: what they are, and the Catalog's set.
CATALOG_NAMES: dict[str, tuple[str, str]] = {
    "equipment.available": ("equipment", "equipment"),
    "exclude.exercises": ("exercise id", "ids"),
    "exclude.tags": ("tag", "tags"),
    "include.exercises": ("exercise id", "ids"),
}


@dataclass(frozen=True)
class Inputs:
    config: Config
    catalog: Catalog
    where: ConfigSource  # the config's files and text, for names and lines in messages
    warnings: tuple[Problem, ...] = ()

    @property
    def source(self) -> str:
        return self.where.name


def load_inputs(
    config_path: str | Path,
    catalog_path: str | Path | None = None,
    solver: dict[str, Any] | None = None,
) -> Inputs:
    """Config from TOML; catalog from the argument, else the config's `catalog`, else bundled."""
    config, where = read_config(config_path)
    if catalog_path is None:
        catalog_path = catalog_path_for(config, config_path)
    catalog = load_catalog(catalog_path)
    warnings = check_against_catalog(config, catalog, where)
    precheck(catalog, config, where)
    if solver:
        config = config.with_solver(**solver)
    return Inputs(config, catalog, where, tuple(warnings))


def check_against_catalog(config: Config, catalog: Catalog, where: ConfigSource) -> list[Problem]:
    """Names in the config must exist in the catalog; returns warnings, raises on errors.

    Equipment no exercise uses and a tag no exercise carries are only warnings, unless
    they look like a typo of a name the catalog knows.
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []

    def unknown(key: str, value: str, allowed: frozenset[str] | tuple[str, ...], what: str) -> None:
        message = (
            f"unknown {what} {value!r}{did_you_mean(value, allowed)}; "
            f"allowed: {allowed_list(allowed, see=SEE_ALL[what])}"
        )
        problems.append(where.problem(key, message))

    def absent(key: str, item: str, known: frozenset[str], what: str, verb: str) -> None:
        """A name no exercise has: an error when it looks like a typo of one the catalog
        knows, else only a warning (owning a foam roller, or excluding impact work from a
        catalog without any, is no mistake)."""
        if did_you_mean(item, known):
            unknown(key, item, known, what)
        else:
            message = f"no exercise in the catalog {verb} {item!r}; it has no effect"
            warnings.append(where.problem(key, message))

    for item in config.equipment.available:
        if item not in catalog.equipment:
            absent("equipment.available", item, catalog.equipment, "equipment", "uses")
    for item in config.include.exercises:
        if item not in catalog:
            unknown("include.exercises", item, catalog.ids, "exercise id")
    for item in config.exclude.exercises:
        if item not in catalog:
            unknown("exclude.exercises", item, catalog.ids, "exercise id")
    for item in config.exclude.tags:
        if item not in catalog.tags:
            absent("exclude.tags", item, catalog.tags, "tag", "is tagged")
    if problems:
        raise ConfigError(problems)
    return warnings
