"""URL shapes shared by the adapters: host forms, the site's registrable
domain (from normalize.domain), redirect wrappers and share links (which are never profiles)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs, parse_qsl, unquote, urlsplit, urlunsplit

from omnilinks.normalize.domain import registrable_domain, same_site  # noqa: F401  (registrable_domain: re-exported)
from omnilinks.normalize.queryparams import PROFILE_NOISE, kept_query

# Host prefixes that serve the same account as the bare host.
MIRROR_PREFIXES = ("www.", "m.", "mobile.", "web.", "touch.", "mbasic.")
LINK_IN_BIO_HOSTS = frozenset({
    "linktr.ee", "lnk.bio", "bio.link", "beacons.ai", "linkin.bio", "taplink.cc", "heylink.me", "msha.ke",
    "campsite.bio", "solo.to", "s.id", "linkfly.to", "tap.bio", "allmylinks.com", "bio.site", "lynk.id",
})


@dataclass(frozen=True)
class UrlParts:
    """An http(s) URL split the way the adapters match a platform's URL shapes."""

    host: str  # lower case, mirror prefix removed
    segments: tuple[str, ...]  # non-empty path segments, percent-decoded
    query: dict[str, str]


def absolute(url: str) -> str:
    """Scheme-less links ("twitch.tv/illojuan" in a bio) as https URLs."""
    url = url.strip()
    if url.startswith("//"):
        return "https:" + url
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
        return "https://" + url
    return url


@lru_cache(maxsize=65_536)  # every adapter splits the same URLs; callers treat the result as read-only
def split(url: str) -> UrlParts | None:
    try:
        parts = urlsplit(absolute(url))
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    for prefix in MIRROR_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    segments = tuple(unquote(s) for s in parts.path.split("/") if s)
    query = {k: v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
    return UrlParts(host, segments, query)


def host_is(host: str, *domains: str) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def platform_host(host: str, *domains: str) -> bool:
    """The platform's own site, where its accounts live (a mirror prefix is already gone, see
    `split`), not one of its other sites: developer.x.com/en/docs is documentation, not the
    account "en"; help.instagram.com and developers.facebook.com hold no one's profile."""
    return host in domains


def reaches_site(url: str, site_url: str) -> bool:
    """The link lands on the site: an http(s) link on the same registrable domain (see normalize.domain)."""
    link, site = split(url), split(site_url)
    if link is None or site is None:
        return False
    return same_site(link.host, site.host)


@lru_cache(maxsize=65_536)
def without_tracking(url: str) -> str:
    """The URL with fragment, tracking and view parameters (normalize.queryparams) and a trailing slash
    removed, host lower-cased."""
    parts = urlsplit(absolute(url))
    query = kept_query(parts.query, PROFILE_NOISE)
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def unwrap_redirect(url: str) -> str:
    """The destination inside a platform's click-tracking wrapper (YouTube, Instagram, Facebook, Google)."""
    parts = split(url)
    if parts is None:
        return url
    query = parse_qs(urlsplit(absolute(url)).query)
    wrapped = (
        (host_is(parts.host, "youtube.com") and parts.segments[:1] == ("redirect",) and "q")
        or (parts.host == "l.instagram.com" and "u")
        or (host_is(parts.host, "facebook.com") and parts.segments[:1] == ("l.php",) and "u")
        or (parts.host.startswith("google.") and parts.segments[:1] == ("url",) and ("q" if "q" in query else "url"))
    )
    if wrapped and query.get(wrapped):
        return absolute(query[wrapped][0])
    return url


def is_link_in_bio(url: str) -> bool:
    parts = split(url)
    return parts is not None and host_is(parts.host, *LINK_IN_BIO_HOSTS)


def is_share_link(url: str) -> bool:
    """Share and intent links post or message *to* a platform; they never name a profile."""
    parts = split(url)
    if parts is None:
        return False
    first = parts.segments[0].lower() if parts.segments else ""
    if host_is(parts.host, "facebook.com", "fb.com"):
        return first in ("sharer", "sharer.php", "share.php", "share", "dialog") or first.startswith("sharer")
    if host_is(parts.host, "twitter.com", "x.com"):
        return first in ("intent", "share", "home") and (first != "home" or "status" in parts.query)
    if host_is(parts.host, "instagram.com"):
        return first == "direct"
    if host_is(parts.host, "linkedin.com"):
        return first in ("sharearticle", "cws") or (first == "sharing")
    if parts.host == "wa.me":
        return not parts.segments and "text" in parts.query
    if host_is(parts.host, "whatsapp.com") and parts.host != "chat.whatsapp.com":
        return first == "send" and not parts.query.get("phone") and "text" in parts.query
    if host_is(parts.host, "pinterest.com"):
        return first == "pin" and len(parts.segments) > 1 and parts.segments[1] == "create"
    if parts.host == "t.me":
        return first == "share"
    return False
