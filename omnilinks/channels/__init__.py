"""Channel adapters, one module per platform, in one registry.

The order matters: the first adapter that parses a URL owns it, and the
generic adapter (last) claims only declared channels no other adapter claims.
"""
from __future__ import annotations

from functools import lru_cache

from omnilinks.channels import (
    amazon,
    bukalapak,
    etsy,
    facebook,
    generic,
    google_business,
    instagram,
    lazada,
    linkedin,
    mastodon,
    pinterest,
    shopee,
    tiktok,
    tokopedia,
    whatsapp,
    x,
    youtube,
)
from omnilinks.channels.base import Adapter, ChannelRef
from omnilinks.channels.urls import is_share_link

ADAPTERS: tuple[Adapter, ...] = (
    instagram.ADAPTER,
    facebook.ADAPTER,
    youtube.ADAPTER,
    tiktok.ADAPTER,
    x.ADAPTER,
    linkedin.ADAPTER,
    pinterest.ADAPTER,
    whatsapp.ADAPTER,
    google_business.ADAPTER,
    tokopedia.ADAPTER,
    shopee.ADAPTER,
    lazada.ADAPTER,
    bukalapak.ADAPTER,
    amazon.ADAPTER,
    etsy.ADAPTER,
    mastodon.ADAPTER,
    generic.ADAPTER,
)
BY_PLATFORM: dict[str, Adapter] = {adapter.platform: adapter for adapter in ADAPTERS}

__all__ = ["ADAPTERS", "BY_PLATFORM", "ChannelRef", "adapter_for", "classify", "is_share_link"]


@lru_cache(maxsize=65_536)
def classify(url: str) -> ChannelRef | None:
    """The profile, listing, store or chat a URL names; None for share links and other pages."""
    if is_share_link(url):
        return None
    for adapter in ADAPTERS:
        if adapter.claims_all:
            continue
        ref = adapter.parse(url)
        if ref is not None:
            return ref
    return None


def adapter_for(platform: str) -> Adapter | None:
    return BY_PLATFORM.get(platform)
