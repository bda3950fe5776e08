"""Configs that extend one another: merged key by key, every key traced to its file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli.main import main
from planner.config.config import json_schema, load_config, read_config
from planner.errors import ConfigError

GYM = """\
# The club's gym: every group builds on it.
catalog = "catalog.csv"

[week]
available_days = ["mon", "wed", "fri"]
max_session_minutes = 45

[equipment]
available = ["dumbbell", "band", "bench", "box"]
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problem_of(path: Path) -> tuple[str, int | None, str | None, str]:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    (problem,) = info.value.problems
    return problem.file, problem.line, problem.key, problem.message


def test_a_config_extends_another_its_own_keys_win(tmp_path: Path) -> None:
    write(tmp_path, "gym.toml", GYM.replace('catalog = "catalog.csv"\n', ""))
    group = write(
        tmp_path,
        "groups/sprint.toml",
        'extends = "../gym.toml"\n\n[athlete]\ngoal = "power"\n\n'
        '[week]\nmax_session_minutes = 30\n\n[equipment]\navailable = ["band"]\n',
    )
    config = load_config(group)
    assert config.athlete.goal == "power"
    assert config.week.available_days == ["mon", "wed", "fri"]  # the table merged key by key
    assert config.week.max_session_minutes == 30
    assert config.equipment.available == ["band"]  # a list replaces the base's whole


def test_chains_resolve_paths_relative_to_each_file(tmp_path: Path) -> None:
    write(tmp_path, "club/gym.toml", GYM)
    write(tmp_path, "club/groups/distance.toml", 'extends = "../gym.toml"\n[load]\nmax_week = 50\n')
    athlete = write(tmp_path, "ana.toml", 'extends = "club/groups/distance.toml"\n')
    config, where = read_config(athlete)
    assert config.load.max_week == 50 and config.week.max_session_minutes == 45
    # The base's catalog is relative to the base, so to the athlete's file it is club/...
    assert Path(config.catalog or "") == Path("club/catalog.csv")
    assert where.origin("load.max_week") == str(tmp_path / "club/groups/distance.toml")
    assert where.origin("week.available_days") == str(tmp_path / "club/gym.toml")
    assert where.origin("athlete.level") is None  # a default: no file set it
    assert len(where.paths) == 3


def test_a_bad_key_names_the_file_it_came_from_with_did_you_mean(tmp_path: Path) -> None:
    write(tmp_path, "gym.toml", '[week]\navailable_days = ["mon"]\nsesions = 2\n')
    group = write(tmp_path, "group.toml", 'extends = "gym.toml"\n[week]\nlong_run = "sun"\n')
    file, line, key, message = problem_of(group)
    assert (file, line, key) == (str(tmp_path / "gym.toml"), 3, "week.sesions")
    assert "unknown key (did you mean 'sessions'?)" in message


def test_a_bad_value_is_named_where_it_was_written(tmp_path: Path) -> None:
    write(tmp_path, "gym.toml", "[week]\nmax_session_minutes = 45\n")
    group = write(tmp_path, "group.toml", 'extends = "gym.toml"\n\n[athlete]\nlevel = "pro"\n')
    file, line, key, message = problem_of(group)
    assert (file, line, key) == (str(group), 4, "athlete.level") and "'pro'" in message
    write(tmp_path, "gym.toml", "[week]\nmax_session_minutes = 1\n")
    write(tmp_path, "group.toml", 'extends = "gym.toml"\n')
    file, line, key, _ = problem_of(group)
    assert (file, line, key) == (str(tmp_path / "gym.toml"), 2, "week.max_session_minutes")


@pytest.mark.parametrize(
    ("files", "start", "expected"),
    [
        ({"a.toml": 'extends = "a.toml"\n'}, "a.toml", "cycle (a.toml -> a.toml)"),
        (
            {"a.toml": 'extends = "b.toml"\n', "b.toml": '\nextends = "a.toml"\n'},
            "a.toml",
            "cycle (a.toml -> b.toml -> a.toml)",
        ),
    ],
)
def test_a_cycle_is_refused_with_the_loop_named(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    start: str,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        write(tmp_path, name, text)
    file, line, key, message = problem_of(Path(start))
    assert key == "extends" and expected in message and "remove one of these extends" in message
    assert line == files[file].count("\n")  # the extends line of the file that closes the loop


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('extends = "nowhere.toml"\n', "'nowhere.toml' is not a file"),
        ("extends = 3\n", 'expected a config file name in quotes, e.g. extends = "base.toml"'),
    ],
)
def test_a_wrong_extends_names_its_line(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, "a.toml", "# a\n" + text)
    file, line, key, message = problem_of(path)
    assert (file, line, key) == (str(path), 2, "extends") and expected in message


def test_a_missing_base_deep_in_a_chain_shows_the_chain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "groups/distance.toml", '# a group\nextends = "../gym.toml"\n')
    write(tmp_path, "ana.toml", 'extends = "groups/distance.toml"\n')
    file, line, key, message = problem_of(Path("ana.toml"))
    assert (file, line, key) == ("groups/distance.toml", 2, "extends")
    assert message == (
        "'../gym.toml' is not a file (paths are relative to this config, in groups); "
        "read via ana.toml -> groups/distance.toml"
    )


def test_a_misspelled_extends_gets_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", 'extend = "gym.toml"\n')
    file, line, key, message = problem_of(path)
    assert (file, line, key) == (str(path), 1, "extend")
    assert message.startswith("unknown key (did you mean 'extends'?); allowed: athlete, ")
    # The list of top-level keys is shortened: it says where to see them all.
    assert message.endswith("... (17 in all; planner schema --keys lists them)")


def test_a_syntax_error_in_a_base_names_the_base(tmp_path: Path) -> None:
    write(tmp_path, "gym.toml", "[week\n")
    file, line, _, message = problem_of(write(tmp_path, "a.toml", 'extends = "gym.toml"\n'))
    assert (file, line) == (str(tmp_path / "gym.toml"), 1) and "TOML syntax error" in message


def test_the_schema_documents_extends() -> None:
    assert "extends" in json_schema()["properties"]


def test_check_solve_and_explain_follow_extends(tmp_path: Path) -> None:
    write(tmp_path, "gym.toml", GYM.replace('catalog = "catalog.csv"\n', ""))
    group = write(tmp_path, "group.toml", 'extends = "gym.toml"\n[week]\nsessions = 2\n')
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(group)])
    assert checked.exit_code == 0, checked.output
    solved = runner.invoke(main, ["solve", str(group), "--format", "json"])
    assert solved.exit_code == 0, solved.output
    assert '"max_session_minutes": 45' in solved.output
    # the session band written: the goal profile's own would only be a target
    tight = write(
        tmp_path,
        "tight.toml",
        'extends = "group.toml"\n[load]\nmax_week = 5\n[session]\nlower = [2, 3]\n',
    )
    explained = runner.invoke(main, ["explain", str(tight)])
    assert explained.exit_code == 4 and "load.max_week" in explained.output
