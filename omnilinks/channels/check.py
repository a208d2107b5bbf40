"""Visit every channel through its adapter.

Channels are the ones declared in omnilinks.yml or, when none are declared,
the profiles the site links. They are fetched concurrently through the one
client; offline, nothing is fetched but URLs are still classified and what
needs no network (a WhatsApp number) is still decided.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace

from omnilinks.channels import adapters, by_platform, classify, is_share_link
from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.sitelinks import LINKING_TAGS
from omnilinks.channels.verdict import valid_checked_date, with_facts
from omnilinks.config import ChannelConfig
from omnilinks.context import SiteContext
from omnilinks.errors import ConfigError
from omnilinks.fetch.client import HttpClient
from omnilinks.models import Profile
from omnilinks.progress import Progress

API_KEY_ENV = "GOOGLE_MAPS_API_KEY"


@dataclass(frozen=True)
class Visit:
    """One channel to read and the adapter that reads it: declared in omnilinks.yml, or a profile the site links."""

    ref: ChannelRef
    adapter: Adapter
    channel: ChannelConfig | None
    declared: bool


def check_channels(ctx: SiteContext, client: HttpClient, progress: Progress) -> tuple[Profile, ...]:
    """Profiles for every channel, in the order they were declared (or first linked)."""
    visits = plan_visits(ctx)
    if not visits:
        return ()
    api_key = os.environ.get(API_KEY_ENV, "").strip() or None
    name_match = ctx.config.check.name_match
    offline = ctx.offline
    progress.total("channels", len(visits))

    def visit(item: Visit) -> Profile:
        actx = AdapterContext(client=client, site_url=ctx.site_url, identity=ctx.identity, channel=item.channel,
                              google_api_key=api_key, name_match=name_match, offline=offline)
        profile = item.adapter.fetch(item.ref, actx)
        facts = item.channel.facts if item.channel else None
        if facts and profile.status == "unverifiable":
            profile = with_facts(profile, facts, actx)
        if profile.evidence == "har" and profile.reason:
            profile = replace(profile, reason=profile.reason + " (read from the HAR file)")
        return replace(profile, declared=item.declared)

    results: dict[int, Profile] = {}
    for index, profile in client.map(lambda i: visit(visits[i]), range(len(visits))):
        results[index] = profile
        progress.step("channels")
    return tuple(results[i] for i in sorted(results))


def plan_visits(ctx: SiteContext) -> list[Visit]:
    config = ctx.config
    if config.channels:
        return [_declared(config.path or "omnilinks.yml", index, channel) for index, channel in enumerate(config.channels)]
    visits: dict[str, Visit] = {}
    seen: set[str] = set()
    for page in ctx.pages:
        links = page.links
        for index in ctx.site.outbound(page):
            url = links.urls[index]
            if url in seen or links.kind(index).tag not in LINKING_TAGS:
                continue
            seen.add(url)
            ref = classify(url)
            if ref is not None and ref.url not in visits:
                visits[ref.url] = Visit(ref, by_platform()[ref.platform], None, declared=False)
    return list(visits.values())


def _declared(path: str, index: int, channel: ChannelConfig) -> Visit:
    key = f"channels[{index}]"
    if is_share_link(channel.url):
        raise ConfigError(path, f"{channel.url} is a share link, not a profile: declare the profile's own URL",
                          channel.line, key)
    if channel.facts is not None and not valid_checked_date(channel.facts.get("checked")):
        raise ConfigError(path, f"facts.checked must be a date YYYY-MM-DD, got {channel.facts.get('checked')!r}",
                          channel.line, f"{key}.facts.checked")
    if channel.platform:
        adapter = by_platform().get(channel.platform)
        if adapter is None:
            known = ", ".join(a.platform for a in adapters())
            raise ConfigError(path, f"unknown platform {channel.platform!r} (known: {known})", channel.line,
                              f"{key}.platform")
        ref = adapter.parse(channel.url, declared=True)
        if ref is None:
            raise ConfigError(path, f"{channel.url} is not a {channel.platform} URL", channel.line, key)
        return Visit(ref, adapter, channel, declared=True)
    ref = classify(channel.url)
    if ref is None:
        adapter = by_platform()["generic"]
        ref = adapter.parse(channel.url, declared=True)
        if ref is None:
            raise ConfigError(path, f"{channel.url} is not an http(s) URL", channel.line, key)
        return Visit(ref, adapter, channel, declared=True)
    return Visit(ref, by_platform()[ref.platform], channel, declared=True)
