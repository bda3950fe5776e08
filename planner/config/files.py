"""Config files as written: TOML read, `extends` followed, and where each key came from.

A config may build on another with `extends = "base.toml"` (relative to the file that
says it); its own keys win, tables merge key by key, and a list or value replaces the
base's whole. Every key remembers the file that wrote it, so a message names the file and
line a bad key is on, and a fix can be written where the coach would make it.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.bounded import Unreadable, loads_toml
from planner.config.toml_lines import find_line, line_from_message
from planner.errors import ConfigError, Problem
from planner.files import path_problem, read_input

EXTENDS = "extends"
MAX_EXTENDS_DEPTH = 16  # a chain this long is a mistake, not a team's setup


@dataclass(frozen=True)
class ConfigSource:
    """A config's data, merged along its `extends` chain, and the file that set each key."""

    data: dict[str, Any]
    files: tuple[tuple[str, str], ...]  # (name as given, text): the named file, then its bases
    owners: dict[str, int] = field(default_factory=dict)  # dotted key -> index in files
    paths: tuple[Path, ...] = ()  # every file read, resolved (a batch must not write over one)

    @classmethod
    def of(cls, name: str, text: str = "", data: dict[str, Any] | None = None) -> ConfigSource:
        """A config that is one text (or no file at all, with text '')."""
        return cls(data if data is not None else {}, ((name, text),))

    @property
    def name(self) -> str:
        return self.files[0][0]

    @property
    def text(self) -> str:
        return self.files[0][1]

    @property
    def from_file(self) -> bool:
        return bool(self.paths)

    def origin(self, key: str) -> str | None:
        """The file that set `key` (or the table holding it), or None for a default."""
        owner = self._owner(key)
        return None if owner is None else self.files[owner][0]

    def locate(self, key: str) -> tuple[str, int | None]:
        """(file, line) for a message about `key`: the file that set it, else the named one."""
        owner = self._owner(key)
        name, text = self.files[0 if owner is None else owner]
        return name, find_line(text, key)

    def problem(self, key: str, message: str) -> Problem:
        name, line = self.locate(key)
        return Problem(name, message, line=line, key=key)

    def _owner(self, key: str) -> int | None:
        parts = key.split(".")
        for cut in range(len(parts), 0, -1):
            owner = self.owners.get(".".join(parts[:cut]))
            if owner is not None:
                return owner
        return None


def read_source(path: str | Path) -> ConfigSource:
    """The config at `path` with every file it extends, merged; ConfigError names the file."""
    chain: list[tuple[Path, str, str, dict[str, Any]]] = []  # (resolved, name, text, data)
    current, name = Path(path), str(path)
    while True:
        _, text = read_input(
            current, "config", "TOML config file", ConfigError, "save it with UTF-8 encoding"
        )
        resolved = current.resolve()  # after reading, which refuses a symbolic-link loop
        seen = [entry[0] for entry in chain]
        if resolved in seen:
            raise ConfigError([_cycle_problem(chain, seen.index(resolved))])
        data = _parse_toml(name, text)
        base = data.pop(EXTENDS, None)
        chain.append((resolved, name, text, data))
        if base is None:
            break
        current, name = _base_path(current, name, text, base, [entry[1] for entry in chain])
    return _merged(chain)


def _parse_toml(name: str, text: str) -> dict[str, Any]:
    try:
        data = loads_toml(text)
    except Unreadable as exc:
        raise ConfigError([Problem(name, exc.message, line=exc.line)]) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or line_from_message(str(exc))
        message = getattr(exc, "msg", None) or re.sub(r"\s*\(at line.*\)$", "", str(exc))
        raise ConfigError([Problem(name, f"TOML syntax error: {message}", line=line)]) from None
    block = data.get("block")
    for key in ("start", "race"):
        value = block.get(key) if isinstance(block, dict) else None
        if isinstance(value, str):  # TOML has dates: "2027-01-04" in quotes is text
            message = (
                f"expected a date (without quotes), written YYYY-MM-DD as in 2027-01-04; "
                f"got {value!r}"
            )
            dotted = ".".join(("block", key))
            raise ConfigError([Problem(name, message, line=find_line(text, dotted), key=dotted)])
    return data


def _base_path(
    current: Path, name: str, text: str, base: Any, chain: list[str]
) -> tuple[Path, str]:
    """The file `extends` names, relative to the file that names it, or ConfigError; a
    message about a base deep in a chain shows the chain that led there."""
    depth = len(chain)

    def wrong(message: str) -> ConfigError:
        line = find_line(text, EXTENDS)
        return ConfigError([Problem(name, message, line=line, key=EXTENDS)])

    if not isinstance(base, str) or not base.strip():
        raise wrong(
            f'expected a config file name in quotes, e.g. extends = "base.toml"; got {base!r}'
        )
    if depth >= MAX_EXTENDS_DEPTH:
        raise wrong(f"more than {MAX_EXTENDS_DEPTH} configs extend one another; shorten the chain")
    target = current.parent / base
    unusable = path_problem(str(target))
    if unusable:
        raise wrong(unusable)
    if not target.is_file():
        where = str(current.parent) if str(current.parent) != "." else "the current directory"
        via = f"; read via {' -> '.join(chain)}" if len(chain) > 1 else ""
        raise wrong(f"{base!r} is not a file (paths are relative to this config, in {where}){via}")
    relative = os.path.normpath(Path(name).parent / base)
    return target, relative


def _cycle_problem(chain: list[tuple[Path, str, str, dict[str, Any]]], start: int) -> Problem:
    names = [entry[1] for entry in chain[start:]] + [chain[start][1]]
    _, name, text, _ = chain[-1]
    loop = " -> ".join(names)
    return Problem(
        name,
        f"configs extend one another in a cycle ({loop}); remove one of these extends",
        line=find_line(text, EXTENDS),
        key=EXTENDS,
    )


def _merged(chain: list[tuple[Path, str, str, dict[str, Any]]]) -> ConfigSource:
    """Fold the chain from its deepest base up to the named file, recording who set what."""
    owners: dict[str, int] = {}
    data: dict[str, Any] = {}
    for index in range(len(chain) - 1, -1, -1):
        data = _overlay(data, chain[index][3], index, owners, "")
    named_dir = chain[0][0].parent
    owner = owners.get("catalog")
    if owner and isinstance(data.get("catalog"), str):  # a base's catalog is relative to it
        target = chain[owner][0].parent / data["catalog"]
        try:
            data["catalog"] = os.path.relpath(target, named_dir)
        except ValueError:  # another drive (Windows): no relative path exists
            data["catalog"] = str(target)
    files = tuple((name, text) for _, name, text, _ in chain)
    return ConfigSource(data, files, owners, tuple(entry[0] for entry in chain))


def _overlay(
    base: dict[str, Any], top: dict[str, Any], index: int, owners: dict[str, int], prefix: str
) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        path = prefix + key
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            owners[path] = index
            out[key] = _overlay(out[key], value, index, owners, path + ".")
            continue
        if key in out:  # a base's value is replaced whole: forget who set its parts
            for stale in [p for p in owners if p.startswith(path + ".")]:
                del owners[stale]
        out[key] = value
        _own(value, path, index, owners)
    return out


def _own(value: Any, path: str, index: int, owners: dict[str, int]) -> None:
    owners[path] = index
    if isinstance(value, dict):
        for key, child in value.items():
            _own(child, f"{path}.{key}", index, owners)
