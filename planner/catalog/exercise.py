"""One exercise of the catalog: what it is, what it costs and what it trains."""

from __future__ import annotations

from dataclasses import dataclass

from planner.vocabulary import MUSCLES


@dataclass(frozen=True)
class Exercise:
    """One catalog row: what it is, what it costs and what it trains."""

    id: str
    name: str
    category: str
    family: str
    equipment: frozenset[str]
    level: str
    load: int
    minutes: int
    tags: frozenset[str]
    sets: int
    reps: int
    unit: str
    coverage: tuple[int, ...]  # aligned with vocabulary.MUSCLES
    cue: str = ""
    line: int = 0
    stimuli: frozenset[str] = frozenset({"endurance"})  # what it can deliver
    loaded: bool = False  # its resistance can be made heavy

    @property
    def per_side(self) -> bool:
        return "unilateral" in self.tags

    def covers(self, muscle: str) -> int:
        return self.coverage[MUSCLES.index(muscle)]
