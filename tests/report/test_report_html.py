"""`html`: one self-contained, escaped page; score, channel map, NAP table; looked at in headless Chromium."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

from omnilinks.models import Finding, Location, Profile, Report
from omnilinks.report import RenderOptions, html

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshot_report.sh"


def test_self_contained(sample: Callable[..., Report], in_site) -> None:
    page = html.render(sample(), RenderOptions())
    tree = lxml.html.document_fromstring(page)
    assert not tree.xpath("//script | //link | //img | //iframe | //object | //embed")
    for element in tree.iter():
        for name, value in element.attrib.items():
            assert name not in ("src", "srcset", "poster"), element.tag
            if name in ("href", "xlink:href"):
                assert value.startswith("#"), value
    style = "".join(tree.xpath("//style/text()"))
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert "default-src 'none'" in page  # even a missed reference would not be fetched


def test_crawled_text_is_escaped(sample: Callable[..., Report]) -> None:
    finding = Finding("brand-title-name", "brand", "warning", "<script>alert(1)</script>", Location("a.html", 1),
                      field="name", actual='"><img src=x onerror=alert(1)>', fix="</pre><script>x</script>")
    channel = Profile("generic", 'https://e.example/"><svg onload=alert(1)>', "<marquee>h</marquee>", "mismatch",
                      "<iframe>", False)
    page = html.render(sample(findings=[finding], channels=(channel,)), RenderOptions())
    tree = lxml.html.document_fromstring(page)
    assert not tree.xpath("//script | //img | //iframe | //marquee")
    assert not [e for e in tree.iter() if any(a.startswith("on") for a in e.attrib)]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_score_is_documented_and_bounded(sample: Callable[..., Report]) -> None:
    assert html.score(sample(findings=[])) == 100
    # 5 errors, 4 warnings, 1 notice; no rule reaches the cap of 3
    assert html.score(sample()) == 100 - 5 * 10 - 4 * 3 - 1
    repeated = [Finding("link-broken", "link", "error", f"{n}", Location(f"p{n}.html", 1)) for n in range(500)]
    assert html.score(sample(findings=repeated)) == 70  # one rule counts at most 3 times
    many = [Finding(f"rule-{n}", "link", "error", "x") for n in range(50)]
    assert html.score(sample(findings=many)) == 0


def test_channel_map_and_nap_table(sample: Callable[..., Report], in_site) -> None:
    tree = lxml.html.document_fromstring(html.render(sample(), RenderOptions()))
    svg = tree.xpath("//svg[contains(@class, 'map')]")[0]
    assert len(svg.xpath(".//g[@class='node']")) == 5
    titles = [t.text for t in svg.xpath(".//line/title")]
    assert "site → tokopedia: not linked from any page" in titles
    assert "youtube → site: links https://kopisenja-lama.id/" in titles
    assert "tiktok → site: links back" in titles
    rows = {r.xpath("string(th)").strip(): r for r in tree.xpath("//table[contains(@class,'nap')]/tbody/tr")}
    assert any(label.startswith("Reference") for label in rows)
    contact = rows["public/contact/index.html"]
    assert contact.xpath("td[@class='disagree phone']")[0].text_content() == "≠ +62 21 5550 999"
    assert rows["public/menu/index.html"].xpath("td[@class='disagree phone']")  # a related source disagrees
    google = next(r for label, r in rows.items() if label.startswith("google_business"))
    assert google.xpath("td[@class='disagree phone']") and google.xpath("td[@class='agree name']")
    instagram = next(r for label, r in rows.items() if label.startswith("instagram"))
    assert instagram.xpath("td[@class='unreadable name']")


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="chromium is not on PATH (Debian: apt-get install -y chromium)")
def test_screenshot_in_headless_chromium(sample: Callable[..., Report], in_site, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text(html.render(sample(), RenderOptions()), encoding="utf-8")
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    shots = []
    for page in (report, blank):
        out = tmp_path / f"{page.stem}.png"
        done = subprocess.run(["bash", str(SCRIPT), str(page), str(out), "1280,1600"], capture_output=True,
                              text=True, timeout=150)
        assert done.returncode == 0, done.stderr
        assert png_size(out) == (1280, 1600)
        shots.append(out.stat().st_size)
    assert shots[0] > 10 * shots[1]  # the report drew something: a blank page compresses to almost nothing


def test_screenshot_script_refuses_missing_input(tmp_path: Path) -> None:
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True)
    assert done.returncode == 2 and "usage" in done.stderr
    assert re.search(r"--user-data-dir", SCRIPT.read_text(encoding="utf-8"))
