"""Files: a broken or locked cache never stops a run, YAML loads safely, reports are written atomically."""
from __future__ import annotations

import json
import logging
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from omnilinks.cli import cli, emit
from omnilinks.fetch.cache import ResultCache
from omnilinks.report import FORMATS, write_atomic
from omnilinks.report.base import Format


def test_a_corrupted_cache_file_is_rebuilt_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "results.sqlite").write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING, logger="omnilinks.cache"):
        cache = ResultCache(tmp_path)
    assert cache.warning and "rebuilt" in cache.warning
    assert "rebuilt" in caplog.text
    cache.put("check:https://a.id/", {"final_url": "https://a.id/", "status": 200, "redirects": []})
    assert cache.get("check:https://a.id/")["status"] == 200
    cache.close()
    assert ResultCache(tmp_path).get("check:https://a.id/") is not None


def test_a_locked_cache_is_left_alone_and_the_run_goes_on(tmp_path: Path) -> None:
    first = ResultCache(tmp_path)
    first.put("k", {"final_url": "u", "status": 200, "redirects": []})
    holder = sqlite3.connect(tmp_path / "results.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        second = ResultCache(tmp_path, lock_timeout=0.2)
        assert second.get("k") is None and second.warning and "locked" in second.warning
        second.put("k2", {"final_url": "u", "status": 200, "redirects": []})  # no error, no wait
        assert time.monotonic() - started < 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert ResultCache(tmp_path).get("k") is not None  # the other run's file was not deleted


def test_a_cache_that_fails_mid_run_is_dropped_once(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, lock_timeout=0.2)
    holder = sqlite3.connect(tmp_path / "results.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        for index in range(50):
            cache.put(f"k{index}", {"final_url": "u", "status": 200, "redirects": []})
            cache.get(f"k{index}")
        assert time.monotonic() - started < 2  # one wait on the lock, not fifty
        assert cache.warning and "continuing without it" in cache.warning
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_garbage_rows_are_misses(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    db = sqlite3.connect(tmp_path / "results.sqlite", isolation_level=None)
    db.execute("INSERT INTO results VALUES ('a', ?, '[1,2]'), ('b', 'soon', '{}'), ('c', ?, '{not json')",
               (time.time(), time.time()))
    db.close()
    assert cache.get("a") is None and cache.get("b") is None and cache.get("c") is None


def test_the_cli_survives_a_corrupted_cache_and_says_so(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "results.sqlite").write_bytes(b"\x00garbage" * 512)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<a href='/'>home</a>")
    env = {**os.environ, "OMNILINKS_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-m", "omnilinks", "check", str(site), "--offline", "--fail-on", "never"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "warning: cache" in done.stderr and "rebuilt" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("payload", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "url: !!python/object/apply:subprocess.check_output [['touch', '{marker}']]",
])
def test_yaml_tags_that_run_code_are_refused_with_exit_2(tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "pwned"
    config = tmp_path / "omnilinks.yml"
    config.write_text(f"site:\n  url: https://a.id\nbrand:\n  name: {payload.format(marker=marker)}\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>hi</p>")
    result = CliRunner().invoke(cli, ["check", str(site), "--offline", "--config", str(config)],
                                standalone_mode=False)
    from omnilinks.errors import OmnilinksError

    assert isinstance(result.exception, OmnilinksError) and "omnilinks.yml" in str(result.exception)
    assert not marker.exists()


def test_yaml_alias_bombs_do_not_hang(tmp_path: Path) -> None:
    from omnilinks.config import load_config
    from omnilinks.errors import ConfigError

    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, 9)]
    for place in ("ignore: *a8", "brand:\n  aliases: *a8", "brand:\n  hours: *a8"):
        config = tmp_path / "omnilinks.yml"
        config.write_text("\n".join(lines) + "\n" + place + "\n")
        started = time.monotonic()
        with pytest.raises(ConfigError):
            load_config(config)
        assert time.monotonic() - started < 2


def test_an_existing_report_is_never_left_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from omnilinks.models import Identity, Report

    report = Report(target="t", findings=(), channels=(), identity=Identity(), pages=1, links=0, version="0")
    path = tmp_path / "report.json"
    path.write_text('{"previous": true}\n')

    def broken(*_: object) -> str:
        raise RuntimeError("render failed half-way")

    monkeypatch.setitem(FORMATS, "json", Format("json", ".json", "broken", broken))
    with pytest.raises(RuntimeError):
        emit(report, "json", str(path), [], None)
    assert json.loads(path.read_text()) == {"previous": True}

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", no_space)
    with pytest.raises(OSError):
        write_atomic(path, "{" + '"x": 1, ' * 100_000 + "}")
    assert json.loads(path.read_text()) == {"previous": True}
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temp file left behind


@pytest.mark.parametrize("line", ["output: /tmp/elsewhere.json", "check:\n  cache_dir: /etc", "site:\n  folder: /",
                                  "report: {json: ../../x.json}", "include: /etc/passwd"])
def test_a_config_cannot_name_paths_to_read_or_write(tmp_path: Path, line: str) -> None:
    from omnilinks.config import load_config
    from omnilinks.errors import ConfigError

    config = tmp_path / "omnilinks.yml"
    config.write_text(line + "\n")
    with pytest.raises(ConfigError, match="unknown key"):
        load_config(config)
