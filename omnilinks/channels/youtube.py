"""YouTube: `ytInitialData` holds the channel's metadata and the header's
first link (wrapped in youtube.com/redirect?q=). Only that first link is in
the page, so a first link elsewhere leaves the link back unknown, not false."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from omnilinks.channels.base import AdapterContext, ChannelRef
from omnilinks.channels.urls import absolute, host_is, reaches_site, split, unwrap_redirect
from omnilinks.channels.verdict import (
    apply_verdict,
    base_profile,
    embedded_json,
    fetch_page,
    find_key,
    judge_links,
    page_text,
)
from omnilinks.models import Profile

CHANNEL_ID = re.compile(r"^UC[A-Za-z0-9_-]{22}$")
HANDLE = re.compile(r"^@[A-Za-z0-9._·-]{3,30}$")
URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>]+", re.I)


class YouTubeAdapter:
    platform = "youtube"

    def parse(self, url: str) -> ChannelRef | None:
        parts = split(url)
        if parts is None or not host_is(parts.host, "youtube.com") or not parts.segments:
            return None
        first = parts.segments[0]
        if HANDLE.match(first):
            handle = first[1:].lower()  # handles are case-insensitive
            return ChannelRef(self.platform, f"https://www.youtube.com/@{handle}", handle)
        if first == "channel" and len(parts.segments) > 1 and CHANNEL_ID.match(parts.segments[1]):
            channel_id = parts.segments[1]
            return ChannelRef(self.platform, f"https://www.youtube.com/channel/{channel_id}", channel_id, kind="channel_id")
        if first in ("c", "user") and len(parts.segments) > 1:
            name = parts.segments[1].lower()
            return ChannelRef(self.platform, f"https://www.youtube.com/{first}/{name}", name, kind=f"legacy_{first}")
        return None

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        response = fetch_page(ref, ctx, "the channel does not exist")
        if isinstance(response, Profile):
            return response
        data = embedded_json(page_text(response), "var ytInitialData")
        meta = find_key(data, "channelMetadataRenderer") if data is not None else None
        profile = base_profile(ref, ctx, evidence=response.evidence)
        if not isinstance(meta, dict):
            return replace(profile, status="unverifiable", reason="the page did not include the channel data",
                           fix=f"Open {ref.url} in a browser and check the channel links; record them under facts: in omnilinks.yml.")
        profile = replace(profile, name=meta.get("title") or None, handle=_handle(meta) or ref.handle,
                          avatar=_avatar(meta))
        first = _first_link(find_key(data, "firstLink"))
        described = [m.group(0) for m in URL_IN_TEXT.finditer(str(meta.get("description") or ""))]
        in_description = [u for u in described if reaches_site(u, ctx.site_url)]
        links = tuple(([first] if first else []) + described)
        profile = replace(profile, links=links)
        reaching = ([first] if first and reaches_site(first, ctx.site_url) else []) + in_description
        if reaching:
            return apply_verdict(profile, judge_links(reaching, ctx, "the YouTube channel"))
        if first:
            return replace(profile, status="unverifiable", links_back=None, website=None,
                           reason=f"only the first header link is visible ({first}); the site may be among the other links",
                           fix=f"Make {ctx.site_url} the first link of the channel (Customise channel → Basic info → Links), "
                               "or confirm it by hand and record it under facts: in omnilinks.yml.")
        return replace(profile, status="mismatch", links_back=False, reason="the channel shows no links",
                       fix=f"Add {ctx.site_url} as the first link of the channel (Customise channel → Basic info → Links).")


def _handle(meta: dict[str, Any]) -> str | None:
    vanity = str(meta.get("vanityChannelUrl") or "")
    match = re.search(r"/@([^/?#]+)", vanity)
    return match.group(1).lower() if match else None


def _avatar(meta: dict[str, Any]) -> str | None:
    """The largest of the channel picture's sizes."""
    thumbnails = (meta.get("avatar") or {}).get("thumbnails") if isinstance(meta.get("avatar"), dict) else None
    sized = [t for t in thumbnails or [] if isinstance(t, dict) and str(t.get("url") or "").startswith(("https://", "//"))]
    if not sized:
        return None
    best = max(sized, key=lambda t: int(t.get("width") or 0) if str(t.get("width") or "").isdigit() else 0)
    return absolute(str(best["url"]))


def _first_link(first: Any) -> str | None:
    if not isinstance(first, dict):
        return None
    endpoint = find_key(first, "urlEndpoint")
    wrapped = endpoint.get("url") if isinstance(endpoint, dict) else None
    if wrapped:
        return absolute(unwrap_redirect(wrapped))
    content = first.get("content")
    return absolute(content) if isinstance(content, str) and content.strip() else None


ADAPTER = YouTubeAdapter()
