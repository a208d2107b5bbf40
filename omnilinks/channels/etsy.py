"""Etsy: `etsy.com/shop/<Name>`; shop names are case-insensitive."""
from __future__ import annotations

import re

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.marketplace import name_from_page, store_fetch
from omnilinks.channels.urls import split
from omnilinks.models import Profile

SHOP = re.compile(r"^[A-Za-z0-9]{4,20}$")


class EtsyAdapter(Adapter):
    platform = "etsy"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or parts.host != "etsy.com":
            return None
        segs = parts.segments
        if segs and re.match(r"^[a-z]{2}(-[a-z]{2})?$", segs[0]) and segs[0] != "shop":
            segs = segs[1:]  # a language prefix: etsy.com/id-en/shop/…
        if len(segs) < 2 or segs[0] != "shop" or not SHOP.match(segs[1]):
            return None
        shop = segs[1].lower()
        return ChannelRef(self.platform, f"https://www.etsy.com/shop/{shop}", shop, kind="store")

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        return store_fetch(ref, ctx, lambda text: (name_from_page(
            text, ref.url, suffixes=(r"(?:by \w+ )?\|\s*Etsy[\w .]*", r"-\s*Etsy[\w .]*")), None))


ADAPTER = EtsyAdapter()
