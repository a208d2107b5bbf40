"""Local HTTP servers that misbehave on purpose, counting every request they get.

A route is a function `(handler) -> None` that writes the whole answer itself,
so a test can send a bomb, drip bytes, reset the socket or never answer.
"""
from __future__ import annotations

import http.server
import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

Route = Callable[["Handler"], None]


class Handler(http.server.BaseHTTPRequestHandler):
    server: CountingServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def setup(self) -> None:
        super().setup()
        self.server.open_connections.add(self.connection)

    def finish(self) -> None:
        self.server.open_connections.discard(self.connection)
        super().finish()

    def _dispatch(self) -> None:
        self.server.record(self.command, self.path)
        path = self.path.split("?", 1)[0]
        route = self.server.routes.get(self.path) or self.server.routes.get(path) or self.server.fallback
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            self.close_connection = True  # the client hung up: exactly what the hostile tests expect

    do_GET = do_HEAD = do_POST = _dispatch

    def answer(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
               headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def not_found(handler: Handler) -> None:
    handler.answer(404, b"<p>not here</p>")


class CountingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, routes: dict[str, Route], fallback: Route = not_found):
        super().__init__((host, 0), Handler)
        self.routes = routes
        self.fallback = fallback
        self.hits: list[tuple[float, str, str]] = []
        self.open_connections: set[socket.socket] = set()
        self._lock = threading.Lock()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # failed handshakes and hang-ups are what these servers are for

    def record(self, method: str, path: str) -> None:
        with self._lock:
            self.hits.append((time.monotonic(), method, path))

    @property
    def count(self) -> int:
        return len(self.hits)

    @property
    def host(self) -> str:
        return self.server_address[0]

    @property
    def port(self) -> int:
        return self.server_address[1]

    def url(self, path: str = "/") -> str:
        scheme = "https" if isinstance(self.socket, ssl.SSLSocket) else "http"
        return f"{scheme}://{self.host}:{self.port}{path}"


@contextmanager
def serve(routes: dict[str, Route] | None = None, host: str = "127.0.0.1", fallback: Route = not_found,
          tls: ssl.SSLContext | None = None) -> Iterator[CountingServer]:
    server = CountingServer(host, routes or {}, fallback)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        # Kept-alive connections hold a handler thread each until the client hangs up; hang up
        # for it, so no thread outlives the test (the fork pool refuses to fork beside them).
        for connection in list(server.open_connections):
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def can_bind(host: str) -> bool:
    """127.0.0.2 and friends are loopback on Linux, not on every system."""
    try:
        with socket.socket() as probe:
            probe.bind((host, 0))
        return True
    except OSError:
        return False


def reset(handler: Handler) -> None:
    """Close with RST instead of FIN: the client sees 'connection reset by peer'."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def drip(chunk: bytes, every: float, total: float = 30.0) -> Route:
    """Send a 200 with HTML headers, then `chunk` every `every` seconds for up to `total` seconds."""
    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.flush()
        stop = time.monotonic() + total
        while time.monotonic() < stop:
            handler.wfile.write(chunk)
            handler.wfile.flush()
            time.sleep(every)
        handler.close_connection = True
    return route


def drip_headers(every: float, total: float = 30.0) -> Route:
    """Never finish the headers: one header byte at a time."""
    def route(handler: Handler) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        stop = time.monotonic() + total
        while time.monotonic() < stop:
            handler.wfile.write(b"a")
            handler.wfile.flush()
            time.sleep(every)
        handler.close_connection = True
    return route


def redirect(location: str, status: int = 302) -> Route:
    def route(handler: Handler) -> None:
        handler.answer(status, b"", headers={"Location": location})
    return route


def self_signed_context(folder: Path) -> ssl.SSLContext:
    """A TLS server context with a certificate made now for 127.0.0.1 (no CA trusts it)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context
