"""Per-host politeness: a download slot per host, slowed when the host throttles."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable


class HostSlot:
    """Scrapy-style download slot: at most `limit` requests in flight to one host.

    A 429 or 503 drops the host to one request at a time and sets a not-before
    time from Retry-After (or the backoff), so a throttling host is slowed for
    every waiting request, not only the one that was refused.
    """

    def __init__(self, limit: int):
        self.limit = limit
        self.active = 0
        self.not_before = 0.0
        self._cond = threading.Condition()

    def acquire(self, stop: Callable[[], bool]) -> bool:
        """Wait for a turn; False when `stop()` says the run is over first."""
        with self._cond:
            while True:
                if stop():
                    return False
                pause = self.not_before - time.monotonic()
                if pause <= 0 and self.active < self.limit:
                    self.active += 1
                    return True
                self._cond.wait(min(pause, 0.2) if pause > 0 else 0.2)

    def release(self) -> None:
        with self._cond:
            self.active -= 1
            self._cond.notify()

    def throttle(self, seconds: float) -> None:
        with self._cond:
            self.limit = 1
            self.not_before = max(self.not_before, time.monotonic() + seconds)

    def delay(self, seconds: float) -> None:
        with self._cond:
            self.not_before = max(self.not_before, time.monotonic() + seconds)


class HostSlots:
    """The slots of every host, shareable: the clients of an agency audit hand one
    instance to each HttpClient so a host sees one polite visitor, not one per client."""

    def __init__(self, per_host: int = 4):
        self.per_host = per_host
        self._slots: dict[str, HostSlot] = {}
        self._lock = threading.Lock()

    def get(self, host: str) -> HostSlot:
        with self._lock:
            slot = self._slots.get(host)
            if slot is None:
                slot = self._slots[host] = HostSlot(self.per_host)
            return slot


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    import email.utils  # an HTTP date is rare, and email.utils costs start-up time

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    try:
        return max(0.0, when.timestamp() - time.time())
    except (OverflowError, ValueError, OSError):
        return None
