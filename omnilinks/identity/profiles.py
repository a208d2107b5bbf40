"""Which links are the business's profiles on other platforms.

The channel adapters (omnilinks.channels.classify) know each platform's URL
shapes; a URL no adapter claims falls back to a table of profile paths here, so
sameAs and `init` work for every platform the site links.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from omnilinks import channels

# host → (platform, kind, regex the path must match for a profile)
_ONE = r"/(?!(?:{})(?:/|$))[A-Za-z0-9._-]+/?"
PLATFORMS: dict[str, tuple[str, str, str]] = {
    "instagram.com": ("instagram", "profile", _ONE.format("p|reel|reels|explore|stories|direct|accounts|tv")),
    "facebook.com": ("facebook", "profile",
                     r"/(?:profile\.php|pages/[^/]+/\d+/?|(?!(?:sharer|share|dialog|plugins|events|groups|watch|photo|"
                     r"story\.php|login)(?:[/.]|$))[A-Za-z0-9.-]+/?)"),
    "fb.com": ("facebook", "profile", _ONE.format("sharer")),
    "tiktok.com": ("tiktok", "profile", r"/@[A-Za-z0-9._]+/?"),
    "youtube.com": ("youtube", "profile", r"/(?:@[A-Za-z0-9._-]+|channel/[A-Za-z0-9_-]+|c/[^/]+|user/[^/]+)/?"),
    "x.com": ("x", "profile", _ONE.format("intent|share|home|search|i|hashtag")),
    "twitter.com": ("x", "profile", _ONE.format("intent|share|home|search|i|hashtag")),
    "linkedin.com": ("linkedin", "profile", r"/(?:company|in|school)/[^/]+/?"),
    "pinterest.com": ("pinterest", "profile", _ONE.format("pin|search")),
    "threads.net": ("threads", "profile", r"/@[A-Za-z0-9._]+/?"),
    "tokopedia.com": ("tokopedia", "store", _ONE.format("search|p|discovery|help|promo|cart|login")),
    "shopee.co.id": ("shopee", "store", _ONE.format("search|cart|buyer|user|m")),
    "lazada.co.id": ("lazada", "store", r"/shop/[^/]+/?"),
    "bukalapak.com": ("bukalapak", "store", r"/u/[^/]+/?"),
    "maps.app.goo.gl": ("google_business", "listing", r"/.+"),
    "g.page": ("google_business", "listing", r"/.+"),
    "wa.me": ("whatsapp", "chat", r"/\+?\d{6,15}/?"),
}
SHARE_LINK = re.compile(
    r"facebook\.com/(?:sharer|share\.php|dialog/share)|twitter\.com/(?:intent|share)|x\.com/(?:intent|share)|"
    r"instagram\.com/direct|linkedin\.com/(?:shareArticle|sharing)|pinterest\.com/pin/create|"
    r"(?:wa\.me|api\.whatsapp\.com/send)/?\?(?![^#]*phone=\d)|t\.me/share|telegram\.me/share", re.I)


@dataclass(frozen=True)
class ProfileRef:
    platform: str
    url: str
    kind: str  # profile | store | listing | chat

    @property
    def key(self) -> str:
        """Compared form: no scheme, no www, no trailing slash, case folded (handles are case-blind)."""
        return comparable(self.url)


def comparable(url: str) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    query = ""
    if parts.path.endswith("profile.php"):
        query = "?id=" + (parse_qs(parts.query).get("id") or [""])[0]
    return f"{host}{parts.path.rstrip('/')}{query}".lower()


def is_share_link(url: str) -> bool:
    adapter_says = getattr(channels, "is_share_link", None)
    return bool(SHARE_LINK.search(url)) or bool(adapter_says and adapter_says(url))


def profile_ref(url: str) -> ProfileRef | None:
    """The profile, store, listing or chat a URL names; None for share links and other pages."""
    if not url.lower().startswith(("http://", "https://")) or is_share_link(url):
        return None
    ref = channels.classify(url)
    if ref is not None:
        return None if ref.kind == "share" else ProfileRef(ref.platform, ref.url, ref.kind)
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host.endswith(".google.com") or host == "google.com":
        if parts.path.startswith("/maps"):
            return ProfileRef("google_business", url, "listing")
        return None
    spec = PLATFORMS.get(host)
    if spec is None or not re.fullmatch(spec[2], parts.path or "/"):
        return None
    if spec[0] == "facebook" and parts.path.startswith("/profile.php") and "id=" not in parts.query:
        return None
    return ProfileRef(spec[0], url, spec[1])


def site_profiles(urls: Iterable[str], kinds: tuple[str, ...] = ("profile", "store")) -> dict[str, ProfileRef]:
    """Profiles among `urls`, by comparable key, first spelling kept."""
    found: dict[str, ProfileRef] = {}
    for url in urls:
        ref = profile_ref(url)
        if ref is not None and ref.kind in kinds:
            found.setdefault(ref.key, ref)
    return found
