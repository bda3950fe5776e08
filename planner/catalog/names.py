"""Catalog names as people write them: `Dumbbells`, `resistance band`, `Pull-up bar`.

A config (TOML or a roster cell) may name equipment, tags and exercise ids in any case, with
spaces or hyphens for underscores, in the plural, or by a common other name of a piece of
kit; each is read as the catalog's own name, and a name read as a different word says so in
a note. What is still unknown stays as written, for the catalog check to report.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# Other names of the kit in the bundled catalog, folded (lower case, `_` for spaces).
EQUIPMENT_ALIASES = {
    "resistance_band": "band",
    "mini_band": "band",
    "loop_band": "band",
    "elastic_band": "band",
    "theraband": "band",
    "db": "dumbbell",
    "kb": "kettlebell",
    "pull_up_bar": "pullup_bar",
    "chin_up_bar": "pullup_bar",
    "chinup_bar": "pullup_bar",
    "squat_rack": "rack",
    "power_rack": "rack",
    "plyo_box": "box",
    "med_ball": "medicine_ball",
    "cable_machine": "cable",
    "cables": "cable",
    "weight_bench": "bench",
    "gliding_disc": "slider",
    "gliders": "slider",
}


@dataclass(frozen=True)
class Respelled:
    """One name read as the catalog's: `written` in `key` is `name`."""

    key: str
    written: str
    name: str

    @property
    def note(self) -> str:
        return f"{self.written!r} is read as the catalog's {self.name!r}"


def folded(name: str) -> str:
    """A name without case, spaces or hyphens: `Pull-up bar` is pull_up_bar."""
    return "_".join(name.lower().replace("-", " ").split())


def catalog_spelling(
    written: str, known: Iterable[str], aliases: dict[str, str] | None = None
) -> tuple[str, bool]:
    """(the catalog's name for `written`, whether that is another word than the one
    written, not merely its case or spacing); unknown names come back as written."""
    spelled = {folded(name): name for name in known}
    key = folded(written)
    if key in spelled:
        return spelled[key], False
    alias = (aliases or {}).get(key)
    if alias in spelled:
        return spelled[alias], True
    if aliases is None:  # ids and tags: no plurals, `lunges` may be another exercise's id
        return written, False
    for cut in (1, 2):  # dumbbells, boxes
        if key.endswith("es"[-cut:]) and key[:-cut] in spelled:
            return spelled[key[:-cut]], True
    return written, False


def respell(
    data: dict[str, Any], names: dict[str, tuple[Iterable[str], dict[str, str] | None]]
) -> list[Respelled]:
    """Spell the lists at the dotted keys of `names` (key -> the catalog's names and their
    aliases) as the catalog does, in place; returns the names read as another word."""
    notes: list[Respelled] = []
    for key, (known_names, aliases) in names.items():
        section, leaf = key.split(".")
        table = data.get(section)
        items = table.get(leaf) if isinstance(table, dict) else None
        if not isinstance(items, list):
            continue
        known = tuple(known_names)
        new = []
        for item in items:
            if not isinstance(item, str):
                new.append(item)
                continue
            name, other_word = catalog_spelling(item, known, aliases)
            if other_word:
                notes.append(Respelled(key, item, name))
            new.append(name)
        table[leaf] = new  # type: ignore[index]
    return notes


# A name at most this many rows use, close to one at least COMMONER times as common, is more
# likely a slip of the keyboard than a piece of kit of its own ('dumbell' beside 'dumbbell').
RARE_ROWS = 2
COMMONER = 3
CLOSE = 0.8  # difflib's ratio: 'dumbell' and 'dumbbell' are 0.93, 'step' and 'slider' 0.4
# Each rare name is compared with each common one (about 5 microseconds a pair): a catalog
# written by hand has a few dozen names, and one with thousands (generated, or hostile: 4,000
# names took 14 s) is not checked at all rather than hold up every solve.
MOST_PAIRS = 50_000


def likely_typos(counts: dict[str, int], aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Rare names (by how many rows use them) that read as a much more common one: rare ->
    common. A near spelling counts, and with `aliases` (equipment) a plural or another name
    of the kit too, as catalog_spelling reads a config's names."""
    rare = sorted(name for name, rows in counts.items() if rows <= RARE_ROWS)
    commoner = {
        rows: sorted(o for o, m in counts.items() if m >= COMMONER * rows)
        for rows in range(1, RARE_ROWS + 1)
    }
    if sum(len(commoner[counts[name]]) for name in rare) > MOST_PAIRS:
        return {}
    found: dict[str, str] = {}
    for name in rare:
        common = commoner[counts[name]]
        spelled, other_word = catalog_spelling(name, common, aliases)
        if other_word:
            found[name] = spelled
        elif close := difflib.get_close_matches(name, common, n=1, cutoff=CLOSE):
            found[name] = close[0]
    return found
