from __future__ import annotations

from pathlib import Path

from site_files import make_site

import omnilinks
from omnilinks.discover.folder import FolderSite


def rules_at(report: omnilinks.Report) -> list[tuple[str, str, int | None, str | None]]:
    return sorted((f.rule, Path(f.location.path or "").name, f.location.line, f.target)
                  for f in report.findings if f.category == "link")


def test_clean_urls_index_and_assumed_extension(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": "", "about/index.html": "", "blog.html": "", "docs/page.htm": ""})
    folder = FolderSite(site, "https://example.com/", assume_extension=".html")
    list(folder.html_files())
    assert folder.file_for("https://example.com/") == "index.html"
    assert folder.file_for("https://example.com/about") == "about/index.html"
    assert folder.file_for("https://example.com/about/") == "about/index.html"
    assert folder.file_for("https://example.com/blog") == "blog.html"
    assert folder.file_for("https://example.com/docs/page.htm") == "docs/page.htm"
    assert folder.file_for("https://example.com/missing") is None
    assert folder.is_internal("https://www.example.com/about")
    assert not folder.is_internal("https://other.com/about")


def test_base_url_with_path_prefix(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": "", "a/index.html": ""})
    folder = FolderSite(site, "https://user.github.io/project/")
    list(folder.html_files())
    assert folder.file_for("https://user.github.io/project/a/") == "a/index.html"
    assert not folder.is_internal("https://user.github.io/other/")


def test_internal_links_fragments_and_resources(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "index.html": (
            "<html><head><link rel='stylesheet' href='/style.css'><link rel='icon' href='/nope.ico'></head><body>\n"
            "<a href='/about/#team'>ok</a> <a href='/about#legacy'>named anchor</a>\n"
            "<a href='about/#gone'>bad fragment</a>\n"
            "<a href='https://kopisenja.id/missing/'>absolute internal, missing</a>\n"
            "<a href='#top'>top</a> <a href='#local'>self</a> <div id='local'></div>\n"
            "<img src='img/a.png'><script src='/app.js'></script>\n"
            "<a href='mailto:a@b'>bad mail</a> <a href='mailto:halo@kopisenja.id?subject=Hi'>ok</a>\n"
            "<a href='tel:12'>bad tel</a> <a href='tel:+62-21-555-0123'>ok</a>\n"
            "</body></html>"
        ),
        "about/index.html": "<h1 id='team'>Team</h1><a name='legacy'></a>",
        "style.css": "",
        "img/a.png": "",
    })
    report = omnilinks.check(str(site), base_url="https://kopisenja.id", offline=True, use_cache=False)
    assert rules_at(report) == [
        ("link-fragment-missing", "index.html", 3, "https://kopisenja.id/about/#gone"),
        ("link-internal-missing", "index.html", 1, "https://kopisenja.id/nope.ico"),
        ("link-internal-missing", "index.html", 4, "https://kopisenja.id/missing/"),
        ("link-internal-missing", "index.html", 6, "https://kopisenja.id/app.js"),
        ("link-mailto-malformed", "index.html", 7, "mailto:a@b"),
        ("link-tel-malformed", "index.html", 8, "tel:12"),
    ]
    missing = next(f for f in report.findings if f.target == "https://kopisenja.id/missing/")
    assert missing.location.column == 10  # the column of the href value on its line
    assert missing.fix


def test_insecure_link_from_https_site(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": "<a href='http://example.org/x'>x</a>"})
    report = omnilinks.check(str(site), base_url="https://kopisenja.id", offline=True, use_cache=False)
    links = [f for f in report.findings if f.category == "link"]
    assert [f.rule for f in links] == ["link-insecure"]
    assert links[0].fix == "Link https://example.org/x instead."
    plain = omnilinks.check(str(site), base_url="http://kopisenja.id", offline=True, use_cache=False)
    assert [f for f in plain.findings if f.category == "link"] == []


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    import pytest

    from omnilinks.errors import OmnilinksError

    with pytest.raises(OmnilinksError, match="not a folder"):
        omnilinks.check(str(tmp_path / "nope"), offline=True)
