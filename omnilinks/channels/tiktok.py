"""TikTok: the profile page embeds `__UNIVERSAL_DATA_FOR_REHYDRATION__` JSON
with the nickname, the bio (`signature`) and the bio link (`bioLink.link`,
written without a scheme)."""
from __future__ import annotations

import re
from dataclasses import replace

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.urls import host_is, split
from omnilinks.channels.verdict import (
    apply_verdict,
    base_profile,
    embedded_json,
    judge_links,
    page_text,
    visit_page,
)
from omnilinks.fetch.types import Response
from omnilinks.models import Profile

HANDLE = re.compile(r"^@([A-Za-z0-9._]{2,24})$")
SCRIPT_ID = 'id="__UNIVERSAL_DATA_FOR_REHYDRATION__"'
URL_IN_TEXT = re.compile(r"\b(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s]*)?", re.I)


class TikTokAdapter(Adapter):
    platform = "tiktok"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or not host_is(parts.host, "tiktok.com") or not parts.segments:
            return None
        match = HANDLE.match(parts.segments[0])
        if not match:
            return None
        handle = match.group(1).lower()
        return ChannelRef(self.platform, f"https://www.tiktok.com/@{handle}", handle)

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        return visit_page(ref, ctx, self.read_page)

    def read_page(self, ref: ChannelRef, ctx: AdapterContext, response: Response) -> Profile:
        data = embedded_json(page_text(response), SCRIPT_ID)
        detail = (data or {}).get("__DEFAULT_SCOPE__", {}).get("webapp.user-detail", {}) if isinstance(data, dict) else {}
        user = ((detail.get("userInfo") or {}).get("user") or {}) if isinstance(detail, dict) else {}
        profile = base_profile(ref, ctx, evidence=response.evidence)
        if not user.get("uniqueId"):
            if isinstance(detail, dict) and detail.get("statusCode") not in (None, 0):
                return replace(profile, status="unreachable",
                               reason=f"TikTok says the account does not exist (status {detail.get('statusCode')})",
                               fix="Check the TikTok handle; if it was renamed, link the current one.")
            return replace(profile, status="unverifiable", reason="the page did not include the profile data",
                           fix=f"Open {ref.url} in a browser and check the bio link; record it under facts: in omnilinks.yml.")
        bio_link = ((user.get("bioLink") or {}).get("link") or "").strip()
        signature = str(user.get("signature") or "")
        links = [bio_link] if bio_link else []
        # Accounts without a bio link often write the address in the bio text.
        links += [m.group(0) for m in URL_IN_TEXT.finditer(signature)]
        avatar = next((str(user[k]) for k in ("avatarLarger", "avatarMedium", "avatarThumb")
                       if str(user.get(k) or "").startswith("https://")), None)
        profile = replace(profile, name=user.get("nickname") or None, links=tuple(links), avatar=avatar)
        verdict = judge_links(links, ctx, "the TikTok bio")
        profile = apply_verdict(profile, verdict)
        if not verdict.links_back:
            profile = replace(profile, fix=f"Set the TikTok bio link (Edit profile → Website) to {ctx.site_url}.")
        return profile


ADAPTER = TikTokAdapter()
