"""SSRF: forbidden addresses are refused before any byte is sent, checked on a real server."""
from __future__ import annotations

import socket

import pytest
from hostile_servers import Handler, redirect, serve

from omnilinks.fetch import HttpClient, HttpOptions
from omnilinks.fetch.guard import address_allowed


def ok(handler: Handler) -> None:
    handler.answer(200, b"<p>secret</p>")


@pytest.fixture
def secret():
    with serve({"/": ok, "/secret": ok}) as server:
        yield server


@pytest.mark.parametrize("form", ["127.0.0.1", "localhost", "2130706433", "0177.0.0.1", "0x7f.1", "127.1",
                                  "[::ffff:127.0.0.1]", "127.0.0.1.", "localhost."])
def test_loopback_in_every_spelling_is_refused_and_never_reached(secret, form: str) -> None:
    client = HttpClient(HttpOptions(retries=0, timeout=2))
    result = client.get(f"http://{form}:{secret.port}/secret")
    # A trailing-dot name may not resolve in this sandbox: refused either way, never reached.
    expected = {"private", "dns"} if form.endswith(".") else {"private"}
    assert result.error in expected, result
    assert client.check(f"http://{form}:{secret.port}/secret").error in expected
    assert secret.count == 0


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://127.0.0.1:70/_x",
                                 "dict://127.0.0.1:11211/", "javascript:alert(1)"])
def test_only_http_and_https(url: str) -> None:
    assert HttpClient().get(url).error == "scheme"


def test_redirect_from_the_allowed_host_to_a_forbidden_one_is_refused(secret) -> None:
    with serve({"/go": redirect(secret.url("/secret")),
                "/meta": redirect("http://169.254.169.254/latest/meta-data/"),
                "/file": redirect("file:///etc/passwd")}) as site:
        client = HttpClient(HttpOptions(retries=0, timeout=2))
        client.allow_host(site.host, site.port)
        assert client.get(site.url("/")).status == 404  # the allowed host itself is reachable
        hop = client.get(site.url("/go"))
        assert hop.error == "private" and hop.redirects == (site.url("/go"),)
        assert client.get(site.url("/meta")).error == "private"
        assert client.get(site.url("/file")).error == "scheme"
    assert secret.count == 0


def test_allowing_the_start_host_does_not_open_its_other_ports(secret) -> None:
    client = HttpClient(HttpOptions(retries=0, timeout=2))
    client.allow_host("127.0.0.1", secret.port + 1 if secret.port < 65535 else secret.port - 1)
    assert client.get(secret.url("/secret")).error == "private"
    assert secret.count == 0
    client.allow_host("127.0.0.1", secret.port)
    assert client.get(secret.url("/secret")).status == 200
    assert secret.count == 1


def test_allow_private_reaches_local_servers_but_never_metadata(secret) -> None:
    client = HttpClient(HttpOptions(retries=0, timeout=2, allow_private=True))
    assert client.get(secret.url("/secret")).status == 200
    for address in ("169.254.169.254", "[fd00:ec2::254]", "100.100.100.200", "[::ffff:169.254.169.254]"):
        assert client.get(f"http://{address}/latest/meta-data/").error == "private"


def test_a_crawl_of_the_start_host_never_follows_links_to_other_local_services(secret, tmp_path) -> None:
    from omnilinks import check

    page = f'<html><body><a href="{secret.url("/secret")}">admin</a><a href="/about">about</a></body></html>'
    routes = {"/": lambda h: h.answer(200, page.encode()), "/about": lambda h: h.answer(200, b"<p>about</p>")}
    with serve(routes) as site:
        report = check(site.url("/"), use_cache=False)
    assert secret.count == 0
    private = [f for f in report.findings if f.rule == "link-private-address"]
    assert [f.target for f in private] == [secret.url("/secret")]
    assert report.pages == 2


def test_dns_is_resolved_once_and_the_socket_uses_the_checked_answer(secret, monkeypatch) -> None:
    """Rebinding: a second lookup would answer an address nothing listens on."""
    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host == "rebind.test":
            lookups.append(host)
            host = "127.0.0.1" if len(lookups) == 1 else "127.0.0.3"
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    client = HttpClient(HttpOptions(retries=0, timeout=2, allow_private=True))
    result = client.get(f"http://rebind.test:{secret.port}/secret")
    assert result.status == 200 and result.body == b"<p>secret</p>"
    assert lookups == ["rebind.test"]
    assert secret.count == 1


def test_a_name_that_resolves_to_a_private_address_is_refused(secret, monkeypatch) -> None:
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo",
                        lambda host, *a, **k: real("127.0.0.1" if host == "intranet.example" else host, *a, **k))
    result = HttpClient(HttpOptions(retries=0)).get(f"http://intranet.example:{secret.port}/secret")
    assert result.error == "private"
    assert secret.count == 0


@pytest.mark.parametrize("address,public", [
    ("8.8.8.8", True), ("2606:4700::1111", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.100.100.200", False), ("100.64.0.1", False), ("0.0.0.0", False),
    ("::1", False), ("fe80::1", False), ("fd00:ec2::254", False), ("fc00::1", False),
    ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False), ("::ffff:8.8.8.8", True),
    ("2002:7f00:1::1", False), ("64:ff9b::a00:1", False), ("::7f00:1", False), ("224.0.0.1", False),
    ("240.0.0.1", False), ("fe80::1%eth0", False),
])
def test_address_policy(address: str, public: bool) -> None:
    assert address_allowed(address) is public


@pytest.mark.parametrize("address,allowed", [
    ("127.0.0.1", True), ("::1", True), ("10.1.2.3", True), ("192.168.1.1", True),
    ("169.254.169.254", False), ("fd00:ec2::254", False), ("100.100.100.200", False), ("0.0.0.0", False),
    ("::ffff:169.254.169.254", False), ("224.0.0.1", False),
])
def test_address_policy_with_allow_private(address: str, allowed: bool) -> None:
    assert address_allowed(address, allow_private=True) is allowed
