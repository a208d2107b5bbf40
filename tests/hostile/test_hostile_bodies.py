"""Bodies nobody should trust: bombs, endless and dripping answers, loops, 50 MB pages."""
from __future__ import annotations

import time
import tracemalloc
import zlib

import pytest
from hostile_servers import Handler, drip, drip_headers, redirect, serve

from omnilinks.fetch import HttpClient, HttpOptions

CAP = 1024 * 1024


def compressed_zeros(megabytes: int, wbits: int) -> bytes:
    """`megabytes` of zeros, compressed on the fly (gzip: wbits 31, zlib deflate: 15)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = b"\0" * (1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def client(**options: object) -> HttpClient:
    return HttpClient(HttpOptions(**{"retries": 0, "timeout": 2.0, "max_body": CAP, "allow_private": True,
                                     **options}))  # type: ignore[arg-type]


@pytest.mark.parametrize("encoding,wbits", [("gzip", 31), ("deflate", 15)])
def test_compression_bombs_stop_at_the_decoded_cap(encoding: str, wbits: int) -> None:
    bomb = compressed_zeros(64, wbits)  # 64 MB once decoded, a few hundred KB on the wire
    routes = {"/": lambda h: h.answer(200, bomb, headers={"Content-Encoding": encoding})}
    with serve(routes) as server:
        tracemalloc.start()
        try:
            result = client().get(server.url())
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert result.error == "too_large" and result.truncated
    assert len(result.body) == CAP
    assert peak < 8 * CAP, f"peak {peak:,} bytes for a {CAP:,} byte cap"


def test_brotli_bomb_stops_at_the_cap_when_brotli_is_installed() -> None:
    brotli = pytest.importorskip("brotli", reason="without brotli, urllib3 neither asks for nor decodes br")
    bomb = brotli.compress(b"\0" * (64 * 1024 * 1024), quality=5)
    routes = {"/": lambda h: h.answer(200, bomb, headers={"Content-Encoding": "br"})}
    with serve(routes) as server:
        result = client().get(server.url())
    assert result.error == "too_large" and len(result.body) == CAP


def test_br_sent_anyway_without_brotli_stays_raw_and_capped() -> None:
    try:
        import brotli  # noqa: F401
        pytest.skip("brotli installed: the decoding test covers br")
    except ImportError:
        pass
    raw = b"\x8b\x02\x80" + bytes(range(256)) * 10_000  # not decodable: counted as it arrives
    routes = {"/": lambda h: h.answer(200, raw, headers={"Content-Encoding": "br"})}
    with serve(routes) as server:
        result = client().get(server.url())
    assert result.error == "too_large" and len(result.body) == CAP


def test_a_50_mb_page_is_read_up_to_the_cap_and_the_connection_dropped() -> None:
    sent = []

    def huge(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(50 * 1024 * 1024))
        handler.end_headers()
        line = b"<p>" + b"x" * 1020 + b"</p>\n"
        for _ in range(50 * 1024):
            handler.wfile.write(line)
            sent.append(len(line))

    with serve({"/": huge}) as server:
        tracemalloc.start()
        try:
            started = time.monotonic()
            result = client().get(server.url())
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        time.sleep(0.2)
    assert result.status == 200 and result.truncated and len(result.body) == CAP
    assert time.monotonic() - started < 5
    assert sum(sent) < 20 * 1024 * 1024, "the client kept reading after the cap"
    assert peak < 8 * CAP


@pytest.mark.parametrize("route", [drip(b"<p>", every=0.1), drip_headers(every=0.1)], ids=["body", "headers"])
def test_a_slow_drip_server_is_cut_by_the_total_deadline(route) -> None:  # type: ignore[no-untyped-def]
    with serve({"/": route}) as server:
        started = time.monotonic()
        result = client(timeout=1.0, total_timeout=1.5).get(server.url())
        elapsed = time.monotonic() - started
    assert result.error == "timeout", result
    assert "1.5 s" in (result.detail or "") or result.detail == "body not complete in time"
    assert elapsed < 3.0, f"took {elapsed:.1f} s"


def test_a_server_that_never_answers_times_out() -> None:
    with serve({"/": lambda h: time.sleep(5)}) as server:
        started = time.monotonic()
        result = client(timeout=0.5).get(server.url())
    assert result.error == "timeout" and time.monotonic() - started < 2.5


def test_redirect_loops_and_long_chains_are_cut() -> None:
    routes = {"/a": redirect("/b"), "/b": redirect("/a"), "/self": redirect("/self?")}
    routes |= {f"/hop{i}": redirect(f"/hop{i + 1}", 301) for i in range(40)}
    with serve(routes) as server:
        loop = client().get(server.url("/a"))
        chain = client(max_redirects=10).get(server.url("/hop0"))
        hits = server.count
    assert loop.error == "redirect_loop" and loop.redirects == (server.url("/a"), server.url("/b"))
    assert chain.error == "too_many_redirects" and len(chain.redirects) == 11
    assert hits <= 2 + 11


def test_a_malformed_redirect_location_is_an_error_not_a_crash() -> None:
    with serve({"/": redirect("http://[::1/oops"), "/port": redirect("http://example.com:99999999/")}) as server:
        assert client().get(server.url("/")).error is not None
        assert client().get(server.url("/port")).error is not None
