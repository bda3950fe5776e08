"""The rulebook is the one place a rule's facts live; model, checker and explanations agree."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_config

from planner import block_rulebook, rulebook
from planner.catalog.catalog import Catalog, load_catalog
from planner.cli.main import main
from planner.config.config import Config, parse_config
from planner.model.conflicts import rule_groups
from planner.model.limits import ADDERS, LIMITS
from planner.rule_kinds import Sense
from planner.rulebook import RULES
from planner.vocabulary import CATEGORIES
from planner.week import check
from planner.week.explain import explain_conflict

PACKAGE = Path(rulebook.__file__).parent

# Every optional setting given a value, so that every rule has a value to phrase.
EVERYTHING_SET = parse_config(
    {
        "week": {"available_days": ["mon", "wed", "fri"], "sessions": 3, "long_run": "sat"},
        "weekly": {c: [0, 20] for c in CATEGORIES},
        "load": {"max_week": 90},
        "equipment": {"available": ["dumbbell"]},
        "exclude": {"exercises": ["plank"], "tags": ["high_impact"]},
    }
)


def test_model_and_checker_register_exactly_the_rulebook_rules() -> None:
    names = {r.name for r in RULES}
    assert set(ADDERS) == names
    assert set(check.CHECKS) == names


def test_every_key_belongs_to_exactly_one_rule() -> None:
    keys = [k for r in RULES for k in r.keys]
    assert len(keys) == len(set(keys))


def test_configurable_keys_are_config_settings() -> None:
    data = EVERYTHING_SET.effective()
    for r in RULES:
        for key in r.keys:
            node = data
            for part in key.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            assert (node is not None) == r.configurable, key


def test_limits_are_declared_exactly_for_caps_floors_and_bands() -> None:
    for r in RULES:
        declared = LIMITS.get(r.name)
        assert (declared is not None) == (r.sense != Sense.FIXED), r.name
        if declared is not None:
            assert (declared.cap is not None) == (r.sense in (Sense.CAP, Sense.BAND)), r.name
            assert (declared.floor is not None) == (r.sense in (Sense.FLOOR, Sense.BAND)), r.name
        if r.sense in (Sense.CAP, Sense.FLOOR):
            assert r.quantity, f"{r.name} needs a quantity for its fix"


def test_model_guards_only_registry_keys() -> None:
    catalog = load_catalog()
    assert set(rule_groups(catalog, EVERYTHING_SET)) <= set(rulebook.BY_KEY)


@pytest.mark.parametrize("key", sorted(rulebook.BY_KEY))
def test_every_key_is_phrased_in_words(key: str) -> None:
    text = rulebook.phrase(EVERYTHING_SET, key)
    assert text and text != key and "None" not in text


def _string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


# Modules that validate the config name its keys in error messages, as any config key.
# Modules that read what the user wrote, so name its keys: the config's validation and the
# roster's table of headers as coaches write them (batch/headers.py).
VALIDATES_CONFIG = {
    "rulebook.py",
    "block_rulebook.py",
    "inputs.py",
    "config/config.py",
    "config/errors.py",
    "batch/headers.py",
}


def _key_prefixes(path: Path) -> set[str]:
    """The text an f-string starts with when it builds a dotted key (f"session.{c}")."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        n.values[0].value
        for n in ast.walk(tree)
        if isinstance(n, ast.JoinedStr)
        and n.values
        and isinstance(n.values[0], ast.Constant)
        and str(n.values[0].value).endswith(".")
    }


def test_rule_keys_are_spelled_only_in_the_rulebook() -> None:
    keys = set(rulebook.BY_KEY)
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() in VALIDATES_CONFIG:
            continue
        spelled = _string_constants(path) & keys
        spelled |= {p + "{...}" for p in _key_prefixes(path) if any(k.startswith(p) for k in keys)}
        assert not spelled, f"{path.relative_to(PACKAGE)} spells {sorted(spelled)}"


def test_conflict_and_violation_share_the_rule_name(tiny: Catalog) -> None:
    conflict = next(iter(explain_conflict(tiny, _over(tiny)).conflicts))
    assert conflict.name in rulebook.BY_NAME
    assert conflict.rule in rulebook.rule(conflict.name).keys
    violation = check.Violation("weekly_load", "load 9 > 8")
    assert violation.keys == ("load.max_week",)


def _over(tiny: Catalog) -> Config:
    """Two lower exercises (the lightest weigh 1 and 2) cannot fit a weekly load of 2."""
    return make_config(session={"lower": [2, 2]}, load={"max_week": 2})


# --- the conflict search keeps to its time and never crashes -------------------------


def test_conflict_search_out_of_time_is_a_note_not_an_error(tiny: Catalog) -> None:
    report = explain_conflict(tiny, _over(tiny), time_limit=1e-9, proven_infeasible=True)
    assert report.conflicts == ()
    assert "ran out" in report.note


def test_out_of_time_before_infeasibility_is_known_claims_no_conflict(tiny: Catalog) -> None:
    # `planner explain` runs the conflict search on a config nobody has solved yet: when the
    # time runs out on the first solve, a feasible config was reported as "the rules cannot
    # all hold together" (exit 4). Unknown is not infeasible.
    feasible = make_config()
    report = explain_conflict(tiny, feasible, time_limit=1e-9)
    assert report.undecided and report.conflicts == ()
    assert "cannot all hold together" not in report.note and "ran out" in report.note
    # After a solve proved it infeasible (the pipeline), running out is still infeasible.
    report = explain_conflict(tiny, _over(tiny), time_limit=1e-9, proven_infeasible=True)
    assert not report.undecided and "cannot all hold together" in report.note


def test_explain_out_of_time_on_a_feasible_config_is_never_exit_4(tmp_path: Path) -> None:
    config = tmp_path / "feasible.toml"
    config.write_text('[week]\navailable_days = ["mon", "thu"]\n', encoding="utf-8")
    for limit in ("0.01", "0.05"):
        result = CliRunner().invoke(main, ["explain", str(config), "--time-limit", limit])
        assert result.exit_code in (0, 5), (limit, result.output)


def test_conflict_search_in_time_names_the_rule(tiny: Catalog) -> None:
    report = explain_conflict(tiny, _over(tiny), time_limit=10)
    assert "load.max_week" in {c.rule for c in report.conflicts}
    assert report.note == ""


@pytest.mark.parametrize("limit", ["0.01", "0.05", "0.2", "1", "10"])
def test_infeasible_config_exits_4_or_5_under_any_time_limit(tmp_path: Path, limit: str) -> None:
    config = tmp_path / "tight.toml"
    config.write_text(
        # the session band written: the profile's own would only be a target
        '[week]\navailable_days = ["mon", "wed", "fri"]\nsessions = 3\n[load]\nmax_week = 5\n'
        "[session]\nlower = [2, 3]\n",
        encoding="utf-8",
    )
    for command in ("solve", "explain"):
        result = CliRunner().invoke(main, [command, str(config), "--time-limit", limit])
        assert result.exit_code in (4, 5), (command, limit, result.output)
        assert "internal error" not in result.output


# --- the block's rules -------------------------------------------------------------------

BLOCK_SET = make_config(block={"start": "2027-01-04", "race": "2027-03-28", "taper_days": 10})


def test_block_model_and_checker_register_exactly_the_block_rulebook_rules() -> None:
    from planner.block.check import BLOCK_CHECKS
    from planner.model.block.rules import BLOCK_ADDERS

    names = [r.name for r in block_rulebook.BLOCK_RULES]
    assert set(BLOCK_ADDERS) == set(names)
    assert set(BLOCK_CHECKS) == set(names)
    assert not set(names) & {r.name for r in RULES}


def test_block_keys_are_config_settings_or_named_built_ins() -> None:
    data = BLOCK_SET.effective()
    for r in block_rulebook.BLOCK_RULES:
        (key,) = r.keys
        assert key.startswith("block.")
        assert (key.split(".", 1)[1] in data["block"]) == r.configurable, key
        text = rulebook.phrase(BLOCK_SET, key)
        assert text and "None" not in text and key not in text


def test_the_taper_rule_says_its_days() -> None:
    assert rulebook.phrase(BLOCK_SET, "block.taper_days") == (
        "no heavy lower-body lifting in the last 10 day(s) before the race"
    )
