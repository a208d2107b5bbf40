"""Resolve the brand identity: declared facts in omnilinks.yml win; where a fact
is not declared, the value most pages agree on becomes the reference."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from omnilinks.config import Config
from omnilinks.errors import ConfigError
from omnilinks.models import Fact, Identity, Page
from omnilinks.normalize.address import parse_address
from omnilinks.normalize.email import normalize_email
from omnilinks.normalize.hours import parse_hours
from omnilinks.normalize.name import name_tokens
from omnilinks.normalize.phone import normalize_phone, whatsapp_target

FIELDS = ("name", "phone", "whatsapp", "email", "address", "hours", "logo", "website")


@dataclass(frozen=True)
class Observed:
    """One fact with its comparable key; `key` None means the value could not be read."""

    fact: Fact
    key: Any
    display: str


def fact_key(field: str, value: Any, region: str) -> Any:
    """The form two values of a field are compared in (equal keys = same fact)."""
    if field == "phone":
        return normalize_phone(str(value), region)
    if field == "whatsapp":
        return whatsapp_target(str(value)) if "/" in str(value) else normalize_phone(str(value), region)
    if field == "email":
        return normalize_email(str(value))
    if field == "name":
        return name_tokens(str(value)) or None
    if field == "address":
        parts = parse_address(str(value))
        return parts.tokens or None
    if field == "hours":
        hours = parse_hours(value)
        return hours.describe() if hours else None
    return str(value).strip().rstrip("/") or None


def display_value(field: str, value: Any) -> str:
    if field == "hours":
        hours = parse_hours(value)
        return hours.describe() if hours else str(value)
    return str(value)


def observe(pages: Iterable[Page], region: str) -> dict[str, list[Observed]]:
    observed: dict[str, list[Observed]] = defaultdict(list)
    for page in pages:
        for fact in page.facts:
            observed[fact.field].append(Observed(fact, fact_key(fact.field, fact.value, region),
                                                 display_value(fact.field, fact.value)))
    return observed


def resolve_identity(config: Config, pages: Iterable[Page], site_url: str | None = None) -> tuple[Identity, dict[str, list[Observed]]]:
    brand = config.brand
    region = str(brand.get("country") or "ID").upper()
    observed = observe(pages, region)
    values: dict[str, Any] = {}
    inferred: list[str] = []
    for field in FIELDS:
        declared = brand.get(field)
        if declared not in (None, ""):
            values[field] = _declared(config, field, declared, region)
            continue
        best = _majority(observed.get(field, []))
        if best is not None:
            values[field] = best
            inferred.append(field)
    if "whatsapp" not in values and "phone" in values and "whatsapp" in observed:
        values["whatsapp"] = values["phone"]
    identity = Identity(
        name=values.get("name"), aliases=tuple(str(a) for a in brand.get("aliases") or ()), country=region,
        phone=values.get("phone"), whatsapp=values.get("whatsapp"), email=values.get("email"),
        address=values.get("address"), hours=values.get("hours"), logo=values.get("logo"),
        website=site_url or config.site_url or values.get("website"), handle=brand.get("handle"),
        inferred=tuple(f for f in inferred if f != "website" or not (site_url or config.site_url)),
    )
    return identity, dict(observed)


def _declared(config: Config, field: str, value: Any, region: str) -> str:
    if field in ("phone", "whatsapp", "email", "hours"):
        key = fact_key(field, value, region)
        if key is None:
            raise ConfigError(config.path or "omnilinks.yml", f"cannot read {value!r} as a {field}",
                              config.brand_lines.get(field), f"brand.{field}")
        return key
    return str(value)


def _majority(items: list[Observed]) -> str | None:
    """The value most pages state; ties go to structured sources (JSON-LD first)."""
    readable = [o for o in items if o.key is not None]
    if not readable:
        return None
    votes = Counter(_hashable(o.key) for o in readable)
    top = max(votes.values())
    for source in ("jsonld", "microdata", "hcard", "tel", "wa", "mailto", "address", "og:site_name", "text", "title"):
        for item in readable:
            if votes[_hashable(item.key)] == top and item.fact.source == source:
                return item.key if isinstance(item.key, str) and item.fact.field in ("phone", "whatsapp", "email", "hours") else item.display
    return readable[0].display


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key
