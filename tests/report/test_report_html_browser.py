"""The bundled demo's HTML report as a client sees it: rendered in headless Chromium at a
desktop (1280 px) and a phone (390 px) width, asserting on what the page shows.

Chromium's window cannot be narrower than 500 px, so the report is laid out in an
iframe of the exact width (its own viewport: the media queries see 390 px). A script
in the wrapper page — never in the report, whose CSP forbids scripts — measures the
iframe's document and writes the numbers into the DOM that --dump-dom prints.
"""
from __future__ import annotations

import html as htmlmod
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from omnilinks.channels import ADAPTERS
from omnilinks.cli import DEMO_DIR
from omnilinks.pipeline import RunOptions, run
from omnilinks.report import RenderOptions
from omnilinks.report.formats import html
from omnilinks.report.platforms import display_name

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(BROWSER is None,
                                    reason="chromium is not on PATH (Debian: apt-get install -y chromium)")
REPO = Path(__file__).resolve().parents[2]

MEASURE = """<script>
const frame = document.getElementById('r');
frame.addEventListener('load', () => {
  const doc = frame.contentDocument, win = frame.contentWindow;
  const wide = [...doc.querySelectorAll('body *')]
    .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > win.innerWidth + 1)
    .slice(0, 8).map(e => e.tagName + '.' + e.className);
  const out = document.createElement('pre');
  out.id = 'measure';
  out.textContent = JSON.stringify({scrollWidth: doc.documentElement.scrollWidth, innerWidth: win.innerWidth,
    text: doc.body.innerText, header: doc.querySelector('header').innerText, wide: wide,
    mapShown: !!doc.querySelector('.map-wrap') && doc.querySelector('.map-wrap').getClientRects().length > 0,
    listShown: !!doc.querySelector('.channel-list') && doc.querySelector('.channel-list').getClientRects().length > 0});
  document.body.appendChild(out);
});
</script>"""


def shown_in_chromium(page: str, width: int, tmp_path: Path) -> dict[str, Any]:
    wrapper = tmp_path / f"wrapper-{width}.html"
    wrapper.write_text('<!DOCTYPE html><html><body style="margin:0">'
                       f'<iframe id="r" style="border:0;width:{width}px;height:4000px" '
                       f'srcdoc="{htmlmod.escape(page, quote=True)}"></iframe>{MEASURE}</body></html>',
                       encoding="utf-8")
    profile = tempfile.mkdtemp(dir=tmp_path)
    done = subprocess.run([str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                           "--no-first-run", "--disable-background-networking", "--disable-component-update",
                           "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
                           f"--window-size={max(width, 800)},2000", "--dump-dom", wrapper.as_uri()],
                          capture_output=True, text=True, timeout=150)
    found = re.search(r'<pre id="measure">(.*?)</pre>', done.stdout, re.S)
    assert found, f"chromium printed no measurement: {done.stderr[-500:]}"
    return json.loads(htmlmod.unescape(found.group(1)))


@pytest.fixture(scope="module")
def demo_page() -> str:
    report = run(str(DEMO_DIR / "site"), RunOptions(config_path=str(DEMO_DIR / "omnilinks.yml"),
                                                    har=str(DEMO_DIR / "recorded.har"), replay_only=True,
                                                    use_cache=False))
    return html.render(report, RenderOptions())


def raw_ids() -> list[str]:
    """Platform ids a reader must never see: those that are not simply the display name in lower case."""
    return [a.platform for a in ADAPTERS if len(a.platform) > 1 and a.platform not in display_name(a.platform).lower()]


@needs_chromium
@pytest.mark.parametrize("width", [1280, 390])
def test_demo_report_as_shown(demo_page: str, width: int, tmp_path: Path) -> None:
    shown = shown_in_chromium(demo_page, width, tmp_path)
    assert shown["innerWidth"] == width
    assert shown["scrollWidth"] <= width, f"wider than the screen: {shown['wide']}"
    assert not shown["wide"]
    assert "https://kopisenja.id" in shown["header"]
    assert re.search(r"Checked \d{1,2} \w+ \d{4}, \d\d:\d\d UTC", shown["header"])
    assert "omnilinks " in shown["header"]
    text = shown["text"]
    for platform in raw_ids():
        assert not re.search(rf"\b{re.escape(platform)}\b", text), platform
    assert "Google Business Profile" in text and "Web page" in text
    assert str(REPO) not in text and "file://" not in text
    for group in ("Customers can't reach you", "Your details disagree", "Broken pages and links", "Search engines"):
        assert group in text
    assert "link-fragment-missing" not in text  # rule ids wait behind "Technical details"
    assert shown["listShown"] and shown["mapShown"] == (width > 720)  # on a phone the map gives way to the list


@needs_chromium
def test_demo_report_prints_on_a4(demo_page: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(demo_page, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run([str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path)}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, timeout=150)
    data = pdf.read_bytes()
    boxes = {tuple(round(float(n)) for n in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)}
    assert boxes == {(0, 0, 595, 842)}  # A4 in points, from @page
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 2


@needs_chromium
def test_the_measurement_sees_an_overflow(tmp_path: Path) -> None:
    shown = shown_in_chromium('<!DOCTYPE html><meta name="viewport" content="width=device-width">'
                              '<header>x</header><div style="width:900px">wide</div>', 390, tmp_path)
    assert shown["scrollWidth"] > 390 and shown["wide"]


def test_raw_ids_are_the_ones_with_other_names() -> None:
    assert "google_business" in raw_ids() and "generic" in raw_ids() and "instagram" not in raw_ids()


def test_every_platform_has_a_display_name_and_icon() -> None:
    from omnilinks.report.platforms import PLATFORMS, icon

    for adapter in ADAPTERS:
        assert adapter.platform in PLATFORMS, f"{adapter.platform}: no display name in report/platforms.py"
        drawn = icon(adapter.platform)
        assert drawn.startswith("<svg") and "href" not in drawn and "url(" not in drawn
