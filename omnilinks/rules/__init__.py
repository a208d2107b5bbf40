"""Compare stage: every rule module, in one registry. A module declares its
rules with `rule(...)` (stable ids in rules.base.RULES) and exposes `check(ctx)`."""
from __future__ import annotations

from omnilinks.models import Finding
from omnilinks.rules import (
    attribution,
    attribution_site,
    brand,
    channel_facts,
    crossref,
    links,
    logo,
    nap,
    previews,
    schema,
)
from omnilinks.rules.base import Check, Context

CHECKS: tuple[Check, ...] = (
    links.check,
    crossref.check,
    channel_facts.check,
    nap.check,
    schema.check,
    brand.check,
    attribution.check,
    attribution_site.check,
    previews.check,
    logo.check,
)


def run_rules(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(ctx))
    return findings
