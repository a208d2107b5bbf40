"""Instagram: the bio link is not in the logged-out page (login wall, 429),
so the link back is a hand check; the account's existence and name are read."""
from __future__ import annotations

import re

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.urls import platform_host, split
from omnilinks.channels.walled import name_before_handle, og_title, walled_fetch, with_name
from omnilinks.models import Profile

HANDLE = re.compile(r"^[A-Za-z0-9._]{1,30}$")
NOT_PROFILES = frozenset({"p", "reel", "reels", "explore", "stories", "direct", "accounts", "tv", "about",
                          "developer", "legal", "web", "privacy", "terms", "challenge", "emails", "session"})
GONE = ("Sorry, this page isn't available", "Maaf, halaman ini tidak tersedia")


class InstagramAdapter(Adapter):
    platform = "instagram"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or not platform_host(parts.host, "instagram.com") or not parts.segments:
            return None
        handle = parts.segments[0]
        if handle.lower() in NOT_PROFILES or not HANDLE.match(handle):
            return None
        handle = handle.lower()  # Instagram usernames are case-insensitive
        return ChannelRef(self.platform, f"https://www.instagram.com/{handle}/", handle)

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        profile, _, text = walled_fetch(
            ref, ctx, "Instagram does not show the bio link to logged-out visitors", GONE)
        return with_name(profile, name_before_handle(og_title(text)), text)


ADAPTER = InstagramAdapter()
