"""Seeded synthetic catalogs built from the bundled one.

`generate_rows(size, seed)` returns catalog rows (dicts keyed by the CSV columns):

* size <= bundled: a per-category proportional subsample of the bundled catalog;
* size > bundled: every bundled row, plus new rows so the whole catalog keeps the bundled
  category mix. Each new row starts from a random row of its category (bundled or already
  generated) and is either
    - a twin (probability `twin_share`): identical profile - category, family, equipment,
      level, tags, load, minutes, all coverage, stimuli, loaded, unit and reps - under a
      new id; this is real symmetry the solver has to cope with, or
    - a perturbed variant: load and minutes +-1, one to three coverage values +-1, and
      with probability one half a new movement family (so families grow too).

Everything is drawn from one `random.Random(seed)`, so a (size, seed) pair always gives
the same file. `write_catalog` writes a CSV that `planner.catalog.load_catalog` accepts.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from pathlib import Path

from planner.catalog.catalog import Catalog, bundled_catalog_path, load_catalog
from planner.vocabulary import CATEGORIES, MUSCLES

COLUMNS: tuple[str, ...] = (
    "id", "name", "category", "family", "equipment", "level", "load", "minutes", "tags",
    "sets", "reps", "unit", *MUSCLES, "cue", "stimuli", "loaded",
)  # fmt: skip

Row = dict[str, str]


def bundled_rows() -> list[Row]:
    with bundled_catalog_path().open(newline="", encoding="utf-8-sig") as handle:
        return [{c: row.get(c, "") for c in COLUMNS} for row in csv.DictReader(handle)]


def category_quotas(base: list[Row], size: int) -> dict[str, int]:
    """How many rows of each category a catalog of `size` has to keep the base mix."""
    counts = Counter(r["category"] for r in base)
    exact = {c: size * counts[c] / len(base) for c in CATEGORIES}
    quotas = {c: int(exact[c]) for c in CATEGORIES}
    by_remainder = sorted(CATEGORIES, key=lambda c: (quotas[c] - exact[c], CATEGORIES.index(c)))
    for c in by_remainder[: size - sum(quotas.values())]:
        quotas[c] += 1
    return quotas


def generate_rows(size: int, seed: int, twin_share: float = 0.3) -> list[Row]:
    rng = random.Random(seed)
    base = bundled_rows()
    quotas = category_quotas(base, size)
    if size <= len(base):
        rows: list[Row] = []
        for category in CATEGORIES:
            members = [r for r in base if r["category"] == category]
            chosen = set(map(id, rng.sample(members, min(quotas[category], len(members)))))
            rows.extend(r for r in members if id(r) in chosen)  # keep catalog order
        return [dict(r) for r in sorted(rows, key=lambda r: base.index(r))]
    rows = [dict(r) for r in base]
    pool: dict[str, list[Row]] = {c: [r for r in rows if r["category"] == c] for c in CATEGORIES}
    ids = {r["id"] for r in rows}
    serial = 0
    for category in CATEGORIES:
        for _ in range(quotas[category] - len(pool[category])):
            parent = rng.choice(pool[category])
            serial += 1
            child = dict(parent)
            child["id"] = _fresh_id(parent["id"], serial, ids)
            if rng.random() < twin_share:
                child["name"] = f"{parent['name']} (twin {serial})"
            else:
                child["name"] = f"{parent['name']} (variant {serial})"
                _perturb(child, rng)
            ids.add(child["id"])
            pool[category].append(child)
            rows.append(child)
    return rows


def _fresh_id(parent: str, serial: int, taken: set[str]) -> str:
    stem = parent.split("__", 1)[0]
    candidate = f"{stem}__s{serial}"
    while candidate in taken:
        candidate += "x"
    return candidate


def _perturb(row: Row, rng: random.Random) -> None:
    row["load"] = str(max(0, int(row["load"]) + rng.choice((-1, 0, 0, 1))))
    row["minutes"] = str(max(1, int(row["minutes"]) + rng.choice((-1, 0, 0, 1))))
    for muscle in rng.sample(list(MUSCLES), rng.randint(1, 3)):
        value = int(row[muscle])
        if value > 0:
            value = min(3, max(0, value + rng.choice((-1, 1))))
        elif rng.random() < 0.3:
            value = 1
        row[muscle] = str(value)
    if not any(int(row[m]) for m in MUSCLES):  # an exercise must train something
        row[rng.choice(MUSCLES)] = "1"
    if rng.random() < 0.5:
        family = row["family"].split("__", 1)[0]
        row["family"] = f"{family}__f{rng.randint(1, 4)}"


def write_catalog(path: Path, rows: list[Row]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def synthetic_catalog(size: int, seed: int, directory: Path) -> Catalog:
    """Generate, write and load (so validate) the synthetic catalog of `size` exercises."""
    path = write_catalog(directory / f"synthetic-{size}-seed{seed}.csv", generate_rows(size, seed))
    return load_catalog(path)


def twin_groups(catalog: Catalog) -> int:
    """Number of exercises that have an identical-profile twin (a symmetry measure): equal
    in everything the model sees (the catalog's minutes no longer count: a session's time
    comes from the prescription, i.e. from stimuli, unit, reps and per_side)."""
    profiles = Counter(
        (e.category, e.family, e.equipment, e.level, e.tags, e.load, e.coverage, e.stimuli,
         e.loaded, e.unit, e.reps, e.per_side)
        for e in catalog
    )  # fmt: skip
    return sum(n for n in profiles.values() if n > 1)
