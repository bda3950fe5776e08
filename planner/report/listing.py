"""`planner catalog`: the exercises as a table, one row each; or its equipment and tags."""

from __future__ import annotations

from planner.catalog.catalog import Catalog
from planner.report.table import table

# The id is what a config names (include, exclude); the name is what a plan shows.
COLUMNS = ("id", "name", "category", "family", "equipment", "level", "load", "minutes", "tags")


def exercise_listing(catalog: Catalog, muscle: str | None = None) -> str:
    """The catalog's exercises as an aligned table; with `muscle`, a column of its coverage
    points (what the exercise gives the muscle toward its weekly target)."""
    header = [*COLUMNS, *([f"{muscle} points"] if muscle else [])]
    rows = [
        [
            e.id,
            e.name,
            e.category,
            e.family,
            ";".join(sorted(e.equipment)),
            e.level,
            e.load,
            e.minutes,
            ";".join(sorted(e.tags)),
            *([e.covers(muscle)] if muscle else []),
        ]
        for e in catalog
    ]
    return "\n".join(table(header, rows)) + "\n"


def name_listing(catalog: Catalog, what: str) -> str:
    """Every piece of equipment (what="equipment") or tag (what="tags") the catalog's
    exercises use, with how many use it: the names a config or a roster cell may hold."""
    rows = [[name, count] for name, count in catalog.counts(what).items()]
    header = ["equipment" if what == "equipment" else "tag", "exercises"]
    return "\n".join(table(header, rows)) + "\n"
