"""`html`: one self-contained, escaped page; score, channel map, NAP table; looked at in headless Chromium."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from omnilinks.models import Finding, Location, Profile, Report
from omnilinks.report import RenderOptions
from omnilinks.report.formats import html
from omnilinks.rules.catalogue import docs_url

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshot_report.sh"


def test_self_contained(sample: Callable[..., Report], in_site) -> None:
    page = html.render(sample(), RenderOptions())
    tree = lxml.html.document_fromstring(page)
    assert not tree.xpath("//script | //link | //img | //iframe | //object | //embed")
    for element in tree.iter():
        for name, value in element.attrib.items():
            assert name not in ("src", "srcset", "poster"), element.tag
            if name in ("href", "xlink:href"):  # in-page anchors, and the rule catalogue to read (never an asset)
                assert value.startswith(("#", docs_url())), value
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
    assert len(svg.xpath(".//g[contains(@class, 'node')]")) == 5
    titles = [t.text for t in svg.xpath(".//line/title")]
    assert "site → Tokopedia: not linked from any page" in titles
    assert "YouTube → site: links https://kopisenja-lama.id/" in titles
    assert "TikTok → site: links back" in titles
    rows = {r.xpath("string(th)").strip(): r for r in tree.xpath("//table[contains(@class,'nap')]/tbody/tr")}
    assert any(label.startswith("Your details") for label in rows)
    contact = rows["public/contact/index.html"]
    assert contact.xpath("td[@class='disagree phone']")[0].text_content() == "≠ +62 21 5550999"  # normal (international) form
    assert rows["public/menu/index.html"].xpath("td[@class='disagree phone']")  # a related source disagrees
    google = next(r for label, r in rows.items() if label.startswith("Google Business Profile"))
    assert google.xpath("td[@class='disagree phone']") and google.xpath("td[@class='agree name']")
    instagram = next(r for label, r in rows.items() if label.startswith("Instagram"))
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


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="chromium is not on PATH (Debian: apt-get install -y chromium)")
def test_screenshot_script_takes_a_phone_width(sample: Callable[..., Report], in_site, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text(html.render(sample(), RenderOptions()), encoding="utf-8")
    out = tmp_path / "phone.png"
    done = subprocess.run(["bash", str(SCRIPT), str(report), str(out), "390,900"], capture_output=True, text=True,
                          timeout=150)
    assert done.returncode == 0, done.stderr
    assert png_size(out) == (390, 900) and out.stat().st_size > 20_000


def test_screenshot_script_refuses_missing_input(tmp_path: Path) -> None:
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True)
    assert done.returncode == 2 and "usage" in done.stderr
    assert re.search(r"--user-data-dir", SCRIPT.read_text(encoding="utf-8"))


def test_equal_forms_are_shown_equal_and_the_written_form_kept(sample: Callable[..., Report], in_site) -> None:
    identity = replace(sample().identity, phone="+62215550123", country="ID")
    written = Finding("schema-telephone-no-country-code", "schema", "warning", "no country code",
                      Location("public/index.html", 4), field="phone", expected="+62 21 5550123", actual="021-5550123")
    other = Finding("nap-phone-mismatch", "nap", "error", "another phone", Location("public/menu/index.html", 8),
                    field="phone", expected="+62 21 5550123", actual="(021) 5550124")
    tree = lxml.html.document_fromstring(html.render(sample(findings=[written, other], identity=identity),
                                                     RenderOptions()))
    rows = {r.xpath("string(th)").strip(): r for r in tree.xpath("//table[contains(@class,'nap')]/tbody/tr")}
    same = rows["public/index.html"].xpath("td[contains(@class,'phone')]")[0]
    assert same.get("class") == "agree phone" and "written 021-5550123" in same.text_content()
    assert "≠" not in same.text_content()
    differs = rows["public/menu/index.html"].xpath("td[contains(@class,'phone')]")[0]
    assert differs.get("class") == "disagree phone" and differs.text_content().startswith("≠ +62 21 5550124")


def test_a_channel_with_an_error_is_never_drawn_green(sample: Callable[..., Report], in_site) -> None:
    verified = Profile("generic", "https://direktori.example.id/kopi", "direktori.example.id", "verified",
                       "the page links to https://kopisenja.id/", True, phone="+62215550124")
    differs = Finding("channel-phone-differs", "nap", "error", "another phone", target=verified.url,
                      platform="generic", field="phone", expected="+62215550123", actual="+62215550124")
    page = html.render(sample(findings=[differs], channels=(verified,)), RenderOptions())
    tree = lxml.html.document_fromstring(page)
    node = tree.xpath("//svg[contains(@class,'map')]//g[contains(@class,'node')]")[0]
    assert "problem" in node.get("class") and node.xpath(".//rect")[0].get("stroke") == "#cf222e"
    assert tree.xpath("//li[contains(@class,'ch')]")[0].get("class") == "ch problem"
    clean = lxml.html.document_fromstring(html.render(sample(findings=[], channels=(verified,)), RenderOptions()))
    assert "ok" in clean.xpath("//svg[contains(@class,'map')]//g[contains(@class,'node')]")[0].get("class")


def test_one_card_per_problem(sample: Callable[..., Report], in_site) -> None:
    target = "http://blog.example.org/kopi"
    insecure = Finding("link-insecure", "link", "warning", "insecure", Location("public/index.html", 9), target=target)
    redirect = Finding("link-redirect", "link", "warning", "redirects", Location("public/index.html", 9), target=target)
    title = Finding("brand-title-mismatch", "brand", "warning", "t", Location("public/about/index.html", 3),
                    field="name", expected="Kopi Senja", actual="Kopi Senyap")
    site_name = Finding("brand-site-name-mismatch", "brand", "warning", "s", Location("public/about/index.html", 4),
                        field="name", expected="Kopi Senja", actual="Kopi Senyap")
    tree = lxml.html.document_fromstring(html.render(sample(findings=[insecure, redirect, title, site_name]),
                                                     RenderOptions()))
    cards = tree.xpath("//article[contains(@class,'card')]")
    assert len(cards) == 2
    link_card = next(c for c in cards if target in c.text_content())
    assert {a.text_content() for a in link_card.xpath(".//details//code[1]")} >= {"link-insecure", "link-redirect"}
    assert link_card.xpath(".//details//a/@href")[0].endswith("#link-insecure") or \
        link_card.xpath(".//details//a/@href")[0].endswith("#link-redirect")


def test_score_is_explained_per_group(sample: Callable[..., Report], in_site) -> None:
    report = sample()
    tree = lxml.html.document_fromstring(html.render(report, RenderOptions()))
    section = tree.xpath("//section[@id='score']")[0]
    assert f"Why the score is {html.score(report)}" in section.text_content()
    rows = {r.xpath("string(th)"): r.xpath("string(td[1])") for r in section.xpath(".//tbody/tr")}
    assert set(rows) == {"Customers can't reach you", "Your details disagree", "Broken pages and links",
                         "Search engines and shared links", "Where your visitors come from"}
    lost = sum(int(v.replace("−", "")) for v in rows.values())
    assert 100 - lost == html.score(report)  # the groups' points are the whole penalty


def test_header_names_the_public_site_or_says_it_is_missing(sample: Callable[..., Report], in_site) -> None:
    named = lxml.html.document_fromstring(html.render(sample(site_url="https://kopisenja.id/",
                                                             started_at="2026-03-01T09:30:00Z"), RenderOptions()))
    header = named.xpath("string(//header)")
    assert "https://kopisenja.id/" in header and "Checked 1 March 2026, 09:30 UTC" in header
    anonymous = replace(sample().identity, website=None)
    folder = lxml.html.document_fromstring(html.render(sample(site_url=None, identity=anonymous), RenderOptions()))
    assert "no public address given" in folder.xpath("string(//header)")
