"""SSRF guard at the socket: the address a connection really uses is the one checked.

Hostnames are resolved here, every resolved address is checked, and the socket
connects to that checked address, so DNS rebinding between check and connect
cannot happen and every redirect hop (a new connection) is checked too.
"""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field

import requests
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

# Addresses `is_global` would let through but that reach cloud metadata services.
METADATA = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("fd00:ec2::254"),
    ipaddress.ip_address("100.100.100.200"),
}


@dataclass(frozen=True)
class AddressPolicy:
    allow_private: bool = False
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)

    def host_allowed_anywhere(self, host: str) -> bool:
        return host.lower().strip("[]") in self.allowed_hosts


class BlockedAddress(NewConnectionError):
    """The host resolved only to addresses the policy refuses."""


def address_allowed(address: str, allow_private: bool = False) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in METADATA:
        return False
    if allow_private:
        return not (ip.is_multicast or ip.is_unspecified or ip.is_reserved)
    return ip.is_global


def _guarded_connect(conn: HTTPConnection, policy: AddressPolicy) -> None:
    if policy.host_allowed_anywhere(conn.host):
        return
    try:
        infos = socket.getaddrinfo(conn._dns_host, conn.port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return  # let the normal connect raise the resolution error
    allowed = [info[4][0] for info in infos if address_allowed(info[4][0], policy.allow_private)]
    if not allowed:
        refused = infos[0][4][0] if infos else "?"
        raise BlockedAddress(conn, f"refused to connect to {conn.host} ({refused}): private or reserved address")
    conn._dns_host = allowed[0]


class GuardedHTTPConnection(HTTPConnection):
    policy = AddressPolicy()

    def _new_conn(self):  # type: ignore[no-untyped-def]
        _guarded_connect(self, self.policy)
        return super()._new_conn()


class GuardedHTTPSConnection(HTTPSConnection):
    policy = AddressPolicy()

    def _new_conn(self):  # type: ignore[no-untyped-def]
        _guarded_connect(self, self.policy)
        return super()._new_conn()


class GuardedAdapter(requests.adapters.HTTPAdapter):
    """An HTTPAdapter whose pools open only policy-checked connections."""

    def __init__(self, policy: AddressPolicy, pool_maxsize: int = 32):
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
