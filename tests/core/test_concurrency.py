"""The bounded thread map that link checks and audits share."""
from __future__ import annotations

import threading
import time

import pytest

from omnilinks.concurrency import bounded_map


def test_every_item_once_with_at_most_in_flight_taken_ahead() -> None:
    taken: list[int] = []

    def items():
        for n in range(20):
            taken.append(n)
            yield n

    def square(n: int) -> int:
        return n * n

    results = bounded_map(square, items(), workers=2, cancel=threading.Event(), in_flight=3)
    first = next(results)
    assert len(taken) <= 3 + 1  # three submitted, one more read only after one finished
    assert dict([first, *results]) == {n: n * n for n in range(20)}


def test_cancel_starts_nothing_new_and_keeps_what_finished() -> None:
    cancel = threading.Event()
    ran: list[int] = []

    def work(n: int) -> int:
        ran.append(n)
        if n == 1:
            cancel.set()
        return n

    done = dict(bounded_map(work, range(100), workers=1, cancel=cancel, in_flight=1))
    assert done == {0: 0, 1: 1} and ran == [0, 1]


def test_an_error_stops_the_others_and_is_raised_to_the_caller() -> None:
    cancel = threading.Event()
    started: list[int] = []

    def work(n: int) -> int:
        started.append(n)
        if n == 0:
            raise KeyboardInterrupt
        while not cancel.is_set():  # the running ones stop when the run goes down
            time.sleep(0.01)
        return n

    with pytest.raises(KeyboardInterrupt):
        list(bounded_map(work, range(50), workers=2, cancel=cancel, in_flight=4))
    assert cancel.is_set() and len(started) <= 4


def test_a_reader_that_stops_early_does_not_cancel_the_run() -> None:
    cancel = threading.Event()
    results = bounded_map(lambda n: n, range(10), workers=2, cancel=cancel)
    next(results)
    results.close()
    assert not cancel.is_set()
