"""Answers that stall after the status line: a cut response is never a fine one."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from hostile_servers import Handler, Route, drip, drip_headers, serve

from omnilinks import check

REPO = Path(__file__).resolve().parents[2]


def get_only(route: Route) -> Route:
    """HEAD refused, as many servers do: the link checker has to GET, and so read the stall."""
    def answer(handler: Handler) -> None:
        if handler.command == "HEAD":
            return handler.answer(405, b"")
        route(handler)
    return answer


def page(*hrefs: str) -> Route:
    links = "".join(f'<a href="{href}">{index}</a>' for index, href in enumerate(hrefs))
    return lambda h: h.answer(200, f"<html><body>{links}</body></html>".encode())


def config(folder: Path) -> str:
    (folder / "omnilinks.yml").write_text("check: {retries: 0, timeout: 1, deadline: 60}\n")
    return str(folder / "omnilinks.yml")


def test_an_external_link_whose_body_or_headers_stall_is_unreachable(tmp_path: Path) -> None:
    with serve({"/body": get_only(drip(b"<p>", 0.3)), "/headers": get_only(drip_headers(0.3)),
                "/fine": lambda h: h.answer(200, b"<p>ok</p>")}) as other:
        urls = {name: other.url(f"/{name}") for name in ("body", "headers", "fine")}
        with serve({"/": page(*urls.values())}) as site:
            report = check(site.url("/"), use_cache=False, allow_private=True, config_path=config(tmp_path))
    found = {f.target: f for f in report.findings if f.category == "link"}
    for name in ("body", "headers"):
        assert found[urls[name]].rule == "link-unreachable", name
        assert found[urls[name]].actual == "timeout"
        assert "no complete answer within 2 s" in found[urls[name]].message
    assert urls["fine"] not in found


def test_a_crawled_page_that_stalls_is_a_failure_not_a_silence(tmp_path: Path) -> None:
    with serve({"/": page("/slow-body", "/slow-headers", "/ok"), "/slow-body": drip(b"<p>", 0.3),
                "/slow-headers": drip_headers(0.3), "/ok": page("/")}) as site:
        report = check(site.url("/"), use_cache=False, allow_private=True, config_path=config(tmp_path))
    found = {f.target: f.rule for f in report.findings}
    assert found[site.url("/slow-body")] == "link-unreachable"
    assert found[site.url("/slow-headers")] == "link-unreachable"
    assert site.url("/ok") not in found
    assert report.pages == 2  # "/" and "/ok"; the cut pages were not parsed as if whole


def test_a_start_page_that_stalls_fails_the_run_from_the_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMNILINKS_CACHE_DIR": str(tmp_path / "cache")}
    for route, actual in ((drip(b"<html>", 0.3), "timeout"), (lambda h: h.answer(503, b"down"), "503")):
        with serve({"/": route}) as site:
            started = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "omnilinks", "check", site.url("/"), "--no-progress", "--config",
                 config(tmp_path), "--format", "json", "--output", str(tmp_path / "report.json")],
                cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 1, done.stderr
        assert time.monotonic() - started < 30
        report = json.loads((tmp_path / "report.json").read_text())
        [finding] = [f for f in report["findings"] if f["rule"] == "page-unreachable"]
        assert finding["target"] == site.url("/") and finding["actual"] == actual
