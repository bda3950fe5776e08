"""What `planner catalog import` says it did: rows written, by category, what it skipped
and why, and how many rows hold guesses to review."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from planner.importers.free_exercise_db import Imported
from planner.vocabulary import CATEGORIES

NAMES_SHOWN = 8


def import_summary(
    imported: Imported, source: Path, output: str, overrides: Path | None = None
) -> list[str]:
    total = len(imported.exercises) + len(imported.skipped)
    counts = Counter(e.category for e in imported.exercises)
    by_category = ", ".join(f"{c} {counts[c]}" for c in CATEGORIES if counts[c])
    lines = [
        f"imported {len(imported.exercises)} of {total} exercises from {source} into {output} "
        f"({by_category})"
    ]
    reasons: dict[str, list[str]] = {}
    for skipped in imported.skipped:
        reasons.setdefault(skipped.reason, []).append(skipped.name)
    if reasons:
        lines.append(f"skipped {len(imported.skipped)}:")
    for reason, names in sorted(reasons.items(), key=lambda item: (-len(item[1]), item[0])):
        shown = "; ".join(names[:NAMES_SHOWN]) + ("; ..." if len(names) > NAMES_SHOWN else "")
        lines.append(f"  {len(names)} {reason}: {shown}")
    if imported.guessed:
        lines.append(
            f"{imported.guessed} row(s) hold values guessed from the exercise's name (family, "
            "calf bias, core function, tags, equipment): the `source` column says which and "
            "why; fix any with --overrides"
        )
    if overrides is not None:
        rows = "row" if imported.overridden == 1 else "rows"
        lines.append(f"{imported.overridden} {rows} corrected from {overrides}")
    lines.append(f"browse it: planner catalog --catalog {output}")
    return lines
