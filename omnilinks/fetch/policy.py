"""Which addresses connections may use: the part of the SSRF guard that needs no HTTP library,
so a client that never connects (an offline run) does not load requests and urllib3."""
from __future__ import annotations

import threading


class AddressPolicy:
    """Which addresses connections may use; the start host is added once the crawl knows it.

    Mutable on purpose and shared by every connection class of one client, so
    allowing a host takes effect at once without rebuilding connection pools.
    """

    def __init__(self, allow_private: bool = False, allowed_hosts: frozenset[str] | set[str] = frozenset()):
        self.allow_private = allow_private
        self._allowed: frozenset[str] = frozenset(_host_key(h) for h in allowed_hosts)
        self._lock = threading.Lock()

    @property
    def allowed_hosts(self) -> frozenset[str]:
        return self._allowed

    def allow(self, host: str, port: int | None = None) -> None:
        """Allow `host` (on `port` only, when given) whatever address it resolves to."""
        key = _host_key(host) if port is None else f"{_host_key(host)}:{port}"
        with self._lock:
            self._allowed = self._allowed | {key}

    def host_allowed_anywhere(self, host: str, port: int | None = None) -> bool:
        key = _host_key(host)
        return key in self._allowed or (port is not None and f"{key}:{port}" in self._allowed)


def _host_key(host: str) -> str:
    return host.lower().strip("[]").rstrip(".")
