"""Which links are the business's profiles on other platforms.

The channel adapters' registry (omnilinks.channels.classify) is the one place
that knows each platform's URL shapes; this module only views its answers in
the form sameAs and `init` compare, so it lives beside the registry.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

from omnilinks.channels import classify
from omnilinks.normalize.domain import site_host
from omnilinks.vocabulary import ChannelKind


@dataclass(frozen=True)
class ProfileRef:
    """The channel a URL names, in the form sameAs and `init` compare."""

    platform: str
    url: str
    kind: ChannelKind

    @property
    def key(self) -> str:
        """Compared form: no scheme, no www, no trailing slash, case folded (handles are case-blind)."""
        return comparable(self.url)


def comparable(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[x" written in a page's JSON-LD: compared as written
        return url.strip().lower()
    host = site_host(parts.hostname or "").removeprefix("m.")
    query = ""
    if parts.path.endswith("profile.php"):
        query = "?id=" + (parse_qs(parts.query).get("id") or [""])[0]
    return f"{host}{parts.path.rstrip('/')}{query}".lower()


@lru_cache(maxsize=65_536)
def profile_ref(url: str) -> ProfileRef | None:
    """The channel a URL names (a profile, store, listing, chat…); None for other pages, share links among
    them (omnilinks.channels.classify knows no channel in a share link)."""
    if not url.lower().startswith(("http://", "https://")):
        return None
    ref = classify(url)
    if ref is None:
        return None
    return ProfileRef(ref.platform, ref.url, ref.kind)


def site_profiles(urls: Iterable[str], kinds: tuple[ChannelKind, ...] = ("profile", "store")) -> dict[str, ProfileRef]:
    """Profiles among `urls`, by comparable key, first spelling kept."""
    found: dict[str, ProfileRef] = {}
    for url in urls:
        ref = profile_ref(url)
        if ref is not None and ref.kind in kinds:
            found.setdefault(ref.key, ref)
    return found
