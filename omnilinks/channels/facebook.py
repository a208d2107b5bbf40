"""Facebook: pages sit behind a login wall or show bare og: tags; the link
back is a hand check, a missing page is reported."""
from __future__ import annotations

import re

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.urls import platform_host, split
from omnilinks.channels.walled import og_title, walled_fetch, with_name
from omnilinks.models import Profile

VANITY = re.compile(r"^[A-Za-z0-9.\-]{2,80}$")
NOT_PROFILES = frozenset({
    "sharer", "sharer.php", "share.php", "share", "dialog", "plugins", "tr", "login", "login.php", "l.php",
    "watch", "events", "marketplace", "help", "policies", "privacy", "hashtag", "search", "photo.php",
    "permalink.php", "story.php", "reel", "stories", "home.php", "gaming", "business", "ads", "settings",
})
GONE = ("This content isn't available", "This page isn't available", "Konten ini tidak tersedia")


class FacebookAdapter(Adapter):
    platform = "facebook"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or not platform_host(parts.host, "facebook.com", "fb.com", "fb.me") or not parts.segments:
            return None
        first = parts.segments[0]
        if first == "profile.php":
            number = parts.query.get("id", "")
            if not number.isdigit():
                return None
            return ChannelRef(self.platform, f"https://www.facebook.com/profile.php?id={number}", number)
        if first == "pages" and len(parts.segments) >= 3 and parts.segments[-1].isdigit():
            number = parts.segments[-1]
            return ChannelRef(self.platform, f"https://www.facebook.com/{number}", number)
        if first == "groups" and len(parts.segments) >= 2:
            group = parts.segments[1].lower()
            return ChannelRef(self.platform, f"https://www.facebook.com/groups/{group}/", group, kind="group")
        if first.lower() in NOT_PROFILES or not VANITY.match(first) or first.endswith(".php"):
            return None
        vanity = first.lower()  # vanity names ignore case and dots are optional, but kept as written
        return ChannelRef(self.platform, f"https://www.facebook.com/{vanity}", vanity)

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        profile, _, text = walled_fetch(
            ref, ctx, "Facebook shows page details only to logged-in visitors", GONE)
        title = og_title(text)
        return with_name(profile, None if title in (None, "Facebook", "Log in to Facebook", "Masuk ke Facebook") else title, text)


ADAPTER = FacebookAdapter()
