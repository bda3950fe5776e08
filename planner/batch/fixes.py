"""A conflict's fix written where the coach would make it: a roster cell for a value the
row set (`0;3`), a TOML line for one a config file set, and the athlete's conflict file
with the whole explanation."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.batch.columns import OVERRIDE_KEYS, cell_text
from planner.batch.results import RuleConflict, smallest_fix
from planner.config.config import Config
from planner.config.files import ConfigSource
from planner.rulebook import phrase, rule_of

CONFLICTS_SUFFIX = "conflicts.txt"
CONFLICTS_START = "No plan for "  # how a conflict file begins (the batch's own files)


def conflicts_file_name(stem: str) -> str:
    return f"{stem}.{CONFLICTS_SUFFIX}"


@dataclass(frozen=True)
class Origins:
    """Where an athlete's settings were written: its roster row's cells and its config."""

    roster: str  # the roster as the user named it
    line: int
    columns: dict[str, str] = field(default_factory=dict)  # dotted key -> the cell's column
    where: ConfigSource | None = None  # the row's config files (None: no config file)
    roster_columns: tuple[str, ...] = ()

    def fix(self, rule: str, value: Any) -> str:
        """The change, as the coach types it where the rule's value came from."""
        if rule not in self.columns and self.where is not None and rule in self.where.owners:
            return self._toml_line(rule, value)
        return self.cell(rule, value)

    def cell(self, rule: str, value: Any) -> str:
        """The change as a roster cell of this athlete's row (for this athlete only)."""
        column = self.columns.get(rule, rule)
        add = "" if column in self.roster_columns else "; add the column"
        roster = Path(self.roster).name  # the coach knows which sheet; keep the reason short
        return f"type {cell_text(value)} in column {column} ({roster} line {self.line}{add})"

    def group(self, rule: str, value: Any) -> str | None:
        """The change for the athlete's group only, when a base config it extends set the
        value (the base's line changes every config that extends it)."""
        where = self.where
        if where is None or rule in self.columns or rule not in where.owners:
            return None
        if where.origin(rule) == where.name:
            return None
        return f"{self._assignment(rule, value)} in {self._shown(where.name)}"

    def _toml_line(self, rule: str, value: Any) -> str:
        assert self.where is not None
        file, line = self.where.locate(rule)
        at = f", line {line}" if line else ""
        base = file != self.where.name
        extended = f", which {self._shown(self.where.name)} extends" if base else ""
        return f"{self._assignment(rule, value)} in {self._shown(file)}{at}{extended}"

    @staticmethod
    def _assignment(rule: str, value: Any) -> str:
        *table, key = rule.split(".")
        under = f" under [{'.'.join(table)}]" if table else ""
        return f"write {key} = {toml_value(value)}{under}"

    def _shown(self, file: str) -> str:
        """A config's path relative to the roster when it lies beside or below it."""
        try:
            relative = os.path.relpath(Path(file).resolve(), Path(self.roster).resolve().parent)
        except ValueError:  # another drive (Windows)
            return file
        return file if relative.startswith("..") else relative


def toml_value(value: Any) -> str:
    """A value as a TOML line holds it: 60, [0, 3], "sun"."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def short_reason(conflicts: Sequence[RuleConflict], origins: Origins, stem: str) -> str:
    """summary.csv's reason: the smallest change that gives a plan, and where the rest is."""
    best = smallest_fix(tuple(conflicts))
    see = f"see {conflicts_file_name(stem)}"
    if best is None:
        return f"no plan: {len(conflicts)} rules cannot all hold together; {see}"
    return f"no plan; smallest change: {origins.fix(best.rule, best.fix)}; {see}"


def conflict_report(
    athlete: str,
    name: str,
    conflicts: Sequence[RuleConflict],
    config: Config,
    origins: Origins,
    kept: Sequence[str] = (),
) -> str:
    """The athlete's conflict file: every rule in the conflict and each fix, in full."""
    rules = "; ".join(phrase(config, c.rule) for c in conflicts)
    group = f", config {origins.where.name}" if origins.where and origins.where.from_file else ""
    lines = [
        f"{CONFLICTS_START}{name} ({athlete}): {origins.roster} line {origins.line}{group}.",
        "",
        f"These rules cannot all hold together: {rules}.",
        "",
        "What would have to give (a suggested value alone makes a plan possible):",
    ]
    best = smallest_fix(tuple(conflicts))
    for c in conflicts:
        found = rule_of(c.rule)
        if found is not None and not found.configurable:  # no key to send the coach to
            shown = f"{phrase(config, c.rule)} (a fixed rule, not a config key)"
        elif c.rule in OVERRIDE_KEYS:
            shown = f"{c.rule} = {toml_value(c.value)}"
        else:
            shown = c.rule
        lines.append(f"  - {shown}: {c.advice}")
        if c.fix is None:
            continue
        mark = " (the smallest change)" if c is best else ""
        fix, cell = origins.fix(c.rule, c.fix), origins.cell(c.rule, c.fix)
        lines.append(f"    -> {fix}{mark}")
        for_group = origins.group(c.rule, c.fix)
        if for_group is not None:
            lines.append(f"       or for this group only: {for_group}")
        if fix != cell:
            lines.append(f"       or for this athlete only: {cell}")
    if kept:
        lines += ["", f"The last good plan is kept, marked stale in summary.csv: {', '.join(kept)}"]
    return "\n".join(lines) + "\n"
