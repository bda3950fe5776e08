"""Load one athlete's inputs (config + catalog) and validate them together, once."""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from planner.catalog.catalog import Catalog, Exercise, load_catalog, typo_warnings
from planner.catalog.names import EQUIPMENT_ALIASES, respell
from planner.config.config import Config, parse_config
from planner.config.files import ConfigSource, read_source
from planner.deadline import Deadline
from planner.errors import CatalogError, ConfigError, Problem, allowed_list, did_you_mean
from planner.files import path_problem
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
    deadline: Deadline | None = None,
) -> Inputs:
    """Config from TOML; catalog from the argument, else the config's `catalog`, else bundled.

    Every problem is reported at once: a config that fails validation still has its
    catalog names checked, so a bad day and a misspelled piece of kit come in one message.
    With a `deadline` (a time limit given before the config is read), OutOfTime when it runs
    out while the catalog is read.
    """
    where = read_source(config_path)
    data = copy.deepcopy(where.data)
    written = data.get("catalog")
    # A name no file can have (a NUL, too long) is not tried: the config's validation says why.
    unusable = isinstance(written, str) and path_problem(written) is not None
    from_config = catalog_path is None and isinstance(written, str) and not unusable
    if from_config:
        catalog_path = (Path(config_path).parent / str(written)).resolve()
    problems: list[Problem] = []
    catalog: Catalog | None = None
    try:
        if not unusable:
            catalog = load_catalog(catalog_path, deadline)
    except CatalogError as exc:
        problems = list(exc.problems)
        if from_config:
            # a file the config names and that cannot be opened: say where it was named
            problems = [_named_in_config(p, where, str(written)) for p in problems]
    notes = spell_catalog_names(data, catalog) if catalog is not None else []
    where = replace(where, data=data)
    config: Config | None = None
    try:
        config = parse_config(data, where=where)
    except ConfigError as exc:
        problems = list(exc.problems) + problems
    warnings: list[Problem] = [where.problem(key, note) for key, note in notes]
    if catalog is not None:
        warnings += typo_warnings(catalog)
        errors, absent = catalog_name_problems(data, catalog, where)
        problems += errors
        warnings += absent
    if problems or config is None or catalog is None:
        raise ConfigError(problems)
    warnings += _past_race(config, where)
    precheck(catalog, config, where)
    if solver:
        config = config.with_solver(**solver)
    return Inputs(config, catalog, where, tuple(warnings))


def _named_in_config(problem: Problem, where: ConfigSource, written: str) -> Problem:
    if problem.line is not None:
        return problem  # a row of the catalog: its own file and line say where
    return where.problem("catalog", f"{written!r}: {problem}")


def spell_catalog_names(data: dict[str, Any], catalog: Catalog) -> list[tuple[str, str]]:
    """Spell the config data's catalog names as the catalog does, in place: any case,
    spaces for underscores, and for equipment plurals and other names (`resistance band`
    is band). Returns (key, note) for each name read as another word."""
    names: dict[str, tuple[Any, dict[str, str] | None]] = {
        key: (getattr(catalog, attribute), EQUIPMENT_ALIASES if what == "equipment" else None)
        for key, (what, attribute) in CATALOG_NAMES.items()
    }
    return [(r.key, r.note) for r in respell(data, names)]


def check_against_catalog(config: Config, catalog: Catalog, where: ConfigSource) -> list[Problem]:
    """Names in the config must exist in the catalog; returns warnings (a race day in the
    past among them), raises on errors."""
    problems, warnings = catalog_name_problems(config.model_dump(), catalog, where)
    if problems:
        raise ConfigError(problems)
    return warnings + _past_race(config, where)


def catalog_name_problems(
    data: dict[str, Any], catalog: Catalog, where: ConfigSource
) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) about the catalog names in config data, valid or not.

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

    def items(key: str) -> list[str]:
        section, leaf = key.split(".")
        table = data.get(section)
        values = table.get(leaf) if isinstance(table, dict) else None
        return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []

    for item in items("equipment.available"):
        if item not in catalog.equipment:
            absent("equipment.available", item, catalog.equipment, "equipment", "uses")
    for key in ("include.exercises", "exclude.exercises"):
        for item in items(key):
            if item in catalog:
                continue
            named = _named(catalog, item)
            if named is None:
                unknown(key, item, catalog.ids, "exercise id")
                continue
            message = (
                f"unknown exercise id {item!r} (did you mean {named.id!r}? it is the id of "
                f"{named.name}: a config names exercises by the catalog's id column, which "
                "`planner catalog` lists)"
            )
            problems.append(where.problem(key, message))
    for item in sorted(set(items("include.exercises")) & set(items("exclude.exercises"))):
        other = where.locate("exclude.exercises")
        shown = f"{other[0]}:{other[1]}" if other[1] else other[0]
        message = (
            f"{item!r} is also in exclude.exercises ({shown}): the two lists contradict; "
            "an exercise is either required or left out, so remove it from one of them"
        )
        problems.append(where.problem("include.exercises", message))
    for item in items("exclude.tags"):
        if item not in catalog.tags:
            absent("exclude.tags", item, catalog.tags, "tag", "is tagged")
    return problems, warnings


def _named(catalog: Catalog, text: str) -> Exercise | None:
    """The exercise whose display name this is, or nearly is: a plan shows names, and a
    user copies 'Barbell Back Squat' into an exclude list where the id is back_squat."""
    wanted = " ".join(text.lower().split())
    names = {" ".join(e.name.lower().split()): e for e in catalog}
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.85)
    return names[close[0]] if close and " " in wanted else None


def _past_race(config: Config, where: ConfigSource) -> list[Problem]:
    """A race day already past is planned as asked (a coach may replan last season), but
    never without a word: it is most often a wrong year."""
    race = config.block.race if config.block is not None else None
    if race is None or race >= date.today():
        return []
    message = f"the race, {race}, is in the past; the block is planned for those dates"
    return [where.problem("block.race", message)]
