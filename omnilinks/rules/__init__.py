"""Compare stage: every rule module, in one registry. A module declares its
rules with `rule(...)` (stable ids in rules.base.RULES) and exposes `check(ctx)`."""
from __future__ import annotations

import threading
import time

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

GRACE = 0.5  # seconds of rules after a stop request

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


def run_rules(ctx: Context, cancel: threading.Event | None = None, into: list[Finding] | None = None) -> list[Finding]:
    """Every rule's findings. After a stop request (SIGINT/SIGTERM) the rules get GRACE seconds
    more, so a partial report still judges what was read, then the stage ends between two findings.
    Findings are appended to `into` as they come, so a hard stop keeps them too."""
    findings: list[Finding] = [] if into is None else into
    noticed: float | None = None

    def out_of_time() -> bool:
        nonlocal noticed
        if cancel is None or not cancel.is_set():
            return False
        noticed = noticed or time.monotonic()
        return time.monotonic() - noticed > GRACE

    for check in CHECKS:
        for finding in check(ctx):
            findings.append(finding)
            if out_of_time():
                return findings
        if out_of_time():
            return findings
    return findings
