"""The athlete's TOML config: the whole Config (its sections, from config_sections.py, goals.py
and block.py, with what the goal profile fills in), read and validated with clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

from pydantic import Field, PrivateAttr, ValidationError, field_validator, model_validator

from planner.block import BlockSettings
from planner.config_errors import problems_from
from planner.config_files import EXTENDS, ConfigSource, read_source
from planner.config_sections import (
    Athlete,
    Balance,
    Equipment,
    Exclude,
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
from planner.goals import GoalSettings, Profile, resolve


class Config(Section):
    """Everything that describes one athlete's week; every key has a default."""

    catalog: str | None = Field(None, description="Catalog CSV, relative to this file.")
    athlete: Athlete = Field(default_factory=Athlete)
    week: Week = Field(default_factory=Week)
    session: SessionCounts = Field(default_factory=SessionCounts)
    weekly: WeeklyCounts = Field(default_factory=WeeklyCounts)
    balance: Balance = Field(default_factory=Balance)
    load: Load = Field(default_factory=Load)
    variety: Variety = Field(default_factory=Variety)
    equipment: Equipment = Field(default_factory=Equipment)
    exclude: Exclude = Field(default_factory=Exclude)
    include: Include = Field(default_factory=Include)
    objective: Objective = Field(default_factory=Objective)
    solver: Solver = Field(default_factory=Solver)
    goal: GoalSettings = Field(default_factory=GoalSettings)
    block: BlockSettings | None = Field(None, description="A block of weeks to race day.")
    _profile: Profile = PrivateAttr()
    _sessions_from_profile: bool = PrivateAttr(False)
    _bands_from_profile: tuple[str, ...] = PrivateAttr(())

    @field_validator("catalog")
    @classmethod
    def _a_usable_file_name(cls, name: str | None) -> str | None:
        unusable = None if name is None else path_problem(name)
        if unusable:
            raise ValueError(unusable)
        return name

    @model_validator(mode="after")
    def _fill_from_goal_profile(self) -> Self:
        """Sessions and category bands the config leaves out come from the goal profile."""
        profile = resolve(self.athlete.goal, self.athlete.level, self.goal)
        self._profile = profile
        self._sessions_from_profile = self.week.sessions is None
        if self.week.sessions is None:
            sessions = min(profile.sessions, len(self.week.available_days))
            object.__setattr__(self.week, "sessions", sessions)
        filled = []
        for category, band in profile.session.items():
            if getattr(self.session, category) is None:
                object.__setattr__(self.session, category, band)
                filled.append(category)
        self._bands_from_profile = tuple(filled)
        return self

    def as_written(self) -> dict[str, Any]:
        """The config's data as its files gave it: what the goal profile filled in left out,
        so that validating it with another goal takes that goal's defaults."""
        data = self.model_dump()
        if self._sessions_from_profile:
            data["week"]["sessions"] = None
        for category in self._bands_from_profile:
            data["session"][category] = None
        return data

    @property
    def sessions_from_profile(self) -> bool:
        """Whether the number of sessions is the goal profile's default, not the config's."""
        return self._sessions_from_profile

    @property
    def profile(self) -> Profile:
        """The athlete's goal profile at their level, with the config's [goal] applied."""
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
        )
        return data

    def reshaped(self, profile: Profile | None = None, **week: Any) -> Config:
        """A copy for one week of a block: its [week] keys replaced as given and its profile
        (a phase's, moved along the progression) in place of the resolved one. Not validated
        again: the block's own code derives both from a validated config."""
        shaped = self.model_copy(update={"week": self.week.model_copy(update=week)})
        shaped._profile = self._profile if profile is None else profile
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
        return Config.model_validate(data)
    except ValidationError as exc:
        located = where if where is not None else ConfigSource.of(source, text)
        raise ConfigError(problems_from(exc, Config, located)) from None


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
]
