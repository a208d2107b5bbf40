"""Mastodon and the rest of the Fediverse: the account's profile fields come
from `/api/v1/accounts/lookup` (a field the server marked `verified_at` is a
rel=me link it confirmed both ways). Where that API refuses — sign-in required
(401/403), or another server software (404: GoToSocial, Misskey…) — the
profile page's HTML is read instead (channels/fediverse_page.py); the channel
is unreachable only when the server itself is, or the page says the account
does not exist."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from lxml import html as lxml_html

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.fediverse_page import actor_links, read_profile_page
from omnilinks.channels.urls import reaches_site, split
from omnilinks.channels.verdict import (
    NETWORK_ERRORS,
    apply_verdict,
    base_profile,
    claimed_websites,
    failed,
    hand_check_fix,
    judge_shown_links,
    offline_profile,
    page_text,
    visit_page,
)
from omnilinks.fetch.types import Response
from omnilinks.models import Profile

# Servers named here are recognised from any link; other servers need `platform: mastodon` in the config.
KNOWN_SERVERS = frozenset({
    "mastodon.social", "mastodon.online", "mstdn.social", "mas.to", "fosstodon.org", "hachyderm.io",
    "mastodon.world", "infosec.exchange", "mstdn.id", "mastodon.id", "kolektiva.social", "toot.community",
    "techhub.social", "mastodon.art", "social.vivaldi.net", "misskey.io", "misskey.design",
})
SOFTWARE = {"mastodon": "Mastodon", "gotosocial": "GoToSocial", "misskey": "Misskey"}
ACCOUNT = re.compile(r"^@([A-Za-z0-9_]{1,30})(?:@([a-z0-9.-]+\.[a-z]{2,}))?$")


class MastodonAdapter(Adapter):
    platform = "mastodon"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or len(parts.segments) != 1:
            return None
        match = ACCOUNT.match(parts.segments[0])
        if not match or not (declared or parts.host in KNOWN_SERVERS or re.search(r"mastodon|mstdn|toot|misskey|gotosocial", parts.host)):
            return None
        user = match.group(1).lower()
        server = match.group(2) or parts.host
        return ChannelRef(self.platform, f"https://{parts.host}/@{user}" + (f"@{server}" if server != parts.host else ""),
                          f"{user}@{server}")

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        if ctx.offline:
            return offline_profile(ref, ctx)
        host = split(ref.url).host  # type: ignore[union-attr]
        response = ctx.client.get(f"https://{host}/api/v1/accounts/lookup?acct={ref.handle}")
        if response.error in NETWORK_ERRORS or (response.error and response.status is None):
            return failed(ref, ctx, response) or base_profile(ref, ctx)  # the server itself is unreachable
        account = _account(response)
        if account is None:
            # 401/403 (sign-in required), 404 (GoToSocial, Misskey, any other server): the page still shows the profile.
            return _from_page(ref, ctx, host, f"the server's API answered {response.describe()}")
        profile = base_profile(ref, ctx, evidence=response.evidence)
        links, confirmed = [], []
        for field in account.get("fields") or []:
            for href in _hrefs(str(field.get("value") or "")):
                links.append(href)
                if field.get("verified_at") and reaches_site(href, ctx.site_url):
                    confirmed.append(href)
        links += [h for h in _hrefs(str(account.get("note") or "")) if h not in links]
        profile = replace(profile, name=account.get("display_name") or None, links=tuple(links),
                          avatar=_avatar(account))
        return _judge(ref, ctx, profile, links, host, "the Mastodon profile", confirmed=bool(confirmed))


def _account(response: Response) -> dict[str, Any] | None:
    if not response.ok:
        return None
    try:
        account = json.loads(response.body or b"{}")
    except ValueError:
        return None
    return account if isinstance(account, dict) and "fields" in account else None


def _from_page(ref: ChannelRef, ctx: AdapterContext, host: str, refused: str) -> Profile:
    return visit_page(ref, ctx, lambda ref, ctx, response: _read_page(ref, ctx, response, host, refused))


def _read_page(ref: ChannelRef, ctx: AdapterContext, page_response: Response, host: str, refused: str) -> Profile:
    page = read_profile_page(page_text(page_response), page_response.final_url)
    name, links, source = page.name, list(page.links), "the profile page"
    if not links and page.actor:
        actor = ctx.client.request("GET", page.actor, headers={"Accept": "application/activity+json"})
        if actor.ok:
            actor_name, links = actor_links(actor.body)
            name, source = name or actor_name, "the profile's ActivityPub actor"
    profile = base_profile(ref, ctx, evidence=page_response.evidence, name=name, links=tuple(links))
    complete = page.complete or source != "the profile page"
    own = [u for u in links if not _is_mention(u, host)]
    if not complete and not any(reaches_site(u, ctx.site_url) for u in own) and not claimed_websites(own):
        # Only part of the profile is on the page: no link back is not proof there is none.
        shown = f"shows only {', '.join(own[:4])}" if own else "shows no links"
        return replace(profile, status="unverifiable", links_back=None,
                       reason=f"{refused}, and the profile page {shown}; the rest of the profile needs the API",
                       fix=hand_check_fix(ref, ctx))
    what = f"the {SOFTWARE.get(page.software or '', 'Fediverse')} profile"
    profile = _judge(ref, ctx, profile, links, host, what, confirmed=None)  # the page does not show verification
    return replace(profile, reason=f"{profile.reason} (read from {source}: {refused})")


def _judge(ref: ChannelRef, ctx: AdapterContext, profile: Profile, links: list[str], host: str, what: str,
           confirmed: bool | None) -> Profile:
    own = [u for u in links if reaches_site(u, ctx.site_url)] or [u for u in links if not _is_mention(u, host)]
    profile = apply_verdict(profile, judge_shown_links(own, ctx, what))
    # apply_verdict just set reason to the verdict's text: never None below
    if confirmed:
        return replace(profile, reason=profile.reason + " (rel=me verified by the server)")  # type: ignore[operator]
    if profile.links_back and confirmed is None:
        return profile
    if profile.links_back:
        return replace(profile, reason=profile.reason + " (not rel=me verified)",  # type: ignore[operator]
                       fix=f'Add <a href="{ref.url}" rel="me"> to the site so the server can verify the link.')
    return replace(profile, fix=f"Add {ctx.site_url} to the profile's fields (Edit profile → Extra fields).")


def _avatar(account: dict[str, Any]) -> str | None:
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
