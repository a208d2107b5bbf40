"""Politeness pieces of the HTTP layer: Retry-After parsing and the per-host slot."""
from __future__ import annotations

import email.utils
import threading
import time

import pytest

from omnilinks.fetch.hosts import HostSlot, retry_after
from omnilinks.fetch.watchdog import Watchdog


@pytest.mark.parametrize("value,expected", [("3", 3.0), (" 120 ", 120.0), ("0", 0.0), (None, None), ("", None),
                                            ("soon", None), ("-5", None), ("²", None), ("1.5", None),
                                            ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)])
def test_retry_after_values(value: str | None, expected: float | None) -> None:
    assert retry_after(value) == expected


def test_retry_after_as_a_future_http_date() -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= (retry_after(when) or 0) <= 31


def test_a_throttled_slot_serves_one_request_at_a_time_after_the_pause() -> None:
    slot = HostSlot(4)
    assert slot.acquire(lambda: False) and slot.acquire(lambda: False)
    slot.release()
    slot.release()
    slot.throttle(0.3)
    started = time.monotonic()
    assert slot.acquire(lambda: False)
    assert time.monotonic() - started >= 0.25
    second = threading.Thread(target=lambda: slot.acquire(lambda: False))
    second.start()
    second.join(0.3)
    assert second.is_alive()  # the limit is now one
    slot.release()
    second.join(1)
    assert not second.is_alive()


def test_a_waiting_request_gives_up_when_the_run_stops() -> None:
    slot = HostSlot(1)
    slot.throttle(30)
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    started = time.monotonic()
    assert slot.acquire(stop.is_set) is False
    assert time.monotonic() - started < 1


def test_the_watchdog_marks_a_budget_past_its_time_and_leaves_others() -> None:
    dog = Watchdog(threading.Event(), tick=0.02)
    with dog.bounded(0.1, None) as short:
        time.sleep(0.3)
    with dog.bounded(5, None) as long:
        time.sleep(0.1)
    assert short.fired == "timeout" and long.fired is None
