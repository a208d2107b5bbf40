from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from omnilinks.cli import cli, main


def site_with(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "index.html").write_text(f"<html><body>{body}</body></html>")
    return folder


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args)
    code = result.exit_code
    return code, result.stdout, result.stderr


def exit_code(args: list[str]) -> int:
    with pytest.raises(SystemExit) as caught:
        main(args)
    return int(caught.value.code or 0)


def test_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    clean = site_with(tmp_path, "<a href='/'>home</a>")
    assert exit_code(["check", str(clean), "--offline", "--no-progress"]) == 0
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "index.html").write_text("<a href='/nope'>x</a> <a href='http://example.org/'>insecure</a>")
    assert exit_code(["check", str(broken), "--offline", "--base-url", "https://a.id"]) == 1
    assert exit_code(["check", str(broken), "--offline", "--fail-on", "never"]) == 0
    insecure_only = tmp_path / "insecure"
    insecure_only.mkdir()
    (insecure_only / "index.html").write_text("<a href='http://example.org/'>insecure</a>")
    assert exit_code(["check", str(insecure_only), "--offline", "--base-url", "https://a.id"]) == 0
    assert exit_code(["check", str(insecure_only), "--offline", "--base-url", "https://a.id", "--fail-on", "warning"]) == 1



def test_the_report_carries_the_settings_it_ran_with_and_the_cli_exits_by_them(tmp_path: Path) -> None:
    from omnilinks.pipeline import RunOptions
    from omnilinks.pipeline import run as run_pipeline

    insecure_only = site_with(tmp_path, "<a href='http://example.org/'>insecure</a>")
    config = tmp_path / "omnilinks.yml"
    config.write_text("site:\n  url: https://a.id\ncheck:\n  fail_on: warning\n", encoding="utf-8")
    report = run_pipeline(str(insecure_only), RunOptions(config_path=str(config), offline=True, use_cache=False))
    assert (report.fail_on, report.offline) == ("warning", True) and report.counts()["warning"] >= 1
    assert report.fails() and not report.fails("error")
    assert exit_code(["check", str(insecure_only), "--config", str(config), "--offline", "--no-progress"]) == 1
    assert exit_code(["check", str(insecure_only), "--config", str(config), "--offline", "--no-progress",
                      "--fail-on", "error"]) == 0
    config.write_text("site:\n  url: https://a.id\n", encoding="utf-8")
    assert run_pipeline(str(insecure_only), RunOptions(config_path=str(config), offline=True,
                                                       use_cache=False)).fail_on == "error"

def test_json_report_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = site_with(tmp_path, "<a href='/nope'>x</a>")
    assert exit_code(["check", str(folder), "--offline", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert err == ""  # progress is hidden when stderr is not a terminal
    assert report["schema_version"] == 1
    assert set(report) >= {"schema_version", "tool", "target", "summary", "identity", "channels", "findings"}
    assert report["tool"]["name"] == "omnilinks"
    assert set(report["summary"]) == {"error", "warning", "notice", "pages", "links"}
    assert (report["summary"]["error"], report["summary"]["pages"], report["summary"]["links"]) == (1, 1, 1)
    finding = next(f for f in report["findings"] if f["severity"] == "error")
    assert set(finding) >= {"rule", "category", "severity", "message", "location", "target", "platform", "field",
                            "expected", "actual", "fix"}
    assert set(finding["location"]) == {"path", "line", "column", "url"}
    assert finding["rule"] == "link-internal-missing" and finding["category"] == "link"
    assert finding["location"]["line"] == 1


def test_output_and_extra_reports_are_written(tmp_path: Path) -> None:
    folder = site_with(tmp_path, "<a href='/nope'>x</a>")
    out = tmp_path / "out" / "report.json"
    extra = tmp_path / "report.txt"
    assert exit_code(["check", str(folder), "--offline", "--format", "json", "--output", str(out),
                      "--report", f"text={extra}"]) == 1
    assert json.loads(out.read_text())["summary"]["error"] == 1
    assert "link-internal-missing" in extra.read_text()
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def test_bad_report_argument_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = site_with(tmp_path, "")
    assert exit_code(["check", str(folder), "--offline", "--report", "nope=x"]) == 2
    assert "unknown format 'nope'" in capsys.readouterr().err


def test_demo_runs_offline_and_exits_0() -> None:
    code, out, _ = run(["demo", "--no-progress"])
    assert code == 0, out
    assert "link-broken" in out and "link-fragment-missing" in out
    assert "pages" in out.splitlines()[-1]


def test_python_dash_m_and_version() -> None:
    done = subprocess.run([sys.executable, "-m", "omnilinks", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("omnilinks, version")


def test_text_output_defuses_terminal_escapes(tmp_path: Path) -> None:
    folder = site_with(tmp_path, "<a href='/x\x1b[31mred'>x</a>")
    code, out, _ = run(["check", str(folder), "--offline", "--no-color"])
    assert code == 1
    assert "\x1b" not in out and "\\x1b" in out


def test_a_report_goes_to_stdout_in_few_big_writes_with_nothing_lost() -> None:
    from omnilinks.cli import _joined

    pieces = [f"piece {number} " * (number % 7) for number in range(3_000)]
    writes = list(_joined(iter(pieces), size=1_000))
    assert "".join(writes) == "".join(pieces)
    assert all(len(text) >= 1_000 for text in writes[:-1]) and len(writes) < len(pieces) // 10
    assert list(_joined(iter([]))) == [] and list(_joined(iter(["a", "b"]))) == ["ab"]
