"""The solved week as plain data: no solver types past this point."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from planner.catalog.catalog import Catalog, Exercise
from planner.config.goals import Profile
from planner.training.prescription import Dosed, minutes_of_session, prescribe
from planner.training.session_order import coach_order, warm_up_line
from planner.training.stress import heavy_sets, stress
from planner.vocabulary import MUSCLES


class Status(StrEnum):
    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"
    MODEL_INVALID = "MODEL_INVALID"

    @property
    def has_plan(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)


@dataclass(frozen=True)
class Prescription:
    """One exercise in one session, prescribed for the athlete's goal and level."""

    exercise: Exercise
    dosed: Dosed

    @classmethod
    def of(cls, exercise: Exercise, profile: Profile) -> Prescription:
        return cls(exercise, prescribe(exercise, profile))

    @property
    def sets(self) -> int:
        return self.dosed.sets

    @property
    def reps(self) -> int:
        return self.dosed.reps

    @property
    def role(self) -> str:
        return self.dosed.role

    @property
    def intensity(self) -> str:
        return self.dosed.intensity

    @property
    def rest_s(self) -> int:
        return self.dosed.rest_s

    @property
    def tempo(self) -> str | None:
        return self.dosed.tempo

    @property
    def per_side(self) -> bool:
        return self.dosed.per_side

    @property
    def minutes(self) -> int:
        return self.dosed.minutes

    @property
    def stress(self) -> int:
        """Fatigue from the prescription (planner/training/stress.py)."""
        return stress(self.exercise, self.dosed)

    @property
    def heavy_sets(self) -> int:
        return heavy_sets(self.exercise, self.dosed)

    @property
    def dose(self) -> str:
        suffix = {"reps": "", "seconds": " s", "meters": " m"}[self.exercise.unit]
        side = "/side" if self.per_side else ""
        return f"{self.sets} x {self.reps}{suffix}{side}"


@dataclass(frozen=True)
class Session:
    """One day's session, its exercises in the order they are done (session_order.py)."""

    day: str
    exercises: tuple[Prescription, ...]

    @classmethod
    def ordered(cls, day: str, exercises: tuple[Prescription, ...]) -> Session:
        return cls(day, coach_order(exercises))

    @property
    def warm_up(self) -> str:
        return warm_up_line(self.exercises)

    @property
    def load(self) -> int:
        return sum(p.exercise.load for p in self.exercises)

    @property
    def stress(self) -> int:
        return sum(p.stress for p in self.exercises)

    @property
    def minutes(self) -> int:
        return minutes_of_session([(p.exercise, p.dosed) for p in self.exercises])


@dataclass(frozen=True)
class Plan:
    """A week of strength sessions, in calendar order."""

    sessions: tuple[Session, ...]

    @classmethod
    def from_ids(cls, catalog: Catalog, profile: Profile, days: dict[str, list[str]]) -> Plan:
        sessions = tuple(
            Session.ordered(day, tuple(Prescription.of(catalog[i], profile) for i in ids))
            for day, ids in days.items()
        )
        return cls(sessions)

    @property
    def load(self) -> int:
        return sum(s.load for s in self.sessions)

    @property
    def stress(self) -> int:
        return sum(s.stress for s in self.sessions)

    @property
    def heavy_sets(self) -> int:
        return sum(p.heavy_sets for s in self.sessions for p in s.exercises)

    def coverage(self) -> dict[str, int]:
        """Weekly coverage per muscle and core function: the sum over every exercise done."""
        totals = dict.fromkeys(MUSCLES, 0)
        for session in self.sessions:
            for p in session.exercises:
                for muscle, points in zip(MUSCLES, p.exercise.coverage, strict=True):
                    totals[muscle] += points
        return totals

    def ids(self) -> dict[str, list[str]]:
        return {s.day: [p.exercise.id for p in s.exercises] for s in self.sessions}


@dataclass(frozen=True)
class Conflict:
    """One config rule in a set that cannot hold together, in a coach's words."""

    rule: str  # the config key path of the rule (see planner/rulebook.py)
    message: str
    value: object  # the rule's current value in the config
    fix: object = None  # the smallest value that would make a plan possible, when known
    advice: str = ""  # the message without the other rules spelled out, for tables
    said: str = ""  # the rule in words, as the config it was found under put it

    @property
    def name(self) -> str:
        """The rulebook's name of the rule (as the checker names its violations)."""
        from planner.rulebook import rule_of

        found = rule_of(self.rule)
        return found.name if found else self.rule

    def as_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "message": self.message, "value": self.value, "fix": self.fix}


@dataclass(frozen=True)
class SolveResult:
    """What a solve returned: a status always, a plan when one was found."""

    status: Status
    plan: Plan | None
    objective: int | None
    best_bound: int | None
    wall_time_s: float  # model build + solve
    seed: int
    workers: int
    ortools_version: str
    objective_terms: dict[str, int] = field(default_factory=dict)
    violations: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    note: str = ""  # e.g. why an infeasible week comes without its conflicting rules
    solver_time_s: float = 0.0  # CP-SAT's own wall time, without building the model
    # The goal profile's targets the plan misses, and why (planner/week/shortfalls.py).
    missed: tuple[str, ...] = ()

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.best_bound)

    def summary(self) -> str:
        return outcome_line(self.status, self.objective, self.gap, self.wall_time_s)


def relative_gap(objective: int | None, bound: int | None) -> float | None:
    """How far the best bound lies from the objective found, as a share of it."""
    if objective is None or bound is None:
        return None
    return abs(bound - objective) / max(1, abs(objective))


def outcome_line(status: Status, objective: int | None, gap: float | None, seconds: float) -> str:
    """ "OPTIMAL, objective 6380, gap 0.000% in 0.10 s": a solve in one line."""
    shown_gap = "" if gap is None else f", gap {gap:.3%}"
    shown_objective = "" if objective is None else f", objective {objective}"
    return f"{status}{shown_objective}{shown_gap} in {seconds:.2f} s"
