"""Files at the boundary: inputs read with clear errors and within bounds, and remembered, so
that no output replaces one (planner/writes.py writes the outputs)."""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from planner.errors import PlannerError, Problem

# The most a user's input file may hold, by kind. The bundled catalog is 40 KiB and a
# 1,000-exercise one 250 KiB; a 5,000-athlete roster is about 300 KiB.
MAX_INPUT_BYTES: dict[str, int] = {
    "config": 1 << 20,  # 1 MiB
    "catalog": 16 << 20,  # 16 MiB
    "roster": 16 << 20,
    # planner batch's own resume manifest: a few hundred bytes an athlete, so this is room
    # for any roster the 16 MiB limit admits, and a bound on a file someone else put there
    "manifest": 256 << 20,
}
_DEFAULT_MAX_BYTES = 16 << 20
MAX_NAME_BYTES = 255  # one file name (NAME_MAX on Linux and macOS)
MAX_PATH_BYTES = 4095  # a whole path (PATH_MAX less its NUL)
# Every file this run has read as input, by (device, inode), with its kind: no writer may
# replace one, whatever name it is reached by (a base two `extends` up, a link, `..`).
# planner batch's manifest and plan JSON are its own files, rewritten as it goes: not recorded.
# The change time is kept too: a file since deleted may leave its inode to a new file.
_READ_THIS_RUN: dict[tuple[int, int], tuple[str, int]] = {}
_UNPROTECTED_KINDS = frozenset({"manifest", "plan JSON"})


def forget_inputs() -> None:
    """Start a new run: no file has been read yet (each command calls this first)."""
    _READ_THIS_RUN.clear()


def input_kind(path: str | Path) -> str | None:
    """The kind of input ('config', 'catalog', ...) this run read `path` as, or None."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    kind, changed = _READ_THIS_RUN.get((info.st_dev, info.st_ino), ("", -1))
    return kind if kind and changed == info.st_ctime_ns else None


def read_input(
    path: Path, kind: str, what: str, error: type[PlannerError], save_as: str
) -> tuple[bytes, str]:
    """A user's input file as bytes and text, or `error` naming the file and the cause.

    Only a regular file of at most MAX_INPUT_BYTES[kind] is read: a directory, a named pipe
    (which would block), a device (/dev/zero never ends) or a symbolic-link loop is refused.
    `kind` names the file ("catalog"), `what` is what was expected ("catalog CSV file"),
    `save_as` says how to save it as UTF-8. A UTF-8 BOM, as spreadsheets write, is fine.
    """
    raw = read_bytes(path, kind, what, error)
    try:
        return raw, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error([Problem(str(path), f"is not UTF-8 text; {save_as}", line=line)]) from None


def read_bytes(path: Path, kind: str, what: str, error: type[PlannerError]) -> bytes:
    """A user's input file's bytes, with read_input's checks (a regular file, not too big)."""
    name = str(path)
    limit = MAX_INPUT_BYTES.get(kind, _DEFAULT_MAX_BYTES)
    unusable = path_problem(name)
    if unusable:
        raise error([Problem(name, unusable)])
    try:
        info = os.stat(path)
    except OSError as exc:
        raise error([Problem(name, stat_problem(path, exc, kind))]) from None
    _check_regular(name, info, what, error)
    _check_size(name, info.st_size, kind, limit, error)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise error([Problem(name, f"cannot read: {reason(exc)}")]) from None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(fd)
        _check_regular(name, opened, what, error)  # it may have been swapped meanwhile
        if kind not in _UNPROTECTED_KINDS:
            _READ_THIS_RUN[(opened.st_dev, opened.st_ino)] = (kind, opened.st_ctime_ns)
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise error([Problem(name, f"cannot read: {reason(exc)}")]) from None
    _check_size(name, len(raw), kind, limit, error)
    return raw


def csv_records(
    name: str, text: str, error: type[PlannerError], delimiter: str = ","
) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, cells) of each CSV record; a record the csv module cannot read
    (a cell longer than its limit, usually from a missing closing quote) raises `error`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    end = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = str(exc)
            if "field limit" in message:
                message = (
                    f"a cell is longer than {csv.field_size_limit()} characters, the most a "
                    "CSV cell may hold here (is a closing quote missing?)"
                )
            raise error(
                [Problem(name, f"cannot be read as CSV: {message}", line=end + 1)]
            ) from None
        start, end = end + 1, reader.line_num
        yield start, end, cells


def path_problem(name: str) -> str | None:
    """Why `name` can be no file's name on this system (a NUL character, a part longer than
    the file system allows), or None: said before anything is tried, not found by a crash."""
    if "\x00" in name:
        return "a file name cannot contain a NUL character (\\x00)"
    parts = [p for p in name.replace(os.sep, "/").split("/") if p]
    longest = max((len(os.fsencode(p)) for p in parts), default=0)
    if longest > MAX_NAME_BYTES:
        return (
            f"a file name is {longest} bytes long; a file or directory name may be at most "
            f"{MAX_NAME_BYTES} bytes"
        )
    if len(os.fsencode(name)) > MAX_PATH_BYTES:
        return f"the path is longer than {MAX_PATH_BYTES} bytes, the most a path may be"
    return None


MAX_COLUMNS = 1000  # a catalog has 34, a roster a few dozen config keys and notes


def too_many_columns(name: str, header: list[str], kind: str, line: int = 1) -> Problem | None:
    """A header wider than any catalog, roster or overrides file needs, or None: checked
    before anything compares columns with one another."""
    if len(header) <= MAX_COLUMNS:
        return None
    message = f"the header has {len(header)} columns; a {kind} has at most {MAX_COLUMNS}"
    return Problem(name, message, line=line)


def stat_problem(path: Path, exc: OSError, kind: str) -> str:
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return f"is a symbolic link to {os.readlink(path)!r}, which does not exist"
        return f"{kind} file not found"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link loop (the links point at each other); link to a real file"
    if exc.errno == errno.ENOTDIR:
        return f"{kind} file not found (a part of the path is a file, not a directory)"
    return f"cannot read: {reason(exc)}"


def reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words: 'a directory', 'a named pipe (FIFO)', ..."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def _check_regular(name: str, info: os.stat_result, what: str, error: type[PlannerError]) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    kind = kind_of(info.st_mode)
    message = (
        f"is a directory; expected a {what}"
        if stat.S_ISDIR(info.st_mode)
        else f"is {kind}, not a regular file; expected a {what}"
    )
    raise error([Problem(name, message)])


def _check_size(name: str, size: int, kind: str, limit: int, error: type[PlannerError]) -> None:
    if size > limit:
        raise error([Problem(name, f"is larger than {_size(limit)}, the limit for a {kind} file")])


def _size(count: int) -> str:
    return f"{count >> 20} MiB" if count >= 1 << 20 and count % (1 << 20) == 0 else f"{count} bytes"
