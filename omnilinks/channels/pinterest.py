"""Pinterest: the profile's page JSON names the claimed website
(`domain_url`) and whether Pinterest verified it (`domain_verified`)."""
from __future__ import annotations

import json
import re
from dataclasses import replace

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.urls import host_is, split
from omnilinks.channels.verdict import (
    apply_verdict,
    base_profile,
    judge_links,
    page_text,
    visit_page,
)
from omnilinks.fetch.types import Response
from omnilinks.models import Profile

HANDLE = re.compile(r"^[A-Za-z0-9_]{3,30}$")
NOT_PROFILES = frozenset({"pin", "search", "ideas", "today", "business", "login", "settings", "_", "about",
                          "categories", "topics", "explore", "resource", "oauth"})
DOMAIN_URL = re.compile(r'"domain_url"\s*:\s*("(?:[^"\\]|\\.)*"|null)')
DOMAIN_VERIFIED = re.compile(r'"domain_verified"\s*:\s*(true|false)')
FULL_NAME = re.compile(r'"full_name"\s*:\s*("(?:[^"\\]|\\.)*")')


class PinterestAdapter(Adapter):
    platform = "pinterest"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or not parts.segments:
            return None
        host = parts.host
        if not (host_is(host, "pinterest.com") or re.match(r"^([a-z]{2}\.)?pinterest\.(co\.[a-z]{2}|com?\.[a-z]{2}|[a-z]{2,3})$", host)):
            return None
        handle = parts.segments[0]
        if handle.lower() in NOT_PROFILES or not HANDLE.match(handle):
            return None
        handle = handle.lower()
        return ChannelRef(self.platform, f"https://www.pinterest.com/{handle}/", handle)

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        return visit_page(ref, ctx, self.read_page)

    def read_page(self, ref: ChannelRef, ctx: AdapterContext, response: Response) -> Profile:
        text = page_text(response)
        profile = base_profile(ref, ctx, evidence=response.evidence)
        domain = DOMAIN_URL.search(text)
        if domain is None:
            return replace(profile, status="unverifiable", reason="the page did not include the profile data",
                           fix=f"Open {ref.url} in a browser and check the website shown; record it under facts: in omnilinks.yml.")
        name = FULL_NAME.search(text)
        website = json.loads(domain.group(1))
        verified = DOMAIN_VERIFIED.search(text)
        profile = replace(profile, name=json.loads(name.group(1)) if name else None,
                          links=(website,) if website else ())
        profile = apply_verdict(profile, judge_links([website] if website else [], ctx, "the Pinterest profile"))
        if profile.links_back and verified and verified.group(1) == "false":
            # apply_verdict just set reason to the verdict's text: never None here
            profile = replace(profile, reason=profile.reason + " (the website is not claimed on Pinterest)",  # type: ignore[operator]
                              fix="Claim the website in Pinterest (Settings → Claimed accounts) so pins show it as verified.")
        elif not profile.links_back:
            profile = replace(profile, fix=f"Claim {ctx.site_url} in Pinterest (Settings → Claimed accounts).")
        return profile


ADAPTER = PinterestAdapter()
