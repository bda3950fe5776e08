"""Old plans are never lost: an athlete without a plan now keeps their last good one
(marked stale), files of athletes no longer on the roster are moved aside, and a run may
write into a dated folder (`--out plans/{date}`) so that the weeks accumulate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from planner.batch.fixes import CONFLICTS_SUFFIX
from planner.batch.manifest import MANIFEST_NAME, Manifest
from planner.batch.plan_files import plan_file_name
from planner.batch.results import OVERVIEW_NAME, SUMMARY_NAME
from planner.bounded import loads_json
from planner.errors import PlannerError, Problem
from planner.formats import FORMATS
from planner.writes import write_atomic

REMOVED_DIR = "removed"  # where files of athletes no longer on the roster go
EDITED_DIR = "edited"  # where the batch's files edited by hand go before they are replaced
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
    if not text.strip():  # Path("") is ".": files would land wherever planner was started
        raise PlannerError([Problem("--out", "is empty; give a directory, e.g. --out plans")])
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


def earlier_runs(template: str | Path, out: Path) -> list[Path]:
    """The folders an --out with {date} or {week} gave on earlier days, newest first:
    where an athlete without a plan today finds their last good one. [] for a plain --out."""
    parts = Path(template).parts
    dated = [i for i, part in enumerate(parts) if any(p in part for p in PLACEHOLDERS)]
    if not dated:
        return []
    root = Path(*parts[: dated[0]]) if dated[0] else Path(".")
    tail = parts[dated[0] :]
    pattern = re.compile(
        "/".join(
            re.escape(part)
            .replace(re.escape("{date}"), r"(\d{4}-\d{2}-\d{2})")
            .replace(re.escape("{week}"), r"(\d{4}-W\d{2})")
            for part in tail
        )
    )
    current = pattern.fullmatch("/".join(out.parts[len(out.parts) - len(tail) :]))
    found = []
    glob = "/".join(re.sub(r"\{(date|week)\}", "*", part) for part in tail)
    for folder in root.glob(glob):
        match = pattern.fullmatch("/".join(folder.parts[len(folder.parts) - len(tail) :]))
        if match and folder.is_dir() and (current is None or match.groups() < current.groups()):
            found.append((match.groups(), folder))
    return [folder for _, folder in sorted(found, reverse=True)]


def last_good_plan(
    out: Path, manifest: Manifest, athlete: str, stem: str, earlier: Sequence[Path] = ()
) -> tuple[tuple[str, ...], str]:
    """The athlete's last good plan files in OUT and their date; in a dated run, the newest
    earlier run's copied in (so each week's folder holds every athlete's plan, some stale)."""
    files, planned = kept_plan(out, manifest.entries.get(athlete), stem)
    if files:
        return files, planned
    for folder in earlier:
        try:
            theirs = loads_json((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
            files, planned = kept_plan(folder, theirs["athletes"].get(athlete), stem)
            texts = {name: _text(folder / name) for name in files}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue  # an unreadable earlier run: look further back
        if texts:
            manifest.will_write(texts)
            for name, text in texts.items():
                write_atomic(out / name, text)
            return files, planned
    return (), ""


def _text(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


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
            _own_folder(target, "cannot move files of athletes off the roster there")
            moved.append((athlete, _move(out, sorted(names), target)))
        del entries[athlete]
    return moved


def recorded_hashes(entries: dict[str, Any], outputs: dict[str, str]) -> dict[str, str]:
    """The hash a manifest records for each file a batch wrote: the batch's own pages and
    every athlete's plan and conflict files (only names a batch writes, never a path)."""
    recorded = {n: d for n, d in outputs.items() if n in (SUMMARY_NAME, OVERVIEW_NAME)}
    for entry in entries.values():
        files = entry["files"] if own_names(entry) else {}
        recorded.update({n: d for n, d in files.items() if n in own_names(entry)})
    return {n: d for n, d in recorded.items() if isinstance(d, str)}


def set_aside_edited(
    out: Path, recorded: dict[str, Any], pending: Mapping[str, Collection[str]] | None = None
) -> list[tuple[str, str]]:
    """Move the files an earlier batch wrote that were edited since (their hash is no longer
    the recorded one: a coach's note in a plan) into OUT/edited/ before this run replaces
    them; returns (name, where it went). `recorded` maps file names to their hashes;
    `pending` to the hashes of writes a batch noted but did not record (it was killed, or
    the disk filled, before it saved the manifest): those files are its own too."""
    moved: list[tuple[str, str]] = []
    pending = pending or {}
    for name, digest in sorted(recorded.items()):
        path = out / name
        if not path.is_file() or path.is_symlink():
            continue
        if (actual := _sha256(path)) == digest or actual in pending.get(name, ()):
            continue
        target = out / EDITED_DIR
        _own_folder(target, "cannot keep files edited by hand there")
        moved.append((name, _move(out, [name], target)[0]))
    return moved


def _own_folder(target: Path, cannot: str) -> None:
    """OUT/removed or OUT/edited, created if need be; a symbolic link there (which would take
    the coach's files out of OUT, wherever it points) or a file is refused, naming it."""
    if target.is_symlink():
        message = f"{cannot}: it is a symbolic link; planner moves files only within OUT"
        raise PlannerError([Problem(str(target), message + "; make it a real folder")])
    try:
        target.mkdir(exist_ok=True)
    except OSError as exc:  # e.g. a file called "removed": leave them, say why
        raise PlannerError([Problem(str(target), f"{cannot}: {exc.strerror}")]) from None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _move(out: Path, names: list[str], directory: Path) -> tuple[str, ...]:
    """Move an athlete's files into `directory`, all under one free number (tariq-2.plan.json
    beside tariq-2.plan.md when an earlier move took tariq.*); their names relative to OUT."""
    number = 1
    while any((directory / _numbered(name, number)).exists() for name in names):
        number += 1
    moved = []
    for name in names:
        os.replace(out / name, directory / _numbered(name, number))
        moved.append(f"{directory.name}/{_numbered(name, number)}")
    return tuple(moved)


def _numbered(name: str, number: int) -> str:
    """tariq.plan.json as the number-th copy: tariq-2.plan.json (a stem may hold dots)."""
    if number == 1:
        return name
    match = _OWN_NAME.fullmatch(name)
    suffix = f".{match.group(1)}" if match else Path(name).suffix  # summary-2.csv
    return f"{name[: len(name) - len(suffix)]}-{number}{suffix}"
