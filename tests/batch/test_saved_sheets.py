"""One coach's sheet, saved every way a spreadsheet saves it, with headers as coaches write
them: every copy plans the same, byte for byte, and as the sheet says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_fixtures import BASE_TOML, run_cli
from conftest import batches_solving_in_this_process
from openpyxl import Workbook

from planner.batch import read_roster

# The sheet as the coach keeps it: natural headers, accents, a decimal number (a ratio band).
HEADER = ["Athlete", "Name", "Level", "Goal", "Days", "Sessions", "Long run", "Hard runs",
          "Minutes", "Equipment", "Soleus to gastrocnemius", "Notes"]  # fmt: skip
ROWS = [
    ["zoe", "Zoë Müller", "Advanced", "Strength", "Mon, Wed, Fri", "3", "Sun", "Thu", "50",
     "Dumbbell, resistance band", "0.8;3.5", "Achilles: go easy"],
    ["rene", "René", "beginner", "endurance", "Tuesday; Saturday", "2", "", "", "40",
     "band", "", ""],
]  # fmt: skip


def _csv(delimiter: str, decimal_comma: bool) -> str:
    def cell(text: str) -> str:
        if decimal_comma:
            text = text.replace("0.8;3.5", "0,8;3,5")
        if delimiter in text:
            return '"' + text + '"'
        return text

    lines = [delimiter.join(cell(c) for c in row) for row in [HEADER, *ROWS]]
    return "\r\n".join(lines) + "\r\n"  # as Excel ends its lines


def _saved(folder: Path, how: str) -> Path:
    """The sheet saved as `how`, as a spreadsheet writes it."""
    if how == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Squad"
        for row in [HEADER, *ROWS]:
            # Excel keeps numbers as numbers: Sessions 3, Minutes 50.
            sheet.append([int(c) if c.isdigit() else (c or None) for c in row])
        path = folder / "roster.xlsx"
        book.save(path)
        return path
    path = folder / "roster.csv"
    if how == "utf-8":
        path.write_bytes(_csv(",", False).encode("utf-8"))
    elif how == "utf-8-bom":
        path.write_bytes(_csv(",", False).encode("utf-8-sig"))
    elif how == "cp1252-semicolon":  # Excel's "CSV" on a German Windows
        path.write_bytes(_csv(";", True).encode("cp1252"))
    elif how == "tab":
        path.write_bytes(_csv("\t", False).encode("utf-8"))
    return path


SAVED_AS = {
    "utf-8": "UTF-8 text, comma-separated",
    "utf-8-bom": "UTF-8 with BOM text, comma-separated",
    "cp1252-semicolon": "Windows-1252 text, semicolon-separated, decimal commas read as points",
    "tab": "UTF-8 text, tab-separated",
    "xlsx": "Excel workbook, sheet 'Squad'",
}

# Where the solves run is no part of what this file tests (see the fixture).
pytestmark = pytest.mark.usefixtures("solves_in_this_process")


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each saved copy planned by `planner batch`, into its own folder."""
    outs = {}
    for how, described in SAVED_AS.items():
        folder = tmp_path_factory.mktemp(how)
        (folder / "base.toml").write_text(BASE_TOML.replace("mon", "Monday"), encoding="utf-8")
        roster, out = _saved(folder, how), folder / "plans"
        with batches_solving_in_this_process():
            result = run_cli(roster, "--out", out, "--config", folder / "base.toml")
        assert result.exit_code == 0, result.output
        assert f"reading {roster}: {described}" in result.output
        outs[how] = out
    return outs


def test_every_way_of_saving_the_sheet_gives_the_same_plans(planned: dict[str, Path]) -> None:
    reference = planned["utf-8"]
    for how, out in planned.items():
        for athlete in ("zoe", "rene"):
            for ext in ("json", "md", "html"):
                name = f"{athlete}.plan.{ext}"
                assert (out / name).read_bytes() == (reference / name).read_bytes(), (how, name)


def test_the_plan_follows_the_sheets_natural_headers(planned: dict[str, Path]) -> None:
    plan = json.loads((planned["cp1252-semicolon"] / "zoe.plan.json").read_text("utf-8"))
    config = plan["config"]
    assert config["athlete"] == {"name": "Zoë Müller", "level": "advanced", "goal": "strength"}
    assert config["week"]["available_days"] == ["mon", "wed", "fri"]
    assert (config["week"]["sessions"], config["week"]["long_run"]) == (3, "sun")
    assert (config["week"]["hard_runs"], config["week"]["max_session_minutes"]) == (["thu"], 50)
    assert config["equipment"]["available"] == ["dumbbell", "band"]
    assert config["balance"]["soleus_to_gastrocnemius"] == [0.8, 3.5]
    assert [day["day"] for day in plan["days"] if day["exercises"]] == ["mon", "wed", "fri"]
    summary = (planned["cp1252-semicolon"] / "summary.csv").read_text("utf-8")
    assert "Achilles: go easy" in summary


def test_a_workbooks_sheet_by_name(tmp_path: Path) -> None:
    path = _saved(tmp_path, "xlsx")
    assert read_roster(path, sheet="Squad").rows[0].athlete == "zoe"
    with pytest.raises(Exception, match=r"has no sheet 'Squads' \(did you mean 'Squad'\?\)"):
        read_roster(path, sheet="Squads")
