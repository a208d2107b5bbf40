"""A total deadline for each request, whatever the server does.

Socket timeouts bound each read, not a whole answer: a server that drips one
byte every few seconds (headers or body) would hold a worker forever. Each
request runs inside `Watchdog.bounded(...)`; the sockets it uses are attached
to it, and one watchdog thread shuts them down when the request's own budget,
the run's deadline or a cancel (Ctrl-C) comes first. The blocked read then
fails at once and the client reports why.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import socket

_current = threading.local()


class Budget:
    """One request's time limits and the sockets it is using."""

    def __init__(self, until: float, run_deadline: float | None):
        self.until = until
        self.run_deadline = run_deadline
        self.sockets: list[socket.socket] = []
        self.fired: str | None = None  # "timeout" (its own budget) or "deadline" (the run stopped)


def attach(sock: socket.socket | None) -> None:
    """Called by the guarded connections: the socket now serves the current request."""
    budget: Budget | None = getattr(_current, "budget", None)
    if budget is not None and sock is not None:
        if budget.fired:
            _shutdown(sock)
        else:
            budget.sockets.append(sock)


class Watchdog:
    def __init__(self, cancel: threading.Event, tick: float = 0.1):
        self.cancel = cancel
        self.tick = tick
        self._budgets: set[Budget] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    @contextmanager
    def bounded(self, seconds: float, run_deadline: float | None) -> Iterator[Budget]:
        budget = Budget(time.monotonic() + seconds, run_deadline)
        with self._lock:
            self._budgets.add(budget)
            self._start()
        previous = getattr(_current, "budget", None)
        _current.budget = budget
        try:
            yield budget
        finally:
            _current.budget = previous
            with self._lock:
                self._budgets.discard(budget)
                budget.sockets.clear()

    def close(self) -> None:
        self._closed = True

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="omnilinks-watchdog", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._closed:
            if self.cancel.is_set():
                time.sleep(self.tick)  # wait() would return at once and spin
            else:
                self.cancel.wait(self.tick)
            now = time.monotonic()
            with self._lock:
                if not self._budgets:
                    self._thread = None
                    return
                for budget in self._budgets:
                    if budget.fired:
                        continue
                    if self.cancel.is_set() or (budget.run_deadline is not None and now > budget.run_deadline):
                        budget.fired = "deadline"
                    elif now > budget.until:
                        budget.fired = "timeout"
                    else:
                        continue
                    for sock in budget.sockets:
                        _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    # socket.socket.shutdown, not SSLSocket's: the TLS object stays intact for the
    # thread reading it, which then sees end of file instead of waiting.
    import socket  # loaded already by the connection that made `sock`

    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except (OSError, ValueError):
        pass  # already closed: nothing left to stop
