"""Resolve the brand identity: declared facts in omnilinks.yml win; where a fact
is not declared, the value the most pages agree on becomes the reference (and
`Identity.inferred` says so)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from omnilinks.config import Config
from omnilinks.errors import ConfigError
from omnilinks.identity.titles import template_name
from omnilinks.models import Fact, Identity, Page
from omnilinks.normalize.address import compare_addresses
from omnilinks.normalize.address_tables import country_of_host
from omnilinks.normalize.facts import FactKey, fact_key
from omnilinks.normalize.hours import parse_hours
from omnilinks.normalize.name import names_match
from omnilinks.vocabulary import DEFAULT_REGION

FIELDS = ("name", "phone", "whatsapp", "email", "address", "hours", "logo", "website")
KEYED_FIELDS = ("phone", "whatsapp", "email", "hours")  # the reference is the normalised form
# Title parts are weak evidence of the name; they only vote when nothing else names the brand.
WEAK_SOURCES = {"title", "og:title"}
VOTE_PRIORITY = ("jsonld", "microdata", "rdfa", "hcard", "tel", "wa", "mailto", "address", "og:site_name", "text")


@dataclass(frozen=True)
class Observed:
    """One fact with its comparable key; `key` None means the value could not be read."""

    fact: Fact
    key: FactKey
    display: str


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


def resolve_identity(config: Config, pages: Iterable[Page],
                     site_url: str | None = None) -> tuple[Identity, dict[str, list[Observed]]]:
    pages = tuple(pages)
    brand = config.brand
    region = brand_country(config, site_url)
    observed = observe(pages, region)
    values: dict[str, Any] = {}
    inferred: list[str] = []
    for field in FIELDS:
        declared = brand.get(field)
        if declared not in (None, "", []):
            values[field] = _declared(config, field, declared, region)
            continue
        if field == "website" and (site_url or config.site_url):
            values[field] = site_url or config.site_url
            continue
        if field == "whatsapp" and values.get("phone") and "phone" not in inferred:
            continue  # the declared phone is the WhatsApp reference until brand.whatsapp says otherwise
        best = infer(field, observed.get(field, []), region)
        if best is None and field == "name":
            best = template_name(pages)
        if best is not None:
            values[field] = best
            inferred.append(field)
    identity = Identity(
        name=values.get("name"), aliases=tuple(str(a) for a in brand.get("aliases") or ()), country=region,
        phone=values.get("phone"), whatsapp=values.get("whatsapp"), email=values.get("email"),
        address=values.get("address"), hours=values.get("hours"), logo=values.get("logo"),
        website=values.get("website"), handle=brand.get("handle"), inferred=tuple(inferred),
    )
    return identity, dict(observed)


def brand_country(config: Config, site_url: str | None = None) -> str:
    """The country that reads phone numbers and addresses: the brand's, else the one the
    site's domain names (.co.uk, .com.au, .de …), else Indonesia."""
    declared = config.brand.get("country")
    if declared:
        return str(declared).upper()
    host = urlsplit(site_url or config.site_url or "").hostname or ""
    return country_of_host(host) or DEFAULT_REGION


def _declared(config: Config, field: str, value: Any, region: str) -> str:
    if field in KEYED_FIELDS:
        key = fact_key(field, value, region)
        if key is None:
            raise ConfigError(config.path or "omnilinks.yml", f"cannot read {value!r} as a {field}",
                              config.brand_lines.get(field), f"brand.{field}")
        return str(key)
    return str(value)


def same_value(field: str, a: Observed, b: Observed, country: str = DEFAULT_REGION) -> bool:
    """Equality used to count votes: the same place or name written differently counts once."""
    if field == "address":
        return compare_addresses(str(a.fact.value), str(b.fact.value), country=country).match
    if field == "name":
        return names_match(str(a.fact.value), str(b.fact.value))
    same: bool = a.key == b.key
    return same


def infer(field: str, items: list[Observed], country: str = DEFAULT_REGION) -> str | None:
    """The value stated on the most pages; ties go to structured sources (JSON-LD first)."""
    readable = [o for o in items if o.key is not None and o.fact.source not in WEAK_SOURCES]
    if not readable:
        return None
    clusters: list[list[Observed]] = []
    for item in readable:
        for cluster in clusters:
            if same_value(field, cluster[0], item, country):
                cluster.append(item)
                break
        else:
            clusters.append([item])

    def score(cluster: list[Observed]) -> tuple[int, int]:
        pages = {o.fact.location.path or o.fact.location.url for o in cluster}
        return len(pages), -min(_priority(o) for o in cluster)

    best = max(clusters, key=score)  # max keeps the first of equals: page order breaks ties
    top = min(best, key=_priority)
    return str(top.key) if field in KEYED_FIELDS else top.display


def _priority(item: Observed) -> int:
    source = item.fact.source
    return VOTE_PRIORITY.index(source) if source in VOTE_PRIORITY else len(VOTE_PRIORITY)
