"""The team index at 300 athletes, in a browser: sorted and filtered by the page's own
script (state in the #fragment), each cell naming its main lifts, no network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import chromium, needs_chromium

from planner.report.team_html import Member, team_index
from planner.report.week import DayGlance, WeekGlance
from planner.vocabulary import DAYS

GROUPS = ("distance", "track", "trail")
STATUSES = ("OPTIMAL", "OPTIMAL", "OPTIMAL", "INFEASIBLE")


def member(i: int) -> Member:
    status = STATUSES[i % len(STATUSES)]
    if status != "OPTIMAL":
        return Member(f"a{i:03d}", f"Runner {i}", GROUPS[i % 3], status, "none", False,
                      reason="no plan: 3 rules cannot all hold together")  # fmt: skip
    on = {DAYS[i % 7], DAYS[(i + 2) % 7]}
    days = tuple(
        DayGlance(d, 10 + i % 13, 40, 5, 8, lifts=("Back Squat", "Broad Jump"))
        if d in on
        else DayGlance(d)
        for d in DAYS
    )
    phases = tuple((n, "strength" if n < 4 else "power", "build") for n in range(1, 7))
    block = i % 5 == 0
    return Member(
        f"a{i:03d}", f"Runner {i}", GROUPS[i % 3], status, "new", True,
        week=WeekGlance(days, sum(d.load or 0 for d in days), 25, None, 8),
        report=f"a{i:03d}.plan.html", phases=phases if block else (), shown=2 if block else 0,
    )  # fmt: skip


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    members = [member(i) for i in range(300)]
    counts = {"OPTIMAL": 225, "INFEASIBLE": 75}
    html = team_index("roster.csv", members, ["athlete"], [[m.athlete] for m in members], counts)
    path = tmp_path_factory.mktemp("team") / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


def shown_rows(page: Path, tmp_path: Path, fragment: str) -> list[tuple[str, str]]:
    dom = chromium(tmp_path, "--dump-dom", page.as_uri() + fragment).stdout
    grid = dom.split('id="grid"')[1].split("</tbody>")[0]
    rows = re.findall(r'<tr class="athlete[^"]*" ([^>]*)>', grid)
    shown = [r for r in rows if " hidden" not in f" {r}"]
    return [(attribute(r, "athlete"), attribute(r, "weekload")) for r in shown]


def attribute(tag: str, name: str) -> str:
    found = re.search(rf'data-{name}="([^"]*)"', tag)
    assert found is not None
    return found.group(1)


def test_each_cell_names_its_main_lifts(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert html.count('<div class="lifts">Back Squat · Broad Jump</div>') == 225 * 2
    assert not re.search(r"(src|href)=\"https?:", html)


@needs_chromium
def test_filter_by_status_and_sort_by_load(page: Path, tmp_path: Path) -> None:
    rows = shown_rows(page, tmp_path, "#status=OPTIMAL&days=wed&sort=-weekload")
    expected = [
        m for m in map(member, range(300)) if m.status == "OPTIMAL" and "wed" in m.session_days
    ]
    assert len(rows) == len(expected) and 0 < len(rows) < 300
    loads = [int(load) for _, load in rows]
    assert loads == sorted(loads, reverse=True)


@needs_chromium
def test_filter_by_group_and_phase(page: Path, tmp_path: Path) -> None:
    rows = shown_rows(page, tmp_path, "#group=track&phase=strength&sort=athlete")
    expected = sorted(
        m.athlete for m in map(member, range(300)) if m.group == "track" and m.phase == "strength"
    )
    assert [a for a, _ in rows] == expected and expected


def test_a_group_config_shows_by_its_file_name_unless_two_share_it() -> None:
    from planner.report.team_html import _group_labels

    labels = _group_labels(
        {"roster/base.toml", "roster/trail.toml", "Marathon", "", "x/trail.toml"}
    )
    assert labels["roster/base.toml"] == "base"  # was shown as 'roster/base.' / 'toml'
    assert labels["Marathon"] == "Marathon" and labels[""] == ""
    # Two trail.toml in different folders keep their paths apart.
    assert labels["roster/trail.toml"] == "roster/trail.toml"
    assert labels["x/trail.toml"] == "x/trail.toml"
