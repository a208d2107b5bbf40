"""Network faults: each link ends with a truthful status, runs end on time, throttling hosts are slowed."""
from __future__ import annotations

import time

import pytest
from hostile_servers import Handler, can_bind, reset, self_signed_context, serve

from omnilinks.fetch import HttpClient, HttpOptions

needs_second_loopback = pytest.mark.skipif(not can_bind("127.0.0.2"), reason="127.0.0.2 is not loopback here")


def client(**options: object) -> HttpClient:
    defaults = {"retries": 2, "timeout": 1.0, "backoff": 0.05, "allow_private": True, "max_retry_after": 2.0}
    return HttpClient(HttpOptions(**{**defaults, **options}))  # type: ignore[arg-type]


def test_each_fault_is_named_truthfully(tmp_path) -> None:
    routes = {"/reset": reset, "/slow": lambda h: time.sleep(3), "/ok": lambda h: h.answer(200, b"ok")}
    with serve(routes) as plain, serve({"/": lambda h: h.answer(200, b"ok")}, tls=self_signed_context(tmp_path)) as tls:
        http = client(retries=1)
        assert http.check(plain.url("/ok")).ok
        assert http.get(plain.url("/reset")).error == "connection"
        assert http.get(plain.url("/slow")).error == "timeout"
        assert http.get("http://shop.nowhere.invalid/").error == "dns"
        bad_tls = http.get(tls.url("/"))
        assert bad_tls.error == "tls" and "certificate" in (bad_tls.detail or ""), bad_tls.detail
        assert tls.count == 0  # the handshake failed before any request was sent
        resets = sum(1 for _, _, path in plain.hits if path == "/reset")
    assert resets == 2  # one retry, not more


def test_a_5xx_storm_is_retried_a_bounded_number_of_times_then_reported() -> None:
    with serve(fallback=lambda h: h.answer(503, b"down")) as storm:
        http = client(retries=2)
        results = dict(http.map(http.check, [storm.url(f"/p{i}") for i in range(10)]))
        hits = storm.count
    assert all(r.status == 503 and r.wall is None and not r.ok for r in results.values())
    assert hits <= 10 * 3 * 2  # HEAD and GET fallback, each with two retries


@needs_second_loopback
def test_a_throttling_host_is_slowed_while_other_hosts_answer() -> None:
    """127.0.0.2 answers 429 with Retry-After: 1 twice, then 200; 127.0.0.1 answers at once."""
    throttled_once: set[str] = set()

    def throttling(handler: Handler) -> None:
        if len(throttled_once) < 2:
            throttled_once.add(handler.path)
            handler.answer(429, b"slow down", headers={"Retry-After": "1"})
        else:
            handler.answer(200, b"ok")

    with serve(fallback=lambda h: h.answer(200, b"ok")) as fast, \
            serve(host="127.0.0.2", fallback=throttling) as slow:
        http = client(retries=3, per_host=4)
        urls = [fast.url(f"/f{i}") for i in range(20)] + [slow.url(f"/s{i}") for i in range(6)]
        started = time.monotonic()
        finished: dict[str, float] = {}
        results = {}
        for url, result in http.map(http.check, urls):
            results[url] = result
            finished[url] = time.monotonic() - started
        slow_hits = sorted(t for t, _, _ in slow.hits)
    assert all(r.ok for r in results.values()), {u: r.describe() for u, r in results.items() if not r.ok}
    fast_done = max(t for u, t in finished.items() if "127.0.0.1" in u)
    assert fast_done < 0.9, "the fast host waited for the throttled one"
    assert len(slow_hits) <= 6 + 2 + 2  # each page once, plus the refused tries
    # Only the requests already in flight when the first 429 came back arrive within Retry-After;
    # after it the host gets one request at a time.
    burst = [t for t in slow_hits if t < slow_hits[0] + 0.9]
    assert len(burst) <= 4 and len(slow_hits) > len(burst)


def test_429_beyond_the_retries_is_unverifiable_not_broken() -> None:
    with serve(fallback=lambda h: h.answer(429, b"", headers={"Retry-After": "3600"})) as host:
        started = time.monotonic()
        result = client().check(host.url("/"))
        hits = host.count
    assert result.wall and "rate-limited" in result.wall and not result.ok
    assert hits <= 2 and time.monotonic() - started < 1.5  # a wait longer than the cap is not waited out


def test_the_run_deadline_stops_in_flight_requests_and_marks_the_rest_not_checked() -> None:
    with serve(fallback=lambda h: time.sleep(10)) as hanging:
        http = client(timeout=30.0, retries=0, per_host=2, deadline=time.monotonic() + 1.5)
        started = time.monotonic()
        results = dict(http.map(http.check, [hanging.url(f"/{i}") for i in range(6)]))
        elapsed = time.monotonic() - started
    assert elapsed < 3.0, f"took {elapsed:.1f} s for a 1.5 s deadline"
    assert {r.error for r in results.values()} == {"deadline"}
    assert all("deadline" in (r.detail or "") for r in results.values())


def test_a_cancel_stops_in_flight_requests_at_once() -> None:
    import threading

    cancel = threading.Event()
    with serve(fallback=lambda h: time.sleep(10)) as hanging:
        http = HttpClient(HttpOptions(timeout=30.0, retries=0, allow_private=True), cancel=cancel)
        threading.Timer(0.5, cancel.set).start()
        started = time.monotonic()
        result = http.get(hanging.url("/"))
    assert time.monotonic() - started < 1.5
    assert result.error == "deadline" and result.detail == "not checked: the run was interrupted"


@needs_second_loopback
def test_end_to_end_every_link_gets_its_true_status(tmp_path) -> None:
    from omnilinks import check

    with serve({"/ok": lambda h: h.answer(200, b"ok"), "/gone": lambda h: h.answer(404, b""),
                "/down": lambda h: h.answer(500, b""), "/reset": reset}) as other, \
            serve(tls=self_signed_context(tmp_path)) as tls, \
            serve(host="127.0.0.2", fallback=lambda h: h.answer(429, b"", headers={"Retry-After": "99"})) as limited:
        links = {"ok": other.url("/ok"), "gone": other.url("/gone"), "down": other.url("/down"),
                 "reset": other.url("/reset"), "tls": tls.url("/"), "limited": limited.url("/x"),
                 "dns": "http://kopi.nowhere.invalid/", "internal-down": "/broken-page"}
        page = "".join(f'<a href="{url}">{name}</a>' for name, url in links.items())
        routes = {"/": lambda h: h.answer(200, f"<html><body>{page}</body></html>".encode()),
                  "/broken-page": lambda h: h.answer(503, b"")}
        with serve(routes) as site:
            (tmp_path / "omnilinks.yml").write_text("check: {retries: 1, timeout: 2, deadline: 30}\n")
            started = time.monotonic()
            report = check(site.url("/"), use_cache=False, allow_private=True,
                           config_path=str(tmp_path / "omnilinks.yml"))
            elapsed = time.monotonic() - started
    by_target = {f.target: f.rule for f in report.findings if f.category == "link"}
    assert links["ok"] not in by_target
    assert by_target[links["gone"]] == "link-broken"
    assert by_target[links["down"]] == "link-broken"
    assert by_target[links["reset"]] == "link-unreachable"
    assert by_target[links["tls"]] == "link-unreachable"
    assert by_target[links["dns"]] == "link-unreachable"
    assert by_target[links["limited"]] == "link-unverifiable"
    assert by_target[site.url("/broken-page")] == "link-broken"  # a 503 page is not a missing page
    assert report.complete and elapsed < 15
