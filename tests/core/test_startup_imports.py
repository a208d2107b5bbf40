"""An offline check of a small site imports only what it uses (issue 16: start-up time).

Not timed: the modules a run leaves in `sys.modules` say what it loaded. Each name below is
a library or an omnilinks module that such a run has no use for and that costs start-up time;
importing one at the top of a module again puts that cost back on every run.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from omnilinks.channels import ADAPTER_MODULES

# Runs `omnilinks check` in-process, then writes the names of the loaded modules beside the report.
DRIVER = """
import json, sys
from omnilinks.cli import main
code = 0
try:
    main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""

PAGE = """<!doctype html><html lang="en"><head><title>Kopi Senja</title>
<meta name="description" content="Coffee by the river"></head>
<body><nav><a href="#menu">Menu</a> <a href="about.html">About</a></nav>
<h1>Kopi Senja</h1><p id="menu">Coffee, tea and cake, every day.</p></body></html>
"""

NOT_LOADED = [
    # The HTTP stack: an offline run makes no request, so its session is never made.
    "requests", "urllib3", "ssl", "http.client",
    # Parsers of what the page does not have: a phone number, an e-mail address, images, odd encodings.
    "phonenumbers", "email_validator", "PIL", "bs4", "anyascii",
    # The Public Suffix List: no link to another site, so no two sites are compared.
    "publicsuffixlist",
    # No omnilinks.yml: no YAML.
    "yaml",
    # The subcommands and the faces above the pipeline.
    "omnilinks.commands", "omnilinks.audit", "omnilinks.plugins",
    # The formats not asked for (text is).
    "omnilinks.report.formats.json", "omnilinks.report.formats.html", "omnilinks.report.formats.sarif",
    "omnilinks.report.formats.junit", "omnilinks.report.formats.markdown", "omnilinks.report.formats.github",
    # The recorded-response transport and the socket guard.
    "omnilinks.fetch.replay", "omnilinks.fetch.guard",
    # What only a crawl, a big folder or a netlify.toml needs: robots.txt, worker processes, TOML.
    "protego", "multiprocessing", "tomllib",
    # The thread pool: nothing to fetch, nothing to run concurrently.
    "concurrent.futures",
    # The channel adapters: the site links no other site, so no URL is classified.
    *(f"omnilinks.channels.{module}" for module in ADAPTER_MODULES),
]


def clean_env(tmp_path: Path) -> dict[str, str]:
    """This environment, less what would load modules of its own in the child (a coverage run's hooks)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COV_CORE_", "COVERAGE_"))}
    return {**env, "OMNILINKS_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}


def loaded_modules(tmp_path: Path, *args: str) -> tuple[object, set[str]]:
    out = tmp_path / "modules.json"
    env = clean_env(tmp_path)
    subprocess.run([sys.executable, "-c", DRIVER, str(out), *args], cwd=tmp_path, env=env, check=True,
                   capture_output=True, timeout=120)
    data = json.loads(out.read_text(encoding="utf-8"))
    return data["code"], set(data["modules"])


@pytest.fixture
def one_page_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "about.html").write_text(PAGE.replace("Kopi Senja</h1>", "About us</h1>"), encoding="utf-8")
    return site


def test_offline_check_of_a_small_site_loads_only_what_it_uses(tmp_path: Path, one_page_site: Path) -> None:
    code, modules = loaded_modules(tmp_path, "check", str(one_page_site), "--offline", "--no-progress")
    assert code == 0
    assert {"omnilinks.pipeline", "omnilinks.report.formats.text"} <= modules  # the check did run
    loaded = [name for name in NOT_LOADED if name in modules]
    assert loaded == [], f"an offline check of a small site imported {loaded}"


def test_the_formats_asked_for_are_the_ones_loaded(tmp_path: Path, one_page_site: Path) -> None:
    code, modules = loaded_modules(tmp_path, "check", str(one_page_site), "--offline", "--no-progress",
                                   "--format", "json", "--report", f"sarif={tmp_path / 'out.sarif'}")
    assert code == 0
    formats = {m.rsplit(".", 1)[1] for m in modules if m.startswith("omnilinks.report.formats.")}
    assert formats == {"json", "sarif"}
    assert (tmp_path / "out.sarif").is_file()


def test_other_subcommands_are_still_listed_and_found(tmp_path: Path) -> None:
    """The subcommands load when asked for: `--help` lists them all, and `rules` runs."""
    env = clean_env(tmp_path)
    shown = subprocess.run([sys.executable, "-m", "omnilinks", "--help"], env=env, capture_output=True, text=True,
                           check=True, timeout=120).stdout
    for name in ("audit", "check", "demo", "init", "merge", "rules"):
        assert f"  {name} " in shown
    rules = subprocess.run([sys.executable, "-m", "omnilinks", "rules", "link-broken"], env=env, capture_output=True,
                           text=True, timeout=120)
    assert rules.returncode == 0 and "link-broken" in rules.stdout


def test_what_a_page_needs_is_still_loaded(tmp_path: Path) -> None:
    """The other side: a page with a phone number and a channel link loads their parsers on demand."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE.replace(
        "every day.</p>", 'every day. Call <a href="tel:+62215550123">021 555 0123</a>.</p>'
        '<a href="https://www.instagram.com/kopisenja/">Instagram</a>'), encoding="utf-8")
    code, modules = loaded_modules(tmp_path, "check", str(site), "--offline", "--no-progress")
    assert code in (0, 1)
    assert {"phonenumbers", "omnilinks.channels.instagram", "omnilinks.channels.generic"} <= modules
    assert "requests" not in modules


def test_the_package_alone_imports_no_records_and_still_exports_them(tmp_path: Path) -> None:
    """`import omnilinks` (the command's entry point, a plugin being found) loads nothing heavy; the
    records it exports load on first use."""
    probe = ("import sys, omnilinks; before = 'omnilinks.models' in sys.modules; "
             "from omnilinks import Finding, Page; import omnilinks.models as m; "
             "print(before, Finding is m.Finding, omnilinks.Report is m.Report, callable(omnilinks.check))")
    shown = subprocess.run([sys.executable, "-c", probe], env=clean_env(tmp_path), capture_output=True, text=True,
                           check=True, timeout=120).stdout.split()
    assert shown == ["False", "True", "True", "True"]
    with pytest.raises(AttributeError):
        import omnilinks

        omnilinks.NoSuchThing  # noqa: B018


def test_the_command_is_the_entry_point_the_project_declares() -> None:
    import omnilinks.__main__ as entry

    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '\n[project.scripts]\nomnilinks = "omnilinks.__main__:console"\n' in pyproject  # (no tomllib on 3.10)
    assert callable(entry.console)
