"""YouTube: `ytInitialData` holds the channel's metadata and the header's
first link. Every link is in the About panel (`aboutChannelViewModel.links`),
which a logged-out browser reads from the `/about` page's initial data or
loads through the public browse continuation the page carries; omnilinks
reads it the same two ways (channels/youtube_about.py). Only when neither can
be read does a first link elsewhere leave the link back unknown."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.urls import absolute, host_is, is_link_in_bio, reaches_site, split, unwrap_redirect
from omnilinks.channels.verdict import (
    apply_verdict,
    base_profile,
    embedded_json,
    find_key,
    judge_links,
    judge_shown_links,
    page_text,
    visit_page,
)
from omnilinks.channels.youtube_about import about_links
from omnilinks.fetch.types import Response
from omnilinks.models import Profile
from omnilinks.vocabulary import ChannelKind

CHANNEL_ID = re.compile(r"^UC[A-Za-z0-9_-]{22}$")
HANDLE = re.compile(r"^@[A-Za-z0-9._·-]{3,30}$")
URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>]+", re.I)
WHAT = "the YouTube channel"
ADD_LINK = "Add {} to the channel's links (Customise channel → Basic info → Links)."


class YouTubeAdapter(Adapter):
    platform = "youtube"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
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
            kind: ChannelKind = "legacy_c" if first == "c" else "legacy_user"
            return ChannelRef(self.platform, f"https://www.youtube.com/{first}/{name}", name, kind=kind)
        return None

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        return visit_page(ref, ctx, self.read_page, "the channel does not exist")

    def read_page(self, ref: ChannelRef, ctx: AdapterContext, response: Response) -> Profile:
        text = page_text(response)
        data = embedded_json(text, "var ytInitialData")
        meta = find_key(data, "channelMetadataRenderer") if data is not None else None
        profile = base_profile(ref, ctx, evidence=response.evidence)
        if not isinstance(meta, dict):
            return replace(profile, status="unverifiable", reason="the page did not include the channel data",
                           fix=f"Open {ref.url} in a browser and check the channel links; record them under facts: in omnilinks.yml.")
        profile = replace(profile, name=meta.get("title") or None, handle=_handle(meta) or ref.handle,
                          avatar=_avatar(meta))
        described = [m.group(0) for m in URL_IN_TEXT.finditer(str(meta.get("description") or ""))]
        first = _first_link(find_key(data, "firstLink"))
        visible = ([first] if first else []) + described
        reaching = [u for u in visible if reaches_site(u, ctx.site_url)]
        if reaching:  # the header or the description already shows the site: no need to open the panel
            return apply_verdict(replace(profile, links=tuple(visible)), judge_links(reaching, ctx, WHAT))
        about = about_links(ref, ctx, data, text)
        if about.links is not None:
            links = tuple(dict.fromkeys(about.links + described))
            return _judge_all(replace(profile, links=links), about.links, described, about.source, ctx)
        profile = replace(profile, links=tuple(visible))
        if first:
            return replace(profile, status="unverifiable", links_back=None, website=None,
                           reason=f"only the first header link is visible ({first}); the About panel's links "
                                  f"could not be read ({about.problem})",
                           fix=f"Open {ref.url}/about in a browser and check the channel's links; record what you "
                               "saw under facts: in omnilinks.yml (website: <the link shown>).")
        return replace(profile, status="mismatch", links_back=False, reason="the channel shows no links",
                       fix=ADD_LINK.format(ctx.site_url))


def _judge_all(profile: Profile, about: list[str], described: list[str], source: str, ctx: AdapterContext) -> Profile:
    """Every link the About panel lists, and those in the description, judged together."""
    everything = list(dict.fromkeys(about + described))
    if not everything:
        return replace(profile, status="mismatch", links_back=False, website=None, fix=ADD_LINK.format(ctx.site_url),
                       reason=f"the channel shows no links ({source})")
    verdict = judge_shown_links(everything, ctx, WHAT)
    if verdict.links_back and verdict.website in about:
        place = f"link {about.index(verdict.website) + 1} of {len(about)} in {source}"
    else:
        place = f"{len(about)} links in {source}"
    profile = apply_verdict(profile, replace(verdict, reason=f"{verdict.reason} ({place})"))
    if profile.status == "verified":
        return replace(profile, fix=None)
    if profile.website and not is_link_in_bio(profile.website):
        return replace(profile, fix=f"Replace {profile.website} with {ctx.site_url} in the channel's links "
                                    "(Customise channel → Basic info → Links).")
    return replace(profile, fix=ADD_LINK.format(ctx.site_url))


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
