"""A #fragment is judged against the ids of the very page it names, whatever the link rule
remembers of the target: a page with no ids at all, a page with some, a file whose ids cannot be
known, and the same target linked with and without a fragment from many pages."""
from __future__ import annotations

from pathlib import Path

import omnilinks


def test_fragments_are_judged_against_each_targets_own_ids(tmp_path: Path) -> None:
    (tmp_path / "bare.html").write_text("<!doctype html><title>t</title><p>no ids here</p>", encoding="utf-8")
    (tmp_path / "ids.html").write_text('<!doctype html><title>t</title><h2 id="menu">m</h2>', encoding="utf-8")
    (tmp_path / "menu.pdf").write_bytes(b"%PDF-1.4")
    links = ('<a href="bare.html">1</a> <a href="bare.html#gone">2</a> <a href="bare.html#top">3</a>\n'
             '<a href="ids.html#menu">4</a> <a href="ids.html#nope">5</a> <a href="ids.html">6</a>\n'
             '<a href="menu.pdf#page=2">7</a> <img src="bare.html#gone">\n')
    for name in ("index.html", "second.html"):
        (tmp_path / name).write_text(f"<!doctype html><title>t</title>\n{links}", encoding="utf-8")

    report = omnilinks.check(str(tmp_path), offline=True, use_cache=False)

    found = sorted((f.location.path.rsplit("/", 1)[-1], f.location.line, f.target.rsplit("/", 1)[-1])
                   for f in report.findings if f.rule == "link-fragment-missing")
    assert found == [(page, line, target) for page in ("index.html", "second.html")
                     for line, target in ((2, "bare.html#gone"), (3, "ids.html#nope"))]


def test_a_url_quiet_for_one_tag_is_still_judged_for_another(tmp_path: Path) -> None:
    """The rule skips a URL every link to which was quiet; a missing #fragment is quiet from an
    <img> (no browser scrolls there) but not from an <a>, whichever comes first, on any page."""
    (tmp_path / "target.html").write_text('<!doctype html><title>t</title><h2 id="here">h</h2>', encoding="utf-8")
    first = '<img src="target.html#gone">\n<a href="target.html#gone">a</a>\n<a href="target.html#here">b</a>\n'
    second = '<a href="target.html#here">b</a>\n<a href="target.html#gone">a</a>\n<img src="target.html#gone">\n'
    for name, body in (("a.html", first), ("b.html", second), ("c.html", first)):
        (tmp_path / name).write_text(f"<!doctype html><title>t</title>\n{body}", encoding="utf-8")

    report = omnilinks.check(str(tmp_path), offline=True, use_cache=False)

    found = [(f.location.path.rsplit("/", 1)[-1], f.location.line)
             for f in report.findings if f.rule == "link-fragment-missing"]
    assert sorted(found) == [("a.html", 3), ("b.html", 3), ("c.html", 3)]


def test_the_links_leaving_a_folder_site_are_the_ones_the_site_would_find(tmp_path: Path) -> None:
    """Workers note each page's outbound links as they read it; Site works the same answer out for
    a page read without them (live mode)."""
    from dataclasses import replace

    from omnilinks.discover import discover
    from omnilinks.fetch.client import HttpClient, HttpOptions

    links = ('<a href="https://shop.example/menu/">own, absolute</a> <a href="menu/#x">own</a>\n'
             '<a href="https://instagram.com/kopi">out</a> <a href="mailto:a@b.example">mail</a>\n'
             '<a href="https://SHOP.example/">own host, other case</a> <a href="http://elsewhere.example/">out</a>\n'
             '<a href="//cdn.example/x.js">out</a> <a href="https://shop.example.evil.example/">out</a>\n')
    (tmp_path / "menu").mkdir()
    (tmp_path / "menu" / "index.html").write_text("<!doctype html><title>m</title>", encoding="utf-8")
    (tmp_path / "index.html").write_text(f"<!doctype html><title>t</title>\n{links}", encoding="utf-8")

    site = discover(str(tmp_path), HttpClient(HttpOptions()), "https://shop.example/", None, 100, 10, "ID")
    page = next(p for p in site.pages if p.url == "https://shop.example/")

    assert page.outbound is not None
    assert site.outbound(page) == site.outbound(replace(page, outbound=None))
    assert [page.links.urls[i] for i in site.outbound(page)] == [
        "https://instagram.com/kopi", "mailto:a@b.example", "http://elsewhere.example/", "https://cdn.example/x.js",
        "https://shop.example.evil.example/"]
