"""Old plans are never lost: an athlete without a plan now keeps their last good one
(marked stale), files of athletes no longer on the roster are moved aside, and a run may
write into a dated folder (`--out plans/{date}`) so that the weeks accumulate.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from planner.batch.fixes import CONFLICTS_SUFFIX
from planner.batch.plan_files import plan_file_name
from planner.errors import PlannerError, Problem
from planner.formats import FORMATS

REMOVED_DIR = "removed"  # where files of athletes no longer on the roster go
PLACEHOLDERS = ("{date}", "{week}")
_OWN_NAME = re.compile(
    r"[^/\\]+\.(plan\.("
    + "|".join(re.escape(e) for e in FORMATS.values())
    + r")|"
    + re.escape(CONFLICTS_SUFFIX)
    + r")"
)


def today() -> dt.date:
    return dt.date.today()


def expand_out(out: str | Path, day: dt.date | None = None) -> Path:
    """--out with {date} (2026-11-30) and {week} (2026-W49, the ISO week) filled in."""
    text = str(out)
    day = day or today()
    year, week, _ = day.isocalendar()
    expanded = text.replace("{date}", day.isoformat()).replace("{week}", f"{year}-W{week:02d}")
    leftover = re.search(r"\{[^}]*\}", expanded)
    if leftover:
        message = (
            f"{leftover.group(0)} is not a placeholder; --out may hold {' and '.join(PLACEHOLDERS)}"
        )
        raise PlannerError([Problem("--out", message)])
    return Path(expanded)


def own_names(entry: Any) -> list[str]:
    """The file names a manifest entry records that a batch may write: plan and conflict
    files, never a path (a hand-edited manifest must not make us move /etc/passwd)."""
    files = entry.get("files") if isinstance(entry, dict) else None
    if not isinstance(files, dict):
        return []
    names = [str(n) for n in files]
    return [n for n in names if _OWN_NAME.fullmatch(n) and not n.startswith(".")]


def kept_plan(out: Path, entry: Any, stem: str) -> tuple[tuple[str, ...], str]:
    """The plan files an earlier run wrote for this athlete that are still there, and the
    date of that plan ('' when unknown)."""
    plans = {plan_file_name(stem, fmt) for fmt in FORMATS}
    names = [n for n in own_names(entry) if n in plans and (out / n).is_file()]
    planned = entry.get("planned", "") if isinstance(entry, dict) else ""
    return tuple(sorted(names)), planned if isinstance(planned, str) else ""


def move_aside(
    out: Path, entries: dict[str, Any], roster: Collection[str], current: Collection[str]
) -> list[tuple[str, tuple[str, ...]]]:
    """Move the files of athletes no longer on the roster into OUT/removed/ (never over a
    file there: a second move gets a numbered name) and forget them; returns what moved.
    A file by a name an athlete on the roster may write (`current`) stays: it is theirs."""
    moved: list[tuple[str, tuple[str, ...]]] = []
    for athlete in [a for a in entries if a not in roster]:
        names = [n for n in own_names(entries[athlete]) if (out / n).is_file() and n not in current]
        target = out / REMOVED_DIR
        if names:
            try:
                target.mkdir(exist_ok=True)
            except OSError as exc:  # e.g. a file called "removed": leave them, say why
                message = f"cannot move files of athletes off the roster there: {exc.strerror}"
                raise PlannerError([Problem(str(target), message)]) from None
            moved.append((athlete, tuple(_move(out / n, target) for n in sorted(names))))
        del entries[athlete]
    return moved


def _move(source: Path, directory: Path) -> str:
    """Move `source` into `directory` under a free name; return that name relative to OUT."""
    stem, dot, rest = source.name.partition(".")
    candidate, number = directory / source.name, 1
    while candidate.exists():
        number += 1
        candidate = directory / f"{stem}-{number}{dot}{rest}"
    os.replace(source, candidate)
    return f"{directory.name}/{candidate.name}"
