"""The athlete's TOML config: the whole Config (its sections, from sections.py, goals.py and
block.py), read and validated with clear errors, then resolved: a copy in which the goal
profile fills in what the config leaves out (the written config is never changed)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import Field, PrivateAttr, ValidationError, field_validator

from planner.config.block import BlockSettings
from planner.config.errors import problems_from
from planner.config.files import EXTENDS, ConfigSource, read_source
from planner.config.goals import GoalSettings, Profile
from planner.config.goals import resolve as goal_profile
from planner.config.sections import (
    Athlete,
    Balance,
    Equipment,
    Exclude,
    Fatigue,
    Include,
    Load,
    Objective,
    Section,
    SessionCounts,
    Solver,
    Variety,
    Week,
    WeeklyCounts,
)
from planner.errors import ConfigError
from planner.files import path_problem
from planner.vocabulary import STIMULI


class Config(Section):
    """Everything that describes one athlete's week; every key has a default."""

    catalog: str | None = Field(None, description="Catalog CSV, relative to this file.")
    athlete: Athlete = Field(default_factory=Athlete)
    week: Week = Field(default_factory=Week)
    session: SessionCounts = Field(default_factory=SessionCounts)
    weekly: WeeklyCounts = Field(default_factory=WeeklyCounts)
    balance: Balance = Field(default_factory=Balance)
    load: Load = Field(default_factory=Load)
    fatigue: Fatigue = Field(default_factory=Fatigue)
    variety: Variety = Field(default_factory=Variety)
    equipment: Equipment = Field(default_factory=Equipment)
    exclude: Exclude = Field(default_factory=Exclude)
    include: Include = Field(default_factory=Include)
    objective: Objective = Field(default_factory=Objective)
    solver: Solver = Field(default_factory=Solver)
    goal: GoalSettings = Field(default_factory=GoalSettings)
    block: BlockSettings | None = Field(None, description="A block of weeks to race day.")
    # Set by resolve() on the copy it returns, never on a written config: the goal profile
    # at the athlete's level, and the config as written (what the profile filled in left out).
    _profile: Profile | None = PrivateAttr(None)
    _written: Config | None = PrivateAttr(None)

    @field_validator("catalog")
    @classmethod
    def _a_usable_file_name(cls, name: str | None) -> str | None:
        unusable = None if name is None else path_problem(name)
        if unusable:
            raise ValueError(unusable)
        return name

    def as_written(self) -> dict[str, Any]:
        """The config's data with what the goal profile filled in left out, so that
        validating it with another goal takes that goal's defaults (a change made to this
        copy since, such as the solver's settings, is kept)."""
        data = self.model_dump()
        written = self._written or self
        if written.week.sessions is None:
            data["week"]["sessions"] = None
        for category in data["session"]:
            if getattr(written.session, category) is None:
                data["session"][category] = None
        return data

    @property
    def sessions_from_profile(self) -> bool:
        """Whether the number of sessions is the goal profile's default, not the config's."""
        return (self._written or self).week.sessions is None

    @property
    def profile(self) -> Profile:
        """The athlete's goal profile at their level, with the config's [goal] applied."""
        if self._profile is None:
            raise ValueError("a config as written has no profile: resolve() it first")
        return self._profile

    def effective(self) -> dict[str, Any]:
        """Every key with its value, defaults filled in, shaped like the TOML."""
        data = self.model_dump(mode="json")
        profile = self.profile
        data["goal"].update(
            dose=profile.dose,
            eve_dose=profile.eve_dose,
            heavy_per_week=dict(profile.heavy_per_week),
            dose_categories=list(profile.dose_categories),
            weekly_load=profile.weekly_load,
            heavy_sets=list(profile.heavy_sets),
        )
        level = self.athlete.level
        data["fatigue"] = {k: self.fatigue.cap(k, level) for k in data["fatigue"]}
        return data

    def defaulted(self, key: str) -> bool:
        """Whether a minimum comes from the defaults, not from the config: a session band
        (`session.lower`), `goal.dose`, `goal.eve_dose`, `goal.heavy_per_week` or a core
        function's `balance.core_min`. Such minimums are targets (the plan says what it
        misses); the user's own are hard rules. `variety.max_per_week` and
        `balance.soleus_to_gastrocnemius` left to their defaults give way where the kit
        cannot keep them (training/kit_defaults.py)."""
        section, _, name = key.partition(".")
        written = self._written or self
        if section == "variety":
            return name not in written.variety.model_fields_set
        if name == "soleus_to_gastrocnemius":
            return name not in written.balance.model_fields_set
        if section == "session":
            return getattr(written.session, name) is None
        if name.startswith("core_min."):  # balance.core_min.<function>
            given = "core_min" in written.balance.model_fields_set
            return (
                not given or name.partition(".")[2] not in written.balance.core_min.model_fields_set
            )
        if name.startswith("heavy_per_week"):
            return self.goal.heavy_per_week is None
        if section == "goal":
            return getattr(self.goal, name, None) is None
        return False

    def profile_targets(self) -> list[str]:
        """The keys whose minimums the goal profile filled in (targets, not rules): a plan
        file lists them, so that a re-plan of it treats them as this solve did."""
        keys = [f"session.{c}" for c in type(self.session).model_fields]
        keys += [f"goal.{n}" for n in ("dose", "eve_dose", "heavy_per_week", "heavy_sets")]
        keys += [f"balance.core_min.{f}" for f in type(self.balance.core_min).model_fields]
        found = [k for k in keys if self.defaulted(k)]
        return (["week.sessions"] if self.sessions_from_profile else []) + found

    def reshaped(self, profile: Profile | None = None, **week: Any) -> Config:
        """A copy for one week of a block: its [week] keys replaced as given and its profile
        (a phase's, moved along the progression) in place of the resolved one. Not validated
        again: the block's own code derives both from a validated config."""
        shaped = self.model_copy(update={"week": self.week.model_copy(update=week)})
        shaped._profile = self.profile if profile is None else profile
        return shaped

    def with_solver(self, **overrides: Any) -> Config:
        """A copy with solver settings replaced (None keeps a setting); validated again."""
        given = {k: v for k, v in overrides.items() if v is not None}
        try:
            solver = Solver.model_validate({**self.solver.model_dump(), **given})
        except ValidationError as exc:
            where = ConfigSource.of("solver settings")
            raise ConfigError(problems_from(exc, Config, where)) from None
        return self.model_copy(update={"solver": solver})


def resolve(written: Config) -> Config:
    """The config as planned: a copy of the written one in which the goal profile at the
    athlete's level fills in the sessions and category bands it leaves out. The written
    config is kept as it is (as_written() gives it back)."""
    if written._written is not None:
        return written  # resolved already
    profile = goal_profile(written.athlete.goal, written.athlete.level, written.goal)
    if written.week.max_session_minutes <= profile.short_session_minutes:
        # A short session keeps the seed's exercises and drops a set of each, as a coach
        # fits a session into a lunch break (sets the config writes stay as written).
        written_sets = {r for r, d in written.goal.prescription.items() if d.sets is not None}
        profile = replace(profile, short_roles=frozenset(STIMULI) - written_sets)
    week = written.week
    if week.sessions is None:
        week = week.model_copy(update={"sessions": min(profile.sessions, len(week.available_days))})
    bands = {c: b for c, b in profile.session.items() if getattr(written.session, c) is None}
    resolved = written.model_copy(
        update={"week": week, "session": written.session.model_copy(update=bands)}
    )
    resolved._profile = profile
    resolved._written = written
    return resolved


def json_schema() -> dict[str, Any]:
    schema = Config.model_json_schema()
    schema["properties"] = {
        EXTENDS: {
            "type": "string",
            "title": "Extends",
            "description": "Another config this one builds on, relative to this file; "
            "its keys apply unless this file sets them (tables merge key by key).",
        },
        **schema["properties"],
    }
    return schema


def load_config(path: str | Path) -> Config:
    """Read and validate a config file (and any it extends); every problem is reported at
    once as ConfigError naming the file it is in."""
    return read_config(path)[0]


def read_config(path: str | Path) -> tuple[Config, ConfigSource]:
    """The validated config and where each of its keys was written (for later messages)."""
    where = read_source(path)
    return parse_config(where.data, where=where), where


def parse_config(
    data: dict[str, Any],
    source: str = "<config>",
    text: str = "",
    *,
    where: ConfigSource | None = None,
) -> Config:
    """Validate config data; problems name `where`'s files (else `source` and `text`)."""
    try:
        return resolve(Config.model_validate(data))
    except ValidationError as exc:
        located = where if where is not None else ConfigSource.of(source, text)
        raise ConfigError(problems_from(exc, Config, located)) from None


def set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    """Put `value` at a dotted config key (`week.sessions`) in config data, making the
    tables on the way (and replacing a value that stands where a table must)."""
    *sections, leaf = key.split(".")
    node = data
    for section in sections:
        child = node.get(section)
        if not isinstance(child, dict):
            child = node[section] = {}
        node = child
    node[leaf] = value


def catalog_path_for(config: Config, config_path: str | Path) -> Path | None:
    """The catalog named in the config, resolved relative to the config file."""
    if config.catalog is None:
        return None
    return (Path(config_path).parent / config.catalog).resolve()


__all__ = [
    "Config",
    "ConfigSource",
    "catalog_path_for",
    "json_schema",
    "load_config",
    "parse_config",
    "read_config",
    "resolve",
    "set_dotted",
]
