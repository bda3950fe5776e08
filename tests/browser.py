"""Headless Chromium for the tests of the HTML outputs: the rendered DOM, a PDF, a screenshot.

Debian's `chromium` package (.ci/run installs it when missing); without it the tests skip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
# As the machine's own probe runs it: no sandbox as root, no network, a fresh profile.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    return subprocess.run(
        [CHROMIUM, *FLAGS, profile, *args], capture_output=True, text=True, timeout=120
    )


def rendered_dom(page: Path, tmp_path: Path) -> str:
    """The page's DOM after Chromium has parsed and laid it out."""
    return chromium(tmp_path, "--dump-dom", page.as_uri()).stdout


def printed_pages(page: Path, tmp_path: Path) -> int:
    pdf = tmp_path / "printed.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def screenshot(page: Path, png: Path, size: str = "800,1130") -> Path:
    chromium(png.parent, f"--window-size={size}", f"--screenshot={png}", page.as_uri())
    return png
