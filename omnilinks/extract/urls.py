"""URLs from untrusted pages, resolved once at extraction so later stages can parse them."""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit


def resolve_url(base: str, raw: str) -> str | None:
    """urljoin, or None for a URL no parser can split ("http://[::1", a bad port): such a link
    is reported as malformed, such a fact dropped, and neither reaches a stage that parses it."""
    try:
        absolute = urljoin(base, raw)
        urlsplit(absolute).port  # noqa: B018 - the port is only checked when asked for
    except ValueError:
        return None
    return absolute


@lru_cache(maxsize=65_536)
def without_fragment(url: str) -> str:
    """urldefrag(url)[0], remembered: rules ask it of every link on every page, and a site's
    links repeat across its pages."""
    return urldefrag(url)[0] if "#" in url else url


@lru_cache(maxsize=65_536)
def host_of(url: str) -> str:
    """The lower-cased host of an http(s) URL; "" for other schemes and unparseable URLs."""
    if not url.startswith(("http://", "https://")):
        return ""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
