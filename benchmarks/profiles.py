"""How much to run: the --quick, default and --full profiles."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Profile:
    # None: the bundled catalog; "real": free-exercise-db (benchmarks/data); else a
    # synthetic size
    sizes: tuple[int | str | None, ...]
    sessions: tuple[int, ...]
    seeds: int
    repeat_small: int  # solves per instance on catalogs <= bundled (median taken)
    repeat_large: int
    example_repeat: int
    startup_runs: int
    roster: int
    time_limit: float = 10.0


PROFILES = {
    "quick": Profile((None, 300), (3, 5), 1, 1, 1, 3, 5, 10),
    "default": Profile((None, 300, 1000, "real"), (3, 5), 3, 3, 1, 5, 7, 200),
    "full": Profile((60, 150, None, 300, 1000, "real"), (3, 5), 5, 3, 3, 5, 11, 200),
}


def chosen_profile(
    name: str, time_limit: float | None = None, roster: int | None = None
) -> Profile:
    """The named profile with the command line's overrides (a missing or 0 one is ignored)."""
    profile = PROFILES[name]
    if time_limit:
        profile = replace(profile, time_limit=time_limit)
    if roster:
        profile = replace(profile, roster=roster)
    return profile
