"""Category `nap`: the phone, WhatsApp, email, address and hours every page
states, compared with the resolved identity in their normalised forms."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from omnilinks.identity.compare import Group, group_where, group_wrong, if_inferred, page_of, widely_stated
from omnilinks.identity.resolve import Observed, observe
from omnilinks.models import Finding, MatchMode
from omnilinks.normalize.address import compare_addresses
from omnilinks.normalize.domain import same_site, url_host
from omnilinks.normalize.facts import FactKey, fact_key
from omnilinks.normalize.hours import diff_hours_grouped, parse_hours
from omnilinks.normalize.phone import international_phone
from omnilinks.rules.base import Context, Rule, rule

PHONE = rule("nap-phone-mismatch", "nap", "error", "A phone number on the site is not the brand's phone",
            why='Customers call the number they find; if a page shows an old or mistyped number they reach someone else or no one. Search engines also lower their trust in business details that disagree.',
            how_to_fix="Change the number on the page (or in the template that writes it) to the business's phone; the finding names the page and the line.",
            example='The contact page shows `(021) 5550124` while the business phone is `+62 21 5550123`.')
WHATSAPP = rule("nap-whatsapp-mismatch", "nap", "error", "A WhatsApp link or number is not the brand's WhatsApp",
               why="A WhatsApp button that opens a chat with another number sends customers' orders and questions to someone else.",
               how_to_fix="Change the number in the wa.me link (or the WhatsApp number shown) to the business's WhatsApp number.",
               example='`https://wa.me/6281234567809` while the WhatsApp number is `+62 812 3456 7890` (two digits swapped).')
EMAIL = rule("nap-email-mismatch", "nap", "warning", "An email address on the site is not the brand's email",
            why='Mail sent to an old or mistyped address is lost, and customers who see two addresses do not know which one is read.',
            how_to_fix="Change the address on the page to the business's e-mail address.",
            example="The footer shows `hello@kopisenja.co.id`, the business's address is `halo@kopisenja.id`.")
ADDRESS = rule("nap-address-mismatch", "nap", "error", "An address on the site is not the brand's address",
              why='Customers go where the page says; a wrong house number or street sends them elsewhere. Search engines compare your address across the web, and disagreements hurt local search.',
              how_to_fix="Write the business's address on the page (the finding says what differs: house number, street, postcode).",
              example='`Jalan Kemang Raya Nomor 12` on the contact page while the business is at `Jl. Kemang Raya No. 10`.')
HOURS = rule("nap-hours-mismatch", "nap", "warning", "Opening hours on the site differ from the brand's hours",
            why='Customers who trust the wrong opening hours find the door closed, or do not come when you are open.',
            how_to_fix="Update the hours on the page (or the template) to the business's hours; the finding lists the days that differ.",
            example="The contact page says `Mon-Sun 08:00-21:00`, the business's hours are `08:00-22:00`.")
STRUCTURED = {"jsonld", "microdata", "rdfa", "hcard"}


def observed_facts(ctx: Context) -> dict[str, list[Observed]]:
    return ctx.identity_sources or observe(ctx.pages, ctx.identity.country)


def check(ctx: Context) -> Iterator[Finding]:
    observed = observed_facts(ctx)
    yield from _phones(ctx, observed.get("phone", []))
    yield from _whatsapp(ctx, observed.get("whatsapp", []))
    yield from _emails(ctx, observed.get("email", []))
    yield from _addresses(ctx, observed.get("address", []))
    yield from _hours(ctx, observed.get("hours", []))


def _lenient(ctx: Context, field: str, items: list[Observed], reference: FactKey,
             accept: Callable[[Observed], bool]) -> Callable[[Observed], bool]:
    if field not in ctx.identity.inferred:
        return accept
    widely = widely_stated(items, reference)
    return lambda item: accept(item) or widely(item)


def _judge(items: list[Observed], accept: Callable[[Observed], bool]) -> tuple[list[Group], int]:
    """The groups of wrong values, and on how many pages the reference itself is stated."""
    agreeing = {page_of(o.fact) for o in items if o.key is not None and accept(o)}
    return group_wrong(items, accept), len(agreeing)


def _finding(ctx: Context, spec: Rule, field: str, group: Group, expected: str, what: str, fix: str,
             reference_field: str | None = None, reason: str | None = None, agreeing: int = 0) -> Finding:
    actual = group.items[0].display if field == "hours" else str(group.first.value)
    count = group.pages()
    inferred = (reference_field or field) in ctx.identity.inferred
    stated = f"{agreeing} page{'s' if agreeing != 1 else ''} state{'s' if agreeing == 1 else ''}" if agreeing \
        else "most pages state"
    claim = f"differs from {expected}, which {stated}" if inferred else f"is not the brand's {field} {expected}"
    message = (f"{what} {actual} ({group.sources()}, {count} page{'s' if count != 1 else ''}) "
               f"{claim}") + (f" ({reason})" if reason else "")
    target = actual if field != "whatsapp" or "/" in actual else None
    finding = spec.finding(message, group.first.location, target=target, field=field, expected=expected,
                           actual=actual, fix=fix, related=group.related)
    return if_inferred(finding, ctx.identity, reference_field)


def _phones(ctx: Context, items: list[Observed]) -> Iterator[Finding]:
    identity = ctx.identity
    if not identity.phone:
        return
    # A tel: link or a listed number may be the WhatsApp mobile: both reach the business.
    known = {identity.phone, identity.whatsapp}
    accept = _lenient(ctx, "phone", items, identity.phone, lambda o: o.key in known)
    expected = international_phone(identity.phone)
    groups, agreeing = _judge(items, accept)
    for group in groups:
        fix = f"Change {group.first.value} to {expected} at {group_where(group)}."
        yield _finding(ctx, PHONE, "phone", group, expected, "phone", fix, agreeing=agreeing)


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
    groups, agreeing = _judge(items, accept)
    for group in groups:
        is_link = group.first.source == "wa"
        what = "WhatsApp link to" if is_link else "WhatsApp number"
        change = f"https://wa.me/{digits}" if is_link else expected
        fix = f"Change {group.first.value} to {change} at {group_where(group)}."
        if not identity.whatsapp:
            fix += " (No brand.whatsapp is declared, so the brand's phone is the reference.)"
        yield _finding(ctx, WHATSAPP, "whatsapp", group, expected, what, fix, field_of_reference, agreeing=agreeing)


def _emails(ctx: Context, items: list[Observed]) -> Iterator[Finding]:
    reference = ctx.identity.email
    if not reference:
        return
    # Other mailboxes at the brand's own domain (karir@, cs@) are departments, not contradictions;
    # structured data names the one contact address, so it must be exact.
    own = (reference.rsplit("@", 1)[1], url_host(ctx.identity.website or ""))

    def accept(item: Observed) -> bool:
        if item.key == reference:
            return True
        domain = str(item.key).rsplit("@", 1)[1]
        return item.fact.source not in STRUCTURED and any(same_site(domain, host) for host in own)

    groups, agreeing = _judge(items, _lenient(ctx, "email", items, reference, accept))
    for group in groups:
        fix = f"Change {group.first.value} to {reference} at {group_where(group)}."
        yield _finding(ctx, EMAIL, "email", group, reference, "email", fix, agreeing=agreeing)


def _addresses(ctx: Context, items: list[Observed]) -> Iterator[Finding]:
    reference = ctx.identity.address
    if not reference:
        return
    mode: MatchMode = "relaxed" if ctx.config.check.name_match == "relaxed" else "strict"
    verdicts: dict[str, str | None] = {}
    address_key = fact_key("address", reference, ctx.identity.country)

    def accept(item: Observed) -> bool:
        result = compare_addresses(reference, str(item.fact.value), mode, ctx.identity.country)
        verdicts[str(item.fact.value)] = result.reason
        return result.match

    groups, agreeing = _judge(items, _lenient(ctx, "address", items, address_key, accept))
    for group in groups:
        reason = verdicts.get(str(group.first.value))
        fix = f"Change the address to \"{reference}\" at {group_where(group)}."
        yield _finding(ctx, ADDRESS, "address", group, reference, "address", fix, reason=reason, agreeing=agreeing)


def _hours(ctx: Context, items: list[Observed]) -> Iterator[Finding]:
    reference = parse_hours(ctx.identity.hours) if ctx.identity.hours else None
    if reference is None:
        return
    accept = _lenient(ctx, "hours", items, ctx.identity.hours, lambda o: o.key == reference.describe())
    groups, agreeing = _judge(items, accept)
    for group in groups:
        stated = parse_hours(group.first.value)
        days = "; ".join(diff_hours_grouped(reference, stated)) if stated else ""
        fix = f"Change the hours to \"{reference.describe()}\" at {group_where(group)}."
        yield _finding(ctx, HOURS, "hours", group, reference.describe(), "opening hours", fix,
                       reason=f"expected vs stated: {days}" if days else None, agreeing=agreeing)
