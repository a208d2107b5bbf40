"""Audit progress on stderr: a line as each client finishes, and an overall line
with each running client's own counts. Hidden when stderr is not a terminal."""
from __future__ import annotations

import sys
import threading
from typing import Any, TextIO

from omnilinks.progress import Progress
from omnilinks.report.safe import clean_text


class AuditProgress:
    def __init__(self, total: int, enabled: bool | None = None, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.finished = 0
        self.running: dict[str, Progress] = {}  # client name → its pipeline counters
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def start(self) -> None:
        if self.enabled:
            self._ticker = threading.Thread(target=self._tick, name="omnilinks-audit-progress", daemon=True)
            self._ticker.start()

    def client_started(self, name: str) -> Progress:
        counters = Progress(enabled=False)  # counts only: this object draws them all on one line
        with self._lock:
            self.running[name] = counters
        return counters

    def client_finished(self, name: str, result: dict[str, Any] | None) -> None:
        with self._lock:
            self.running.pop(name, None)
            if result is None:
                return
            self.finished += 1
            line = f"[{self.finished}/{self.total}] {clean_text(name)}: {_outcome(result)}"
        self._write(line, permanent=True)

    def skipped(self, name: str) -> None:
        with self._lock:
            self.finished += 1
            line = f"[{self.finished}/{self.total}] {clean_text(name)}: done earlier (resumed)"
        self._write(line, permanent=True)

    def close(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(0.2):
            self._write(self._status(), permanent=False)

    def _status(self) -> str:
        with self._lock:
            parts = []
            for name, counters in list(self.running.items())[:4]:
                pages = counters.counts.get("pages", 0)
                links, total = counters.counts.get("links", 0), counters.totals.get("links")
                parts.append(f"{clean_text(name)[:24]} p{pages} l{links}" + (f"/{total}" if total else ""))
            more = len(self.running) - len(parts)
            return (f"clients {self.finished}/{self.total}  " + " · ".join(parts)
                    + (f" · +{more} more" if more > 0 else ""))

    def _write(self, text: str, permanent: bool) -> None:
        if not self.enabled:
            return
        with self._lock:
            self.stream.write("\r\033[K" + text + ("\n" if permanent else ""))
            self.stream.flush()


def _outcome(result: dict[str, Any]) -> str:
    if result["status"] != "done":
        return f"{result['status']}: {clean_text(result.get('error'))}"
    summary = result["report"]["summary"]
    return f"{summary['error']} errors, {summary['warning']} warnings, {summary['notice']} notices"
