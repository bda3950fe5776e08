"""`planner catalog`: the exercises as a table, one row each."""

from __future__ import annotations

from planner.catalog import Catalog
from planner.report.table import table

COLUMNS = ("id", "category", "family", "equipment", "level", "load", "minutes")


def exercise_listing(catalog: Catalog, muscle: str | None = None) -> str:
    """The catalog's exercises as an aligned table; with `muscle`, a column of its coverage."""
    header = [*COLUMNS, *([muscle] if muscle else [])]
    rows = [
        [
            e.id,
            e.category,
            e.family,
            ";".join(sorted(e.equipment)),
            e.level,
            e.load,
            e.minutes,
            *([e.covers(muscle)] if muscle else []),
        ]
        for e in catalog
    ]
    return "\n".join(table(header, rows)) + "\n"
