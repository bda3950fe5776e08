"""The team's season: rows with block columns get a block (JSON, page, calendar), the others a
week; summary.csv says which; the index shows each block's phase; resume and --jobs hold."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from batch_fixtures import BASE_TOML, run_cli
from conftest import batches_solving_in_this_process

# A week runner and two block runners (a 10k in 3 weeks, a 4-week block without a race).
# Both blocks are solved in seconds (a 10k in 6 weeks is not, in the default 10 s; in 4 weeks
# it took 5 s to stop near its bound, in 3 it is proven in 3 s), so the run with two solver
# processes and the one in this process can be compared byte for byte.
ROSTER = """\
Athlete,Name,Goal,Block start,Race,Distance,Weeks,Notes
wk,Wendy,strength,,,,,
tenk,Tess,,2026-11-30,2026-12-20,10k,,first block
four,Finn,,2026-12-14,,,4,
"""


def _batch(folder: Path, *extra: str) -> Path:
    (folder / "base.toml").write_text(BASE_TOML.replace("time_limit = 20.0", ""), "utf-8")
    roster = folder / "roster.csv"
    roster.write_text(ROSTER, "utf-8")
    out = folder / "plans"
    args: list[str | Path] = [
        roster, "--out", out, "--config", folder / "base.toml", "--format", "json,ics,html",
    ]  # fmt: skip
    result = run_cli(*args, "--start", "2026-12-07", *extra)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _batch(tmp_path_factory.mktemp("season"), "--jobs", "2")


def test_rows_with_block_columns_get_a_block_the_others_a_week(season: Path) -> None:
    summary = (season / "summary.csv").read_text("utf-8").splitlines()
    assert summary[0].startswith("athlete,name,group,status,plan,kind,")
    kinds = {line.split(",")[0]: line.split(",")[5] for line in summary[1:]}
    assert kinds == {"wk": "week", "tenk": "block", "four": "block"}
    # Proven, or (the 10k) stopped within 0.1 % of its bound, which the block says: both
    # are decided on the solver's deterministic work, so the runs compare byte for byte.
    status = {line.split(",")[0]: line.split(",")[3] for line in summary[1:]}
    assert status["wk"] == status["four"] == "OPTIMAL"
    tenk_gap = json.loads((season / "tenk.plan.json").read_text("utf-8"))["gap"]
    assert status["tenk"] == "OPTIMAL" or (status["tenk"] == "FEASIBLE" and tenk_gap <= 0.001)
    four = json.loads((season / "four.plan.json").read_text("utf-8"))
    assert len(four["weeks"]) == 4 and four["race"] is None
    week = json.loads((season / "wk.plan.json").read_text("utf-8"))
    assert "days" in week and "weeks" not in week
    tenk = json.loads((season / "tenk.plan.json").read_text("utf-8"))
    assert tenk["race"] == "2026-12-20" and tenk["config"]["block"]["distance"] == "10k"
    assert tenk["weeks"][0]["phase"] == "strength"
    assert tenk["weeks"][-1]["kind"] == "race"
    assert (season / "tenk.plan.html").read_text("utf-8").count("Training block for Tess") >= 1


def test_calendars_weeks_from_start_blocks_on_their_dates(season: Path) -> None:
    week = (season / "wk.plan.ics").read_text("utf-8")
    assert min(re.findall(r"DTSTART[^:]*:(\d{8})", week)) >= "20261207"
    tenk = json.loads((season / "tenk.plan.json").read_text("utf-8"))
    sessions = sorted(d["date"].replace("-", "") for w in tenk["weeks"] for d in w["days"])
    block = (season / "tenk.plan.ics").read_text("utf-8")
    assert sorted(re.findall(r"DTSTART[^:]*:(\d{8})", block)) == sessions


def test_the_index_shows_each_blocks_phase_and_main_lifts(season: Path) -> None:
    index = (season / "index.html").read_text("utf-8")
    row = re.search(r'<tr class="athlete[^"]*" data-athlete="tenk"(.*?)</tr>', index, re.S)
    assert row is not None
    assert re.search(r'data-phase="(strength|power)"', row.group(0))
    assert row.group(1).count('<i class="p-') == 3  # a square per week
    assert 'class="lifts"' in row.group(1)
    assert "<script>" in index and "http" not in index.split("<script>")[1]  # nothing fetched


def test_resume_and_job_count_keep_the_season(season: Path, tmp_path: Path) -> None:
    again = run_cli(
        season.parent / "roster.csv", "--out", season, "--config", season.parent / "base.toml",
        "--format", "json,ics,html", "--start", "2026-12-07", "--resume",
    )  # fmt: skip
    assert "none solved, 3 unchanged" in again.output
    # The season of two solver processes, solved again one athlete after another in this
    # process (no solver process to start: its start-up was most of a third run's time).
    with batches_solving_in_this_process():
        alone = _batch(tmp_path)
    for name in ("wk", "tenk", "four"):
        for ext in ("json", "ics", "html"):
            file = f"{name}.plan.{ext}"
            assert (alone / file).read_bytes() == (season / file).read_bytes(), file


def test_a_block_not_begun_says_when_it_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    # A new user's block starting next month read 'week 1 of 12' as if it were running.
    import datetime as dt

    from planner.batch import team_files

    weeks: list[dict[str, Any]] = [
        {"week": n, "start": f"2027-01-{4 + 7 * (n - 1):02d}", "phase": "strength",
         "kind": "build", "days": [], "load": 0}
        for n in (1, 2)
    ]  # fmt: skip
    data = {"weeks": weeks, "config": {"week": {}, "load": {}}, "days": []}
    for today, starts, shown in (
        (dt.date(2026, 12, 8), "Mon 04 Jan 2027", 1),
        (dt.date(2027, 1, 4), "", 1),  # the boundary: its first day, under way
        (dt.date(2027, 1, 12), "", 2),
    ):
        monkeypatch.setattr(team_files, "today", lambda today=today: today)
        plan = team_files._team_plan("ana", data)
        assert (plan.starts, plan.shown) == (starts, shown)
