"""Bukalapak: `bukalapak.com/u/<user>` store pages."""
from __future__ import annotations

import re

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.marketplace import name_from_page, store_fetch
from omnilinks.channels.urls import split
from omnilinks.models import Profile

USER = re.compile(r"^[A-Za-z0-9_.-]{2,60}$")
GONE = ("Pelapak tidak ditemukan", "Halaman tidak ditemukan")


class BukalapakAdapter(Adapter):
    platform = "bukalapak"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or parts.host != "bukalapak.com" or len(parts.segments) < 2 or parts.segments[0] != "u":
            return None
        user = parts.segments[1].lower()
        if not USER.match(user):
            return None
        return ChannelRef(self.platform, f"https://www.bukalapak.com/u/{user}", user, kind="store")

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        return store_fetch(ref, ctx, lambda text: (name_from_page(
            text, ref.url, prefixes=("Jual Produk ", "Jual ", "Toko "), suffixes=(r"\|\s*Bukalapak",)), None), GONE)


ADAPTER = BukalapakAdapter()
