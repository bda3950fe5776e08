"""Validation: roster row + base config + catalog -> a Job, or a BAD_INPUT result."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from planner.batch.columns import cell_value
from planner.batch.fixes import Origins
from planner.batch.jobs import Job
from planner.batch.manifest import fingerprint
from planner.batch.results import AthleteResult, AthleteStatus
from planner.batch.roster import Roster, RosterRow
from planner.catalog.catalog import Catalog, load_catalog, typo_warnings
from planner.config.config import Config, parse_config, set_dotted
from planner.config.files import ConfigSource, read_source
from planner.errors import CatalogError, ConfigError, Problem, visible
from planner.inputs import check_against_catalog, spell_catalog_names
from planner.training.precheck import precheck
from planner.vocabulary import BLOCK_TIME_LIMIT


@dataclass(frozen=True)
class _Base:
    """The TOML a row builds on: its data, merged along `extends`, and where each key is."""

    where: ConfigSource
    directory: Path

    @property
    def data(self) -> dict[str, Any]:
        return self.where.data

    @property
    def from_file(self) -> bool:
        return self.where.from_file


@dataclass(frozen=True)
class Prepared:
    """A row ready to solve: its job, warnings to show, and where its settings came from."""

    job: Job
    warnings: tuple[str, ...]
    origins: Origins


class InputCache:
    """Base configs and catalogs are read once per batch, not once per athlete."""

    def __init__(
        self,
        roster: Roster,
        config_path: Path | None,
        catalog_path: str | Path | None,
        time_limit: float | None,
        calendar_start: date | None = None,
    ):
        self.roster = roster
        self.time_limit = time_limit
        self.calendar_start = calendar_start  # a week's ics starts here
        self._bases: dict[Path, _Base | ConfigError] = {}
        self._catalogs: dict[Path | None, Catalog | CatalogError] = {}
        self._catalog_path = Path(catalog_path).resolve() if catalog_path else None
        # --config and --catalog are the whole batch's: a problem there stops it before solving.
        self.default_base = self._base(config_path) if config_path else None
        if isinstance(self.default_base, ConfigError):
            raise self.default_base
        if self._catalog_path is not None:
            loaded = self._catalog(self._catalog_path)
            if isinstance(loaded, CatalogError):
                raise loaded

    def catalog_warnings(self) -> tuple[Problem, ...]:
        """Slips in the catalogs read so far (equipment or a tag that looks like a typo of a
        common name), once a catalog however many athletes use it."""
        loaded = [c for c in self._catalogs.values() if isinstance(c, Catalog)]
        return tuple(w for catalog in loaded for w in typo_warnings(catalog))

    def paths(self) -> list[Path]:
        """Every config and catalog file read so far (the batch must never write over one)."""
        configs = [
            path
            for base in self._bases.values()
            if isinstance(base, _Base)
            for path in base.where.paths
        ]
        return [*configs, *(path for path in self._catalogs if path is not None)]

    def _base(self, path: Path) -> _Base | ConfigError:
        key = path.resolve()
        if key not in self._bases:
            try:
                # Every problem of the files themselves, named by their own lines; read once.
                where = read_source(path)
                parse_config(where.data, where=where)
                self._bases[key] = _Base(where, path.parent)
            except ConfigError as exc:
                self._bases[key] = exc
        return self._bases[key]

    def _catalog(self, path: Path | None) -> Catalog | CatalogError:
        if path not in self._catalogs:
            try:
                self._catalogs[path] = load_catalog(path)
            except CatalogError as exc:
                self._catalogs[path] = exc
        return self._catalogs[path]

    def prepare(
        self, row: RosterRow, formats: tuple[str, ...], versions: dict[str, str]
    ) -> AthleteResult | Prepared:
        """The row's validated Job (and warnings), or a BAD_INPUT result naming every problem."""
        roster = self.roster
        label = visible(row.cells.get("name", row.cells.get("athlete.name", "")))

        def bad(problems: Sequence[Problem]) -> AthleteResult:
            error = "; ".join(str(p) for p in problems)
            return AthleteResult(row.athlete, label, row.line, AthleteStatus.BAD_INPUT, error=error)

        if row.problem:
            return bad([Problem(roster.name, row.problem, line=row.line)])
        base = self._row_base(row)
        if isinstance(base, list):
            return bad(base)
        data = copy.deepcopy(base.data)
        solver = data.setdefault("solver", {})
        solver["workers"] = 1  # the batch's parallelism is its processes, one solve each
        if self.time_limit is not None:
            solver["time_limit"] = self.time_limit
        problems: list[Problem] = []
        overrides: dict[str, str] = {}  # dotted key -> the column that set it
        for column, cell in row.cells.items():
            if column in ("athlete", "config"):
                continue
            key = "athlete.name" if column == "name" else column
            if key == "catalog":
                cell = str((roster.directory / cell).resolve())
            set_dotted(data, key, cell_value(key, cell, roster.sheet.decimal_comma))
            overrides[key] = roster.headers.get(column, column)  # as the coach wrote it
        try:
            config = parse_config(data, where=replace(base.where, data=data))
        except ConfigError as exc:
            return bad(problems + [self._attribute(p, row, base, overrides) for p in exc.problems])
        catalog = self._catalog(self._catalog_for(config, base, overrides))
        if isinstance(catalog, CatalogError):
            return bad(problems + list(catalog.problems))
        # "Dumbbell" is the catalog's dumbbell, "resistance band" its band (with a note).
        written = copy.deepcopy(data)
        respelled = spell_catalog_names(data, catalog)
        if data != written:
            config = parse_config(data, where=replace(base.where, data=data))
        try:
            warnings = [base.where.problem(key, note) for key, note in respelled]
            warnings += check_against_catalog(config, catalog, base.where)
            precheck(catalog, config, base.where)  # as `planner solve` does
        except ConfigError as exc:
            return bad(problems + [self._attribute(p, row, base, overrides) for p in exc.problems])
        if problems:  # e.g. a value in a misspelled column: never solve a silently wrong config
            return bad(problems)
        if config.block is not None and "time_limit" not in data["solver"]:
            config = config.with_solver(time_limit=BLOCK_TIME_LIMIT)  # as `planner block`
        if "ics" in formats and self.calendar_start is not None:
            versions = {**versions, "ics_start": self.calendar_start.isoformat()}
        job = Job(
            row.athlete,
            row.stem,
            config,
            catalog,
            formats,
            fingerprint(config, catalog, formats, versions),
            self.calendar_start,
        )
        notes = tuple(str(self._attribute(w, row, base, overrides)) for w in warnings)
        origins = Origins(
            roster.name,
            row.line,
            overrides,
            base.where if base.from_file else None,
            (*roster.columns, *roster.headers.values()),
        )
        return Prepared(job, notes, origins)

    def group(self, row: RosterRow) -> str:
        """The config a row builds on, as the roster or --config names it ('' for none)."""
        if "config" in row.cells:
            return row.cells["config"]
        if isinstance(self.default_base, _Base):
            return self.default_base.where.name
        return ""

    def _row_base(self, row: RosterRow) -> _Base | list[Problem]:
        cell = row.cells.get("config")
        if cell is None:
            if self.default_base is not None:
                assert not isinstance(self.default_base, ConfigError)  # raised in __init__
                return self.default_base
            return _Base(ConfigSource.of(self.roster.name), self.roster.directory)
        path = self.roster.directory / cell
        if not path.is_file():
            return [
                Problem(
                    self.roster.name,
                    f"{cell!r} is not a file (paths are relative to "
                    f"the roster, in {self.roster.directory}/)",
                    line=row.line,
                    key="config",
                )
            ]
        base = self._base(path)
        return list(base.problems) if isinstance(base, ConfigError) else base

    def _catalog_for(self, config: Config, base: _Base, overrides: dict[str, str]) -> Path | None:
        if self._catalog_path is not None:
            return self._catalog_path
        if config.catalog is None:
            return None
        # An overridden catalog was made absolute above; a base's is relative to its TOML.
        origin = self.roster.directory if "catalog" in overrides else base.directory
        return (origin / config.catalog).resolve()

    def _attribute(
        self, problem: Problem, row: RosterRow, base: _Base, overrides: dict[str, str]
    ) -> Problem:
        """Blame the roster cell that set the key, or else the base TOML's own line.

        A base-file problem may still come from the row (an exclusion that empties a
        category the base asks for), so it then names the row and its overrides too.
        """
        key = problem.key or ""
        columns = [
            column
            for dotted, column in overrides.items()
            if key
            and (dotted == key or dotted.startswith(key + ".") or key.startswith(dotted + "."))
        ]
        if columns or not base.from_file:
            return Problem(
                self.roster.name,
                problem.message,
                line=row.line,
                key=", ".join(columns) or problem.key,
            )
        changed = [column for dotted, column in overrides.items() if dotted != "athlete.name"]
        if not changed:
            return problem
        where = f"{self.roster.name}:{row.line}"
        return replace(problem, message=f"{problem.message} (with {where}: {', '.join(changed)})")
