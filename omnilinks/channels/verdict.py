"""How an adapter turns what it read into a Profile: walls, missing accounts,
links back (direct, through a link-in-bio page, or to the wrong site) and
the facts a user confirmed by hand."""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from omnilinks.channels.base import AdapterContext, ChannelRef, label
from omnilinks.channels.urls import absolute, is_link_in_bio, reaches_site, split, unwrap_redirect
from omnilinks.extract.html import decode_html, parse_page
from omnilinks.fetch.types import ErrorKind, Response
from omnilinks.models import ChannelStatus, Page, Profile

GONE_STATUSES = frozenset({404, 410})
NETWORK_ERRORS: frozenset[ErrorKind] = frozenset({"dns", "tls", "connection", "timeout", "redirect_loop", "too_many_redirects", "private"})
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def base_profile(ref: ChannelRef, ctx: AdapterContext, **fields: Any) -> Profile:
    channel = ctx.channel
    return Profile(platform=ref.platform, url=ref.url, handle=ref.handle,
                   config_line=channel.line if channel else None, **fields)


# What a person looks at on each platform to confirm the link back by hand.
HAND_CHECK = {
    "linkedin": "the page's Website field", "youtube": "one of the channel's links",
    "facebook": "the website in the page's About section", "x": "the website in the profile",
    "google_business": "the listing's website", "mastodon": "one of the profile's fields",
    "generic": "a link on the page",
}


def hand_check_fix(ref: ChannelRef, ctx: AdapterContext, what: str | None = None) -> str:
    what = what or HAND_CHECK.get(ref.platform, "the website link in the bio")
    return (f"Open {ref.url} in a browser and check that {what} is {ctx.site_url}; then record what you saw "
            f"under this channel in omnilinks.yml: facts: {{checked: YYYY-MM-DD, website: <the link shown>}}.")


def offline_profile(ref: ChannelRef, ctx: AdapterContext) -> Profile:
    return base_profile(ref, ctx, status="unverifiable", reason="offline",
                        fix="Run without --offline to visit the channel.")


def failed(ref: ChannelRef, ctx: AdapterContext, response: Response, missing: str = "the account does not exist") -> Profile | None:
    """The profile when the response is not the page (wall, gone, unreachable); None when it is."""
    evidence = response.evidence
    if response.wall:
        return base_profile(ref, ctx, status="unverifiable", reason=response.wall, evidence=evidence,
                            fix=hand_check_fix(ref, ctx))
    if response.status in GONE_STATUSES:
        return base_profile(ref, ctx, status="unreachable", reason=f"HTTP {response.status}: {missing}",
                            evidence=evidence, fix=f"Check the address of the {label(ref.platform)} account; "
                                                   "if it was renamed or deleted, link the current one.")
    if response.error in NETWORK_ERRORS or (response.error and response.status is None):
        return base_profile(ref, ctx, status="unreachable", reason=response.describe(), evidence=evidence,
                            fix="Check the address for typos; if it keeps failing, the page may be gone.")
    if response.error or (response.status or 0) >= 400:
        return base_profile(ref, ctx, status="unverifiable", reason=response.describe(), evidence=evidence,
                            fix=hand_check_fix(ref, ctx))
    return None


PageReader = Callable[[ChannelRef, AdapterContext, Response], Profile]


def visit_page(ref: ChannelRef, ctx: AdapterContext, read: PageReader,
               missing: str = "the account does not exist") -> Profile:
    """The profile `read` makes of the channel's page; when there is no page to read (offline, a wall,
    gone, unreachable) the profile says so and `read` is not asked."""
    if ctx.offline:
        return offline_profile(ref, ctx)
    response = ctx.client.get(ref.url)
    return failed(ref, ctx, response, missing) or read(ref, ctx, response)


def page_text(response: Response) -> str:
    charset = None
    match = re.search(r"charset=([\w.-]+)", response.headers.get("content-type", ""), re.I)
    if match:
        charset = match.group(1)
    return decode_html(response.body, charset)


def picture_of(page: Page, types: set[str] | None = None) -> str | None:
    """The account's own picture on a parsed page: a JSON-LD entity's logo or image, else og:image."""
    from omnilinks.extract.structured import jsonld_types

    for entity in page.jsonld:
        if types is None or jsonld_types(entity) & types:
            for key in ("logo", "image"):
                value = entity.get(key)
                value = value.get("url") or value.get("contentUrl") if isinstance(value, dict) else value
                if isinstance(value, str) and value.startswith(("https://", "http://")):
                    return value
    image = dict(page.meta).get("og:image", "")
    return absolute(image) if image.startswith(("https://", "http://", "//")) else None


def embedded_json(text: str, marker: str) -> Any:
    """The JSON value that follows `marker` (e.g. 'var ytInitialData =' or a script id)."""
    start = text.find(marker)
    if start < 0:
        return None
    start = text.find("{", start + len(marker))
    if start < 0:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(text, start)
    except ValueError:
        return None
    return value


def find_key(data: Any, key: str) -> Any:
    """The first value stored under `key` anywhere in nested JSON (depth first)."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if key in node:
                return node[key]
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return None


@dataclass(frozen=True)
class LinkVerdict:
    """Whether a profile's website links reach the site: the channel's status and the reason shown for it."""

    status: ChannelStatus
    links_back: bool | None
    reason: str
    website: str | None  # the link the profile shows (the one compared)


def judge_links(links: Iterable[str], ctx: AdapterContext, what: str = "the profile") -> LinkVerdict:
    """Does one of the profile's own website links reach the site? Every link given counts as
    one the profile claims as its website, so any other domain is a wrong site."""
    candidates = [absolute(unwrap_redirect(link)) for link in links if link and link.strip()]
    for link in candidates:
        if reaches_site(link, ctx.site_url):
            return LinkVerdict("verified", True, f"{what} links to {link}", link)
    for link in candidates:
        if is_link_in_bio(link):
            return _through_bio_page(link, ctx, what)
    if candidates:
        return LinkVerdict("mismatch", False, f"{what} links to {candidates[0]}, not to {ctx.site_url}", candidates[0])
    return LinkVerdict("mismatch", False, f"{what} shows no website link", None)


def judge_shown_links(links: Iterable[str], ctx: AdapterContext, what: str = "the profile") -> LinkVerdict:
    """Like judge_links, for a profile that lists links of every kind: a link to another
    platform's profile (Instagram on a YouTube channel) is not a claim to be the business's
    website, so only websites and link-in-bio pages can make it a wrong site."""
    shown = list(dict.fromkeys(absolute(unwrap_redirect(link)) for link in links if link and link.strip()))
    reaching = [link for link in shown if reaches_site(link, ctx.site_url)]
    if reaching:
        return judge_links(reaching, ctx, what)
    websites = claimed_websites(shown)
    if websites or not shown:
        return judge_links(websites, ctx, what)
    listed = ", ".join(shown[:4]) + (", …" if len(shown) > 4 else "")
    return LinkVerdict("mismatch", False, f"{what} links only to other profiles ({listed}), not to {ctx.site_url}", None)


def claimed_websites(links: Iterable[str]) -> list[str]:
    """The links that stand for a website of the business: link-in-bio pages and anything
    that is not another platform's profile."""
    from omnilinks.channels import classify  # the registry imports the adapters, which import this module
    return [link for link in links if is_link_in_bio(link) or classify(link) is None]


def _through_bio_page(link: str, ctx: AdapterContext, what: str) -> LinkVerdict:
    if ctx.offline:
        return LinkVerdict("unverifiable", None, f"{what} links to the link-in-bio page {link} (not read offline)", link)
    response = ctx.client.get(link)
    if not response.ok:
        return LinkVerdict("unverifiable", None, f"{what} links to {link}, which could not be read ({response.describe()})", link)
    page = parse_page(page_text(response), response.final_url)
    for out in page.links:
        if reaches_site(out.url, ctx.site_url):
            return LinkVerdict("verified", True, f"{what} links to the site through {link}", link)
    return LinkVerdict("mismatch", False, f"{what} links to the link-in-bio page {link}, which does not link to {ctx.site_url}", link)


def apply_verdict(profile: Profile, verdict: LinkVerdict) -> Profile:
    return replace(profile, status=verdict.status, links_back=verdict.links_back, reason=verdict.reason,
                   website=verdict.website)


def with_facts(profile: Profile, facts: dict[str, Any], ctx: AdapterContext) -> Profile:
    """Facts the user confirmed by hand stand in for a page omnilinks cannot read."""
    checked = str(facts.get("checked", ""))
    profile = replace(profile, evidence=f"facts (checked {checked})", fix=None,
                      name=facts.get("name") or profile.name, phone=_str(facts.get("phone")) or profile.phone,
                      email=facts.get("email") or profile.email, address=facts.get("address") or profile.address,
                      hours=_str(facts.get("hours")) or profile.hours)
    website = facts.get("website")
    if website:
        verdict = judge_links([str(website)], replace(ctx, offline=True), f"the profile (as you recorded on {checked})")
        return apply_verdict(profile, verdict)
    links_back = facts.get("links_back")
    if links_back is True:
        return replace(profile, status="verified", links_back=True, reason=f"you recorded on {checked} that the profile links to the site")
    if links_back is False:
        return replace(profile, status="mismatch", links_back=False, reason=f"you recorded on {checked} that the profile does not link to the site",
                       website=None)
    return replace(profile, status="unverifiable", links_back=None,
                   reason="the recorded facts do not say whether the profile links to the site",
                   fix="Add website: <the link shown> or links_back: true|false to the channel's facts.")


def valid_checked_date(value: Any) -> bool:
    return bool(DATE.match(str(value or "")))


def _str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def host_of(url: str) -> str:
    parts = split(url)
    return parts.host if parts else ""
