"""Amazon: seller profiles (`/sp?seller=`), storefronts (`/shops/<id>`) and
brand stores (`/stores/<name>/page/<id>`). Amazon usually answers a
logged-out client with an anti-bot page (→ unverifiable)."""
from __future__ import annotations

import re

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.marketplace import name_from_page, store_fetch
from omnilinks.channels.urls import split
from omnilinks.models import Profile

HOST = re.compile(r"^amazon\.(com|co\.uk|de|fr|it|es|ca|com\.au|co\.jp|in|sg|com\.mx|com\.br|nl|ae|sa|se|pl)$")
SELLER = re.compile(r"^[A-Z0-9]{10,16}$")


class AmazonAdapter(Adapter):
    platform = "amazon"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or not HOST.match(parts.host):
            return None
        segs, host = parts.segments, parts.host
        seller = parts.query.get("seller", "")
        if segs[:1] == ("sp",) and SELLER.match(seller):
            return ChannelRef(self.platform, f"https://www.{host}/sp?seller={seller}", seller, kind="store")
        if segs[:1] == ("shops",) and len(segs) > 1 and SELLER.match(segs[1]):
            return ChannelRef(self.platform, f"https://www.{host}/shops/{segs[1]}", segs[1], kind="store")
        if segs[:1] == ("stores",) and "page" in segs:
            page_id = segs[segs.index("page") + 1] if segs.index("page") + 1 < len(segs) else ""
            if re.match(r"^[0-9A-F-]{36}$", page_id, re.I):
                name = segs[1] if len(segs) > 2 and segs[1] != "page" else None
                return ChannelRef(self.platform, f"https://www.{host}/stores/page/{page_id.upper()}", name, kind="store")
        return None

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        return store_fetch(ref, ctx, lambda text: (_seller_name(text) or name_from_page(
            text, ref.url, prefixes=(r"Amazon\.[\w.]+\s*:\s*", r"Amazon\.[\w.]+ Seller Profile\s*:\s*"),
            suffixes=(r"\|\s*Amazon[\w .]*",)), None), ("Page Not Found",))


def _seller_name(text: str) -> str | None:
    match = re.search(r'<h1[^>]*id="seller-name"[^>]*>\s*([^<]+?)\s*</h1>', text)
    return match.group(1) if match else None


ADAPTER = AmazonAdapter()
