"""Ctrl-C and SIGTERM: the report of what was checked so far is written, marked incomplete."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_servers import Handler, serve

REPO = Path(__file__).resolve().parents[2]


def slow_site(handler: Handler) -> None:
    """Every page links 20 more, each answered after a pause: a crawl that would take minutes."""
    name = handler.path.strip("/").removeprefix("p")
    if not name.isdigit() and name:
        return handler.answer(404, b"")  # robots.txt, sitemap.xml
    number = int(name or 0)
    links = "".join(f'<a href="/p{number * 20 + i}">p</a>' for i in range(1, 21))
    time.sleep(0.2)
    handler.answer(200, f"<html><body>{links}</body></html>".encode())


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_writes_the_partial_report_and_exits_with_its_code(tmp_path: Path, signum: int, code: int) -> None:
    output, extra = tmp_path / "report.json", tmp_path / "also.json"
    output.write_text('{"old": "report"}')
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMNILINKS_CACHE_DIR": str(tmp_path / "cache")}
    with serve(fallback=slow_site) as site:
        process = subprocess.Popen(
            [sys.executable, "-m", "omnilinks", "check", site.url("/"), "--no-cache", "--no-progress",
             "--format", "json", "--output", str(output), "--report", f"json={extra}"],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        begun = time.monotonic()
        deadline = begun + 15
        while site.count < 6 and time.monotonic() < deadline:  # the crawl is well under way
            time.sleep(0.05)
        process.send_signal(signum)
        sent = time.monotonic()
        try:
            _, err = process.communicate(timeout=10)
        finally:
            process.kill()
        stopped_in = time.monotonic() - sent
    assert process.returncode == code, err.decode()
    assert stopped_in < 5, f"took {stopped_in:.1f} s to stop"
    assert b"interrupted" in err
    for path in (output, extra):
        report = json.loads(path.read_text())
        assert report["complete"] is False
        assert report["summary"]["pages"] >= 1
    assert not list(tmp_path.glob(".*.tmp"))
