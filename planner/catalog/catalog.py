"""The exercise catalog: a CSV file read and validated once, then trusted as typed data."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from planner.catalog.csv_rows import check_text, parse
from planner.catalog.exercise import Exercise
from planner.catalog.names import EQUIPMENT_ALIASES, likely_typos
from planner.deadline import Deadline
from planner.errors import CatalogError, PlannerError, Problem, allowed_list, did_you_mean
from planner.files import read_input
from planner.vocabulary import CATEGORIES, MUSCLES


@dataclass(frozen=True)
class Catalog:
    """The validated exercises of one CSV file, with where it came from."""

    path: Path
    sha256: str
    exercises: tuple[Exercise, ...]
    _by_id: dict[str, Exercise] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.exercises})

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self._by_id[exercise_id]

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.exercises)

    # Computed once: validating a config asks for these once per name it checks.
    @cached_property
    def equipment(self) -> frozenset[str]:
        return frozenset().union(*(e.equipment for e in self.exercises))

    @cached_property
    def tags(self) -> frozenset[str]:
        return frozenset().union(*(e.tags for e in self.exercises))

    def counts(self, what: str) -> dict[str, int]:
        """How many exercises use each piece of equipment ("equipment") or carry each tag
        ("tags"), by name."""
        counts: dict[str, int] = {}
        for e in self.exercises:
            for name in e.equipment if what == "equipment" else e.tags:
                counts[name] = counts.get(name, 0) + 1
        return dict(sorted(counts.items()))

    def filter(
        self,
        category: str | None = None,
        muscle: str | None = None,
        equipment: str | None = None,
        tag: str | None = None,
    ) -> Catalog:
        """The exercises of one category, that train a muscle (the most first), that need
        nothing but `equipment` (and bodyweight) and that carry `tag`; None leaves a
        criterion out.

        An unknown value raises PlannerError naming the criterion as the command line's
        option (--category), with the values allowed.
        """
        chosen = list(self.exercises)
        if category is not None:
            _known("category", category, CATEGORIES)
            chosen = [e for e in chosen if e.category == category]
        if muscle is not None:
            _known("muscle", muscle, MUSCLES)
            chosen = sorted(
                (e for e in chosen if e.covers(muscle)), key=lambda e: -e.covers(muscle)
            )
        if equipment is not None:
            _known("equipment", equipment, self.equipment)
            chosen = [e for e in chosen if e.equipment <= {equipment}]
        if tag is not None:
            _known("tag", tag, self.tags)
            chosen = [e for e in chosen if tag in e.tags]
        return Catalog(self.path, self.sha256, tuple(chosen))


def _known(option: str, value: str, allowed: Iterable[str]) -> None:
    if value not in allowed:
        message = (
            f"{value!r} is unknown{did_you_mean(value, allowed)}; "
            f"allowed: {allowed_list(allowed, limit=30)}"
        )
        raise PlannerError([Problem(f"--{option}", message)])


def typo_warnings(catalog: Catalog) -> list[Problem]:
    """Equipment or tags on a row or two that look like a slip for a common name: such a
    row is silently out of reach of everyone who owns the kit (or excludes the tag)."""
    warnings = []
    for what, aliases in (("equipment", EQUIPMENT_ALIASES), ("tags", None)):
        counts = catalog.counts(what)
        for rare, common in likely_typos(counts, aliases).items():
            rows = [e for e in catalog if rare in (e.equipment if what == "equipment" else e.tags)]
            ids = ", ".join(e.id for e in rows)
            message = (
                f"{rare!r} ({ids}) looks like a typo of {common!r}, which {counts[common]} "
                f"exercises use; a config that names {common!r} does not reach "
                f"{'it' if len(rows) == 1 else 'them'}"
            )
            warnings.append(Problem(str(catalog.path), message, rows[0].line or None, what))
    return warnings


def bundled_catalog_path() -> Path:
    """The catalog shipped inside the package (works for editable and normal installs)."""
    return Path(str(resources.files("planner.data").joinpath("catalog.csv")))


def load_catalog(path: str | Path | None = None, deadline: Deadline | None = None) -> Catalog:
    """Read and validate a catalog CSV, reporting every problem at once; with a `deadline`,
    OutOfTime when it runs out while the rows are read."""
    csv_path = Path(path) if path is not None else bundled_catalog_path()
    raw, text = read_input(
        csv_path, "catalog", "catalog CSV file", CatalogError, "save it as 'CSV UTF-8'"
    )
    exercises = parse(csv_path, check_text(csv_path, text), deadline)
    return Catalog(
        path=csv_path.resolve(), sha256=hashlib.sha256(raw).hexdigest(), exercises=exercises
    )


__all__ = ["Catalog", "Exercise", "bundled_catalog_path", "load_catalog", "typo_warnings"]
