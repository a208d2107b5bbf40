"""Folder mode: nothing outside the target is read, through file or folder symlinks; symlinks that stay
inside are followed without looping; each file is read up to check.max_body."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from omnilinks.cli import cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
SECRET = "<html><body><a href='https://secret.example/admin'>x</a><p>Telepon +44 20 7946 0958</p></body></html>"


def run(site: Path, *extra: str) -> dict:
    result = CliRunner().invoke(cli, ["check", str(site), "--offline", "--no-progress", "--format", "json",
                                      "--fail-on", "never", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def everything_read(report: dict) -> str:
    return json.dumps(report)


def test_symlinks_out_of_the_site_are_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text(SECRET)
    (outside / "private").mkdir()
    (outside / "private" / "index.html").write_text(SECRET)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<a href='secret.html'>s</a> <a href='private/'>p</a>")
    (site / "secret.html").symlink_to(outside / "secret.html")
    (site / "private").symlink_to(outside / "private", target_is_directory=True)
    (site / "up.html").symlink_to("../outside/secret.html")
    report = run(site)
    assert report["summary"]["pages"] == 1
    text = everything_read(report)
    assert "secret.example" not in text and "7946" not in text
    missing = {f["target"] for f in report["findings"] if f["rule"] == "link-internal-missing"}
    assert any(t.endswith("/secret.html") for t in missing) and any(t.endswith("/private/") for t in missing)


def test_symlinks_inside_the_site_are_followed_once_and_loops_end(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "docs" / "v1").mkdir(parents=True)
    (site / "index.html").write_text("<a href='latest/'>latest</a> <a href='home.html'>home</a>")
    (site / "docs" / "v1" / "index.html").write_text("<a href='../../index.html'>up</a>")
    (site / "latest").symlink_to(site / "docs" / "v1", target_is_directory=True)
    (site / "home.html").symlink_to("index.html")
    (site / "docs" / "v1" / "loop").symlink_to("..", target_is_directory=True)  # docs/v1/loop → docs
    (site / "docs" / "self").symlink_to(".", target_is_directory=True)
    report = run(site)
    assert report["summary"]["pages"] >= 3  # index, home (a link to index), docs/v1 or latest
    assert not any(f["rule"] == "link-internal-missing" for f in report["findings"]), report["findings"]


def test_each_file_is_read_up_to_max_body(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    padding = "<p>" + "x" * 1000 + "</p>\n"
    (site / "index.html").write_text("<a href='gone-early.html'>a</a>\n" + padding * 3000
                                     + "<a href='gone-late.html'>b</a>")
    (tmp_path / "omnilinks.yml").write_text("check: {max_body: 1048576}\n")
    report = run(site, "--config", str(tmp_path / "omnilinks.yml"))
    missing = {f["target"].rsplit("/", 1)[-1] for f in report["findings"] if f["rule"] == "link-internal-missing"}
    assert missing == {"gone-early.html"}  # the link after the first MiB was not read


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads chmod 000 folders")
def test_an_unreadable_folder_does_not_crash_the_walk(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "locked").mkdir(parents=True)
    (site / "locked" / "index.html").write_text("<p>hidden</p>")
    (site / "index.html").write_text("<a href='locked/'>l</a>")
    (site / "locked").chmod(0)
    try:
        report = run(site)
    finally:
        (site / "locked").chmod(0o755)
    assert report["summary"]["pages"] == 1
    [finding] = report["findings"]
    assert finding["rule"] == "page-unreachable" and "locked/" in finding["message"]


def test_a_folder_the_walk_is_refused_is_unreadable_not_missing(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """As the chmod 000 test above, for a run as root (which reads any folder): the listing is refused."""
    site = tmp_path / "site"
    (site / "locked" / "deeper").mkdir(parents=True)
    (site / "locked" / "deeper" / "index.html").write_text("<p>hidden</p>")
    (site / "index.html").write_text("<a href='locked/deeper/'>l</a> <a href='nowhere.html'>n</a>")
    real_scandir = os.scandir

    def refusing(path: object = ".") -> object:
        if os.fspath(path).endswith("locked"):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refusing)
    report = run(site)
    rules = {f["target"].removeprefix("http://localhost/"): f["rule"] for f in report["findings"]}
    assert rules == {"locked/deeper/": "page-unreachable", "nowhere.html": "link-internal-missing"}
    unreadable = next(f for f in report["findings"] if f["rule"] == "page-unreachable")
    assert "locked/" in unreadable["message"] and unreadable["actual"] == "unreadable"


def test_a_lattice_of_folder_symlinks_does_not_blow_up_the_walk(tmp_path: Path) -> None:
    import time

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>home</p>")
    for depth in range(12):  # d0/x, d0/y → d1; d1/x, d1/y → d2 …: 2**12 paths to d12 without a bound
        (site / f"d{depth}").mkdir()
        (site / f"d{depth}" / "index.html").write_text(f"<p>{depth}</p>")
    for depth in range(11):
        for name in ("x", "y"):
            (site / f"d{depth}" / name).symlink_to(site / f"d{depth + 1}", target_is_directory=True)
    started = time.monotonic()
    report = run(site)
    assert time.monotonic() - started < 20
    assert 13 <= report["summary"]["pages"] <= 13 * 5


@pytest.mark.skipif(sys.platform == "darwin", reason="APFS refuses file names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["text", "json", "github", "markdown", "html", "sarif", "junit"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_format(tmp_path: Path, fmt: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with open(os.fsencode(site) + b"/caf\xe9.html", "wb") as handle:
        handle.write(b"<a href='missing.html'>m</a>")
    (site / "index.html").write_text("<a href='caf%E9.html'>caf\u00e9</a>")
    output = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(cli, ["check", str(site), "--offline", "--no-progress", "--format", fmt,
                                      "--output", str(output)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    text = output.read_text(encoding="utf-8")
    assert any(name in text for name in ("caf\\xe9.html", "caf\\\\xe9.html", "caf%5Cxe9.html"))  # json doubles, sarif encodes
    assert "missing.html" in text
    stdout = CliRunner().invoke(cli, ["check", str(site), "--offline", "--no-progress", "--format", fmt])
    assert stdout.exit_code == 1 and "missing.html" in stdout.stdout
