"""Worker processes that read a folder's files: forked once, each fed chunks of paths over a pipe
and answering with each chunk's pages, pickled, over another.

Plain os.fork and pipes, not multiprocessing or concurrent.futures: those cost ~15 ms to import
before the first worker starts, and a thread in the main process that wakes, locks and unpickles
beside it (a tenth of the main process's work on a 2,000-page site). A worker is handed its next
chunk queued behind the one it reads, as the executor's call queue did."""
from __future__ import annotations

import os
import pickle
import select
import signal
import struct
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from omnilinks.errors import OmnilinksError

HEADER = struct.Struct("<Q")  # every message: its length, then its pickle
PIPE_SAFE_BYTES = 4096 - HEADER.size  # what any pipe holds: one page (POSIX PIPE_BUF)
READ_SIZE = 1 << 20
ENDED = "a worker process reading the folder ended without its answer"


class _Worker:
    def __init__(self, pid: int, tasks: int, results: int):
        self.pid, self.tasks, self.results = pid, tasks, results


class ForkPool:
    """`workers` forked processes each running `work` on chunks of paths. Fork only where no other
    thread runs (a forked child inherits every lock as it was)."""

    def __init__(self, workers: int, work: Callable[[list[str]], Any], on_start: Callable[[], None]):
        self._workers: list[_Worker] = []
        try:
            for _ in range(workers):
                self._workers.append(self._fork(work, on_start))
        except BaseException:
            self.stop()
            raise

    def _fork(self, work: Callable[[list[str]], Any], on_start: Callable[[], None]) -> _Worker:
        task_read, task_write = os.pipe()
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: it never returns into the caller's code
            code = 1
            try:
                # Its siblings' pipes closed here, or a sibling would keep a task pipe open after
                # the main process closes it, and its worker would never see the end.
                for other in self._workers:
                    os.close(other.tasks)
                    os.close(other.results)
                os.close(task_write)
                os.close(result_read)
                on_start()
                _serve(task_read, result_write, work)
                code = 0
            finally:
                os._exit(code)
        os.close(task_read)
        os.close(result_write)
        return _Worker(pid, task_write, result_read)

    def map(self, chunks: Iterator[list[str]], stopped: Callable[[], bool]) -> Iterator[Any]:
        """What `work` gives for each chunk, in the chunks' order (each as soon as it and every
        chunk before it are read). Checks `stopped` at least every 0.1 s; then it ends early."""
        poller = select.poll()
        by_pipe = {worker.results: worker for worker in self._workers}
        sent: dict[int, deque[int]] = {worker.results: deque() for worker in self._workers}
        ready: deque[tuple[int, bytes]] = deque()  # chunks taken from `chunks` (the walk), not sent yet
        done: dict[int, Any] = {}
        taken = delivered = 0

        def take() -> None:  # the walk runs ahead while the workers read
            nonlocal taken
            while len(ready) < 2 * len(self._workers):
                chunk = next(chunks, None)
                if chunk is None:
                    return
                ready.append((taken, pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)))
                taken += 1

        def feed(worker: _Worker, most: int = 2) -> None:
            # A worker holds its chunk and, queued in the pipe, the next one: a queued message fits in
            # an empty pipe's first page whatever the system (its write never waits); a bigger one
            # goes only to a worker that holds none, and so reads it as it is written.
            queue = sent[worker.results]
            while ready and len(queue) < most and (not queue or len(ready[0][1]) <= PIPE_SAFE_BYTES):
                index, payload = ready.popleft()
                try:
                    _write(worker.tasks, payload)
                except BrokenPipeError:  # (the worker is gone: its answer pipe says so next)
                    raise OmnilinksError(ENDED) from None
                queue.append(index)

        take()
        for most in (1, 2):  # one chunk each first: a small site's few chunks spread over every worker
            for worker in self._workers:
                feed(worker, most)
        for worker in self._workers:
            poller.register(worker.results, select.POLLIN)
        while any(sent.values()):
            for fd, _ in poller.poll(100):
                answer = _receive(fd)  # (read first: the worker is waiting to write it out)
                if answer is None:
                    raise OmnilinksError(ENDED)
                index = sent[fd].popleft()
                take()
                feed(by_pipe[fd])
                done[index] = _answer(answer)
                while delivered in done:
                    yield done.pop(delivered)
                    delivered += 1
            if stopped():
                return
            take()

    def stop(self) -> None:
        """End the workers: at once (SIGKILL), whatever they hold."""
        for worker in self._workers:
            try:
                os.kill(worker.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.close()

    def close(self) -> None:
        """Close the pipes (a waiting worker sees the end and exits) and reap the workers."""
        for worker in self._workers:
            for fd in (worker.tasks, worker.results):
                try:
                    os.close(fd)
                except OSError:
                    pass
        for worker in self._workers:
            try:
                os.waitpid(worker.pid, 0)
            except ChildProcessError:
                pass
        self._workers = []


def _serve(tasks: int, results: int, work: Callable[[list[str]], Any]) -> None:
    while True:
        message = _receive(tasks)
        if message is None:  # the main process closed the pipe: no more work
            return
        try:
            answer: tuple[str, Any] = ("ok", work(pickle.loads(message)))
        except OmnilinksError as exc:
            answer = ("error", str(exc))
        except Exception as exc:  # noqa: BLE001 - reported by the main process, which owns the run
            answer = ("crash", f"{type(exc).__name__}: {exc}")
        _write(results, pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


def _answer(message: bytes) -> Any:
    status, value = pickle.loads(message)
    if status == "error":
        raise OmnilinksError(value)
    if status == "crash":
        raise RuntimeError(f"a worker process reading the folder failed: {value}")
    return value


def _write(fd: int, payload: bytes) -> None:
    view = memoryview(HEADER.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int) -> bytes | None:
    """One message, or None where the pipe ends before it does."""
    header = _read_exactly(fd, HEADER.size)
    if header is None:
        return None
    return _read_exactly(fd, HEADER.unpack(header)[0])


def _read_exactly(fd: int, size: int) -> bytes | None:
    parts = []
    while size:
        part = os.read(fd, min(size, READ_SIZE))
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)
