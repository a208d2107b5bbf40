"""SSRF guard at the socket: the address a connection really uses is the one checked.

Hostnames are resolved here, once; every resolved address is checked, and the
socket connects to that checked address, so DNS rebinding between check and
connect cannot happen, and every redirect hop (a new connection) is checked too.
Integer and octal host forms (`2130706433`, `0177.0.0.1`) resolve to the
address they mean, so checking the resolved address refuses them as well.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import cast

import requests
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.response import HTTPResponse

from omnilinks.fetch import watchdog
from omnilinks.fetch.policy import AddressPolicy

# Addresses that reach cloud metadata services: refused even with allow_private.
METADATA = frozenset({
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("fd00:ec2::254"),
    ipaddress.ip_address("100.100.100.200"),
})
NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


class BlockedAddress(NewConnectionError):
    """The host resolved only to addresses the policy refuses."""


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, 6to4, NAT64, IPv4-compatible), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64 or (ip in IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_allowed(address: str, allow_private: bool = False) -> bool:
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        ip = embedded_ipv4(ip) or ip
    if ip in METADATA or ip.is_multicast or ip.is_unspecified:
        return False
    if allow_private:
        return not ip.is_reserved or ip.is_loopback
    return ip.is_global and not ip.is_reserved


def _checked_addresses(conn: HTTPConnection, policy: AddressPolicy) -> list[str]:
    """Resolve once and keep only allowed addresses; raise when none is allowed."""
    try:
        infos = socket.getaddrinfo(conn._dns_host, conn.port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        # Raise here: letting the socket resolve again would let a second answer differ from this one.
        raise NameResolutionError(conn.host, conn, exc) from exc
    # a stream socket's address family is IPv4 or IPv6, whose sockaddr starts with the address text
    addresses = list(dict.fromkeys(cast(str, info[4][0]) for info in infos))
    if policy.host_allowed_anywhere(conn.host, conn.port):
        return addresses
    allowed = [a for a in addresses if address_allowed(a, policy.allow_private)]
    if not allowed:
        refused = addresses[0] if addresses else "?"
        raise BlockedAddress(conn, f"refused to connect to {conn.host} ({refused}): private or reserved address")
    return allowed


def _connect_checked(conn: HTTPConnection, policy: AddressPolicy,
                     connect: Callable[[], socket.socket]) -> socket.socket:
    last: Exception | None = None
    for address in _checked_addresses(conn, policy):
        conn._dns_host = address  # connect to exactly the address that was checked
        try:
            sock = connect()
        except (NewConnectionError, ConnectTimeoutError) as exc:
            last = exc
            continue
        watchdog.attach(sock)
        return sock
    assert last is not None
    raise last


class GuardedHTTPConnection(HTTPConnection):
    policy = AddressPolicy()

    def _new_conn(self) -> socket.socket:
        return _connect_checked(self, self.policy, super()._new_conn)

    def getresponse(self) -> HTTPResponse:  # type: ignore[override]  # as urllib3 itself: its response, not http.client's
        watchdog.attach(self.sock)  # a reused keep-alive socket serves this request too
        return super().getresponse()


class GuardedHTTPSConnection(HTTPSConnection):
    policy = AddressPolicy()

    def _new_conn(self) -> socket.socket:
        return _connect_checked(self, self.policy, super()._new_conn)

    def connect(self) -> None:
        super().connect()
        watchdog.attach(self.sock)  # the TLS socket replaces the plain one

    def getresponse(self) -> HTTPResponse:  # type: ignore[override]  # as urllib3 itself: its response, not http.client's
        watchdog.attach(self.sock)
        return super().getresponse()


class GuardedAdapter(requests.adapters.HTTPAdapter):
    """An HTTPAdapter whose pools open only policy-checked connections."""

    def __init__(self, policy: AddressPolicy, pool_maxsize: int = 32):
        self.policy = policy
        http_conn = type("PolicyHTTPConnection", (GuardedHTTPConnection,), {"policy": policy})
        https_conn = type("PolicyHTTPSConnection", (GuardedHTTPSConnection,), {"policy": policy})
        self._pools = {
            "http": type("PolicyHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            "https": type("PolicyHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}),
        }
        super().__init__(pool_connections=64, pool_maxsize=pool_maxsize, max_retries=0)

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pools
