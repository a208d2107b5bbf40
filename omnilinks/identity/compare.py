"""Shared by the nap, schema and brand rules: group the places that state the
same wrong value into one finding, and say where they are."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from omnilinks.identity.resolve import Observed
from omnilinks.models import Fact, Finding, Identity, Location
from omnilinks.normalize.facts import FactKey

SOURCE_LABELS = {
    "jsonld": "JSON-LD", "microdata": "microdata", "rdfa": "RDFa", "hcard": "h-card", "tel": "tel: link",
    "mailto": "mailto: link", "wa": "WhatsApp link", "text": "page text", "address": "<address>", "og:site_name": "og:site_name",
    "title": "<title>", "og:title": "og:title", "rel=me": "rel=me link", "config": "omnilinks.yml",
}
# Most telling first: structured data is what search engines and maps read.
SOURCE_RANK = {s: i for i, s in enumerate(("jsonld", "microdata", "rdfa", "hcard", "tel", "wa", "mailto", "address",
                                           "text", "og:site_name", "og:title", "title"))}
PLACES_SHOWN = 5


@dataclass(frozen=True)
class Group:
    """Every place that states one wrong value, the most telling source first: what one finding reports."""

    key: FactKey
    items: tuple[Observed, ...]

    @property
    def first(self) -> Fact:
        return self.items[0].fact

    @property
    def locations(self) -> tuple[Location, ...]:
        seen: dict[Location, None] = {}
        for item in self.items:
            seen.setdefault(item.fact.location, None)
        return tuple(seen)

    @property
    def related(self) -> tuple[Location, ...]:
        return self.locations[1:]

    def sources(self) -> str:
        names = dict.fromkeys(SOURCE_LABELS.get(i.fact.source, i.fact.source) for i in self.items)
        return ", ".join(names)

    def pages(self) -> int:
        return len({page_of(i.fact) for i in self.items})


def page_of(fact: Fact) -> str:
    return fact.location.path or fact.location.url or ""


def rank(item: Observed) -> tuple[int, str, int]:
    return SOURCE_RANK.get(item.fact.source, 99), page_of(item.fact), item.fact.location.line or 0


def group_wrong(items: Iterable[Observed], accept: Callable[[Observed], bool]) -> list[Group]:
    """Readable values `accept` rejects, one group per distinct value (equal keys)."""
    groups: dict[FactKey, list[Observed]] = {}
    for item in items:
        if item.key is None or accept(item):
            continue
        groups.setdefault(item.key, []).append(item)
    return [Group(key, tuple(sorted(members, key=rank))) for key, members in groups.items()]


def where(locations: Sequence[Location], labels: Sequence[str] = ()) -> str:
    shown = []
    for index, loc in enumerate(locations[:PLACES_SHOWN]):
        label = f" ({labels[index]})" if index < len(labels) and labels[index] else ""
        shown.append(loc.short() + label)
    more = len(locations) - PLACES_SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def group_where(group: Group) -> str:
    labels: dict[Location, str] = {}
    for item in group.items:
        labels.setdefault(item.fact.location, SOURCE_LABELS.get(item.fact.source, item.fact.source))
    locations = group.locations
    return where(locations, [labels[loc] for loc in locations])


def if_inferred(finding: Finding, identity: Identity, reference_field: str | None = None) -> Finding:
    """With no brand.<field> declared the reference is only what most pages say, and the
    odd value out may be the right one: the disagreement becomes a question, a warning
    that names both values and asks which is right, never an error that picks one."""
    field = reference_field or finding.field
    if not field or field not in identity.inferred or not finding.expected or not finding.actual:
        return finding
    expected, actual = finding.expected, finding.actual
    message = f"{finding.message}. No brand.{field} is declared: which is right, {expected} or {actual}?"
    fix = (f"Which is right? If {expected}: {finding.fix or ''} If {actual}: declare brand.{field}: \"{actual}\" "
           f"in omnilinks.yml and change the places that say {expected}. (The reference {field} was inferred "
           f"from what most pages say; declaring brand.{field} settles it.)")
    severity = "warning" if finding.severity == "error" else finding.severity
    return replace(finding, severity=severity, message=message, fix=fix)


def page_support(items: Iterable[Observed]) -> dict[FactKey, int]:
    """How many distinct pages state each value."""
    pages: dict[FactKey, set[str]] = {}
    for item in items:
        if item.key is not None:
            pages.setdefault(item.key, set()).add(page_of(item.fact))
    return {key: len(found) for key, found in pages.items()}


def widely_stated(items: Sequence[Observed], reference_key: FactKey) -> Callable[[Observed], bool]:
    """For an inferred reference: a second value the site states about as widely
    (a second line in the footer of every page) is not a contradiction."""
    support = page_support(items)
    floor = max(2, (support.get(reference_key, 0) + 1) // 2)
    return lambda item: support.get(item.key, 0) >= floor
