"""`planner solve --format html`: one printable, self-contained page, checked in a browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.catalog import load_catalog
from planner.cli import main
from planner.config import load_config, parse_config
from planner.pipeline import plan_week
from planner.report.html import as_html

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MARATHON = EXAMPLES / "marathon-base.toml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
# As the machine's own probe runs it: no sandbox as root, no network, a fresh profile.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "week.html"
    result = CliRunner().invoke(main, ["solve", str(MARATHON), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    return subprocess.run(
        [CHROMIUM, *FLAGS, profile, *args], capture_output=True, text=True, timeout=120
    )


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
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    result = plan_week(load_catalog(), load_config(MARATHON))
    assert result.plan is not None
    days = [s.day for s in result.plan.sessions]
    exercises = sum(len(s.exercises) for s in result.plan.sessions)
    assert dom.count('class="exercise"') == exercises
    assert re.findall(r'data-day="(\w+)"', dom) == days
    assert dom.count('class="cell"') == 18 * len(days)  # every muscle on every session day
    assert dom.count('class="bar"') == 4 + len(days)  # the balances and the load per day
    assert "proven optimal" in dom


@needs_chromium
def test_the_week_prints_on_one_page(page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "week.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())
    assert len(pages) == 1


@needs_chromium
def test_a_screenshot_is_not_blank(page: Path, tmp_path: Path) -> None:
    png = tmp_path / "week.png"
    chromium(tmp_path, "--window-size=800,1130", f"--screenshot={png}", page.as_uri())
    # A blank page compresses to a few kilobytes; the week with its charts does not.
    assert png.stat().st_size > 50_000
