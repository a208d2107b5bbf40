"""`omnilinks init`: a starting omnilinks.yml from what the site says."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from identity_helpers import FIXTURES

import omnilinks.commands  # noqa: F401  (registers init)
from omnilinks.cli import cli
from omnilinks.config import load_config


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    target = tmp_path / "public"
    shutil.copytree(FIXTURES / "harbor-bakery-en", target)
    return target


def test_init_writes_a_config_that_loads(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "omnilinks.yml"
    result = CliRunner().invoke(cli, ["init", str(site), "--output", str(out), "--base-url", "https://harborbakery.co.id"])
    assert result.exit_code == 0, result.output
    config = load_config(out)
    assert config.site_url == "https://harborbakery.co.id"
    assert config.brand["name"] == "Harbor Bakery"
    assert config.brand["phone"] == "+62 361 975123"
    assert config.brand["whatsapp"] == "+62 812-3456-7890"
    assert config.brand["email"] == "hello@harborbakery.co.id"
    assert config.brand["hours"] == "Mo-Su 07:00-21:00"
    assert config.brand["country"] == "ID"
    assert [c.url for c in config.channels] == ["https://www.instagram.com/harborbakery/"]
    assert out.read_text(encoding="utf-8").startswith("# omnilinks.yml written by `omnilinks init`")


def test_written_config_makes_the_site_check_clean(site: Path) -> None:
    out = site / "omnilinks.yml"
    assert CliRunner().invoke(cli, ["init", str(site), "-o", str(out)]).exit_code == 0
    import omnilinks

    report = omnilinks.check(str(site), offline=True, use_cache=False)
    assert report.identity.inferred == ()
    assert [f.rule for f in report.findings if f.rule.startswith(("nap-", "schema-", "brand-"))
            and not f.rule.startswith(("brand-preview-", "brand-logo-"))] == []


def test_init_never_overwrites_without_force(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "omnilinks.yml"
    out.write_text("brand: {name: Mine}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(site), "-o", str(out)])
    assert result.exit_code == 2
    assert "already exists; use --force" in result.output  # click's runner shows stderr in output
    assert out.read_text(encoding="utf-8") == "brand: {name: Mine}\n"
    forced = CliRunner().invoke(cli, ["init", str(site), "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert load_config(out).brand["name"] == "Harbor Bakery"


def test_init_defaults_to_the_working_directory(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "repo"
    work.mkdir()
    monkeypatch.chdir(work)
    assert CliRunner().invoke(cli, ["init", str(site)]).exit_code == 0
    assert load_config(work / "omnilinks.yml").brand["address"]


def test_init_on_a_site_without_facts_still_loads(tmp_path: Path) -> None:
    site = tmp_path / "bare"
    site.mkdir()
    (site / "index.html").write_text("<html><head><title>Hi</title></head><body><p>Hello</p></body></html>")
    out = tmp_path / "omnilinks.yml"
    assert CliRunner().invoke(cli, ["init", str(site), "-o", str(out)]).exit_code == 0
    config = load_config(out)
    assert config.brand == {"country": "ID"} and config.site_url is None
