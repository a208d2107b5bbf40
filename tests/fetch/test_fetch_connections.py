"""Keep-alive: link checks reuse their connection, and a server that breaks the
protocol on a kept-alive connection costs a new connection, not a wrong answer."""
from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from omnilinks.fetch import HttpClient, HttpOptions

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
from hostile_servers import Handler, serve  # noqa: E402


@pytest.fixture(autouse=True)
def no_threads_left() -> Iterator[None]:
    """A kept-alive connection holds a server thread until the client hangs up; later tests
    (the fork pool's) need the process back to the threads it had."""
    before = threading.active_count()
    yield
    stop = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < stop:
        time.sleep(0.01)


def test_head_checks_share_one_connection() -> None:
    ports: list[int] = []

    def ok(handler: Handler) -> None:
        ports.append(handler.client_address[1])
        handler.answer(200, b"<p>ok</p>")

    with serve(fallback=ok) as server:
        client = HttpClient(HttpOptions(allow_private=True, per_host=1, retries=0))
        results = [client.check(server.url(f"/page-{i}")) for i in range(20)]
        client.close()
    assert [r.status for r in results] == [200] * 20
    assert len(ports) == 20 and len(set(ports)) == 1  # one TCP connection for all twenty


def test_a_body_sent_after_head_does_not_spoil_the_next_answer() -> None:
    def rude(handler: Handler) -> None:
        body = b"<p>a body a HEAD answer must not have</p>"
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)  # even for HEAD
        handler.wfile.flush()

    with serve(fallback=rude) as server:
        client = HttpClient(HttpOptions(allow_private=True, per_host=1, retries=0))
        results = [client.check(server.url(f"/page-{i}")) for i in range(10)]
        client.close()
    assert [(r.status, r.error) for r in results] == [(200, None)] * 10
