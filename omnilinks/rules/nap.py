"""Category `nap`: the phone, WhatsApp, email, address and hours every page
states, compared with the resolved identity in their normalised forms."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from urllib.parse import urlsplit

from omnilinks.identity.compare import Group, group_where, group_wrong, reference_note, widely_stated
from omnilinks.identity.resolve import Observed, fact_key, observe
from omnilinks.models import Finding
from omnilinks.normalize.address import compare_addresses
from omnilinks.normalize.hours import diff_hours, parse_hours
from omnilinks.normalize.phone import international_phone
from omnilinks.rules.base import Context, Rule, rule

PHONE = rule("nap-phone-mismatch", "nap", "error", "A phone number on the site is not the brand's phone")
WHATSAPP = rule("nap-whatsapp-mismatch", "nap", "error", "A WhatsApp link or number is not the brand's WhatsApp")
EMAIL = rule("nap-email-mismatch", "nap", "warning", "An email address on the site is not the brand's email")
ADDRESS = rule("nap-address-mismatch", "nap", "error", "An address on the site is not the brand's address")
HOURS = rule("nap-hours-mismatch", "nap", "warning", "Opening hours on the site differ from the brand's hours")
STRUCTURED = {"jsonld", "microdata", "hcard"}


def observed_facts(ctx: Context) -> dict[str, list[Observed]]:
    return ctx.identity_sources or observe(ctx.pages, ctx.identity.country)


def check(ctx: Context) -> Iterator[Finding]:
    observed = observed_facts(ctx)
    yield from _phones(ctx, observed.get("phone", []))
    yield from _whatsapp(ctx, observed.get("whatsapp", []))
    yield from _emails(ctx, observed.get("email", []))
    yield from _addresses(ctx, observed.get("address", []))
    yield from _hours(ctx, observed.get("hours", []))


def _lenient(ctx: Context, field: str, items: list[Observed], reference: object,
             accept: Callable[[Observed], bool]) -> Callable[[Observed], bool]:
    if field not in ctx.identity.inferred:
        return accept
    widely = widely_stated(items, reference)
    return lambda item: accept(item) or widely(item)


def _finding(ctx: Context, spec: Rule, field: str, group: Group, expected: str, what: str, fix: str) -> Finding:
    actual = group.items[0].display if field == "hours" else str(group.first.value)
    count = group.pages()
    message = (f"{what} {actual} ({group.sources()}, {count} page{'s' if count != 1 else ''}) "
               f"is not the brand's {field} {expected}")
    target = actual if field != "whatsapp" or "/" in actual else None
    return spec.finding(message, group.first.location, target=target, field=field, expected=expected,
                        actual=actual, fix=fix + reference_note(ctx.identity, field), related=group.related)


def _phones(ctx: Context, items: list[Observed]) -> Iterator[Finding]:
    identity = ctx.identity
    if not identity.phone:
        return
    # A tel: link or a listed number may be the WhatsApp mobile: both reach the business.
    known = {identity.phone, identity.whatsapp}
    accept = _lenient(ctx, "phone", items, identity.phone, lambda o: o.key in known)
    expected = international_phone(identity.phone)
    for group in group_wrong(items, accept):
        fix = f"Change {group.first.value} to {expected} at {group_where(group)}."
        yield _finding(ctx, PHONE, "phone", group, expected, "phone", fix)


def _whatsapp(ctx: Context, items: list[Observed]) -> Iterator[Finding]:
    identity = ctx.identity
    reference = identity.whatsapp or identity.phone
    if not reference:
        return
    field_of_reference = "whatsapp" if identity.whatsapp else "phone"
    widely = widely_stated(items, reference) if field_of_reference in identity.inferred else None

    def accept(item: Observed) -> bool:
        return item.key == reference or (widely is not None and widely(item))
    # A WhatsApp link the channel check already reported (channel-whatsapp-differs) is not reported twice.
    reported = {p.handle for p in ctx.profiles if p.platform == "whatsapp" and p.status == "mismatch"}
    items = [o for o in items if not (o.fact.source == "wa" and o.key in reported)]
    expected = international_phone(reference)
    digits = reference.lstrip("+")
    for group in group_wrong(items, accept):
        is_link = group.first.source == "wa"
        what = "WhatsApp link to" if is_link else "WhatsApp number"
        change = f"https://wa.me/{digits}" if is_link else expected
        fix = f"Change {group.first.value} to {change} at {group_where(group)}."
        if not identity.whatsapp:
            fix += " (No brand.whatsapp is declared, so the brand's phone is the reference.)"
        yield _finding(ctx, WHATSAPP, "whatsapp", group, expected, what, fix)


def _emails(ctx: Context, items: list[Observed]) -> Iterator[Finding]:
    reference = ctx.identity.email
    if not reference:
        return
    # Other mailboxes at the brand's own domain (karir@, cs@) are departments, not contradictions;
    # structured data names the one contact address, so it must be exact.
    own = {reference.rsplit("@", 1)[1], (urlsplit(ctx.identity.website or "").hostname or "").removeprefix("www.")}

    def accept(item: Observed) -> bool:
        if item.key == reference:
            return True
        return item.fact.source not in STRUCTURED and str(item.key).rsplit("@", 1)[1] in own

    for group in group_wrong(items, _lenient(ctx, "email", items, reference, accept)):
        fix = f"Change {group.first.value} to {reference} at {group_where(group)}."
        yield _finding(ctx, EMAIL, "email", group, reference, "email", fix)


def _addresses(ctx: Context, items: list[Observed]) -> Iterator[Finding]:
    reference = ctx.identity.address
    if not reference:
        return
    mode = "relaxed" if ctx.config.check.name_match == "relaxed" else "strict"
    verdicts: dict[str, str | None] = {}
    address_key = fact_key("address", reference, ctx.identity.country)

    def accept(item: Observed) -> bool:
        result = compare_addresses(reference, str(item.fact.value), mode, ctx.identity.country)
        verdicts[str(item.fact.value)] = result.reason
        return result.match

    for group in group_wrong(items, _lenient(ctx, "address", items, address_key, accept)):
        reason = verdicts.get(str(group.first.value))
        fix = f"Change the address to \"{reference}\" at {group_where(group)}."
        finding = _finding(ctx, ADDRESS, "address", group, reference, "address", fix)
        yield finding if not reason else _with_reason(finding, reason)


def _with_reason(finding: Finding, reason: str) -> Finding:
    return replace(finding, message=f"{finding.message} ({reason})")


def _hours(ctx: Context, items: list[Observed]) -> Iterator[Finding]:
    reference = parse_hours(ctx.identity.hours) if ctx.identity.hours else None
    if reference is None:
        return
    accept = _lenient(ctx, "hours", items, ctx.identity.hours, lambda o: o.key == reference.describe())
    for group in group_wrong(items, accept):
        stated = parse_hours(group.first.value)
        days = "; ".join(diff_hours(reference, stated)) if stated else ""
        fix = f"Change the hours to \"{reference.describe()}\" at {group_where(group)}."
        finding = _finding(ctx, HOURS, "hours", group, reference.describe(), "opening hours", fix)
        yield _with_reason(finding, f"expected vs stated: {days}") if days else finding
