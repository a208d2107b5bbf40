"""Check links on a background thread while the crawl is still reading pages.

A live crawl spends its time on the site's own host; the external links it finds
wait on other hosts' slots. Checking them as they are found overlaps the two
instead of running them one after the other."""
from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

from omnilinks.fetch.client import HttpClient
from omnilinks.fetch.types import Response


class BackgroundChecks:
    def __init__(self, client: HttpClient):
        self.client = client
        self.offered: set[str] = set()
        self.results: dict[str, Response] = {}
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="omnilinks-early-checks", daemon=True)
        self._thread.start()

    def offer(self, url: str) -> None:
        if url not in self.offered:
            self.offered.add(url)
            self._queue.put(url)

    def finish(self) -> dict[str, Response]:
        """Wait for every offered URL (or the run's stop) and return the results."""
        self._queue.put(None)
        self._thread.join()
        return self.results

    def _urls(self) -> Iterator[str]:
        while (url := self._queue.get()) is not None:
            yield url

    def _run(self) -> None:
        for url, result in self.client.map(self.client.check, self._urls()):
            self.results[url] = result
