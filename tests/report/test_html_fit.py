"""The week's page in a browser: every chart note inside its chart, and a page that reads on a
phone (a viewport tag, nothing wider than the screen)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser import chromium, needs_chromium
from click.testing import CliRunner

from planner.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Run in the page after layout: each chart note's box (in the chart's own units, which print
# and screen share: print changes no font of a chart) against the chart's drawing area. The
# result lands in the DOM that --dump-dom prints.
_PROBE = """<script>
window.addEventListener("load", () => {
  const out = [];
  for (const svg of document.querySelectorAll("svg")) {
    const box = svg.viewBox.baseVal;
    const width = box && box.width ? box.width : svg.width.baseVal.value;
    for (const note of svg.querySelectorAll("text.note")) {
      const b = note.getBBox();
      out.push({chart: svg.id, note: note.textContent, right: b.x + b.width, width: width});
    }
  }
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify({notes: out});
  document.body.appendChild(pre);
});
</script>"""


def probed(page: Path, tmp_path: Path) -> dict[str, object]:
    probe = tmp_path / f"probe-{page.name}"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>"))
    dom = chromium(tmp_path, "--dump-dom", probe.as_uri()).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.DOTALL)
    assert found, dom[-500:]
    data: dict[str, object] = json.loads(found.group(1).replace("&quot;", '"'))
    return data


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "week.html"
    config = EXAMPLES / "5k-bodyweight.toml"  # a session on the eve of a key run: a note
    result = CliRunner().invoke(main, ["solve", str(config), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@needs_chromium
def test_every_chart_note_is_inside_its_chart(page: Path, tmp_path: Path) -> None:
    notes = probed(page, tmp_path)["notes"]
    assert isinstance(notes, list)
    assert any("key run tomorrow" in n["note"] for n in notes)
    for note in notes:
        assert note["right"] <= note["width"], f"{note['note']!r} is cut off in {note['chart']}"


def test_the_page_has_a_viewport_tag(page: Path) -> None:
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in (
        page.read_text(encoding="utf-8")
    )


# A 390-px-wide frame, as an iPhone's screen: headless Chromium's own window is at least 500
# px wide, so the page is measured inside a frame of the phone's width.
_PHONE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="phone" src="PAGE" style="width:390px;height:844px;border:0"></iframe>
<script>
document.getElementById("phone").addEventListener("load", () => {
  const page = document.getElementById("phone").contentDocument;
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(
    {scroll: page.documentElement.scrollWidth, window: page.defaultView.innerWidth});
  document.body.appendChild(pre);
});
</script></body></html>"""


@needs_chromium
def test_the_page_fits_a_phone(page: Path, tmp_path: Path) -> None:
    frame = tmp_path / "phone.html"
    frame.write_text(_PHONE.replace("PAGE", page.as_uri()))
    dom = chromium(tmp_path, "--allow-file-access-from-files", "--dump-dom", frame.as_uri())
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom.stdout)
    assert found, dom.stdout[-300:]
    size = json.loads(found.group(1).replace("&quot;", '"'))
    assert size["window"] == 390
    assert size["scroll"] <= size["window"], size  # nothing wider than the screen
