"""Shopee: shop pages are usually an anti-bot or script-only page for a
logged-out client (→ unverifiable); when served, og:title names the shop."""
from __future__ import annotations

import re

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.marketplace import name_from_page, store_fetch
from omnilinks.channels.urls import split
from omnilinks.models import Profile

HOST = re.compile(r"^shopee\.(co\.id|com\.my|sg|co\.th|ph|vn|tw|com\.br|com\.mx|com\.co|cl)$")
USERNAME = re.compile(r"^[A-Za-z0-9._]{3,30}$")
PRODUCT = re.compile(r"-i\.(\d+)\.(\d+)$")
RESERVED = frozenset({"search", "cart", "user", "buyer", "daily_discover", "flash_sale", "mall", "m", "product",
                      "verify", "login", "signup", "seller", "events3", "universal-link", "help", "docs"})


class ShopeeAdapter(Adapter):
    platform = "shopee"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or not HOST.match(parts.host) or not parts.segments:
            return None
        first = parts.segments[0]
        if first == "shop" and len(parts.segments) > 1 and parts.segments[1].isdigit():
            return ChannelRef(self.platform, f"https://{parts.host}/shop/{parts.segments[1]}", parts.segments[1], kind="store")
        product = PRODUCT.search(first)
        if product:
            shop_id = product.group(1)
            return ChannelRef(self.platform, f"https://{parts.host}/shop/{shop_id}", shop_id, kind="store")
        if first.lower() in RESERVED or not USERNAME.match(first):
            return None
        username = first.lower()
        return ChannelRef(self.platform, f"https://{parts.host}/{username}", username, kind="store")

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        return store_fetch(ref, ctx, lambda text: (name_from_page(
            text, ref.url, suffixes=(r"\|\s*Shopee[\w .]*", r"-\s*Shopee[\w .]*")), None))


ADAPTER = ShopeeAdapter()
