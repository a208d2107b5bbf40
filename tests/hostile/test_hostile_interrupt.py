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


def big_folder(root: Path, pages: int = 1500) -> Path:
    """A folder site whose every stage (reading, identity, rules) takes a noticeable time."""
    site = root / "site"
    site.mkdir()
    for i in range(pages):
        links = "".join(f'<a href="p{(i * 7 + j) % pages}.html#s{j}">x</a><a href="https://ext{j}.example/p{i % 50}">e</a>'
                        for j in range(25))
        (site / f"p{i}.html").write_text(
            f"<html><head><title>Halaman {i} | Kopi Senyap {i % 37}</title></head><body><h2 id='s{i % 25}'>h</h2>"
            f"{links}<p>Telepon 0812-3456-{i % 10000:04d}, toko{i % 3}@kopi.example</p></body></html>")
    (site / "index.html").write_text('<a href="p0.html">p</a>')
    aliases = ", ".join(f"Kopi Senja Cabang {i}" for i in range(100))
    (root / "omnilinks.yml").write_text(f"brand:\n  name: Kopi Senja\n  aliases: [{aliases}]\n")
    return site


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_is_honoured_within_a_second_or_so_in_every_stage(tmp_path: Path) -> None:
    site = big_folder(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMNILINKS_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "omnilinks", "check", str(site), "--config", str(tmp_path / "omnilinks.yml"),
               "--offline", "--no-progress", "--format", "json", "--output", str(tmp_path / "report.json")]
    subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, timeout=600)  # warm: bytecode compiled
    started = time.monotonic()
    subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, timeout=600)
    whole = time.monotonic() - started
    incomplete = 0
    for share in (0.3, 0.6, 0.85):  # reading the files, then comparing, then the rules
        (tmp_path / "report.json").unlink(missing_ok=True)
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(whole * share)
        if process.poll() is not None:
            continue  # this run was faster than the measured one: nothing to interrupt
        process.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        _, err = process.communicate(timeout=60)
        stopped_in = time.monotonic() - sent
        report = tmp_path / "report.json"
        if process.returncode == -signal.SIGTERM and report.exists() and json.loads(report.read_text())["complete"]:
            continue  # the signal came after the finished run had written its report and let go of the signals
        assert process.returncode == 143, err.decode()
        # Work stops within a second (0.5 s grace for the rules, a hard stop at 0.7 s); writing the partial
        # report of up to ~40,000 findings takes about a second more on a quiet machine (measured 0.4-2.9 s
        # from signal to exit). The margin is for a loaded CI machine; before the fix this took 3-9 s, and
        # 22 s with a long alias list.
        assert stopped_in < 4.5, f"took {stopped_in:.1f} s to stop at {share:.0%} of a {whole:.1f} s run"
        # complete is False, unless the signal came while the finished run's report was being written
        # (that waits for the report: it is whole, and says so).
        incomplete += json.loads((tmp_path / "report.json").read_text())["complete"] is False
    assert incomplete >= 1

def test_an_interrupted_crawl_keeps_the_failures_it_already_fetched() -> None:
    import threading

    from omnilinks.pipeline import RunOptions, run

    def site(handler: Handler) -> None:
        if handler.path.startswith("/rusak"):
            return handler.answer(503, b"down")
        if handler.path in ("/robots.txt", "/sitemap.xml"):
            return handler.answer(404, b"")
        time.sleep(0.3 if handler.path != "/" else 0)
        links = "".join(f'<a href="/rusak{i}">r</a><a href="/p{i}">p</a>' for i in range(10))
        handler.answer(200, f"<html><body>{links}</body></html>".encode())

    with serve(fallback=site) as server:
        cancel = threading.Event()
        fetched_failures = lambda: len({path for _, _, path in server.hits if path.startswith("/rusak")})  # noqa: E731
        threading.Thread(target=lambda: (time.sleep(0.2), [time.sleep(0.05) for _ in range(200)
                                                           if fetched_failures() < 10],
                                       time.sleep(0.4), cancel.set()),  # their first answers are in
                         daemon=True).start()
        report = run(server.url("/"), RunOptions(use_cache=False, allow_private=True, cancel=cancel))
    assert report.complete is False
    broken = {f.target for f in report.findings if f.rule == "link-broken"}
    assert {server.url(f"/rusak{i}") for i in range(10)} <= broken
    assert not any("page or depth limit" in note for note in report.notes)


def test_an_interrupted_audit_portfolio_says_it_is_incomplete(tmp_path: Path) -> None:
    from omnilinks.audit.merge import write_outputs
    from omnilinks.audit.portfolio import render_portfolio

    whole = render_portfolio([], "agency")
    assert "INCOMPLETE" not in whole
    write_outputs(tmp_path, [], "agency", unfinished=12)
    page = (tmp_path / "index.html").read_text() if (tmp_path / "index.html").exists() \
        else next(tmp_path.glob("*.html")).read_text()
    assert "INCOMPLETE" in page and "12 more clients" in page and "--resume" in page
