"""`planner block --format html`: the block on one self-contained page, checked in Chromium:
a bar per week with the phases, deloads, taper and race day marked, the calendar, the main
lifts' progression and every session of every week."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from block_files import race_block
from browser import CHROMIUM, needs_chromium, printed_pages, rendered_dom, screenshot
from click.testing import CliRunner
from conftest import make_config

from planner.catalog.catalog import Catalog
from planner.cli.main import main
from planner.config.config import Config
from planner.inputs import load_inputs
from planner.pipeline import plan_block
from planner.plan.block import BlockResult, PlannedWeek
from planner.plan.week import Plan, Status
from planner.report.block_chart import volume_chart
from planner.report.block_render import render_block
from planner.report.block_weeks import main_lifts
from planner.training.week_setup import week_setups

TEN_K = Path(__file__).resolve().parents[2] / "examples" / "block-10k.toml"
Solved = tuple[BlockResult, Config, Catalog]


@pytest.fixture(scope="module")
def solved() -> Solved:
    """The 12-week 10k block (strength then power, deloads in weeks 4 and 8, the race week
    tapering), solved as `planner block` does."""
    inputs = load_inputs(TEN_K)
    config = inputs.config.with_solver(time_limit=60.0)
    # A block, not a proof: with steady weeks the 10k block stops near its bound, at 60 s of
    # search. The page is what is tested, so each solve stops after one deterministic second
    # of work instead (about 15 s in all): the same block on a busy machine as on an idle one.
    result = plan_block(inputs.catalog, config, parameters={"max_deterministic_time": 1.0})
    assert result.status.has_plan and result.violations == ()
    return result, config, inputs.catalog


@pytest.fixture(scope="module")
def page(solved: Solved, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("block") / "block.html"
    out.write_text(render_block(*solved, "html"), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def dom(page: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    return rendered_dom(page, tmp_path_factory.mktemp("chromium"))


def weeks_of(solved: Solved) -> tuple[PlannedWeek, ...]:
    assert solved[0].weeks is not None
    return solved[0].weeks


def test_one_bar_per_week_with_its_phase_kind_and_volume(solved: Solved, dom: str) -> None:
    chart = dom.split('id="volume"')[1].split("</svg>")[0]
    bars = re.findall(
        r'<g class="week" data-week="(\d+)" data-phase="(\w+)" data-kind="(\w+)" '
        r'data-volume="(\d+)"',
        chart,
    )
    kinds = ["build"] * 3 + ["deload"] + ["build"] * 3 + ["deload"] + ["build"] * 3 + ["race"]
    assert bars == [
        (str(w.setup.week.number), w.setup.week.phase, kind, str(w.volume))
        for w, kind in zip(weeks_of(solved), kinds, strict=True)
    ]
    assert [b[1] for b in bars] == ["strength"] * 6 + ["power"] * 6
    # The bars' heights are the volumes on one scale (within the 0.1 px they are rounded to).
    heights = [float(h) for h in re.findall(r'<rect class="bar"[^>]* height="([\d.]+)"', chart)]
    scale = max(heights) / max(w.volume for w in weeks_of(solved))
    assert all(
        abs(h - w.volume * scale) <= 0.15 for h, w in zip(heights, weeks_of(solved), strict=True)
    )


def test_phases_deloads_taper_and_race_day_are_marked(dom: str) -> None:
    chart = dom.split('id="volume"')[1].split("</svg>")[0]
    labels = re.findall(r'class="phase-label"[^>]*>([^<]+)<', chart)
    assert labels == ["strength phase, weeks 1-6", "power phase, weeks 7-12"]
    marks = {
        int(week): re.findall(r'class="mark (\w+)"', body)
        for week, body in re.findall(r'<g class="week" data-week="(\d+)"(.*?)</g>', chart, re.S)
    }
    assert {w: m for w, m in marks.items() if m} == {4: ["deload"], 8: ["deload"], 12: ["race"]}
    # The taper bracket spans week 12's slot; the race line stands on its Sunday, the 28th.
    bar_x = [float(x) for x in re.findall(r'<rect class="bar" x="([\d.]+)"', chart)]
    slot = bar_x[1] - bar_x[0]
    taper = re.search(r'class="taper" d="M([\d.]+),[\d.]+ V[\d.]+ H([\d.]+)', chart)
    assert taper is not None
    week_12 = bar_x[11] - slot * 0.19  # the slot starts before its bar
    assert week_12 - 1 < float(taper[1]) < float(taper[2]) < week_12 + slot
    race = re.search(r'<g class="race">\s*<line x1="([\d.]+)".*?>(race [^<]+)<', chart, re.S)
    assert race is not None and race[2] == "race Sun 28 Mar"
    assert week_12 + slot * 6 / 7 < float(race[1]) < week_12 + slot  # Sunday: the last seventh
    assert 'class="cap"' in chart  # the race week's cap, 60 % of the peak


def test_every_session_of_every_week_is_on_the_page(solved: Solved, dom: str) -> None:
    expected = [
        (w.setup.week.date_of(s.day).isoformat(), [p.exercise.name for p in s.exercises])
        for w in weeks_of(solved)
        for s in w.plan.sessions
    ]
    found = [
        (when, [unescape(n) for n in re.findall(r'<tr class="exercise"><td>([^<]+)</td>', body)])
        for when, body in re.findall(
            r'<tbody class="session" data-date="([\d-]+)"[^>]*>(.*?)</tbody>', dom, re.S
        )
    ]
    assert found == expected
    assert len(found) == 29  # 6 weeks of 3 sessions, 5 of 2, the race week's one
    assert re.findall(r'<section class="week" id="week-(\d+)"', dom) == [
        str(n) for n in range(1, 13)
    ]
    assert "Race day Sun 28 Mar 2027: nothing planned on its eve or on the day." in dom


def test_the_calendar_and_the_main_lifts(solved: Solved, dom: str) -> None:
    calendar = dom.split('id="calendar"')[1].split("</table>")[0]
    assert len(re.findall(r'<tr data-week="\d+">', calendar)) == 12
    assert "race week" in calendar and calendar.count(">deload<") == 2
    config = solved[1]
    lifts = main_lifts(weeks_of(solved), config.equipment.available)
    tables = re.findall(r'<table class="lifts" data-phase="(\w+)">(.*?)</table>', dom, re.S)
    assert [phase for phase, _ in tables] == [p.phase for p in lifts] == ["strength", "power"]
    for (_, body), phase in zip(tables, lifts, strict=True):
        assert re.findall(r"<th>([^<]+)</th>", body)[1:] == list(phase.lifts)
        assert len(re.findall(r"<tr", body)) == 1 + len(phase.rows)
    verdict = dom.split('id="verdict"')[1]
    assert solved[0].status.value in verdict  # proven, or how far from the bound


def test_a_block_stopped_by_the_time_limit_says_how_far_from_the_bound(solved: Solved) -> None:
    result, config, catalog = solved
    assert result.objective is not None
    stopped = replace(
        result, status=Status.FEASIBLE, best_bound=result.objective + 1000, stopped="time limit"
    )
    html = render_block(stopped, config, catalog, "html", timing=False)
    footer = html.split('id="verdict"')[1]
    assert (
        f"FEASIBLE, best found, within {1000 / abs(result.objective):.3%} of the best possible "
        "(time limit)" in footer
    )
    assert "Made by planner." in footer  # no clock: the same block gives the same file
    near = replace(stopped, best_bound=result.objective + 2, stopped="gap limit")
    footer = render_block(near, config, catalog, "html", timing=False).split('id="verdict"')[1]
    assert "(the search stops within 0.10% of the bound)" in footer


@needs_chromium
def test_it_prints_the_overview_then_the_weeks(page: Path, tmp_path: Path) -> None:
    pages = printed_pages(page, tmp_path)
    # Page 1 is the overview; the weeks follow, about one and a half or more to a page.
    assert 1 < pages <= 1 + 12 * 2 // 3


@needs_chromium
def test_a_screenshot_is_not_blank(page: Path, tmp_path: Path) -> None:
    png = screenshot(page, tmp_path / "block.png")
    assert png.stat().st_size > 50_000


def test_the_command_writes_a_self_contained_page_with_user_text_escaped(
    tmp_path: Path, tiny_csv: Path
) -> None:
    catalog = tmp_path / "catalog.csv"
    text = tiny_csv.read_text(encoding="utf-8")
    catalog.write_text(text.replace("Squat Goblet", "<i>Squat</i> Goblet & co"), encoding="utf-8")
    config = race_block(tmp_path, catalog, name="<script>alert(1)</script>")
    out = tmp_path / "block.html"
    result = CliRunner().invoke(main, ["block", str(config), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<i>" not in html and "&lt;i&gt;Squat&lt;/i&gt; Goblet &amp; co" in html
    assert "<style>" in html and "<svg" in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # nothing fetched


def test_no_block_writes_no_page(tmp_path: Path, tiny_csv: Path) -> None:
    config = race_block(tmp_path, tiny_csv)
    config.write_text(config.read_text() + "[goal.prescription.strength]\nsets = 1\n"
                      "[goal.prescription.stability]\nsets = 1\n")  # fmt: skip
    out = tmp_path / "block.html"
    result = CliRunner().invoke(main, ["block", str(config), "--format", "html", "-o", str(out)])
    assert result.exit_code == 4
    assert "No block" in result.output or "cannot" in result.output
    assert not out.exists()


@pytest.mark.parametrize(("weeks", "every_label"), [(12, True), (40, False)])
def test_a_long_block_labels_its_chart_without_overlap(weeks: int, every_label: bool) -> None:
    config = make_config(block={"start": date(2027, 1, 4), "weeks": weeks, "deload_every": 4})
    planned = tuple(PlannedWeek(setup, Plan(())) for setup in week_setups(config))
    chart = volume_chart(planned, None)
    numbers = [b.center for b in chart.bars if b.number]
    dates = [b.center for b in chart.bars if b.starts]
    assert (len(numbers) == len(dates) == weeks) is every_label
    assert min(b - a for a, b in itertools.pairwise(numbers)) >= 14  # two digits fit
    assert min(b - a for a, b in itertools.pairwise(dates)) >= 30  # "18 Jan" fits
    marks = {b.mark for b in chart.bars if b.kind == "deload"}
    assert marks == ({"deload"} if every_label else {"D"})
    assert chart.abbreviated is not every_label
