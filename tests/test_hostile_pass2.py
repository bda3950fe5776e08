"""Issue 18, the second hostile pass: data loss, internal errors, hangs, security and
misleading answers, one or more tests per numbered row of the issue.

Everything runs on real files; the CLI runs in-process unless a row is about processes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main

SMALL = '[week]\navailable_days = ["mon", "thu"]\n'


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output
    return result.exit_code, result.output


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


# --- row 1: -o never replaces a file the run read ----------------------------------------------


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    """c.toml extends mid.toml extends base.toml; c.toml has a [block]."""
    (tmp_path / "base.toml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "mid.toml").write_text('extends = "base.toml"\n', encoding="utf-8")
    (tmp_path / "c.toml").write_text(
        'extends = "mid.toml"\n[block]\nstart = 2027-01-04\nweeks = 2\n', encoding="utf-8"
    )
    return tmp_path


ROW1_CASES = {
    "solve, the base": ["solve", "c.toml", "-o", "base.toml"],
    "solve, the middle": ["solve", "c.toml", "-o", "mid.toml"],
    "ics": ["solve", "c.toml", "--format", "ics", "--start", "2027-01-04", "-o", "base.toml"],
    "block": ["block", "c.toml", "-o", "base.toml"],
    "a link to the base": ["solve", "c.toml", "-o", "link.toml"],
}


@pytest.mark.parametrize("case", ROW1_CASES)
def test_row01_an_extended_config_is_never_the_output(
    chain: Path, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(chain)
    (chain / "link.toml").symlink_to("base.toml")
    before = {p.name: p.read_bytes() for p in chain.iterdir()}
    code, output = run(*ROW1_CASES[case], "--force", "--time-limit", "5")
    assert code == 3, output
    assert "is an input of this run; choose another output file (its config)" in output
    assert "solving" not in output  # refused before any work
    assert {p.name: p.read_bytes() for p in chain.iterdir()} == before


def test_row01_the_last_guard_is_in_the_writer_itself(chain: Path) -> None:
    from planner.errors import PlannerError
    from planner.files import forget_inputs, write_atomic
    from planner.inputs import load_inputs

    forget_inputs()
    load_inputs(chain / "c.toml")
    with pytest.raises(PlannerError, match="is an input of this run"):
        write_atomic(chain / "base.toml", "plan")
    assert (chain / "base.toml").read_text(encoding="utf-8") == SMALL
    forget_inputs()


# --- row 7: file names no file system can hold -------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ('catalog = "x\\u0000y"\n', "1: catalog: a file name cannot contain a NUL character"),
        (f'extends = "{"a" * 5000}"\n', "1: extends: a file name is 5000 bytes long; a file"),
    ],
    ids=["nul in catalog", "5000-character extends"],
)
def test_row07_an_impossible_name_in_a_config(tmp_path: Path, toml: str, fragment: str) -> None:
    config = tmp_path / "c.toml"
    config.write_text(toml + SMALL, encoding="utf-8")
    code, output = run("check", config)
    assert code == 3, output
    assert fragment in output
    assert len(output.splitlines()[0]) < 400  # the long name is shortened, not printed whole


def test_row07_a_250_character_output_name_is_written(small: Path) -> None:
    name = small.parent / ("p" * 250)
    code, output = run("solve", small, "-o", name, "--time-limit", "5")
    assert code == 0, output
    assert name.read_text(encoding="utf-8").startswith("Strength week")
    assert [p.name for p in small.parent.iterdir() if p.name.startswith(".")] == []


def test_row07_a_300_character_output_name_is_refused_before_solving(small: Path) -> None:
    code, output = run("solve", small, "-o", small.parent / ("p" * 300))
    assert code == 3, output
    assert "a file name is 300 bytes long; a file or directory name may be at most 255" in output
    assert "solving" not in output
