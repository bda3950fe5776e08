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
    block_examples: tuple[str, ...]  # examples/*.toml with a [block] section
    block_seeds: tuple[int, ...]  # seeded 16-week, 4-session blocks (block_section.py)
    block_synthetic: tuple[int, ...]  # synthetic catalog sizes for a seed-0 block
    time_limit: float = 10.0
    block_time_limit: float = 30.0  # the target: a 16-week block in 30 s
    quality_runners: int = 200  # new users' runners per catalog (quality.py)
    quality_work_limit: float = 2.0  # CP-SAT deterministic seconds a solve (quality.py)
    quality_blocks: int = 12  # new users' blocks (quality_block.py), 8-20 weeks x 2-4
    quality_block_time_limit: float = 30.0  # seconds a block in the quality section


BLOCK_EXAMPLES = ("block-marathon", "block-10k", "block-bodyweight")
# Seed 3 draws the flexibility goal, whose 4-session week is infeasible under its caps.
PROFILES = {
    "quick": Profile(
        (None, 300), (3, 5), 1, 1, 1, 3, 5, 10, ("block-marathon",), (), (), quality_runners=24
    ),
    "default": Profile(
        (None, 300, 1000, "real"), (3, 5), 3, 3, 1, 5, 7, 200, BLOCK_EXAMPLES, (0, 1, 5), (300,)
    ),
    "full": Profile(
        (60, 150, None, 300, 1000, "real"),
        (3, 5),
        5,
        3,
        3,
        5,
        11,
        200,
        BLOCK_EXAMPLES,
        (0, 1, 2, 4, 5),
        (300, 1000),
    ),
}


def chosen_profile(
    name: str,
    time_limit: float | None = None,
    roster: int | None = None,
    block_time_limit: float | None = None,
) -> Profile:
    """The named profile with the command line's overrides (a missing or 0 one is ignored)."""
    profile = PROFILES[name]
    if time_limit:
        profile = replace(profile, time_limit=time_limit)
    if block_time_limit:
        profile = replace(profile, block_time_limit=block_time_limit)
    if roster:
        profile = replace(profile, roster=roster)
    return profile
