"""The MkDocs plugin against real `mkdocs build` runs of a small site."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

mkdocs_plugins = pytest.importorskip("mkdocs.plugins", reason="mkdocs is in the test extra: pip install -e '.[test]'")
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

from omnilinks.plugins.mkdocs import OmnilinksPlugin  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
ENTRY_POINT = "omnilinks.plugins.mkdocs:OmnilinksPlugin"
INDEX_MD = """# Kopi Senja

Our [menu](menu.md) and the <a href="ghost/">ghost page</a>.

Opening hours are on the [menu page](menu.md#jam-buka-harian).
"""
MENU_MD = """# Menu

## Espresso

Kopi susu gula aren.
"""


def make_site(root: Path, plugin_options: str = "", broken: bool = True) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(INDEX_MD if broken else "# Kopi Senja\n\nOur [menu](menu.md).\n", encoding="utf-8")
    (docs / "menu.md").write_text(MENU_MD, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Kopi Senja Docs\nsite_url: https://docs.kopisenja.example.id/\n"
        f"plugins:\n  - omnilinks{plugin_options}\n", encoding="utf-8")
    # A docs site has no business structured data; the link checks are what it wants.
    (root / "omnilinks.yml").write_text("ignore: [schema]\n", encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture
def registered(monkeypatch):
    """Register the entry point the way pyproject.toml does, also when omnilinks is not pip-installed."""
    real = mkdocs_plugins.get_plugins

    def get_plugins():
        plugins = dict(real())
        plugins["omnilinks"] = EntryPoint("omnilinks", ENTRY_POINT, "mkdocs.plugins")
        return plugins

    monkeypatch.setattr(mkdocs_plugins, "get_plugins", get_plugins)


def run_build(config_file: Path, monkeypatch, strict: bool = False) -> None:
    monkeypatch.chdir(config_file.parent)
    build(load_config(config_file=str(config_file), strict=strict))


def test_pyproject_declares_the_entry_point():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points."mkdocs.plugins"]' in text and f'omnilinks = "{ENTRY_POINT}"' in text
    assert EntryPoint("omnilinks", ENTRY_POINT, "mkdocs.plugins").load() is OmnilinksPlugin


def test_broken_link_is_a_warning_naming_the_md_page(tmp_path, monkeypatch, registered, caplog):
    config = make_site(tmp_path, ":\n      fail_on: never")
    run_build(config, monkeypatch)
    warnings = [r.getMessage().removeprefix("omnilinks: ") for r in caplog.records
                if r.levelname == "WARNING" and "omnilinks" in r.name]
    ghost = [w for w in warnings if "ghost/" in w]
    assert ghost and ghost[0].startswith("docs/index.md:3 (built site/index.html")
    assert "link-internal-missing" in ghost[0] and "Fix:" in ghost[0]
    fragment = [w for w in warnings if "#jam-buka-harian" in w]
    assert fragment and fragment[0].startswith("docs/index.md:5") and "link-fragment-missing" in fragment[0]
    assert not [w for w in warnings if "docs/menu.md" in w]


def test_strict_build_fails_on_the_findings(tmp_path, monkeypatch, registered):
    config = make_site(tmp_path)
    with pytest.raises(Abort, match="strict mode"):
        run_build(config, monkeypatch, strict=True)


def plugin_errors(caplog) -> list[str]:
    # build() logs a PluginError and turns it into Abort("Aborted with a BuildError!")
    return [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]


def test_fail_on_raises_plugin_error_without_strict(tmp_path, monkeypatch, registered, caplog):
    config = make_site(tmp_path, ":\n      fail_on: error")
    with pytest.raises(Abort, match="BuildError"):
        run_build(config, monkeypatch)
    assert plugin_errors(caplog) == ["omnilinks: 2 errors, 0 warnings in the built site (fail_on: error)"]


def test_clean_site_builds_and_disabled_plugin_checks_nothing(tmp_path, monkeypatch, registered, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs")
    run_build(make_site(tmp_path / "clean", broken=False), monkeypatch, strict=True)
    assert any("0 errors" in r.getMessage() for r in caplog.records if "omnilinks" in r.name)
    caplog.clear()
    run_build(make_site(tmp_path / "off", ":\n      enabled: false"), monkeypatch, strict=True)
    assert not [r for r in caplog.records if "omnilinks" in r.name]


def test_offline_by_default_and_config_option(tmp_path, monkeypatch, registered, caplog):
    """An external link is not fetched by default; `config` names the omnilinks.yml (its ignore applies)."""
    config = make_site(tmp_path, ":\n      config: checks/omnilinks.yml")
    (tmp_path / "docs" / "index.md").write_text(INDEX_MD + "\n[Shop](https://shop.kopisenja.example.id/)\n",
                                                encoding="utf-8")
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "omnilinks.yml").write_text("ignore: [link-fragment-missing, schema]\n", encoding="utf-8")
    with pytest.raises(Abort, match="BuildError"):
        run_build(config, monkeypatch)
    assert plugin_errors(caplog) == ["omnilinks: 1 errors, 0 warnings in the built site (fail_on: error)"]
    assert not [r for r in caplog.records if "shop.kopisenja" in r.getMessage()]


def test_missing_config_is_a_plugin_error(tmp_path, monkeypatch, registered, caplog):
    config = make_site(tmp_path, ":\n      config: nope.yml")
    with pytest.raises(Abort, match="BuildError"):
        run_build(config, monkeypatch)
    assert "omnilinks config nope.yml: file not found" in plugin_errors(caplog)[0]


def test_mkdocs_cli_strict_exit_code(tmp_path):
    """The real `mkdocs build --strict` command finds the plugin through its entry point."""
    dist = tmp_path / "dist"
    info = dist / "omnilinks_plugin_test-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: omnilinks-plugin-test\nVersion: 0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[mkdocs.plugins]\nomnilinks = {ENTRY_POINT}\n", encoding="utf-8")
    project = tmp_path / "project"
    make_site(project)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(dist), str(REPO)])}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    output = done.stdout + done.stderr
    assert "docs/index.md:3" in output and "Aborted with 2 warnings in strict mode" in output
