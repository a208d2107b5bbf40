"""Channel adapters, one module per platform, in one registry.

The order matters: the first adapter that parses a URL owns it, and the
generic adapter (last) claims only declared channels no other adapter claims.

The adapter modules are imported the first time a URL is classified or the
registry is read (`ADAPTERS`, `BY_PLATFORM`, `adapters()`, `by_platform()`):
a site that links no other site never needs them, and they cost start-up time.
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from omnilinks.channels.base import Adapter, ChannelRef
from omnilinks.channels.urls import is_share_link

# The modules of the registry, in its order; each defines ADAPTER.
ADAPTER_MODULES: tuple[str, ...] = (
    "instagram",
    "facebook",
    "youtube",
    "tiktok",
    "x",
    "linkedin",
    "pinterest",
    "whatsapp",
    "google_business",
    "tokopedia",
    "shopee",
    "lazada",
    "bukalapak",
    "amazon",
    "etsy",
    "mastodon",
    "generic",
)

if TYPE_CHECKING:  # at run time, module attributes made on first use (__getattr__ below)
    ADAPTERS: tuple[Adapter, ...]
    BY_PLATFORM: dict[str, Adapter]

__all__ = ["ADAPTERS", "BY_PLATFORM", "ChannelRef", "adapter_for", "adapters", "by_platform", "classify",
           "is_share_link"]


@lru_cache(maxsize=1)
def adapters() -> tuple[Adapter, ...]:
    """Every adapter, in registry order."""
    found: tuple[Adapter, ...] = tuple(
        importlib.import_module(f"{__name__}.{module}").ADAPTER for module in ADAPTER_MODULES)
    return found


@lru_cache(maxsize=1)
def by_platform() -> dict[str, Adapter]:
    return {adapter.platform: adapter for adapter in adapters()}


def __getattr__(name: str) -> object:
    if name == "ADAPTERS":
        return adapters()
    if name == "BY_PLATFORM":
        return by_platform()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=65_536)
def classify(url: str) -> ChannelRef | None:
    """The profile, listing, store or chat a URL names; None for share links and other pages."""
    if is_share_link(url):
        return None
    for adapter in adapters():
        if adapter.claims_all:
            continue
        ref = adapter.parse(url)
        if ref is not None:
            return ref
    return None


def adapter_for(platform: str) -> Adapter | None:
    return by_platform().get(platform)
