"""Files at the boundary: inputs read with clear errors, outputs written safely (atomically,
and never over a user's file without being told to)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from planner.errors import PlannerError, Problem


def read_input(
    path: Path, kind: str, what: str, error: type[PlannerError], save_as: str
) -> tuple[bytes, str]:
    """A user's input file as bytes and text; a missing, unreadable or non-UTF-8 file (or a
    directory) raises `error` naming the file. `kind` names the file ("catalog"), `what` is
    what was expected ("catalog CSV file"), `save_as` says how to save it as UTF-8. A UTF-8
    BOM, as spreadsheets write, is fine."""
    name = str(path)
    if not path.exists():
        raise error([Problem(name, f"{kind} file not found")])
    if path.is_dir():
        raise error([Problem(name, f"is a directory; expected a {what}")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error([Problem(name, f"cannot read: {exc.strerror}")]) from None
    try:
        return raw, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error([Problem(name, f"is not UTF-8 text; {save_as}", line=line)]) from None


def check_output_path(path: str | Path, force: bool = False) -> Path:
    """Fail early, before any solving, when an output file could not or should not be written."""
    target = Path(path)
    if target.is_dir():
        raise PlannerError([Problem(str(target), "is a directory; give a file name for -o")])
    if not target.parent.is_dir():
        raise PlannerError(
            [Problem(str(target), f"directory {str(target.parent)!r} does not exist; create it")]
        )
    if target.exists() and not force:
        raise PlannerError([Problem(str(target), "already exists; pass --force to overwrite it")])
    return target


def write_atomic(path: str | Path, text: str) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a file."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
