"""Category `nap`, per platform: what each channel states (name, phone,
email, address, hours, website) against the brand identity, and the Google
listing's own state (closed, no website)."""
from __future__ import annotations

from collections.abc import Iterator

from omnilinks.channels.base import label
from omnilinks.channels.sitelinks import channel_location, link_index
from omnilinks.channels.urls import reaches_site
from omnilinks.identity.compare import if_inferred
from omnilinks.models import Finding, Location, MatchMode, Profile
from omnilinks.normalize.address import compare_addresses
from omnilinks.normalize.email import normalize_email
from omnilinks.normalize.hours import diff_hours_grouped, parse_hours
from omnilinks.normalize.name import names_match
from omnilinks.normalize.phone import display_phone, normalize_phone
from omnilinks.rules.base import Context, rule

NAME = rule("channel-name-differs", "nap", "warning", "A channel shows another name than the brand",
           why='Customers who go from your site to the channel (or the other way) should recognise the same business; another name makes them doubt they are in the right place.',
           how_to_fix='Rename the profile, store or listing to the brand name, or add the name it uses to `brand.aliases` in omnilinks.yml if it is legitimately different.',
           example='A marketplace store named `Senja Coffee Roastery` for the brand Kopi Senja.')
PHONE = rule("channel-phone-differs", "nap", "error", "A channel shows another phone number than the site",
            why='Customers call the number they find on the channel; a different number there reaches someone else or no one, and search engines trust your details less when they disagree.',
            how_to_fix="Edit the phone number on the channel to the business's phone (the finding names the channel and the number it shows).",
            example='A directory listing shows `(021) 5550124`; the business phone is `(021) 5550123`.')
WHATSAPP = rule("channel-whatsapp-differs", "nap", "error", "A WhatsApp link opens a chat with another number than the declared one",
               why='The WhatsApp chat link opens a conversation with another number, so messages from customers go to someone else.',
               how_to_fix="Change the number in the wa.me link, or the WhatsApp channel in omnilinks.yml, to the business's WhatsApp number.",
               example='`https://wa.me/6281234567809` declared while the WhatsApp number is `+62 812 3456 7890`.')
EMAIL = rule("channel-email-differs", "nap", "warning", "A channel shows another e-mail address than the site",
            why='Customers who write to the address shown on the channel may write to an old or mistyped address that nobody reads.',
            how_to_fix="Edit the e-mail address on the channel to the business's address.",
            example='A Google listing showing `info@kopisenja.com` for a business whose address is `halo@kopisenja.id`.')
ADDRESS = rule("channel-address-differs", "nap", "error", "A channel shows another address than the site",
              why='Customers navigate to the address on the channel (above all on a map listing); a different address sends them to the wrong place and weakens local search ranking.',
              how_to_fix="Edit the address on the channel (listing, store, profile) to the business's address.",
              example='A Google Business Profile at `Jl. Kemang Raya No. 12` while the site and omnilinks.yml say `No. 10`.')
HOURS = rule("channel-hours-differ", "nap", "warning", "A channel shows other opening hours than the site",
            why='Customers check opening hours on maps and listings more than on the site; different hours there mean closed doors or missed visits.',
            how_to_fix="Edit the hours on the channel to the business's hours (the finding lists the days that differ).",
            example='Google shows Sunday closed; the site says Sunday 08:00-22:00.')
CLOSED = rule("listing-closed", "nap", "error", "Google shows the business as closed",
             why='Google shows the business as temporarily or permanently closed: most searchers will not come, call or order.',
             how_to_fix='If the business is open, mark it open again in Google Business Profile; if it has moved, update the listing rather than leaving a closed one.',
             example="A listing marked 'Permanently closed' after a move to a new address.")
NO_WEBSITE = rule("listing-no-website", "nap", "warning", "The Google listing has no website",
                 why='People who find you on Google Maps cannot reach your site from the listing, and Google has one less signal that the site and the listing are the same business.',
                 how_to_fix="Add the site's address in the listing's Website field in Google Business Profile.",
                 example='A Google Business Profile with no website set.')
WEBSITE = rule("listing-website-differs", "nap", "warning", "The Google listing's website is not this site",
              why='The listing sends visitors to another site (an old domain, a marketplace, a link-in-bio page) instead of yours.',
              how_to_fix="Set the listing's Website field in Google Business Profile to the site's address.",
              example="The listing's website is `https://kopisenja.com/` while the site is `https://kopisenja.id/`.")

CLOSED_REASONS = {"closed_permanently": "permanently closed", "closed_temporarily": "temporarily closed"}


def check(ctx: Context) -> Iterator[Finding]:
    index = link_index(ctx.pages, ctx.site) if ctx.profiles else {}
    for profile in ctx.profiles:
        if profile.status == "unreachable":
            continue
        where = channel_location(profile, ctx, index)
        for finding in _compare(ctx, profile, where):
            reference = "phone" if finding.field == "whatsapp" and not ctx.identity.whatsapp else None
            yield if_inferred(finding, ctx.identity, reference)
        if profile.platform == "google_business":
            yield from _listing(ctx, profile, where)


def _compare(ctx: Context, profile: Profile, where: Location) -> Iterator[Finding]:
    identity, region = ctx.identity, ctx.identity.country
    name = label(profile.platform) if profile.platform != "generic" else f"the page {profile.url}"
    mode: MatchMode = "relaxed" if ctx.config.check.name_match == "relaxed" else "strict"
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
        shown = normalize_phone(str(profile.phone), region)
        if shown and shown not in {identity.phone, identity.whatsapp}:
            yield PHONE.finding(f"{source} shows the phone {display_phone(shown)}, not {display_phone(identity.phone)}",
                                where, field="phone", expected=identity.phone, actual=shown,
                                fix=f"Set the phone on {name} to {display_phone(identity.phone)}.", **common)
    if profile.email and identity.email:
        shown = normalize_email(str(profile.email))
        if shown and shown != normalize_email(identity.email):
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
        site_hours, shown_hours = parse_hours(identity.hours), parse_hours(profile.hours)
        if site_hours and shown_hours and site_hours.intervals != shown_hours.intervals:
            days = "; ".join(diff_hours_grouped(site_hours, shown_hours))
            yield HOURS.finding(f"{source} shows other opening hours: {days} (site vs {name})", where, field="hours",
                                expected=site_hours.describe(), actual=shown_hours.describe(),
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
