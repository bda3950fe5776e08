"""What `pip install .` ships: every data file the package reads at run time."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_is_package_data() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert setuptools["packages"]["find"]["include"] == ["planner*"]
    patterns = setuptools.get("package-data", {}).get("planner.data", [])
    data = sorted(p.name for p in (ROOT / "planner" / "data").iterdir()
                  if p.is_file() and p.suffix != ".py")  # fmt: skip
    assert "goals.toml" in data and "catalog.csv" in data
    missing = [name for name in data if not any(fnmatch(name, p) for p in patterns)]
    assert missing == []


def test_every_package_folder_is_a_package() -> None:
    """setuptools finds packages by their __init__.py: a folder of modules without one would
    be left out of the install."""
    folders = {p.parent for p in (ROOT / "planner").rglob("*.py")} - {ROOT / "planner" / "data"}
    missing = sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists())
    assert missing == []
