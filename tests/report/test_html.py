"""`planner solve --format html`: one printable, self-contained page, checked in a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import needs_chromium, printed_pages, rendered_dom, screenshot
from click.testing import CliRunner

from planner.catalog.catalog import load_catalog
from planner.cli.main import main
from planner.config.config import load_config, parse_config
from planner.pipeline import plan_week
from planner.report.html import as_html
from planner.vocabulary import LEG_CATEGORIES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MARATHON = EXAMPLES / "marathon-base.toml"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "week.html"
    result = CliRunner().invoke(main, ["solve", str(MARATHON), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_page_is_self_contained(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "<style>" in text and "<svg" in text
    assert not re.search(r"(src|href)=\"(https?:)?//", text)  # nothing fetched


def test_user_text_is_escaped() -> None:
    catalog = load_catalog()
    config = parse_config(
        {"athlete": {"name": "<script>alert(1)</script>"}, "week": {"available_days": ["mon"]}}
    )
    html = as_html(plan_week(catalog, config), config, catalog)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@needs_chromium
def test_the_rendered_page_shows_the_whole_week(page: Path, tmp_path: Path) -> None:
    dom = rendered_dom(page, tmp_path)
    result = plan_week(load_catalog(), load_config(MARATHON))
    assert result.plan is not None
    days = [s.day for s in result.plan.sessions]
    exercises = sum(len(s.exercises) for s in result.plan.sessions)
    assert dom.count('class="exercise"') == exercises
    assert re.findall(r'data-day="(\w+)"', dom) == days
    assert dom.count('class="cell"') == 18 * len(days)  # every muscle on every session day
    # The balances: the ratio inside its shaded band, the core functions against floors.
    balance = dom.split('id="balance"')[1].split("</svg>")[0]
    coverage = result.plan.coverage()  # the plan's own numbers: ties may break either way
    assert re.findall(r'data-label="([^"]+)" data-value="([^"]+)"', balance) == [
        ("soleus : gastrocnemius", f"{coverage['soleus'] / coverage['gastrocnemius']:.2f}"),
        ("anti-extension", str(coverage["anti_extension"])),
        ("anti-lateral-flexion", str(coverage["anti_lateral_flexion"])),
        ("anti-rotation", str(coverage["anti_rotation"])),
    ]
    assert balance.count('class="band"') == 1 and balance.count('class="limit"') == 3
    assert "allowed 1.5-3" in balance and "data-over" not in balance
    # Load on all seven days against the session cap, the key runs marked on their days.
    load = dom.split('id="load"')[1].split("</svg>")[0]
    loads = {s.day[:3].title(): str(s.load) for s in result.plan.sessions}
    rows = re.findall(r'data-label="(\w+)" data-value="(\d*)"(?: data-run="([^"]+)")?', load)
    assert rows == [
        (day, loads.get(day, ""), run)
        for day, run in [("Mon", ""), ("Tue", "hard run"), ("Wed", ""), ("Thu", "hard run"),
                         ("Fri", ""), ("Sat", ""), ("Sun", "long run")]
    ]  # fmt: skip
    assert load.count('class="bar"') == len(days) and load.count('class="limit"') == 7
    footer = dom.split('id="verdict"')[1]
    assert f"OPTIMAL, proven optimal; objective {result.objective}" in footer


def test_the_eve_of_a_key_run_shows_the_legs_against_their_cap() -> None:
    catalog = load_catalog()
    config = parse_config(
        {"athlete": {"name": "Eve"},
         "week": {"available_days": ["wed"], "sessions": 1, "hard_runs": ["thu"]},
         "load": {"max_lower_before_key_run": 9}}
    )  # fmt: skip
    result = plan_week(catalog, config)
    assert result.plan is not None
    (session,) = result.plan.sessions
    legs = sum(p.exercise.load for p in session.exercises if p.exercise.category in LEG_CATEGORIES)
    html = as_html(result, config, catalog)
    assert f"key run tomorrow: legs {legs} of at most 9" in html
    assert '<span class="eve">(key run tomorrow)</span>' in html


def test_a_batch_page_has_no_clock_in_it() -> None:
    catalog = load_catalog()
    config = load_config(MARATHON)
    result = plan_week(catalog, config)
    html = as_html(result, config, catalog, timing=False)
    assert "Made by planner." in html and f"{result.wall_time_s:.2f} s" not in html


@needs_chromium
def test_the_week_prints_on_one_page(page: Path, tmp_path: Path) -> None:
    assert printed_pages(page, tmp_path) == 1


@needs_chromium
def test_a_screenshot_is_not_blank(page: Path, tmp_path: Path) -> None:
    png = screenshot(page, tmp_path / "week.png")
    # A blank page compresses to a few kilobytes; the week with its charts does not.
    assert png.stat().st_size > 50_000
