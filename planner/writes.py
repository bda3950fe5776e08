"""Outputs written safely: checked before any work, written atomically, never over a user's
file without being told to, never over a file this run read; a write that fails (a full
disk, a read-only or immutable file) is a message naming the file, not a crash."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from planner.errors import PlannerError, Problem
from planner.files import input_kind, kind_of, path_problem, reason, stat_problem


def check_output_path(
    path: str | Path, force: bool = False, inputs: Iterable[str | Path] = ()
) -> Path:
    """Fail early, before any solving, when an output file could not or should not be written;
    return the file to write.

    Refused: a name ending in '/', a directory, anything but a regular file (a device or a
    named pipe, even with --force), one of this run's `inputs` (even with --force), an
    existing file without --force, a symbolic-link loop, and a directory that does not exist
    or cannot be written. A symbolic link is written through, as `>` would: the file it
    points at is returned, so an atomic rename replaces that file and the link stays.
    """
    raw = str(path)
    unusable = path_problem(raw)
    if unusable:
        raise PlannerError([Problem(raw, unusable)])
    target = Path(raw)
    if raw.endswith(("/", os.sep)) and not target.is_dir():
        raise PlannerError(
            [Problem(raw, "ends with '/', so it names a directory; give a file name for -o")]
        )
    try:
        info: os.stat_result | None = os.stat(target)  # follows links: what gets written
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise PlannerError([Problem(raw, stat_problem(target, exc, "output"))]) from None
        info = None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise PlannerError([Problem(raw, "is a directory; give a file name for -o")])
        if not stat.S_ISREG(info.st_mode):
            raise PlannerError(
                [Problem(raw, f"is {kind_of(info.st_mode)}; planner only replaces regular files")]
            )
        for source in inputs:
            if _same_file(target, Path(source)):
                raise PlannerError([Problem(raw, _INPUT_NOT_OUTPUT)])
        read_as = input_kind(target)
        if read_as:
            raise PlannerError([Problem(raw, f"{_INPUT_NOT_OUTPUT} (its {read_as})")])
        if not force:
            raise PlannerError([Problem(raw, "already exists; pass --force to overwrite it")])
    target = Path(os.path.realpath(target))
    if not target.parent.is_dir():
        raise PlannerError(
            [Problem(raw, f"directory {str(target.parent)!r} does not exist; create it")]
        )
    check_writable_dir(target.parent, raw)
    return target


_INPUT_NOT_OUTPUT = "is an input of this run; choose another output file"


def check_writable_dir(directory: Path, name: str | None = None) -> None:
    """Try writing (and removing) a small file in `directory`: the only test that tells the
    truth on read-only mounts, /proc, immutable directories, full disks and for root alike."""
    where = str(directory)
    try:
        fd, probe = tempfile.mkstemp(dir=directory, prefix=".planner-probe-", suffix=".tmp")
    except OSError as exc:
        raise PlannerError([Problem(name or where, f"cannot write in directory {where!r}: "
                                    f"{write_reason(exc)}")]) from None  # fmt: skip
    try:
        os.write(fd, b"planner\n")  # an empty file fits on a full disk; a byte does not
        os.fsync(fd)
    except OSError as exc:
        raise PlannerError([Problem(name or where, f"cannot write in directory {where!r}: "
                                    f"{write_reason(exc)}")]) from None  # fmt: skip
    finally:
        os.close(fd)
        Path(probe).unlink(missing_ok=True)


def write_reason(exc: OSError) -> str:
    """Why a write failed, and what to do, in words."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{reason(exc)}; free some space or write somewhere else"
    if exc.errno in (errno.EPERM, errno.EACCES, errno.EROFS):
        return f"{reason(exc)} (read-only, immutable or not yours?); write somewhere else"
    return reason(exc)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a file.
    Text is written as UTF-8, bytes as they are. A failed write leaves the target as it was
    and raises PlannerError naming it and why (a full disk, an immutable file).

    The file gets the mode an ordinary write would give it: the existing file's mode when
    one is replaced, else 0666 less the umask (mkstemp alone would make it 0600).
    """
    write_all([(Path(path), text)])


def write_all(files: Iterable[tuple[Path, str | bytes]]) -> None:
    """Write several files as one: every one is written in full beside its target before any
    target is replaced, so a full disk replaces none of them. PlannerError names the file."""
    staged: list[tuple[Path, str, str | None]] = []  # target, new text, the old one kept
    replaced: list[tuple[Path, str | None]] = []
    try:
        for target, data in files:
            tmp = _staged(target, data)
            staged.append((target, tmp, None))
            staged[-1] = (target, tmp, _kept(target, tmp))
        for target, tmp, old in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                for done, kept in reversed(replaced):  # put back what this call replaced
                    if kept is not None:
                        os.replace(kept, done)
                raise _cannot_write(target, exc) from None
            replaced.append((target, old))
    finally:
        for _, tmp, old in staged:
            for name in (tmp, old):
                if name is not None:
                    Path(name).unlink(missing_ok=True)


def _staged(target: Path, data: str | bytes) -> str:
    """`data` in a new temporary file beside `target`; its name."""
    read_as = input_kind(target)
    if read_as:  # the last guard: whatever a command checked before, an input stays as it was
        raise PlannerError([Problem(str(target), f"{_INPUT_NOT_OUTPUT} (its {read_as})")])
    # the temporary name keeps to 255 bytes however long the target's is
    stem = target.name[:_TMP_STEM_CHARS]  # 4 bytes a character at most: 200 bytes
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{stem}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), _mode_for(target))
            os.fsync(handle.fileno())
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(target, exc) from None
        raise
    return tmp


def _kept(target: Path, tmp: str) -> str | None:
    """A second name (a hard link) for the file `target` replaces, so that a later failure of
    the same write_all can put it back; None when there is none. A file that refuses a link
    (immutable, or not ours to touch) would refuse the rename too: that is said now, before
    anything is replaced."""
    kept = f"{tmp}.old"
    try:
        os.link(target, kept, follow_symlinks=True)
    except FileNotFoundError:
        return None
    except PermissionError as exc:
        raise _cannot_write(target, exc) from None
    except OSError:  # no hard links here: no way back, but the write goes on
        return None
    return kept


def _cannot_write(target: Path, exc: OSError) -> PlannerError:
    return PlannerError([Problem(str(target), f"cannot write: {write_reason(exc)}")])


_TMP_STEM_CHARS = 50


def _mode_for(target: Path) -> int:
    try:
        info = os.stat(target)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    except OSError:
        pass
    return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore (single-threaded callers)
    os.umask(mask)
    return mask
