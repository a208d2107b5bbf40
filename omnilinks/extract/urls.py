"""URLs from untrusted pages, resolved once at extraction so later stages can parse them."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

# Schemes the URL standard calls special; a URL with any other scheme keeps its backslashes.
SPECIAL_SCHEME = re.compile(r"^(?:https?|wss?|ftp|file):", re.I)
OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def browser_slashes(raw: str) -> str:
    """The address as a browser on an http(s) page reads it: backslashes before the query or fragment
    are slashes (`images\\logo.png`, `https:\\\\host\\path`, as Windows tools write them). The URL
    standard parses `\\` as `/` in special-scheme URLs; the query and fragment keep theirs."""
    if "\\" not in raw or (OTHER_SCHEME.match(raw) and not SPECIAL_SCHEME.match(raw)):
        return raw
    end = min((i for i in (raw.find("?"), raw.find("#")) if i >= 0), default=len(raw))
    return raw[:end].replace("\\", "/") + raw[end:]


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


# An http(s) URL urlsplit would give back as it is: a lower-case host (an optional port), then a path,
# and no query, fragment, params, space or control character. Most of a site's page URLs.
PLAIN_URL = re.compile(r"(https?://[a-z0-9.\-]+(?::[0-9]+)?)(/[^?#;\s\x00-\x1f\x7f]*)\Z")


def url_path(url: str) -> str:
    """urlsplit(url).path, read straight off a plain URL (rules ask it of every page; urlsplit
    costs 5 µs)."""
    plain = PLAIN_URL.match(url)
    return plain.group(2) if plain is not None else urlsplit(url).path

