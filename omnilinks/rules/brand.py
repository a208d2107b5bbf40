"""Category `brand`: the name the site gives itself (structured data,
og:site_name, title template) and whether every page offers a way to reach
the business."""
from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from omnilinks.extract.urls import url_path
from omnilinks.identity.compare import Group, group_where, group_wrong, if_inferred, where
from omnilinks.identity.resolve import Observed
from omnilinks.identity.titles import TitleClaim, fold, title_claims
from omnilinks.models import Finding, Location, MatchMode, Page
from omnilinks.normalize.name import name_tokens, names_match
from omnilinks.normalize.phone import is_whatsapp_url
from omnilinks.rules.base import Context, Rule, rule
from omnilinks.rules.nap import observed_facts

NAME = rule("brand-name-mismatch", "brand", "warning", "Structured data names the business differently",
           why="Search engines read the business name from the page's structured data (JSON-LD); another name there can appear in search results and maps.",
           how_to_fix="Set `name` in the page's Organization/LocalBusiness JSON-LD to the brand name.",
           example='`{"@type": "LocalBusiness", "name": "Kopi Senyap"}` for the business Kopi Senja.')
SITE_NAME = rule("brand-site-name-mismatch", "brand", "warning", "og:site_name is not the brand name",
                why='`og:site_name` is the name shown in link previews when the page is shared on WhatsApp, Facebook or LinkedIn: another name there confuses people who receive the link.',
                how_to_fix='Set `<meta property="og:site_name" content="…">` to the brand name (usually in the site\'s head template).',
                example='`<meta property="og:site_name" content="Kopi Senyap">`.')
TITLE = rule("brand-title-mismatch", "brand", "warning", "The title template names another brand",
            why='The page title is the headline of your search result and the name on the browser tab; a template that names another business (a copied theme, an old name) shows that name to everyone.',
            how_to_fix='Fix the site-name part of the title template so every title ends with the brand name.',
            example='`<title>Tentang Kami – Kopi Senyap</title>` on the site of Kopi Senja.')
NO_CONTACT = rule("brand-no-contact-route", "brand", "notice",
                  "Pages with no phone, WhatsApp, email, address or contact-page link",
                 why='A visitor who lands on such a page (from search, or a shared link) finds no way to call, write or visit you without hunting through the site.',
                 how_to_fix='Put the phone, WhatsApp or e-mail, or a link to the contact page, in the footer template so every page has one.',
                 example='Blog posts whose template has no footer: no phone, no address, no link to `/kontak/`.')
CONTACT_PAGE = re.compile(r"kontak|contact|hubungi|lokasi|location|reservasi|booking|alamat|find-us", re.I)
NOT_CONTENT = re.compile(r"(?:^|/)(?:404|500|offline|google[0-9a-f]+)(?:\.html?)?$", re.I)
PAGES_SHOWN = 5


def check(ctx: Context) -> Iterator[Finding]:
    observed = observed_facts(ctx)
    if ctx.identity.name:
        names = observed.get("name", [])
        yield from _names(ctx, NAME, [o for o in names if o.fact.source in ("jsonld", "microdata", "rdfa", "hcard")],
                          "structured data")
        yield from _names(ctx, SITE_NAME, [o for o in names if o.fact.source == "og:site_name"], "og:site_name")
        yield from _titles(ctx, title_claims(ctx.pages))
    yield from _no_contact(ctx)


def _matches(ctx: Context, value: str) -> bool:
    identity = ctx.identity
    mode: MatchMode = "relaxed" if ctx.config.check.name_match == "relaxed" else "strict"
    return names_match(identity.name or "", value, mode, identity.aliases)


def _names(ctx: Context, spec: Rule, items: list[Observed], what: str) -> Iterator[Finding]:
    for group in group_wrong(items, lambda o: _matches(ctx, str(o.fact.value))):
        yield _name_finding(ctx, spec, group, what)


def _name_finding(ctx: Context, spec: Rule, group: Group, what: str) -> Finding:
    actual, expected = str(group.first.value), ctx.identity.name or ""
    count = group.pages()
    hint = "" if ctx.config.check.name_match == "relaxed" else \
        " If it is the same business under a longer name, add it to brand.aliases."
    return if_inferred(spec.finding(
        f"{what} names the business \"{actual}\" ({count} page{'s' if count != 1 else ''}), not \"{expected}\"",
        group.first.location, field="name", expected=expected, actual=actual, related=group.related,
        fix=f"Change \"{actual}\" to \"{expected}\" at {group_where(group)}.{hint}"), ctx.identity)


def _titles(ctx: Context, claims: list[TitleClaim]) -> Iterator[Finding]:
    groups: dict[tuple[str, str], list[TitleClaim]] = {}
    matched: dict[str, bool] = {}  # a title template repeats on every page: judge each part once

    def matches(part: str) -> bool:
        if part not in matched:
            matched[part] = _matches(ctx, part)
        return matched[part]

    for claim in claims:
        if any(matches(part) for part in claim.parts):
            continue
        claimed = claim.claimed or next((p for p in claim.parts if _resembles(ctx, p)), None)
        if claimed:
            groups.setdefault((claim.source, fold(claimed)), []).append(
                TitleClaim(claim.location, claim.source, claim.text, claim.parts, claimed))
    for (source, _), members in groups.items():
        claimed = members[0].claimed or ""
        locations = list(dict.fromkeys(m.location for m in members))
        tag = "<title>" if source == "title" else "og:title"
        expected = ctx.identity.name or ""
        fixed = members[0].text.replace(claimed, expected)
        yield if_inferred(TITLE.finding(
            f"{tag} \"{members[0].text}\" names the brand \"{claimed}\", not \"{expected}\" "
            f"({len(locations)} page{'s' if len(locations) != 1 else ''})",
            locations[0], field="name", expected=expected, actual=claimed, related=tuple(locations[1:]),
            fix=f"Change the {tag} template so it reads \"{fixed}\" (at {where(locations)})."), ctx.identity)


def _resembles(ctx: Context, part: str) -> bool:
    """A title part that shares a distinctive word with the brand is meant to be the brand."""
    brand = set(name_tokens(ctx.identity.name or ""))
    for alias in ctx.identity.aliases:
        brand |= set(name_tokens(alias))
    return bool(brand & set(name_tokens(part)))


def has_contact_route(page: Page, ctx: Context) -> bool:
    if any(f.field in ("phone", "whatsapp", "email", "address") for f in page.facts):
        return True
    for url, kind in page.links.targets():
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("tel", "mailto") or is_whatsapp_url(url):
            return True
        if kind.tag in ("a", "area") and CONTACT_PAGE.search(urlsplit(url).path) and ctx.site.is_internal(url):
            return True
    return False


def _no_contact(ctx: Context) -> Iterator[Finding]:
    identity = ctx.identity
    if not (identity.phone or identity.whatsapp or identity.email or identity.address):
        return  # nothing to offer: not a business site with contact facts
    pages = [p for p in ctx.pages if p.is_html and p.status < 400 and not _utility(p)]
    lacking = [p for p in pages if not has_contact_route(p, ctx)]
    if not lacking:
        return
    locations: list[Location] = [p.location for p in lacking]
    shown = ", ".join(loc.short() for loc in locations[:PAGES_SHOWN])
    more = f" and {len(locations) - PAGES_SHOWN} more" if len(locations) > PAGES_SHOWN else ""
    route = (f"tel:{identity.phone}" if identity.phone else
             f"https://wa.me/{identity.whatsapp.lstrip('+')}" if identity.whatsapp else
             f"mailto:{identity.email}" if identity.email else "a link to the contact page")
    yield NO_CONTACT.finding(
        f"{len(lacking)} of {len(pages)} page{'s' if len(pages) != 1 else ''} offer no way to contact the business ({shown}{more})",
        locations[0], actual=f"{len(lacking)} page{'s' if len(lacking) != 1 else ''} without a contact route",
        related=tuple(locations[1:]),
        fix=f"Add a contact route to the shared footer or header, e.g. <a href=\"{route}\">, so every page has one.")


def _utility(page: Page) -> bool:
    return bool(NOT_CONTENT.search(url_path(page.url).rstrip("/")))
