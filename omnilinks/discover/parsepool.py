"""Parse crawled pages in worker processes once a crawl level is big enough.

Parsing and fact extraction are CPU work under the GIL; a live crawl of a big
site spends most of its time there, so the levels of a breadth-first crawl are
parsed on every core. Workers are spawned, not forked: the crawl's threads may
hold locks that a forked child would inherit."""
from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from typing import TYPE_CHECKING

from omnilinks.extract.html import parse_page
from omnilinks.models import Page

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

MIN_BATCH = 48  # below this, handing pages to workers costs more than it saves
MAX_WORKERS = 8
WORKERS_ENV = "OMNILINKS_WORKERS"  # 1 turns the process pools off (profiling, constrained CI)

# A crawled page already downloaded, parsed in a worker: body, URL, status, charset, region.
BodyToParse = tuple[bytes, str, int, "str | None", str]


def _parse(job: BodyToParse) -> Page:
    body, url, status, charset, region = job
    return parse_page(body, url, status=status, charset=charset, region=region)


def ignore_signals() -> None:
    # The parent owns stopping: it handles SIGINT/SIGTERM and cancels the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def configured_workers() -> int | None:
    """The worker count OMNILINKS_WORKERS asks for, if it asks."""
    configured = os.environ.get(WORKERS_ENV, "").strip()
    return int(configured) if configured.isdigit() and int(configured) > 0 else None


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ParsePool:
    def __init__(self) -> None:
        self.workers = min(configured_workers() or cores(), MAX_WORKERS)
        self._pool: ProcessPoolExecutor | None = None

    def parse(self, jobs: list[BodyToParse]) -> Iterator[Page]:
        """Pages in the order of the jobs."""
        if self.workers < 2 or len(jobs) < MIN_BATCH:
            yield from map(_parse, jobs)
            return
        if self._pool is None:
            # Imported here: a small crawl never starts a worker.
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=ignore_signals)
        yield from self._pool.map(_parse, jobs, chunksize=max(4, min(32, len(jobs) // (self.workers * 4))))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
