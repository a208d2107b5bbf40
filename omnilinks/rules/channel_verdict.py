"""A channel's final status: its adapter judged the link back; the fact rules
(rules/channel_facts.py) compared what it shows with the brand after that.
A channel is `verified` only when both agree, so every compared fact that
differs turns it into a `mismatch` naming what differs. `links_back` keeps the
adapter's answer alone. Settled once, from the findings that will be reported,
so every format's channel table tells the same story as the findings beside it
(a difference silenced with `ignore:` or `severity: off` does not count)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from omnilinks.channels.base import label
from omnilinks.models import Finding, Profile
from omnilinks.normalize.phone import international_phone
from omnilinks.rules import channel_facts

# The field each fact rule compares. The listing's website and the WhatsApp number are
# link answers the adapter already turned into the status.
FACT_RULES = {
    channel_facts.NAME.id: "name", channel_facts.PHONE.id: "phone", channel_facts.EMAIL.id: "e-mail",
    channel_facts.ADDRESS.id: "address", channel_facts.HOURS.id: "hours",
}
QUOTED = frozenset({"name", "address"})
MARKETPLACES = frozenset({"tokopedia", "shopee", "lazada", "bukalapak", "amazon", "etsy"})


def settle_channels(profiles: Iterable[Profile], findings: Iterable[Finding]) -> tuple[Profile, ...]:
    differing: dict[tuple[str, str | None], list[Finding]] = {}
    for finding in findings:
        if finding.rule in FACT_RULES and finding.target:
            differing.setdefault((finding.target, finding.platform), []).append(finding)
    return tuple(_settle(p, differing.get((p.url, p.platform), [])) for p in profiles)


def _settle(profile: Profile, findings: list[Finding]) -> Profile:
    if not findings or profile.status in ("unreachable", "not_applicable"):
        return profile
    differences = [difference(finding, where_shown(profile)) for finding in findings]
    prior = [profile.reason] if profile.reason else []
    parts = [*prior, *differences] if profile.status == "mismatch" else [*differences, *prior]
    fix = profile.fix if profile.status == "mismatch" else next((f.fix for f in findings if f.fix), profile.fix)
    return replace(profile, status="mismatch", reason="; ".join(dict.fromkeys(parts)), fix=fix)


def difference(finding: Finding, where: str) -> str:
    """'phone differs: +62 21 5550199 on the listing vs +62 21 5550123 on the site'."""
    field = FACT_RULES[finding.rule]
    shown, expected = _show(field, finding.actual), _show(field, finding.expected)
    verb = "differ" if field == "hours" else "differs"
    return f"{field} {verb}: {shown} on {where} vs {expected} on the site"


def where_shown(profile: Profile) -> str:
    if profile.platform == "google_business":
        return "the listing"
    if profile.platform in MARKETPLACES:
        return f"the {label(profile.platform)} store"
    if profile.platform == "generic":
        return "the page"
    return label(profile.platform)


def _show(field: str, value: str | None) -> str:
    if value is None:
        return "(none)"
    if field == "phone":
        return international_phone(value)
    return f"'{value}'" if field in QUOTED else value
