"""Category `schema`: the structured data search engines and maps read about
the business: present on the home page, complete, readable, and consistent
with the site's own profile links."""
from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Iterator
from typing import Any

from omnilinks.channels.profiles import ProfileRef, comparable, profile_ref, site_profiles
from omnilinks.extract.structured import business_entities, entity_values, is_local_business, jsonld_types
from omnilinks.extract.urls import url_path
from omnilinks.identity.compare import where
from omnilinks.identity.snippet import business_entity, same_as_snippet, script_tag
from omnilinks.models import Finding, Location, Page
from omnilinks.normalize.domain import same_site, url_host
from omnilinks.normalize.email import normalize_email
from omnilinks.normalize.hours import parse_hours
from omnilinks.normalize.phone import has_country_code, international_phone, normalize_phone
from omnilinks.rules.base import Context, is_business_site, rule
from omnilinks.vocabulary import ChannelKind

INVALID = rule("schema-jsonld-invalid", "schema", "error", "A JSON-LD block is not valid JSON; search engines ignore it",
              why='Search engines skip a structured-data block that is not valid JSON, so the business details in it (name, address, hours, profiles) are not used at all.',
              how_to_fix='Fix the JSON syntax at the line given (a missing comma or quote, a trailing comma); a JSON validator shows the exact spot.',
              example='`{name: "Kopi Senja"}` (the key needs double quotes).')
NO_BUSINESS = rule("schema-business-missing", "schema", "warning",
                   "The home page has no Organization or LocalBusiness structured data",
                  why='Without Organization or LocalBusiness structured data on the home page, search engines must guess your name, logo, address and profiles; with it they can show them in results and the knowledge panel.',
                  how_to_fix='Add a JSON-LD block of type Organization or LocalBusiness (with name, url, logo, address, telephone, sameAs) to the home page.',
                  example='A home page with no `<script type="application/ld+json">` at all.')
INCOMPLETE = rule("schema-localbusiness-incomplete", "schema", "error",
                  "LocalBusiness without the name or address Google requires",
                 why='Google ignores LocalBusiness structured data that lacks the name or the address, so it cannot be used for rich results or maps.',
                 how_to_fix='Add `name` and a full `address` (PostalAddress) to the LocalBusiness block.',
                 example='`{"@type": "CafeOrCoffeeShop", "telephone": "+62215550123"}` with no name or address.')
NO_COUNTRY = rule("schema-telephone-no-country-code", "schema", "warning",
                  "Structured-data telephone written without the country code",
                 why='Structured data is read by services in every country; a number without its country code is dialled as a local number by whoever reads it, which is another number outside your country.',
                 how_to_fix='Write the telephone in international form: `+62 21 5550123` instead of `021-5550123`.',
                 example='`"telephone": "021-5550123"`.')
UNREADABLE = rule("schema-value-unreadable", "schema", "warning",
                  "A structured-data telephone, email or opening hours value cannot be read",
                 why='A telephone, e-mail or opening-hours value in structured data that cannot be read is ignored by search engines, so that detail is missing from results.',
                 how_to_fix='Write the value in a standard form: a phone with country code, a plain e-mail address, hours as `Mo-Fr 08:00-17:00` or an OpeningHoursSpecification.',
                 example='`"openingHours": "pagi sampai malam"`.')
SAMEAS_MISSING = rule("schema-sameas-missing", "schema", "warning",
                      "sameAs lacks a profile the site links or omnilinks.yml declares",
                     why='`sameAs` tells search engines which profiles belong to the business; a profile missing from it may not be connected with your site in results or the knowledge panel.',
                     how_to_fix='Add the missing profile URLs to the `sameAs` list of the Organization/LocalBusiness JSON-LD.',
                     example='`sameAs` lists Instagram and YouTube but not the TikTok and Tokopedia accounts the site links.')
SAMEAS_UNLISTED = rule("schema-sameas-unlisted", "schema", "warning",
                       "sameAs lists a profile the site neither links nor declares",
                      why='`sameAs` names a profile that the site neither links nor declares: often an old account, which search engines then connect with your business.',
                      how_to_fix='Remove the profile from `sameAs`, or declare it in omnilinks.yml and link it if it is yours.',
                      example='`sameAs` still lists `https://www.instagram.com/kopisenja.lama/`.')
URL_NOT_SITE = rule("schema-url-not-site", "schema", "warning", "The business's structured-data url is not the site",
                   why="The `url` in the business's structured data tells search engines which site is the business's own; another address there points them elsewhere.",
                   how_to_fix="Set `url` in the Organization/LocalBusiness JSON-LD to the site's address.",
                   example='`"url": "https://kopisenja.com"` on `https://kopisenja.id`.')
PROFILE_KINDS: tuple[ChannelKind, ...] = ("profile", "store")

Entity = tuple[Page, dict[str, Any], Location]


def check(ctx: Context) -> Iterator[Finding]:
    yield from _invalid(ctx.pages)
    entities = [(page, entity, Location(page.location.path, entity.get("__line__"), None, page.location.url))
                for page in ctx.pages for entity in business_entities(page.jsonld)]
    yield from _home(ctx, entities)
    yield from _incomplete(entities)
    yield from _values(ctx, entities)
    yield from _same_as(ctx, entities)
    yield from _url(ctx, entities)


def grouped(items: Iterable[tuple[Hashable, Location, Any]]) -> list[tuple[Any, list[Location]]]:
    """One entry per key with every location stating it: a site-wide template error is one finding."""
    groups: dict[Hashable, tuple[Any, list[Location]]] = {}
    for key, location, payload in items:
        entry = groups.setdefault(key, (payload, []))
        if location not in entry[1]:
            entry[1].append(location)
    return list(groups.values())


def _invalid(pages: Iterable[Page]) -> Iterator[Finding]:
    errors = ((message, Location(p.location.path, line, None, p.location.url), message)
              for p in pages for line, message in p.jsonld_errors)
    for message, locations in grouped(errors):
        yield INVALID.finding(f"{message}; the whole block is ignored", locations[0], actual=message,
                              related=tuple(locations[1:]),
                              fix=f"Fix the JSON syntax of the <script type=\"application/ld+json\"> at "
                                  f"{where(locations)} (a trailing comma or an unquoted value is the usual cause).")


def home_page(ctx: Context) -> Page | None:
    page = ctx.site.page_for(ctx.site.base)
    if page is None:
        homes = [p for p in ctx.pages if url_path(p.url) in ("", "/", "/index.html")]
        page = homes[0] if homes else None
    return page


def _home(ctx: Context, entities: list[Entity]) -> Iterator[Finding]:
    home = home_page(ctx)
    if home is None or not home.is_html or home.status >= 400 or not is_business_site(ctx):
        return
    if any(page is home for page, _, _ in entities):
        return
    if any(f.source in ("microdata", "rdfa", "hcard") and f.field in ("name", "address", "phone") for f in home.facts):
        return
    entity = business_entity(ctx.identity, [r.url for r in expected_profiles(ctx).values()])
    yield NO_BUSINESS.finding(
        f"the home page has no {entity['@type']} structured data, so search engines and maps cannot tie the "
        "site to the business", home.location, expected=entity["@type"],
        fix=f"Add this to the <head> of {home.location.short()}:\n{script_tag(entity)}")


def _incomplete(entities: list[Entity]) -> Iterator[Finding]:
    items = []
    for _, entity, location in entities:
        types = jsonld_types(entity)
        if not is_local_business(types):
            continue
        missing = tuple(k for k in ("name", "address") if not entity.get(k))
        if missing:
            kind = sorted(types - {"Organization"})[0]
            items.append(((kind, missing), location, (kind, missing)))
    for (kind, missing), locations in grouped(items):
        names = " and ".join(missing)
        yield INCOMPLETE.finding(f"{kind} without {names}: Google ignores it for the business listing",
                                 locations[0], field=missing[0], actual=f"no {names}", related=tuple(locations[1:]),
                                 fix=f"Add {' and '.join(repr(m) for m in missing)} to the {kind} JSON-LD at "
                                     f"{where(locations)}, or change its @type to Organization if the business "
                                     "has no place customers visit.")


def _values(ctx: Context, entities: list[Entity]) -> Iterator[Finding]:
    region = ctx.identity.country
    no_country, unreadable = [], []
    for page, entity, entity_location in entities:
        for field, value, key in entity_values(entity, page.url):
            location = value_location(page, field, value, entity_location)
            if field in ("phone", "whatsapp"):
                e164 = normalize_phone(value, region)
                if e164 is None:
                    unreadable.append(((key, value), location, (key, value, "a phone number")))
                elif not has_country_code(value):
                    no_country.append(((value, e164), location, (value, e164)))
            elif field == "email" and normalize_email(value) is None:
                unreadable.append(((key, value), location, (key, value, "an email address")))
            elif field == "hours" and parse_hours(value) is None:
                text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
                unreadable.append(((key, text), location, (key, text, "opening hours")))
    for (value, e164), locations in grouped(no_country):
        expected = international_phone(e164)
        yield NO_COUNTRY.finding(f"telephone \"{value}\" has no country code; outside {region} it dials another "
                                 "number", locations[0], target=value, field="phone", expected=expected,
                                 actual=value, related=tuple(locations[1:]),
                                 fix=f"Write \"telephone\": \"{expected}\" at {where(locations)}.")
    for (key, value, what), locations in grouped(unreadable):
        yield UNREADABLE.finding(f"\"{key}\": {value!r} cannot be read as {what}", locations[0], actual=str(value),
                                 field={"telephone": "phone", "email": "email"}.get(key, "hours"),
                                 related=tuple(locations[1:]),
                                 fix=f"Write {what} in the form schema.org expects at {where(locations)}.")


def value_location(page: Page, field: str, value: Any, default: Location) -> Location:
    """The line of the value inside its JSON-LD block, as extraction recorded it."""
    return next((f.location for f in page.facts if f.source == "jsonld" and f.field == field and f.value == value),
                default)


def expected_profiles(ctx: Context) -> dict[str, ProfileRef]:
    """Profiles the site links (anywhere, rel=me included) and the config declares."""
    site = ctx.site
    linked = site_profiles((page.links.urls[index] for page in ctx.pages for index in site.outbound(page)),
                           PROFILE_KINDS)
    declared = site_profiles((c.url for c in ctx.config.channels), PROFILE_KINDS)
    # A linked account on a platform where omnilinks.yml declares another one is the stale or
    # wrong link (the crossref rules report it), not one to add to sameAs.
    declared_platforms = {ref.platform for ref in declared.values()}
    kept = {k: r for k, r in linked.items() if r.platform not in declared_platforms or k in declared}
    return kept | declared


def _same_as(ctx: Context, entities: list[Entity]) -> Iterator[Finding]:
    expected = expected_profiles(ctx)
    declared_any = {r.key for c in ctx.config.channels if (r := profile_ref(c.url)) is not None}
    missing_items, unlisted_items = [], []
    by_page: dict[int, list[Entity]] = {}
    for item in entities:
        by_page.setdefault(id(item[0]), []).append(item)
    home = home_page(ctx)
    for page_entities in by_page.values():
        if page_entities[0][0] is not home and not any(e.get("sameAs") for _, e, _ in page_entities):
            continue  # a page's own LocalBusiness need not repeat the profiles; the home page's must list them
        listed: dict[str, str] = {}
        for _, entity, location in page_entities:
            for url in (u for u in _as_list(entity.get("sameAs")) if isinstance(u, str)):
                ref = profile_ref(url)
                key = ref.key if ref is not None else comparable(url)
                listed.setdefault(key, url)
                if ref is not None and ref.kind in PROFILE_KINDS and key not in expected and key not in declared_any:
                    unlisted_items.append((key, location, url))
        missing = tuple(expected[k].url for k in expected if k not in listed)
        if missing:
            holder = next((loc for _, e, loc in page_entities if e.get("sameAs")), page_entities[0][2])
            present = tuple(listed.values())
            missing_items.append(((missing, present), holder, (missing, present)))
    for (missing, present), locations in grouped(missing_items):
        yield SAMEAS_MISSING.finding(
            f"sameAs does not list {', '.join(missing)}, which the site links or omnilinks.yml declares",
            locations[0], field="handle", expected=", ".join(missing), actual=", ".join(present) or None,
            related=tuple(locations[1:]),
            fix=f"Set sameAs in the JSON-LD at {where(locations)} to:\n{same_as_snippet(list(present + missing))}")
    for url, locations in grouped(unlisted_items):
        yield SAMEAS_UNLISTED.finding(
            f"sameAs lists {url}, which the site does not link and omnilinks.yml does not declare",
            locations[0], target=url, field="handle", actual=url, related=tuple(locations[1:]),
            fix=f"If {url} is the brand's account, link it from the site and add it to channels in omnilinks.yml; "
                f"otherwise remove it from sameAs at {where(locations)}.")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _url(ctx: Context, entities: list[Entity]) -> Iterator[Finding]:
    site = ctx.config.site_url or (ctx.site.base if ctx.site.mode == "live" else None)
    host = url_host(site) if site else None
    if not host:
        return  # a folder without site.url: the public address is unknown
    items = []
    for page, entity, location in entities:
        for field, value, _ in entity_values(entity, page.url):
            if field == "website" and not same_site(url_host(str(value)), host):
                items.append((value, value_location(page, field, value, location), value))
    for value, locations in grouped(items):
        yield URL_NOT_SITE.finding(f"the business's url is {value}, not the site {site}", locations[0], target=value,
                                   field="website", expected=site, actual=value, related=tuple(locations[1:]),
                                   fix=f"Write \"url\": \"{site}\" at {where(locations)}.")

