"""Progress on stderr for long runs: hidden when stderr is not a terminal."""
from __future__ import annotations

import sys
import threading
import time
from typing import TextIO


class Progress:
    def __init__(self, enabled: bool | None = None, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.counts = {"pages": 0, "links": 0, "channels": 0}
        self.totals: dict[str, int] = {}
        self._lock = threading.Lock()
        self._last = 0.0

    def total(self, what: str, count: int) -> None:
        self.totals[what] = count
        self._draw(force=True)

    def step(self, what: str, count: int = 1) -> None:
        with self._lock:
            self.counts[what] = self.counts.get(what, 0) + count
        self._draw()

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        parts = []
        for what, done in self.counts.items():
            total = self.totals.get(what)
            parts.append(f"{what} {done}/{total}" if total else f"{what} {done}")
        self.stream.write("\r\033[K" + "  ".join(parts))
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()
