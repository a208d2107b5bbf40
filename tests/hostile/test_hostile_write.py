"""Report files: the umask's mode (or the existing file's), and no debris after a SIGKILL mid-write."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from omnilinks.report import write_atomic

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and signals")


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_report_gets_the_mode_the_umask_gives(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        write_atomic(tmp_path / "report.json", "{}")
    finally:
        os.umask(previous)
    assert (tmp_path / "report.json").stat().st_mode & 0o777 == mode


def test_an_existing_report_keeps_its_mode(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text("old")
    report.chmod(0o640)
    write_atomic(report, "new")
    assert report.read_text() == "new" and report.stat().st_mode & 0o777 == 0o640


def test_a_writer_killed_mid_write_leaves_nothing_the_next_write_does_not_clear(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text('{"old": true}')
    writer = subprocess.Popen([sys.executable, "-c", (
        "import os, sys, time\n"
        "os.fsync = lambda fd: time.sleep(60)  # hold the write open until killed\n"
        "from omnilinks.report import write_atomic\n"
        f"write_atomic({str(report)!r}, '{{\"new\": true}}')\n")],
        env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".report.json.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    assert len(list(tmp_path.glob(".report.json.*.tmp"))) == 1  # what SIGKILL leaves behind
    assert report.read_text() == '{"old": true}'  # never half a report
    write_atomic(report, '{"next": true}')
    assert report.read_text() == '{"next": true}'
    assert list(tmp_path.glob(".*.tmp")) == []


def test_a_temporary_file_of_a_running_writer_is_left_alone(tmp_path: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        live = tmp_path / f".report.json.{sleeper.pid}.abc123.tmp"
        live.write_text("being written")
        write_atomic(tmp_path / "report.json", "{}")
        assert live.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_pipe_is_written_through_not_replaced(tmp_path: Path) -> None:
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()), daemon=True)
    reader.start()
    write_atomic(pipe, ["{", "}"])
    reader.join(10)
    assert received == ["{}"]
    assert pipe.is_fifo()  # `-o /dev/null` once made /dev/null a plain file: a device is written to, never renamed over
    assert list(tmp_path.glob(".*.tmp")) == []


def test_a_symbolic_link_stays_and_its_file_gets_the_report(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "latest.json"
    real.write_text("old")
    link = tmp_path / "report.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_folder_named_as_the_report_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(OSError):
        write_atomic(tmp_path / "out", "x")
