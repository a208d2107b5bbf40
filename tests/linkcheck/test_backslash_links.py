"""A backslash in an address is a slash to a browser (the URL standard, for http(s) and the other
special schemes), before the query and fragment. Chromium 156 on a page served over http:
`images\\logo.png` → /images/logo.png (200), `\\about.html` → /about.html,
`https:\\\\www.youtube.com\\watch?v=x\\y#a\\b` → https://www.youtube.com/watch?v=x\\y#a\\b.
Found by html-proofer's bad_formatting.html case (benchmarks/peer_cases.py)."""
from __future__ import annotations

from pathlib import Path

import omnilinks
from omnilinks.extract.html import parse_page
from omnilinks.extract.urls import browser_slashes


def test_backslashes_become_slashes_before_the_query_and_fragment_only() -> None:
    assert browser_slashes("images\\logo.png") == "images/logo.png"
    assert browser_slashes("sub\\..\\about.html?q=a\\b#x\\y") == "sub/../about.html?q=a\\b#x\\y"
    assert browser_slashes("https:\\\\www.youtube.com\\watch?v=x\\y") == "https://www.youtube.com/watch?v=x\\y"
    assert browser_slashes("mailto:a\\b@example.com") == "mailto:a\\b@example.com"  # not a special scheme
    assert browser_slashes("/plain/path") == "/plain/path"


def test_links_resolve_as_a_browser_resolves_them_and_raw_stays_as_written() -> None:
    page = parse_page('<a href="https:\\\\www.youtube.com\\watch?v=QafV7WHdLHE">v</a>'
                      '<img src="..\\img\\a.png" alt="">', "https://shop.example.ar/es/menu/")
    assert [(link.url, link.raw) for link in page.links] == [
        ("https://www.youtube.com/watch?v=QafV7WHdLHE", "https:\\\\www.youtube.com\\watch?v=QafV7WHdLHE"),
        ("https://shop.example.ar/es/img/a.png", "..\\img\\a.png"),
    ]


def test_a_site_written_with_backslashes_has_no_false_errors_and_a_real_miss_stays(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "about.html").write_text("<!doctype html><title>a</title>", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>t</title>\n<img src="images\\logo.png" alt="">\n<a href="\\about.html">a</a>\n'
        '<a href="images\\gone.png">b</a>\n', encoding="utf-8")

    report = omnilinks.check(str(tmp_path), offline=True, use_cache=False)

    found = [(f.rule, f.location.line) for f in report.findings if f.category == "link"]
    assert found == [("link-internal-missing", 4)]
