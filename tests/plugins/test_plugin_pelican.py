"""The Pelican namespace plugin against real Pelican builds."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pelican.plugins.signals", reason="pelican is in the test extra: pip install -e '.[test]'")

REPO = Path(__file__).resolve().parents[2]
PLUGIN_PATH = REPO / "pelican" / "plugins"  # found by Pelican's own loader, as when pip-installed
POST = """Title: Menu baru
Date: 2024-05-01
Category: berita

Lihat [halaman hilang](https://blog.kopisenja.example.id/tidak-ada.html) dan
[jam buka](https://blog.kopisenja.example.id/pages/tentang.html#jam-buka).
"""
ABOUT = "Title: Tentang\n\nKami buka setiap hari.\n"


def make_site(root: Path, extra: str = "") -> Path:
    (root / "content" / "pages").mkdir(parents=True)
    (root / "content" / "menu-baru.md").write_text(POST, encoding="utf-8")
    (root / "content" / "pages" / "tentang.md").write_text(ABOUT, encoding="utf-8")
    (root / "omnilinks.yml").write_text("ignore: [schema]\n", encoding="utf-8")
    settings = root / "pelicanconf.py"
    settings.write_text(f"""
SITENAME = "Kopi Senja"
SITEURL = "https://blog.kopisenja.example.id"
PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "Asia/Jakarta"
PLUGIN_PATHS = [{str(PLUGIN_PATH)!r}]
PLUGINS = ["pelican.plugins.omnilinks"]
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
{extra}
""", encoding="utf-8")
    return settings


def build(settings: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "400", "TERM": "dumb"}
    return subprocess.run([sys.executable, "-m", "pelican", "content", "-s", str(settings), *args],
                          cwd=settings.parent, env=env, capture_output=True, text=True, timeout=60)


def test_findings_name_the_markdown_source_and_fail_the_build(tmp_path):
    done = build(make_site(tmp_path))
    output = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 1, output
    assert "omnilinks: content/menu-baru.md (built output/menu-baru.html" in output
    assert "tidak-ada.html does not exist [link-internal-missing]" in output
    assert "#jam-buka is not an id or anchor" in output
    # The post's summary is repeated on the index and category pages: those have no one source, so the
    # built file is named; 2 findings × (post, index, category) = 6.
    assert "omnilinks: output/index.html:" in output
    assert "omnilinks: 6 errors, 0 warnings in the built site (fail_on: error)" in output


def test_fail_on_never_passes_but_fatal_warnings_fails(tmp_path):
    settings = make_site(tmp_path, 'OMNILINKS_FAIL_ON = "never"')
    done = build(settings)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "link-internal-missing" in done.stdout + done.stderr
    assert build(settings, "--fatal", "warnings").returncode == 1


def test_disabled_and_bad_setting(tmp_path):
    done = build(make_site(tmp_path / "off", "OMNILINKS_ENABLED = False"))
    assert done.returncode == 0 and "omnilinks" not in done.stdout + done.stderr
    done = build(make_site(tmp_path / "bad", 'OMNILINKS_FAIL_ON = "sometimes"'))
    output = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 1 and "OMNILINKS_FAIL_ON: expected one of error, warning, never" in output


def test_in_process_signal_handler_maps_sources(tmp_path, monkeypatch, caplog):
    """The plugin module's own API, run inside Pelican in this process."""
    from pelican.settings import read_settings

    from pelican import Pelican

    settings_file = make_site(tmp_path, 'OMNILINKS_FAIL_ON = "never"')
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.INFO)
    Pelican(read_settings(str(settings_file))).run()
    warnings = [r.getMessage() for r in caplog.records if r.name == "pelican.plugins.omnilinks" and
                r.levelno == logging.WARNING]
    from_post = [w for w in warnings if w.startswith("omnilinks: content/menu-baru.md (built output/menu-baru.html")]
    assert len(warnings) == 6 and len(from_post) == 2
