"""The TOML config model: defaults, strict keys and errors that say what to write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.catalog.catalog import Catalog
from planner.config.config import (
    Config,
    ConfigSource,
    json_schema,
    load_config,
    parse_config,
    resolve,
)
from planner.config.toml_lines import find_line
from planner.errors import ConfigError
from planner.inputs import check_against_catalog

DEFAULTS: dict[str, Any] = {
    "catalog": None,
    "athlete": {"name": "Runner", "level": "intermediate", "goal": "endurance"},
    "week": {
        "available_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "sessions": 2,  # the endurance profile's for an intermediate (goals.toml)
        "long_run": None,
        "hard_runs": [],
        "max_session_minutes": 60,
        "heavy_legs_on_long_run_day": False,
    },
    "session": {
        "lower": [2, 3],
        "calf": [1, 2],
        "core": [2, 3],
        "upper": [1, 2],
        "plyometric": [0, 1],
        "mobility": [0, 1],
    },
    "weekly": dict.fromkeys(["lower", "calf", "core", "upper", "plyometric", "mobility"]),
    "balance": {
        "soleus_to_gastrocnemius": [0.75, 3.0],
        "core_min": {"anti_extension": 2, "anti_lateral_flexion": 2, "anti_rotation": 2},
        "core_spread": 4,
    },
    "load": {"max_session": 25, "max_week": None, "max_lower_before_key_run": 8},
    # the intermediate level's stress caps (config_sections.FATIGUE_DEFAULTS)
    "fatigue": {"max_session": 100, "max_week": 300, "max_legs_before_key_run": 35},
    "variety": {"max_per_week": 2},
    "equipment": {"available": []},
    "exclude": {"exercises": [], "tags": []},
    "include": {"exercises": []},
    "block": None,
    "objective": {
        "coverage": 10,
        "load": 1,
        "variety": 2,
        "rest_before_key_runs": 5,
        "hardness": 1,
    },
    "solver": {"time_limit": 10.0, "seed": 0, "workers": 1},
    # the endurance profile for an intermediate, filled in (goals.toml)
    "goal": {
        "dose": 1,
        "eve_dose": 0,
        "dose_categories": ["lower"],
        "heavy_per_week": {
            c: 0 for c in ("lower", "calf", "core", "upper", "plyometric", "mobility")
        },
        "weekly_load": 45,
        "heavy_sets": [0, 12],
        "prescription": {},
    },
}


def problems_of(data: dict[str, Any]) -> list[tuple[str | None, str]]:
    with pytest.raises(ConfigError) as info:
        parse_config(data, source="athlete.toml")
    return [(p.key, p.message) for p in info.value.problems]


def only_problem(data: dict[str, Any]) -> tuple[str | None, str]:
    found = problems_of(data)
    assert len(found) == 1, found
    return found[0]


# --- defaults -------------------------------------------------------------------------


def test_empty_config_gives_all_defaults() -> None:
    assert parse_config({}).effective() == DEFAULTS


def test_empty_file_gives_all_defaults(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("")
    assert load_config(path) == resolve(Config())
    assert load_config(path).effective() == DEFAULTS


def test_defaults_in_detail() -> None:
    config = resolve(Config())
    assert config.week.session_count == 2  # the endurance profile's, not one a day
    assert config.sessions_from_profile
    assert config.week.key_run_days == ()
    assert config.session.of("calf") == (1, 2)
    assert config.weekly.of("calf") is None
    assert config.balance.core_min.of("anti_rotation") == 2


def test_resolving_fills_a_copy_and_leaves_the_written_config_as_written() -> None:
    written = Config.model_validate({"athlete": {"goal": "strength"}, "session": {"core": [1, 2]}})
    resolved = resolve(written)
    assert (written.week.sessions, written.session.lower) == (None, None)
    assert resolved.week.sessions == min(resolved.profile.sessions, 7)
    assert resolved.session.lower is not None and resolved.session.core == (1, 2)
    assert resolved.sessions_from_profile
    assert resolved.as_written() == written.model_dump()
    assert resolve(resolved) is resolved
    with pytest.raises(ValueError, match="resolve"):
        _ = written.profile


def test_effective_round_trips() -> None:
    config = parse_config({"week": {"available_days": ["fri", "mon"], "long_run": "sun"}})
    assert config.week.available_days == ["mon", "fri"]  # put in calendar order
    assert config.week.sessions == 2
    again = parse_config(config.effective())
    # The effective config spells out what the profile filled in, so the two differ in what
    # was written, not in what they plan: the same values, the same profile.
    assert again.effective() == config.effective()
    assert again.profile == config.profile


def test_key_run_days_in_calendar_order() -> None:
    config = parse_config({"week": {"long_run": "sun", "hard_runs": ["thu", "tue"]}})
    assert config.week.key_run_days == ("tue", "thu", "sun")


def test_with_solver_overrides_only_given_values() -> None:
    config = Config().with_solver(workers=2, seed=None)
    assert (config.solver.workers, config.solver.seed, config.solver.time_limit) == (2, 0, 10.0)
    assert Config().solver.workers == 1  # the original is untouched


def test_json_schema_lists_sections() -> None:
    schema = json_schema()
    assert set(schema["properties"]) == {*DEFAULTS, "extends"}


# --- bad configs ----------------------------------------------------------------------


def test_unknown_key_with_did_you_mean() -> None:
    key, message = only_problem({"week": {"sesions": 3}})
    assert key == "week.sesions"
    assert message.startswith("unknown key (did you mean 'sessions'?); allowed: ")
    assert "max_session_minutes" in message


def test_unknown_section_with_did_you_mean() -> None:
    key, message = only_problem({"weeks": {}})
    assert key == "weeks"
    assert "did you mean 'week'?" in message


def test_unknown_nested_key_with_did_you_mean() -> None:
    key, message = only_problem({"balance": {"core_min": {"anti_extention": 3}}})
    assert key == "balance.core_min.anti_extention"
    assert "did you mean 'anti_extension'?" in message


def test_wrong_type() -> None:
    key, message = only_problem({"week": {"sessions": "three"}})
    assert key == "week.sessions"
    assert "'three'" in message
    assert "whole number" in message or "integer" in message


def test_wrong_type_range() -> None:
    key, message = only_problem({"session": {"calf": "x"}})
    assert key == "session.calf"
    assert "expected [min, max]" in message
    assert "'x'" in message


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"equipment": {"available": "band"}}, "equipment.available"),
        ({"exclude": {"tags": "high_impact"}}, "exclude.tags"),
        ({"week": {"hard_runs": "tue"}}, "week.hard_runs"),
        ({"week": {"available_days": "mon"}}, "week.available_days"),
    ],
)
def test_wrong_type_list_of_names(data: dict[str, Any], key: str) -> None:
    # A list of names is not a [min, max] range: the message must not say so.
    found_key, message = only_problem(data)
    assert found_key == key
    assert "[min, max]" not in message
    assert "list" in message


def test_value_out_of_range() -> None:
    key, message = only_problem({"load": {"max_session": -1}})
    assert key == "load.max_session"
    assert "-1" in message


def test_min_greater_than_max() -> None:
    assert only_problem({"session": {"lower": [3, 2]}}) == (
        "session.lower",
        "min 3 is greater than max 2; write [min, max]",
    )


def test_weekly_min_greater_than_max() -> None:
    key, message = only_problem({"weekly": {"calf": [6, 5]}})
    assert key == "weekly.calf"
    assert "min 6 is greater than max 5" in message


def test_band_low_greater_than_high() -> None:
    assert only_problem({"balance": {"soleus_to_gastrocnemius": [2.0, 1.0]}}) == (
        "balance.soleus_to_gastrocnemius",
        "low 2.0 is greater than high 1.0; write [low, high]",
    )


def test_range_of_wrong_length() -> None:
    key, message = only_problem({"session": {"lower": [1, 2, 3]}})
    assert key == "session.lower"
    assert "expected [min, max]" in message


def test_unknown_day_with_did_you_mean() -> None:
    key, message = only_problem({"week": {"available_days": ["mon", "tus"]}})
    assert key == "week.available_days"
    assert message.startswith("'tus' is not allowed (did you mean 'tue'?)")


def test_unknown_long_run_day() -> None:
    key, message = only_problem({"week": {"long_run": "Sundy"}})
    assert key == "week.long_run"
    assert "'Sundy'" in message and "did you mean 'sun'?" in message


def test_days_written_in_full_and_any_case_as_the_roster_reads_them() -> None:
    config = parse_config(
        {"week": {"available_days": ["Monday", " WED ", "friday"], "long_run": "Sunday"}}
    )
    assert config.week.available_days == ["mon", "wed", "fri"]
    assert config.week.long_run == "sun"


def test_unknown_goal_with_did_you_mean() -> None:
    key, message = only_problem({"athlete": {"goal": "endurence"}})
    assert key == "athlete.goal"
    assert "did you mean 'endurance'?" in message


def test_duplicate_days() -> None:
    assert only_problem({"week": {"available_days": ["mon", "wed", "mon"]}}) == (
        "week.available_days",
        "mon listed more than once",
    )


def test_duplicate_hard_runs() -> None:
    key, message = only_problem({"week": {"hard_runs": ["tue", "tue"]}})
    assert key == "week.hard_runs"
    assert "tue listed more than once" in message


def test_sessions_more_than_available_days() -> None:
    key, message = only_problem({"week": {"available_days": ["mon", "tue"], "sessions": 3}})
    assert key == "week"
    assert "sessions is 3 but only 2 available day(s)" in message


def test_long_run_also_hard_run() -> None:
    key, message = only_problem({"week": {"long_run": "sun", "hard_runs": ["sun"]}})
    assert key == "week"
    assert "sun is both the long run and a hard run" in message


def test_no_available_days_is_rejected() -> None:
    with pytest.raises(ConfigError):
        parse_config({"week": {"available_days": []}})


def test_many_problems_reported_at_once() -> None:
    found = problems_of(
        {"athlete": {"levle": "beginner"}, "session": {"lower": [3, 2]}, "solver": {"workers": 0}}
    )
    assert sorted(str(key) for key, _ in found) == [
        "athlete.levle",
        "session.lower",
        "solver.workers",
    ]


# --- files: line numbers, TOML syntax -------------------------------------------------


def test_problem_line_numbers_from_file(config_file: Callable[..., Path]) -> None:
    path = config_file('[athlete]\nname = "A"\n\n[week]\nsesions = 3\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.key) == (str(path), 5, "week.sesions")
    assert str(problem).startswith(f"{path}:5: week.sesions: unknown key (did you mean")


def test_line_of_inline_table_key(config_file: Callable[..., Path]) -> None:
    path = config_file("[balance]\ncore_min = { anti_extension = 2, anti_rotaton = 1 }\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.key) == (2, "balance.core_min.anti_rotaton")


def test_toml_syntax_error_has_line(config_file: Callable[..., Path]) -> None:
    path = config_file('[week]\nsessions = 3\nlong_run = "sun\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    (problem,) = info.value.problems
    assert problem.line == 3
    assert "TOML syntax error" in problem.message


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")


def test_config_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf[week]\nsessions = 2\n")
    assert load_config(path).week.sessions == 2


def test_find_line() -> None:
    text = "# c\n[week]\nsessions = 3  # x\n[load]\nmax_session = 20\n"
    assert find_line(text, "week.sessions") == 3
    assert find_line(text, "load.max_session") == 5
    assert find_line(text, "load.max_week") == 4  # falls back to the table line
    assert find_line(text, "athlete.name") is None
    assert find_line("", "week") is None


# --- names checked against the catalog ------------------------------------------------


def _catalog_problems(tiny: Catalog, data: dict[str, Any]) -> list[tuple[str | None, str]]:
    with pytest.raises(ConfigError) as info:
        check_against_catalog(parse_config(data), tiny, ConfigSource.of("athlete.toml"))
    return [(p.key, p.message) for p in info.value.problems]


def test_unknown_equipment_with_did_you_mean(tiny: Catalog) -> None:
    ((key, message),) = _catalog_problems(tiny, {"equipment": {"available": ["dumbell"]}})
    assert key == "equipment.available"
    assert message.startswith("unknown equipment 'dumbell' (did you mean 'dumbbell'?)")


def test_unknown_exercise_id_with_did_you_mean(tiny: Catalog) -> None:
    ((key, message),) = _catalog_problems(tiny, {"exclude": {"exercises": ["plnak"]}})
    assert key == "exclude.exercises"
    assert "did you mean 'plank'?" in message


def test_unknown_tag_with_did_you_mean(tiny: Catalog) -> None:
    ((key, message),) = _catalog_problems(tiny, {"exclude": {"tags": ["high_impakt"]}})
    assert key == "exclude.tags"
    assert "did you mean 'high_impact'?" in message


def test_known_names_pass(tiny: Catalog) -> None:
    config = parse_config(
        {
            "equipment": {"available": ["band"]},
            "exclude": {"exercises": ["plank"], "tags": ["push"]},
        }
    )
    check_against_catalog(config, tiny, ConfigSource.of("athlete.toml"))


def _catalog_warnings(tiny: Catalog, data: dict[str, Any]) -> list[tuple[str | None, str]]:
    warnings = check_against_catalog(parse_config(data), tiny, ConfigSource.of("athlete.toml"))
    return [(w.key, w.message) for w in warnings]


def test_equipment_no_exercise_uses_is_a_warning(tiny: Catalog) -> None:
    warnings = _catalog_warnings(tiny, {"equipment": {"available": ["band", "foam_roller"]}})
    assert warnings == [
        ("equipment.available", "no exercise in the catalog uses 'foam_roller'; it has no effect")
    ]


def test_excluded_tag_no_exercise_carries_is_a_warning(tiny: Catalog) -> None:
    # A catalog without impact work: excluding it is no mistake (masters-achilles.toml
    # against an imported catalog), so the config runs, with a warning per tag.
    assert "spinal_load" not in tiny.tags
    warnings = _catalog_warnings(tiny, {"exclude": {"tags": ["spinal_load", "high_impact"]}})
    assert warnings == [
        ("exclude.tags", "no exercise in the catalog is tagged 'spinal_load'; it has no effect")
    ]


def test_excluded_tag_like_a_known_one_is_still_an_error(tiny: Catalog) -> None:
    ((key, message),) = _catalog_problems(tiny, {"exclude": {"tags": ["isometrik"]}})
    assert key == "exclude.tags"
    assert message.startswith("unknown tag 'isometrik' (did you mean 'isometric'?); allowed: ")
