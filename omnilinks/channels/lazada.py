"""Lazada: `lazada.co.id/shop/<slug>`; the store page names the shop in its
title when it is served rather than an anti-bot page."""
from __future__ import annotations

import re

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.marketplace import name_from_page, store_fetch
from omnilinks.channels.urls import split
from omnilinks.models import Profile

HOST = re.compile(r"^lazada\.(co\.id|com\.my|sg|co\.th|com\.ph|vn)$")
SLUG = re.compile(r"^[A-Za-z0-9_-]{2,80}$")


class LazadaAdapter(Adapter):
    platform = "lazada"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or not HOST.match(parts.host) or len(parts.segments) < 2 or parts.segments[0] != "shop":
            return None
        slug = parts.segments[1].lower()
        if not SLUG.match(slug):
            return None
        return ChannelRef(self.platform, f"https://www.{parts.host}/shop/{slug}/", slug, kind="store")

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        return store_fetch(ref, ctx, lambda text: (name_from_page(
            text, ref.url, suffixes=(r",?\s*Toko Online\s*\|\s*Lazada[\w .]*", r"\|\s*Lazada[\w .]*")), None))


ADAPTER = LazadaAdapter()
