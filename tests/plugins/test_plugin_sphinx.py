"""The Sphinx extension against real sphinx-build runs."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx", reason="sphinx is in the test extra: pip install -e '.[test]'")

REPO = Path(__file__).resolve().parents[2]
INDEX_RST = """Kopi Senja
==========

.. toctree::

   menu

See `the ghost page <ghost.html>`_ and `the opening hours <menu.html#jam-buka>`_.
"""
MENU_RST = "Menu\n====\n\nKopi susu gula aren.\n"


def make_project(root: Path, extra: str = "") -> Path:
    source = root / "docs"
    source.mkdir(parents=True)
    (source / "index.rst").write_text(INDEX_RST, encoding="utf-8")
    (source / "menu.rst").write_text(MENU_RST, encoding="utf-8")
    (source / "omnilinks.yml").write_text("ignore: [schema]\n", encoding="utf-8")
    (source / "conf.py").write_text(
        'project = "Kopi Senja"\nextensions = ["omnilinks.plugins.sphinx"]\n'
        f'html_baseurl = "https://docs.kopisenja.example.id/"\n{extra}\n', encoding="utf-8")
    return source


def sphinx_build(source: Path, *args: str) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "--no-color", *args, str(source),
                           str(source.parent / "build")], cwd=source.parent, env=env, capture_output=True,
                          text=True, timeout=60)
    return done.returncode, done.stdout + done.stderr


def test_warnings_are_located_at_the_rst_source_and_w_fails(tmp_path):
    source = make_project(tmp_path, 'omnilinks_fail_on = "never"')
    code, output = sphinx_build(source)
    assert code == 0, output
    lines = [line for line in output.splitlines() if "omnilinks:" in line]
    assert len(lines) == 2, output
    assert all(line.startswith(f"{source / 'index.rst'}: WARNING: omnilinks: ") for line in lines)
    assert any("ghost.html does not exist [link-internal-missing]" in line for line in lines)
    assert any("#jam-buka is not an id or anchor" in line for line in lines)
    code, output = sphinx_build(source, "-W")
    assert code == 1 and "link-internal-missing" in output


def test_fail_on_error_fails_the_build_without_w(tmp_path):
    code, output = sphinx_build(make_project(tmp_path))
    assert code != 0 and "omnilinks: 2 errors, 0 warnings in the built site (fail_on: error)" in output


def test_clean_disabled_and_bad_config(tmp_path):
    clean = make_project(tmp_path / "clean")
    (clean / "index.rst").write_text(INDEX_RST.split("See ")[0], encoding="utf-8")
    assert sphinx_build(clean, "-W")[0] == 0
    assert sphinx_build(make_project(tmp_path / "off", "omnilinks_enabled = False"), "-W")[0] == 0
    code, output = sphinx_build(make_project(tmp_path / "bad", 'omnilinks_config = "missing.yml"'))
    assert code != 0 and "omnilinks config missing.yml: file not found" in output
