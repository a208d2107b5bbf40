"""What marketplaces share: the store must resolve and its name match the
brand. Marketplaces forbid links off-platform, so a link back is never
expected (links_back stays null)."""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import replace

from omnilinks.channels.base import AdapterContext, ChannelRef, label
from omnilinks.channels.verdict import base_profile, page_text, picture_of, visit_page
from omnilinks.extract.html import parse_page
from omnilinks.extract.structured import jsonld_types
from omnilinks.fetch.types import Response
from omnilinks.models import MatchMode, Profile
from omnilinks.normalize.name import names_match, strip_title_suffix

NameReader = Callable[[str], tuple[str | None, str | None]]  # page text → (store name, city)
STORE_TYPES = {"Store", "OnlineStore", "Organization", "LocalBusiness", "Brand"}


def store_fetch(ref: ChannelRef, ctx: AdapterContext, read: NameReader, gone_markers: tuple[str, ...] = ()) -> Profile:
    return visit_page(ref, ctx, lambda ref, ctx, response: read_store(ref, ctx, response, read, gone_markers),
                      "the store does not exist")


def read_store(ref: ChannelRef, ctx: AdapterContext, response: Response, read: NameReader,
               gone_markers: tuple[str, ...]) -> Profile:
    text = page_text(response)
    profile = base_profile(ref, ctx, evidence=response.evidence)
    if any(marker in text for marker in gone_markers):
        return replace(profile, status="unreachable", reason=f"{label(ref.platform)} says the store does not exist",
                       fix=f"Check the store address on {label(ref.platform)}; if it moved, link the current one.")
    name, city = read(text)
    if not name or names_match(label(ref.platform), name, "relaxed"):
        return replace(profile, status="unverifiable",
                       reason="the page did not show the store (an anti-bot or script-only page)",
                       fix=f"Open {ref.url} in a browser and check the store name; record it under facts: in omnilinks.yml.")
    profile = replace(profile, name=name, address=city, avatar=picture_of(parse_page(text, ref.url), STORE_TYPES))
    brand = ctx.identity.name
    if not brand:
        return replace(profile, status="verified", reason=f"the store '{name}' exists (no brand name to compare)")
    mode: MatchMode = "relaxed" if ctx.name_match == "relaxed" else "strict"
    if names_match(brand, name, mode, ctx.identity.aliases):
        return replace(profile, status="verified", reason=f"the store '{name}' exists and carries the brand name")
    return replace(profile, status="mismatch", reason=f"the store is named '{name}', not '{brand}'",
                   fix=f"Rename the store to '{brand}', or add '{name}' to brand.aliases if it is the same business.")


def name_from_page(text: str, url: str, prefixes: tuple[str, ...] = (), suffixes: tuple[str, ...] = ()) -> str | None:
    """The store name from JSON-LD, else og:title / <title> without the marketplace's decoration."""
    page = parse_page(text, url)
    for entity in page.jsonld:
        if jsonld_types(entity) & STORE_TYPES and entity.get("name"):
            return str(entity["name"]).strip()
    meta = dict(page.meta)
    title = meta.get("og:title") or page.title
    if not title:
        return None
    title = html.unescape(title)
    for suffix in suffixes:
        title = re.sub(suffix + r"\s*$", "", title, flags=re.I).strip()
    head, _ = strip_title_suffix(title)
    for prefix in prefixes:
        head = re.sub(r"^\s*" + prefix, "", head, flags=re.I).strip()
    return head or None
