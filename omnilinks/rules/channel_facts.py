"""Category `nap`, per platform: what each channel states (name, phone,
email, address, hours, website) against the brand identity, and the Google
listing's own state (closed, no website)."""
from __future__ import annotations

from collections.abc import Iterator

from omnilinks.channels.base import label
from omnilinks.channels.sitelinks import channel_location, link_index
from omnilinks.channels.urls import reaches_site
from omnilinks.identity.resolve import fact_key
from omnilinks.models import Finding, Location, Profile
from omnilinks.normalize.address import compare_addresses
from omnilinks.normalize.hours import diff_hours, parse_hours
from omnilinks.normalize.name import names_match
from omnilinks.normalize.phone import display_phone
from omnilinks.rules.base import Context, rule

NAME = rule("channel-name-differs", "nap", "warning", "A channel shows another name than the brand")
PHONE = rule("channel-phone-differs", "nap", "error", "A channel shows another phone number than the site")
WHATSAPP = rule("channel-whatsapp-differs", "nap", "error", "A WhatsApp link opens a chat with another number than the declared one")
EMAIL = rule("channel-email-differs", "nap", "warning", "A channel shows another e-mail address than the site")
ADDRESS = rule("channel-address-differs", "nap", "error", "A channel shows another address than the site")
HOURS = rule("channel-hours-differ", "nap", "warning", "A channel shows other opening hours than the site")
CLOSED = rule("listing-closed", "nap", "error", "Google shows the business as closed")
NO_WEBSITE = rule("listing-no-website", "nap", "warning", "The Google listing has no website")
WEBSITE = rule("listing-website-differs", "nap", "warning", "The Google listing's website is not this site")

CLOSED_REASONS = {"closed_permanently": "permanently closed", "closed_temporarily": "temporarily closed"}


def check(ctx: Context) -> Iterator[Finding]:
    index = link_index(ctx.pages, ctx.site) if ctx.profiles else {}
    for profile in ctx.profiles:
        if profile.status == "unreachable":
            continue
        where = channel_location(profile, ctx, index)
        yield from _compare(ctx, profile, where)
        if profile.platform == "google_business":
            yield from _listing(ctx, profile, where)


def _compare(ctx: Context, profile: Profile, where: Location) -> Iterator[Finding]:
    identity, region = ctx.identity, ctx.identity.country
    name = label(profile.platform) if profile.platform != "generic" else f"the page {profile.url}"
    mode = "relaxed" if ctx.config.check.name_match == "relaxed" else "strict"
    source = f"{name} ({profile.evidence})" if profile.evidence and profile.evidence.startswith(("facts", "har")) else name
    common = {"target": profile.url, "platform": profile.platform}
    if profile.platform == "whatsapp":
        declared = identity.whatsapp or identity.phone
        if profile.status == "mismatch" and profile.handle and declared:
            yield WHATSAPP.finding(f"WhatsApp link opens a chat with {display_phone(profile.handle)}, "
                                   f"not the declared {display_phone(declared)}", where, field="whatsapp",
                                   expected=declared, actual=profile.handle, fix=profile.fix, **common)
        return
    if profile.name and identity.name and not names_match(identity.name, profile.name, mode, identity.aliases):
        yield NAME.finding(f"{source} shows the name '{profile.name}', not '{identity.name}'", where, field="name",
                           expected=identity.name, actual=profile.name,
                           fix=f"Rename the {name} profile to '{identity.name}', or add '{profile.name}' to brand.aliases.",
                           **common)
    if profile.phone and identity.phone:
        shown = fact_key("phone", profile.phone, region)
        if shown and shown not in {identity.phone, identity.whatsapp}:
            yield PHONE.finding(f"{source} shows the phone {display_phone(shown)}, not {display_phone(identity.phone)}",
                                where, field="phone", expected=identity.phone, actual=shown,
                                fix=f"Set the phone on {name} to {display_phone(identity.phone)}.", **common)
    if profile.email and identity.email:
        shown = fact_key("email", profile.email, region)
        if shown and shown != fact_key("email", identity.email, region):
            yield EMAIL.finding(f"{source} shows the e-mail {shown}, not {identity.email}", where, field="email",
                                expected=identity.email, actual=shown, fix=f"Set the e-mail on {name} to {identity.email}.",
                                **common)
    if profile.address and identity.address:
        result = compare_addresses(identity.address, profile.address, mode, region)
        if not result.match:
            yield ADDRESS.finding(f"{source} shows the address '{profile.address}' ({result.reason})", where,
                                  field="address", expected=identity.address, actual=profile.address,
                                  fix=f"Set the address on {name} to '{identity.address}', or correct the site's.", **common)
    if profile.hours and identity.hours:
        site_hours, shown = parse_hours(identity.hours), parse_hours(profile.hours)
        if site_hours and shown and site_hours.intervals != shown.intervals:
            days = "; ".join(diff_hours(site_hours, shown))
            yield HOURS.finding(f"{source} shows other opening hours: {days} (site vs {name})", where, field="hours",
                                expected=site_hours.describe(), actual=shown.describe(),
                                fix=f"Set the hours on {name} to {site_hours.describe()}, or correct the site's.", **common)


def _listing(ctx: Context, profile: Profile, where: Location) -> Iterator[Finding]:
    common = {"target": profile.url, "platform": profile.platform}
    closed = CLOSED_REASONS.get(profile.reason or "")
    if closed:
        yield CLOSED.finding(f"Google shows the business as {closed}", where, actual=profile.reason,
                             fix="If the business is open, mark it open in Google Business Profile (Edit profile → Open date/status).",
                             **common)
    if profile.evidence != "places_api" or profile.status == "unverifiable":
        return
    if not profile.website:
        yield NO_WEBSITE.finding("the Google listing has no website", where, field="website", expected=ctx.site_url,
                                 fix=f"Add {ctx.site_url} as the website in Google Business Profile (Edit profile → Contact).",
                                 **common)
    elif not reaches_site(profile.website, ctx.site_url):
        yield WEBSITE.finding(f"the Google listing's website is {profile.website}, not {ctx.site_url}", where,
                              field="website", expected=ctx.site_url, actual=profile.website,
                              fix=f"Change the website in Google Business Profile to {ctx.site_url}.", **common)
