"""The two local servers of the live benchmark, in a process of their own so the
measuring process never competes with them for the GIL:

- the site: the generated folder over HTTP/1.1 on 127.0.0.1 (threaded);
- "the internet": 127.0.0.2, a second loopback host (so every checker sees it as
  another site) that waits 50 ms before each answer: 404 under /missing/, else 200.
"""
from __future__ import annotations

import functools
import multiprocessing
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

EXTERNAL_HOST = "127.0.0.2"
LATENCY = 0.05


class QuietSiteHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Like nginx's default tcp_nodelay: without it the headers and the body leave in two
    # segments and every keep-alive request waits ~40 ms on the client's delayed ACK,
    # which measures the test server instead of the checkers.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


class SlowExternalHandler(QuietSiteHandler):
    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        time.sleep(LATENCY)
        missing = self.path.startswith("/missing/")
        payload = b"<!doctype html><title>gone</title>" if missing else b"<!doctype html><title>ok</title><p>ok"
        self.send_response(404 if missing else 200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if body:
            self.wfile.write(payload)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # peers open 100 connections at once

    def handle_error(self, request: object, client_address: object) -> None:
        # A checker closing a kept-alive connection is not an error of the benchmark.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _serve(site: str, ports: multiprocessing.Queue, stop: multiprocessing.Event) -> None:
    site_server = Server(("127.0.0.1", 0), functools.partial(QuietSiteHandler, directory=site))
    external = Server((EXTERNAL_HOST, 0), SlowExternalHandler)
    for server in (site_server, external):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ports.put((site_server.server_address[1], external.server_address[1]))
    stop.wait()


class Servers:
    """Start with the external server's port known before the site is generated (links point at it)."""

    def __init__(self, site: Path):
        self.site = site
        self._ports: multiprocessing.Queue = multiprocessing.Queue()
        self._stop = multiprocessing.Event()
        self._process = multiprocessing.Process(target=_serve, args=(str(site), self._ports, self._stop), daemon=True)

    def __enter__(self) -> Servers:
        self.site.mkdir(parents=True, exist_ok=True)
        self._process.start()
        self.site_port, self.external_port = self._ports.get(timeout=30)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.terminate()

    @property
    def site_url(self) -> str:
        return f"http://127.0.0.1:{self.site_port}/"

    @property
    def external_base(self) -> str:
        return f"http://{EXTERNAL_HOST}:{self.external_port}"
