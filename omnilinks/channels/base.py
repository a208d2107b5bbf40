"""The adapter interface: one module per platform, registered in channels/__init__.py."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from omnilinks.config import ChannelConfig
from omnilinks.fetch.client import HttpClient
from omnilinks.models import Identity, Profile
from omnilinks.vocabulary import ChannelKind


@dataclass(frozen=True)
class ChannelRef:
    """A URL understood as a channel: which platform, whose account, in one canonical form."""

    platform: str
    url: str  # canonical URL
    handle: str | None = None
    kind: ChannelKind = "profile"  # the words and what they name: omnilinks.vocabulary


@dataclass(frozen=True)
class AdapterContext:
    """What the run hands an adapter with each channel: the one client, the site to link back to, the brand."""

    client: HttpClient
    site_url: str  # the site's public URL: a link back must reach it
    identity: Identity
    channel: ChannelConfig | None = None  # place_id, facts from omnilinks.yml
    google_api_key: str | None = None
    name_match: str = "strict"
    offline: bool = False  # adapters that need no network (WhatsApp, business.site) still decide


class Adapter(Protocol):
    """What a platform module's ADAPTER is, and all the run asks of it. Every adapter class names
    this protocol as its base, so the type checker holds each one to it (and `claims_all` defaults)."""

    platform: str  # the platform id of the JSON report
    # The generic adapter parses any http(s) URL: it is asked only about declared channels no other
    # adapter claims, never to classify a link the site happens to carry.
    claims_all: bool = False

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        """The channel this URL names, or None when it is not this platform's profile URL.

        declared: the URL is a channel omnilinks.yml declares for this adapter (by its platform, or
        as a page no other adapter claims), so the adapter takes the user's word where a link alone
        would not be enough (a Mastodon account on a server it does not know). Adapters whose URLs
        speak for themselves read it the same either way: declaring never loses a channel."""
        ...

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        """Read the channel through ctx.client and say how far it could be verified."""
        ...


PLATFORM_LABELS: dict[str, str] = {
    "instagram": "Instagram", "facebook": "Facebook", "youtube": "YouTube", "tiktok": "TikTok", "x": "X",
    "linkedin": "LinkedIn", "pinterest": "Pinterest", "whatsapp": "WhatsApp",
    "google_business": "Google Business Profile", "tokopedia": "Tokopedia", "shopee": "Shopee",
    "lazada": "Lazada", "bukalapak": "Bukalapak", "amazon": "Amazon", "etsy": "Etsy", "mastodon": "Mastodon",
    "generic": "the page",
}


def label(platform: str) -> str:
    return PLATFORM_LABELS.get(platform, platform)
