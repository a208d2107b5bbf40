"""Mastodon (and other Fediverse servers with its API): the account's profile
fields come from `/api/v1/accounts/lookup`; a field the server marked
`verified_at` is a rel=me link it confirmed both ways."""
from __future__ import annotations

import json
import re
from dataclasses import replace

from lxml import html as lxml_html

from omnilinks.channels.base import AdapterContext, ChannelRef
from omnilinks.channels.urls import reaches_site, split
from omnilinks.channels.verdict import apply_verdict, base_profile, fetch_page, judge_links
from omnilinks.models import Profile

# Servers named here are recognised from any link; other servers need `platform: mastodon` in the config.
KNOWN_SERVERS = frozenset({
    "mastodon.social", "mastodon.online", "mstdn.social", "mas.to", "fosstodon.org", "hachyderm.io",
    "mastodon.world", "infosec.exchange", "mstdn.id", "mastodon.id", "kolektiva.social", "toot.community",
    "techhub.social", "mastodon.art", "social.vivaldi.net",
})
ACCOUNT = re.compile(r"^@([A-Za-z0-9_]{1,30})(?:@([a-z0-9.-]+\.[a-z]{2,}))?$")


class MastodonAdapter:
    platform = "mastodon"

    def parse(self, url: str, any_server: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or len(parts.segments) != 1:
            return None
        match = ACCOUNT.match(parts.segments[0])
        if not match or not (any_server or parts.host in KNOWN_SERVERS or re.search(r"mastodon|mstdn|toot", parts.host)):
            return None
        user = match.group(1).lower()
        server = match.group(2) or parts.host
        return ChannelRef(self.platform, f"https://{parts.host}/@{user}" + (f"@{server}" if server != parts.host else ""),
                          f"{user}@{server}")

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        host = split(ref.url).host  # type: ignore[union-attr]
        response = fetch_page(ref, ctx, url=f"https://{host}/api/v1/accounts/lookup?acct={ref.handle}")
        if isinstance(response, Profile):
            return response
        try:
            account = json.loads(response.body or b"{}")
        except ValueError:
            account = {}
        profile = base_profile(ref, ctx, evidence=response.evidence)
        if not isinstance(account, dict) or "fields" not in account:
            return replace(profile, status="unverifiable", reason="the server did not answer with the account (not a Mastodon API)",
                           fix=f"Open {ref.url} in a browser and check the profile links; record them under facts: in omnilinks.yml.")
        links, confirmed = [], []
        for field in account.get("fields") or []:
            for href in _hrefs(str(field.get("value") or "")):
                links.append(href)
                if field.get("verified_at") and reaches_site(href, ctx.site_url):
                    confirmed.append(href)
        links += [h for h in _hrefs(str(account.get("note") or "")) if h not in links]
        profile = replace(profile, name=account.get("display_name") or None, links=tuple(links), avatar=_avatar(account))
        own = [u for u in links if reaches_site(u, ctx.site_url)] or [u for u in links if not _is_mention(u, host)]
        profile = apply_verdict(profile, judge_links(own, ctx, "the Mastodon profile"))
        if confirmed:
            profile = replace(profile, reason=profile.reason + " (rel=me verified by the server)")
        elif profile.links_back:
            profile = replace(profile, reason=profile.reason + " (not rel=me verified)",
                              fix=f'Add <a href="{ref.url}" rel="me"> to the site so the server can verify the link.')
        else:
            profile = replace(profile, fix=f"Add {ctx.site_url} to the profile's fields (Edit profile → Extra fields).")
        return profile


def _avatar(account: dict) -> str | None:
    """The still picture (an animated one's first frame is what compares); none for the server's default."""
    url = str(account.get("avatar_static") or account.get("avatar") or "")
    return url if url.startswith("https://") and not url.endswith("/missing.png") else None


def _hrefs(fragment: str) -> list[str]:
    if "<" not in fragment:
        return re.findall(r"https?://[^\s<>\"]+", fragment)
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    return [a.get("href") for a in root.iter("a") if a.get("href", "").startswith(("http://", "https://"))]


def _is_mention(url: str, host: str) -> bool:
    parts = split(url)
    return parts is not None and bool(parts.segments) and parts.segments[0].startswith(("@", "tags"))


ADAPTER = MastodonAdapter()
