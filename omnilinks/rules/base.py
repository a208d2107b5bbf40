"""The catalogue of stable rule ids, and what every rule sees (`Context`, from omnilinks.context)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from omnilinks.context import Context as Context  # re-exported: the rules import it from here
from omnilinks.models import Category, Finding, Location, Severity


@dataclass(frozen=True)
class Rule:
    """A rule's entry in the catalogue, which also makes the rule's findings."""

    id: str
    category: Category
    severity: Severity
    summary: str
    # The rule catalogue (docs/rules.md, `omnilinks rules ID`, SARIF help) is written from these.
    why: str = ""  # why it matters: for customers, for search, for analytics
    how_to_fix: str = ""  # the general fix; each finding also carries its own exact fix
    example: str = ""  # a short example of what triggers it

    def finding(self, message: str, location: Location | None = None, **fields: Any) -> Finding:
        return Finding(rule=self.id, category=self.category, severity=self.severity, message=message,
                       location=location or Location(), **fields)


RULES: dict[str, Rule] = {}


def rule(id: str, category: Category, severity: Severity, summary: str, *,
         why: str = "", how_to_fix: str = "", example: str = "") -> Rule:
    """Declare a rule once, at import; ids are stable because users suppress them."""
    if id in RULES:
        raise ValueError(f"rule id {id} declared twice")
    RULES[id] = Rule(id, category, severity, summary, why=why, how_to_fix=how_to_fix, example=example)
    return RULES[id]


def is_business_site(ctx: Context) -> bool:
    """A brand is declared, or the pages offer a business's contact facts; a docs site or blog is neither
    (an e-mail address alone does not make a business: documentation sites give one for support)."""
    identity = ctx.identity
    return bool(ctx.config.brand or ctx.config.channels or ctx.profiles
                or identity.phone or identity.whatsapp or identity.address)


Check = Callable[[Context], Iterable[Finding]]
