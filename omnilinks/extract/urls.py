"""URLs from untrusted pages, resolved once at extraction so later stages can parse them."""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit


def resolve_url(base: str, raw: str) -> str | None:
    """urljoin, or None for a URL no parser can split ("http://[::1", a bad port): such a link
    is reported as malformed, such a fact dropped, and neither reaches a stage that parses it."""
    try:
        absolute = urljoin(base, raw)
        urlsplit(absolute).port  # noqa: B018 - the port is only checked when asked for
    except ValueError:
        return None
    return absolute
