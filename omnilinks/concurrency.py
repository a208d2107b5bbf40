"""The one bounded thread map: link checks (fetch.client.HttpClient.map) and an agency
audit's clients (audit.runner) both run through it."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

POLL = 0.5  # seconds between looks at `cancel` while every worker is busy


def bounded_map(func: Callable[[T], R], items: Iterable[T], workers: int, cancel: threading.Event,
                name: str = "omnilinks", in_flight: int | None = None) -> Iterator[tuple[T, R]]:
    """Run func over items on `workers` threads, yielding (item, result) as each finishes.

    Items are taken lazily, at most `in_flight` (default twice the workers) submitted at a
    time, so a huge crawl keeps memory bounded. Once `cancel` is set nothing new starts;
    what already finished is still yielded. An exception from func is raised here; the
    items not started then never start, and `cancel` is set so those running stop early
    (the run is going down: it should not wait for them to finish their work).
    """
    # Imported here: concurrent.futures loads logging, and a run with nothing to fetch never gets here.
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    workers = max(1, workers)
    limit = in_flight or workers * 2
    pending = iter(items)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name) as pool:
        running: dict[Future[R], T] = {}
        exhausted = False
        try:
            while True:
                while not exhausted and not cancel.is_set() and len(running) < limit:
                    try:
                        item = next(pending)
                    except StopIteration:
                        exhausted = True
                        break
                    running[pool.submit(func, item)] = item
                if not running:
                    return
                done, _ = wait(list(running), timeout=POLL, return_when=FIRST_COMPLETED)
                for future in done:
                    item = running.pop(future)
                    if not future.cancelled():
                        yield item, future.result()
                if cancel.is_set():
                    for future in list(running):
                        if future.cancel():  # never started: nothing to report for it
                            running.pop(future)
        except GeneratorExit:  # the caller stopped reading: start nothing more, let the running finish
            for future in running:
                future.cancel()
            raise
        except BaseException:
            cancel.set()
            for future in running:
                future.cancel()
            raise
