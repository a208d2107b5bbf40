"""Tokopedia: shop pages carry `window.__APOLLO_STATE__` with the shop's
name and city."""
from __future__ import annotations

import re

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.marketplace import name_from_page, store_fetch
from omnilinks.channels.urls import split
from omnilinks.channels.verdict import embedded_json
from omnilinks.models import Profile

SHOP = re.compile(r"^[A-Za-z0-9_-]{3,60}$")
RESERVED = frozenset({"search", "p", "discovery", "help", "about", "promo", "find", "cart", "login", "register",
                      "user", "people", "blog", "careers", "events", "hot", "official-store", "top-up", "tiket",
                      "pulsa", "edu", "ta", "b", "feed", "play", "rewards", "bantuan", "kategori", "mitra", "seller"})
GONE = ("Toko tidak ditemukan", "Toko ini sedang tutup permanen")


class TokopediaAdapter(Adapter):
    platform = "tokopedia"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or parts.host != "tokopedia.com":
            return None
        if not parts.segments or parts.segments[0].lower() in RESERVED or not SHOP.match(parts.segments[0]):
            return None
        shop = parts.segments[0].lower()  # a product URL names its shop first
        return ChannelRef(self.platform, f"https://www.tokopedia.com/{shop}", shop, kind="store")

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        return store_fetch(ref, ctx, lambda text: _read(text, ref), GONE)


def _read(text: str, ref: ChannelRef) -> tuple[str | None, str | None]:
    state = embedded_json(text, "window.__APOLLO_STATE__")
    if isinstance(state, dict):
        objects = [v for v in state.values() if isinstance(v, dict)]
        shop = next((o for o in objects if str(o.get("domain", "")).lower() == ref.handle and o.get("name")), None)
        city = next((str(o[k]) for o in objects for k in ("cityName", "city", "shopLocation", "location")
                     if isinstance(o.get(k), str) and o.get(k)), None)
        if shop is not None:
            return str(shop["name"]).strip(), city
    return name_from_page(text, ref.url, prefixes=("Jual Produk ", "Toko "), suffixes=(r"\|\s*Tokopedia",)), None


ADAPTER = TokopediaAdapter()
