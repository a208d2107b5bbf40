"""X (Twitter): a logged-out client gets a JavaScript shell with no profile
data, so only a vanished address can be told; the rest is a hand check."""
from __future__ import annotations

import re

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.urls import platform_host, split
from omnilinks.channels.walled import walled_fetch
from omnilinks.models import Profile

HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
NOT_PROFILES = frozenset({"intent", "share", "home", "i", "search", "hashtag", "explore", "settings", "login",
                          "signup", "tos", "privacy", "notifications", "messages", "compose"})


class XAdapter(Adapter):
    platform = "x"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or not platform_host(parts.host, "x.com", "twitter.com") or not parts.segments:
            return None
        handle = parts.segments[0].lstrip("@")
        if handle.lower() in NOT_PROFILES or not HANDLE.match(handle):
            return None
        handle = handle.lower()  # X handles are case-insensitive
        return ChannelRef(self.platform, f"https://x.com/{handle}", handle)

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        profile, _, _ = walled_fetch(ref, ctx, "X serves logged-out visitors a JavaScript shell without the profile")
        return profile


ADAPTER = XAdapter()
