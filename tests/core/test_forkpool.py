"""The forked workers that read a folder: answers in the chunks' order whatever the workers'
pace, chunks too big to queue in a pipe, errors and dead workers reported, and a stop that
leaves no process behind."""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator

import pytest

from omnilinks.discover.forkpool import PIPE_SAFE_BYTES, ForkPool
from omnilinks.errors import OmnilinksError

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the folder workers fork (Linux only)")


def uneven(paths: list[str]) -> list[str]:
    """Answers late for some chunks, so the workers finish out of order."""
    if paths and paths[0].endswith("slow"):
        time.sleep(0.05)
    return [path.upper() for path in paths]


def chunks(count: int) -> Iterator[list[str]]:
    for index in range(count):
        yield [f"{index}-{part}" for part in range(index % 5)] + (["slow"] if index % 3 == 0 else [])


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_answers_come_in_the_chunks_order() -> None:
    pool = ForkPool(3, uneven, lambda: None)
    try:
        answers = list(pool.map(chunks(40), lambda: False))
    finally:
        pool.close()
    assert answers == [uneven(chunk) for chunk in chunks(40)]


def test_a_chunk_bigger_than_a_pipe_page_goes_through() -> None:
    long_paths = [[f"/{index}/" + "x" * 3000 for _ in range(4)] for index in range(6)]
    assert len(repr(long_paths[0])) > PIPE_SAFE_BYTES
    pool = ForkPool(2, uneven, lambda: None)
    try:
        answers = list(pool.map(iter(long_paths), lambda: False))
    finally:
        pool.close()
    assert answers == [uneven(chunk) for chunk in long_paths]


def refuse(paths: list[str]) -> list[str]:
    if "bad" in paths:
        raise OmnilinksError("site/bad.html: cannot read (Permission denied)")
    return paths


def test_a_workers_error_is_raised_in_the_main_process_with_its_message() -> None:
    pool = ForkPool(2, refuse, lambda: None)
    pids = [worker.pid for worker in pool._workers]
    with pytest.raises(OmnilinksError, match=r"site/bad.html: cannot read"):
        list(pool.map(iter([["a"], ["b"], ["bad"], ["c"]]), lambda: False))
    pool.stop()
    assert not any(map(alive, pids))


def die(paths: list[str]) -> list[str]:
    if "die" in paths:
        os._exit(3)
    return paths


def test_a_worker_that_dies_is_reported_not_waited_for() -> None:
    pool = ForkPool(2, die, lambda: None)
    try:
        with pytest.raises(OmnilinksError, match="ended without its answer"):
            list(pool.map(iter([["a"], ["die"], ["b"], ["c"]]), lambda: False))
    finally:
        pool.stop()


def test_a_stop_request_ends_the_reading_and_the_workers() -> None:
    def endless() -> Iterator[list[str]]:
        while True:
            yield ["slow"]

    pool = ForkPool(2, uneven, lambda: None)
    pids = [worker.pid for worker in pool._workers]
    started = time.monotonic()
    answers = 0
    for _ in pool.map(endless(), lambda: time.monotonic() - started > 0.3):
        answers += 1
    pool.stop()
    assert 0 < answers < 100 and time.monotonic() - started < 2
    assert not any(map(alive, pids))


def test_each_worker_runs_the_start_hook_in_its_own_process() -> None:
    def report_pid(paths: list[str]) -> list[str]:
        return [f"{os.getpid()}:{os.environ.get('FORKPOOL_TEST_STARTED')}"]

    pool = ForkPool(2, report_pid, lambda: os.environ.__setitem__("FORKPOOL_TEST_STARTED", "yes"))
    try:
        answers = [answer[0] for answer in pool.map(iter([["a"], ["b"], ["c"], ["d"]]), lambda: False)]
    finally:
        pool.close()
    assert all(answer.endswith(":yes") for answer in answers)
    assert str(os.getpid()) not in {answer.split(":")[0] for answer in answers}
    assert "FORKPOOL_TEST_STARTED" not in os.environ


def test_the_folders_files_go_out_in_order_and_the_last_chunks_shrink() -> None:
    from omnilinks.discover import _batches

    for total, workers in ((2000, 2), (20_000, 4), (150, 2), (7, 2), (0, 2), (300, 8)):
        files = [f"page-{number}.html" for number in range(total)]
        chunks = list(_batches(iter(files), workers))
        assert [path for chunk in chunks for path in chunk] == files
        assert all(1 <= len(chunk) <= 32 for chunk in chunks)
        if total >= 2000:
            # Up to 32 a chunk in the middle; the last few, cut once the walk has ended, 4 each.
            assert max(map(len, chunks)) == 32
            assert all(len(chunk) <= 4 for chunk in chunks[-2 * workers:])
