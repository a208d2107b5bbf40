"""Category `crossref`: the site and its channels point at each other.

Site → channel: every declared channel is linked (from the home page, not only
deep pages), every linked profile is declared, one account per platform, one
form per account, one handle everywhere. Channel → site: the status each
adapter gave (links to the wrong site, no link back, gone, unverifiable).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from omnilinks.channels.base import label
from omnilinks.channels.sitelinks import LinkUse, anchor, channel_location, home_page, link_index, where_to_link
from omnilinks.extract.urls import without_fragment
from omnilinks.models import Finding, Profile
from omnilinks.rules.base import Context, rule

NOT_LINKED = rule("channel-not-linked", "crossref", "warning", "A channel declared in omnilinks.yml is not linked from any page",
                 why='Customers on your site cannot find the channel (your Instagram, your marketplace store), and search engines get no link between the site and the profile to connect them.',
                 how_to_fix='Link the channel from the site, usually in the footer or header template (with `rel="me"` for social profiles).',
                 example='omnilinks.yml declares `https://www.tokopedia.com/kopisenja`, but no page links it.')
UNDECLARED = rule("channel-undeclared", "crossref", "warning", "The site links a profile omnilinks.yml does not declare",
                 why='The site links an account that is not on your list of channels: often an old or unofficial account that customers follow by mistake.',
                 how_to_fix='If the account is yours, add it under `channels:` in omnilinks.yml so it is checked too; if it is stale, remove the link.',
                 example='The about page links `https://www.instagram.com/kopisenja.lama/`, an old account.')
DUPLICATE = rule("channel-duplicate-account", "crossref", "warning", "The site links two different accounts on one platform",
                why='Two accounts on the same platform split your followers and customers do not know which one is real.',
                how_to_fix='Link one account everywhere, or declare both in omnilinks.yml if both are yours on purpose (e.g. one per branch).',
                example='The header links `instagram.com/kopisenja`, the footer `instagram.com/kopisenja_official`.')
FORMS = rule("channel-inconsistent-url", "crossref", "notice", "The same account is linked with different URLs",
            why='The same account is linked with different addresses (with and without www., old short links): harmless for visitors but it makes the site harder to maintain and some forms redirect.',
            how_to_fix='Use the one canonical address (the finding names it) everywhere.',
            example='`instagram.com/kopisenja` in the footer and `https://www.instagram.com/kopisenja/?hl=id` on the contact page.')
HANDLE = rule("channel-handle-differs", "crossref", "warning", "A profile's handle differs from the brand's handle",
             why='Customers look you up by name or handle; a profile with another handle is harder to find and easier to confuse with an imitation.',
             how_to_fix='Rename the account to the brand handle if it is free, or set `brand.handle` to the handle you use everywhere.',
             example='`@kopisenja_jkt` on TikTok while the brand handle is `kopisenja`.')
NOT_ON_HOME = rule("channel-not-on-home", "crossref", "notice", "Only deeper pages link the channel, not the home page",
                  why='Only deeper pages link the channel; many visitors never go beyond the home page, and search engines weigh home-page links most when connecting a site with its profiles.',
                  how_to_fix='Add the channel link to the home page, usually in the shared header or footer.',
                  example='The Google Maps link is only on `/kontak/`.')
WRONG_SITE = rule("channel-wrong-site", "crossref", "error", "The channel links to another site instead of this one",
                 why="The channel's website link sends its visitors to another site (an old domain, a competitor, a link shortener that moved) instead of yours.",
                 how_to_fix="Change the website link in the channel's profile settings to the site's address.",
                 example='The YouTube channel links `https://kopisenja-lama.id/` instead of `https://kopisenja.id/`.')
NO_LINK_BACK = rule("channel-no-link-back", "crossref", "warning", "The channel does not link back to the site",
                   why='Followers of the channel have no way to reach your site from it, and search engines get no confirmation that the profile belongs to the site.',
                   how_to_fix="Add the site's address to the channel's profile (bio link, website field, about section).",
                   example='A TikTok profile with no link in the bio.')
UNREACHABLE = rule("channel-unreachable", "crossref", "error", "The channel cannot be reached or no longer exists",
                  why='The channel cannot be opened (deleted, renamed, suspended, or the platform refuses it): every link to it from your site leads customers to an error.',
                  how_to_fix='Open it in a browser; if the account was renamed or removed, link the current one or remove the link and the channel from omnilinks.yml.',
                  example="`https://www.tiktok.com/@kopisenja_old` answers 'Couldn't find this account'.")
UNVERIFIABLE = rule("channel-unverifiable", "crossref", "notice", "The channel could not be verified",
                   why='The platform hides what needs checking from logged-out visitors (login walls, bot checks, no API key), so the channel is neither confirmed nor faulted.',
                   how_to_fix='Check it by hand in a browser and record what you saw under `facts:` for the channel in omnilinks.yml, or give the needed API key (e.g. GOOGLE_MAPS_API_KEY for Google listings).',
                   example='Instagram does not show the bio link to logged-out visitors.')

# One account each is the norm here; branches legitimately have several listings and numbers.
SINGLE_ACCOUNT = ("instagram", "facebook", "youtube", "tiktok", "x", "linkedin", "pinterest", "mastodon")
REASON_TEXT = {"api_key_missing": "the listing's details need GOOGLE_MAPS_API_KEY (api_key_missing)"}
HANDLE_PLATFORMS = ("instagram", "tiktok", "x", "pinterest", "youtube", "facebook")


def check(ctx: Context) -> Iterator[Finding]:
    index = link_index(ctx.pages, ctx.site)
    yield from _declared_not_linked(ctx, index)
    yield from _undeclared(ctx, index)
    yield from _duplicates(ctx, index)
    yield from _forms(index)
    yield from _handles(ctx, index)
    yield from _not_on_home(ctx, index)
    for profile in ctx.profiles:
        yield from _status(ctx, profile, index)


def _profile_uses(index: dict[str, list[LinkUse]]) -> dict[str, list[LinkUse]]:
    return {url: uses for url, uses in index.items() if uses[0].ref is not None}


def _declared_not_linked(ctx: Context, index: dict[str, list[LinkUse]]) -> Iterator[Finding]:
    where = None
    for profile in ctx.profiles:
        if not profile.declared or profile.url in index:
            continue
        where = where or where_to_link(ctx)
        name = label(profile.platform) if profile.platform != "generic" else "Our listing"
        yield NOT_LINKED.finding(
            f"{label(profile.platform)} channel {profile.url} is declared but no page links it",
            channel_location(profile, ctx, index), target=profile.url, platform=profile.platform,
            fix=f"Add {anchor(profile.url, name)} to {where}.")


def _undeclared(ctx: Context, index: dict[str, list[LinkUse]]) -> Iterator[Finding]:
    if not ctx.config.channels:
        return
    declared = {p.url for p in ctx.profiles if p.declared}
    declared_platforms = {p.platform for p in ctx.profiles if p.declared}
    for url, uses in _profile_uses(index).items():
        ref = uses[0].ref
        assert ref is not None
        if url in declared or (ref.platform == "google_business" and "google_business" in declared_platforms):
            continue  # a listing's short link and its maps URL cannot be told apart without the API
        if ref.platform == "whatsapp":
            continue  # chat numbers are compared with the brand's by the nap rules
        yield UNDECLARED.finding(
            f"the site links {label(ref.platform)} {url}, which omnilinks.yml does not declare",
            uses[0].link.location, target=url, platform=ref.platform, related=tuple(u.link.location for u in uses[1:]),
            fix=f"If the account is yours, add '- {url}' under channels: in omnilinks.yml; if it is stale, remove the link.")


def _duplicates(ctx: Context, index: dict[str, list[LinkUse]]) -> Iterator[Finding]:
    if ctx.config.channels:
        return  # declared channels: an extra account is reported as undeclared
    accounts: dict[tuple[str, str], list[tuple[str, list[LinkUse]]]] = {}
    for url, uses in _profile_uses(index).items():
        ref = uses[0].ref
        if ref is not None and ref.platform in SINGLE_ACCOUNT:
            accounts.setdefault((ref.platform, ref.kind), []).append((url, uses))
    for (platform, _), found in accounts.items():
        if len(found) < 2:
            continue
        found.sort(key=lambda item: -len(item[1]))
        main_url = found[0][0]
        for url, uses in found[1:]:
            yield DUPLICATE.finding(
                f"the site links two {label(platform)} accounts: {main_url} ({len(found[0][1])} links) and {url}",
                uses[0].link.location, target=url, platform=platform, expected=main_url, actual=url,
                related=tuple(u.link.location for u in uses[1:]),
                fix=f"Link one account everywhere ({main_url}), or declare both in omnilinks.yml if both are yours.")


def _form(use: LinkUse) -> str:
    """The URL as it names the account: a chat link's prefilled text is a message, not another
    form of the number (the attribution rules compare the texts)."""
    url = without_fragment(use.link.url)
    if use.ref is not None and use.ref.platform == "whatsapp" and "?" in url:
        base, _, query = url.partition("?")
        kept = [p for p in query.split("&") if p and not p.startswith("text=")]
        url = base + ("?" + "&".join(kept) if kept else "")
    return url


def _forms(index: dict[str, list[LinkUse]]) -> Iterator[Finding]:
    for url, uses in _profile_uses(index).items():
        forms = Counter(_form(use) for use in uses)
        if len(forms) < 2:
            continue
        platform = uses[0].ref.platform if uses[0].ref else None
        for form in forms:
            if form == url:
                continue
            first = next(use for use in uses if _form(use) == form)
            yield FORMS.finding(
                f"{label(platform or '')} account {url} is linked as {len(forms)} different URLs; here as {form}",
                first.link.location, target=form, platform=platform, expected=url, actual=form,
                fix=f"Link {url} everywhere, so the site names the account one way.")


def _handles(ctx: Context, index: dict[str, list[LinkUse]]) -> Iterator[Finding]:
    brand = (ctx.identity.handle or "").strip().lstrip("@").lower()
    if not brand:
        return
    for profile in ctx.profiles:
        handle = (profile.handle or "").lower()
        if profile.platform not in HANDLE_PLATFORMS or not handle or handle.isdigit() or handle.startswith("uc"):
            continue
        if handle != brand:
            yield HANDLE.finding(
                f"{label(profile.platform)} handle @{handle} differs from the brand handle @{brand}",
                channel_location(profile, ctx, index), target=profile.url, platform=profile.platform, field="handle",
                expected=brand, actual=handle,
                fix=f"Rename the {label(profile.platform)} account to @{brand} if it is free, or set brand.handle to the one you use everywhere.")


def _not_on_home(ctx: Context, index: dict[str, list[LinkUse]]) -> Iterator[Finding]:
    home = home_page(ctx)
    if home is None or len(ctx.pages) < 2:
        return
    for profile in ctx.profiles:
        uses = index.get(profile.url) or []
        if profile.platform == "generic" or not uses or any(use.page is home for use in uses):
            continue
        yield NOT_ON_HOME.finding(
            f"{label(profile.platform)} {profile.url} is linked only from deeper pages, not from the home page",
            uses[0].link.location, target=profile.url, platform=profile.platform,
            fix=f"Add {anchor(profile.url, label(profile.platform))} to the home page's footer or header "
                f"({home.location.path or home.url}).")


def _status(ctx: Context, profile: Profile, index: dict[str, list[LinkUse]]) -> Iterator[Finding]:
    where = channel_location(profile, ctx, index)
    common = {"target": profile.url, "platform": profile.platform}
    name = label(profile.platform) if profile.platform != "generic" else "the page"
    reason = REASON_TEXT.get(profile.reason or "", profile.reason)
    evidence = f" [evidence: {profile.evidence}]" if profile.evidence and profile.evidence not in ("fetched", "link") else ""
    if profile.status == "unreachable":
        yield UNREACHABLE.finding(f"{name} {profile.url} cannot be used: {reason}{evidence}", where,
                                  actual=profile.reason, fix=profile.fix, **common)
    elif profile.status == "unverifiable" and profile.reason != "offline":
        yield UNVERIFIABLE.finding(f"{name} {profile.url} could not be verified: {reason}{evidence}", where,
                                   actual=profile.reason, fix=profile.fix, **common)
    elif profile.status == "mismatch" and profile.links_back is False and profile.platform != "google_business":
        if profile.website:
            yield WRONG_SITE.finding(
                f"{name} {profile.url} links to {profile.website} instead of {ctx.site_url}{evidence}", where,
                expected=ctx.site_url, actual=profile.website, field="website",
                fix=profile.fix or f"Change the website link on {name} to {ctx.site_url}.", **common)
        else:
            yield NO_LINK_BACK.finding(
                f"{name} {profile.url} does not link back to {ctx.site_url}: {reason}{evidence}", where,
                expected=ctx.site_url, field="website",
                fix=profile.fix or f"Add {ctx.site_url} to the {name} profile.", **common)
