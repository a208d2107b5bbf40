"""Channel adapters, one module per platform, in one registry."""
from __future__ import annotations

from omnilinks.channels.base import Adapter, ChannelRef

ADAPTERS: tuple[Adapter, ...] = ()


def classify(url: str) -> ChannelRef | None:
    for adapter in ADAPTERS:
        ref = adapter.parse(url)
        if ref is not None:
            return ref
    return None
