"""The one answer to "is this the same site?".

Two questions, both here so no module works them out on its own:
- `same_host`: the crawl's scope — one host, written with or without `www.`;
- `same_site`: a link back — one registrable domain (subdomains count), from the
  Public Suffix List *with its private section*, so `foo.github.io` and
  `bar.github.io` are two sites and `gov.uk`, `co.ke`, `com.mx` are suffixes.

The list is the snapshot `publicsuffixlist` ships; nothing is fetched at run time.
"""
from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    """The bundled list, parsed on first use (tens of ms: commands that never compare sites skip it)."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


@lru_cache(maxsize=65_536)  # hot path: every link of every page and every channel link
def site_host(host: str) -> str:
    """A host in the form hosts are compared in: lower case, no trailing dot, no `www.`,
    Unicode labels for Punycode ones (`xn--bcher-kva.de` is `bücher.de`)."""
    host = host.strip().lower().rstrip(".")
    if "xn--" in host:
        host = ".".join(_unicode_label(label) for label in host.split("."))
    if host.startswith("www.") and host.count(".") >= 2:
        host = host[4:]
    return host


def _unicode_label(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except (UnicodeError, ValueError):
        return label  # not valid Punycode: compared as written


@lru_cache(maxsize=65_536)
def registrable_domain(host: str) -> str:
    """The domain someone registered: `shop.kopisenja.co.id` → `kopisenja.co.id`,
    `foo.github.io` → `foo.github.io`. A public suffix itself (`github.io`), an IP
    address or a single-label host (`localhost`) is its own site."""
    host = site_host(host)
    if not host or _is_ip(host) or "." not in host:
        return host
    return _psl().privatesuffix(host) or host


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def url_host(url: str) -> str:
    """The host of an absolute URL, lower case; "" when none can be read."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def same_host(a: str, b: str) -> bool:
    """Same host, `www.` or not: the crawl's scope."""
    return bool(a) and site_host(a) == site_host(b)


def same_site(a: str, b: str) -> bool:
    """Same registrable domain: `pesan.kopisenja.id` is kopisenja.id's site, `bar.github.io`
    is not `foo.github.io`'s. Hosts, not URLs (`url_host` reads one)."""
    return bool(a) and registrable_domain(a) == registrable_domain(b)
