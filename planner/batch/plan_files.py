"""The output directory and each athlete's plan files: names, formats, ownership, cleanup.

A batch writes only into a directory it holds the lock of, and replaces only files it wrote
itself (recorded in the manifest, or recognisably its own), never one of its inputs.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from planner.batch.fixes import CONFLICTS_START, CONFLICTS_SUFFIX, conflicts_file_name
from planner.batch.jobs import Job, Outcome
from planner.batch.report import SUMMARY_COLUMNS
from planner.batch.results import (
    INDEX_NAME,
    OVERVIEW_NAME,
    SUMMARY_NAME,
    TEAM_CSV_NAME,
    TEAM_NAMES,
    TEAM_XLSX_NAME,
)
from planner.errors import PlannerError, Problem, allowed_list
from planner.files import kind_of
from planner.formats import BATCH_ALWAYS, FORMATS
from planner.writes import check_writable_dir, write_all, write_atomic

_HTML_START = b'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>'
# How each file a batch writes begins: a file by that name that begins otherwise is not ours.
_OWN_STARTS: dict[str, tuple[bytes, ...]] = {
    SUMMARY_NAME: (",".join(SUMMARY_COLUMNS).encode(),),  # the roster's notes columns follow
    OVERVIEW_NAME: (b"# Team overview: ",),
    "json": (b'{\n  "status": ',),
    "md": (b"# Strength week for ", b"# Training block for "),
    "txt": (b"Strength week for ", b"Training block for "),
    "csv": (
        b"athlete,day,id,name,category,family,",
        b"day,id,name,category,family,",
        b"athlete,week,phase,kind,date,day,",
    ),
    "html": (_HTML_START + b"Strength week for ", _HTML_START + b"Training block for "),
    "ics": (b"BEGIN:VCALENDAR",),
    CONFLICTS_SUFFIX: (CONFLICTS_START.encode(),),
    INDEX_NAME: (_HTML_START + b"Team week: ",),
    TEAM_CSV_NAME: (b"athlete,day,id,name,category,family,",),
}
_SHOWN = 5  # problems listed before "... and N more"


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """The plan files to write: those asked for, and the JSON always (the team files are
    built from it)."""
    chosen = tuple(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        wrong = ", ".join(unknown) or "nothing"
        message = f"{wrong} is not a format; allowed: {allowed_list(FORMATS)}"
        raise PlannerError([Problem("--format", message)])
    return tuple(dict.fromkeys((BATCH_ALWAYS, *chosen)))


def output_dir(out: Path) -> Path:
    """The --out directory, created if need be and proven writable before anything is solved."""
    if out.exists() and not out.is_dir():
        raise PlannerError([Problem(str(out), "is a file; --out needs a directory")])
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        problem = Problem(str(out), f"cannot create the directory: {exc.strerror}")
        raise PlannerError([problem]) from None
    check_writable_dir(out)
    return out


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the output directory for one batch at a time; a second one is refused at once.

    The lock is on the directory itself (flock), so nothing is left behind, and the system
    releases it when the process ends, however it ends.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    fd = os.open(out, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = (
                "another planner batch is writing to this directory; wait for it to finish "
                "or choose another --out"
            )
            raise PlannerError([Problem(str(out), message)]) from None
        yield
    finally:
        os.close(fd)  # releases the lock


def check_outputs(
    out: Path,
    stems: Iterable[str],
    inputs: Iterable[Path],
    written: Collection[str],
    force: bool,
) -> None:
    """Refuse to start when a file the batch may write is one of its inputs or not a regular
    file (even with --force), or exists without the batch having written it (unless --force).

    `written` holds the names the manifest records: an earlier batch wrote them, and a plan
    edited by hand since is still a plan to replace. Without a manifest, a file counts as
    the batch's own when it begins as the batch's files do.
    """
    names = [SUMMARY_NAME, OVERVIEW_NAME, *TEAM_NAMES]
    names += [name for stem in stems for name in athlete_file_names(stem)]
    sources = list(inputs)
    always: list[Problem] = []
    unless_forced: list[Problem] = []
    for name in dict.fromkeys(names):
        target = out / name
        try:
            info = os.stat(target)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            message = f"is {kind_of(info.st_mode)}; planner will not replace it"
            always.append(Problem(str(target), message))
        elif any(_same_file(target, source) for source in sources):
            message = "is an input of this batch; choose another --out"
            always.append(Problem(str(target), message))
        elif not force and name not in written and not _looks_ours(target):
            message = "exists and was not written by planner batch; pass --force to replace it"
            unless_forced.append(Problem(str(target), message))
    problems = always + unless_forced
    if problems:
        shown = problems[:_SHOWN]
        if len(problems) > _SHOWN:
            shown.append(Problem(str(out), f"... and {len(problems) - _SHOWN} more such files"))
        raise PlannerError(shown)


def _looks_ours(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(128)
    except OSError:
        return False
    if path.name == TEAM_XLSX_NAME:
        return _workbook_is_ours(path)
    if path.name.endswith("." + CONFLICTS_SUFFIX):
        kind = CONFLICTS_SUFFIX
    else:
        kind = path.name if path.name in _OWN_STARTS else path.suffix.lstrip(".")
    return head.startswith(_OWN_STARTS.get(kind, ()))


def _workbook_is_ours(path: Path) -> bool:
    """A workbook is a zip: ours says who made it in its document properties."""
    from planner.report.xlsx import made_by_planner

    return made_by_planner(path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_plan_files(out: Path, job: Job, outcome: Outcome) -> tuple[str, ...]:
    """A new plan: its files, replacing the last plan's (of any format) and any conflict file.
    All of them or none: PlannerError (a full disk, an immutable file) leaves the last plan."""
    texts = plan_texts(job.stem, outcome)
    write_all([(out / name, text) for name, text in texts.items()])
    for name in athlete_file_names(job.stem):
        if name not in texts:
            (out / name).unlink(missing_ok=True)
    return tuple(texts)


def plan_texts(stem: str, outcome: Outcome) -> dict[str, str]:
    """The plan files of an outcome: file name -> text."""
    return {plan_file_name(stem, fmt): text for fmt, text in outcome.texts.items()}


def write_conflicts_file(out: Path, stem: str, text: str) -> str:
    name = conflicts_file_name(stem)
    write_atomic(out / name, text)
    return name


def remove_conflicts_file(out: Path, stem: str) -> None:
    (out / conflicts_file_name(stem)).unlink(missing_ok=True)


def plan_file_name(stem: str, fmt: str) -> str:
    # ".plan." keeps an athlete called "summary" or "overview" clear of the batch's own files.
    return f"{stem}.plan.{FORMATS[fmt]}"


def athlete_file_names(stem: str) -> list[str]:
    """Every file a batch may write for one athlete: a plan in each format, a conflict file."""
    return [*(plan_file_name(stem, fmt) for fmt in FORMATS), conflicts_file_name(stem)]
