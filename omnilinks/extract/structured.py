"""Brand facts a page states in machine-readable form: JSON-LD, microdata,
microformats h-card, meta tags and the <title> suffix."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from omnilinks.extract.tree import first_descendant, text_content
from omnilinks.extract.urls import resolve_url
from omnilinks.models import Fact, Location
from omnilinks.normalize.address_tables import country_name
from omnilinks.normalize.name import strip_title_suffix

BUSINESS_TYPES = {
    "Organization", "Corporation", "LocalBusiness", "Store", "OnlineStore", "OnlineBusiness", "Restaurant",
    "CafeOrCoffeeShop", "Bakery", "BarOrPub", "FastFoodRestaurant", "FoodEstablishment", "IceCreamShop",
    "ProfessionalService", "MedicalClinic", "MedicalBusiness", "Dentist", "Physician", "Pharmacy", "Optician",
    "HealthAndBeautyBusiness", "BeautySalon", "HairSalon", "DaySpa", "NailSalon", "ClothingStore",
    "ElectronicsStore", "GroceryStore", "HardwareStore", "FurnitureStore", "BookStore", "BikeStore", "ShoeStore",
    "JewelryStore", "PetStore", "ConvenienceStore", "DepartmentStore", "SportsActivityLocation",
    "ExerciseGym", "LodgingBusiness", "Hotel", "TravelAgency", "AutoRepair", "AutomotiveBusiness",
    "EducationalOrganization", "School", "NGO", "LegalService", "Attorney", "AccountingService",
    "RealEstateAgent", "HomeAndConstructionBusiness", "EntertainmentBusiness", "FinancialService",
}
# Business types that are not places: Google does not ask them for an address.
NOT_LOCAL = {"Organization", "Corporation", "OnlineStore", "OnlineBusiness", "NGO", "EducationalOrganization"}
# Where a page's business hides inside another entity (Yoast, Rank Math, WebPage.about…).
NESTING_KEYS = ("publisher", "mainEntity", "about", "provider", "brand", "author")
MICRODATA_FIELDS = {"name": "name", "telephone": "phone", "email": "email", "address": "address",
                    "openinghours": "hours", "logo": "logo", "url": "website", "sameas": "profile"}
URL_FIELDS = {"logo", "website", "profile"}
WHATSAPP_WORD = re.compile(r"whats\s*app|\bwa\b", re.I)
# Elements with either attribute, in document order: found by the attributes' names (a predicate
# on every element, //*[@itemscope or @typeof], costs twice as much on a big page).
SCOPES = etree.XPath("//@itemscope/.. | //@typeof/..")


def _may_hold_scopes(html: bytes) -> bool:
    """Whether the page, as UTF-8 bytes, names an itemscope or typeof attribute in any case: the
    parser lower-cases the ASCII letters of attribute names and only those, as bytes.lower()
    does (on the benchmark's pages 12 µs against the XPath's 33; on Hugo's 74 KB pages 127
    against 261, where lower-casing the decoded text and encoding it would cost 330)."""
    return scopes_named(html.lower())


def scopes_named(lowered: bytes) -> bool:
    """`_may_hold_scopes` of bytes already lower-cased (ASCII letters only, as bytes.lower())."""
    return b"itemscope" in lowered or b"typeof" in lowered


def is_business(types: set[str]) -> bool:
    return bool(types & BUSINESS_TYPES) or any(t.endswith(("Store", "Business", "Restaurant", "Clinic")) for t in types)


def is_local_business(types: set[str]) -> bool:
    return is_business(types) and not types <= NOT_LOCAL


def jsonld_types(entity: dict[str, Any]) -> set[str]:
    kind = entity.get("@type") or []
    return {str(k).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for k in (kind if isinstance(kind, list) else [kind])}


def business_entities(jsonld: tuple[dict[str, Any], ...] | list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Organization/LocalBusiness entities of a page, nested ones included, with
    `{"@id": …}` references replaced by the node they name."""
    by_id = {e["@id"]: e for e in jsonld if isinstance(e.get("@id"), str)}
    found: list[dict[str, Any]] = []
    seen: set[int] = set()
    for entity in jsonld:
        _visit(entity, entity.get("__line__"), 0, by_id, found, seen)
    return found


def _visit(entity: Any, line: Any, depth: int, by_id: dict[str, dict[str, Any]], found: list[dict[str, Any]],
           seen: set[int]) -> None:
    # (a function of its own, not a closure: a recursive closure is a reference cycle a page, left
    # for the cyclic collector, which the readers of a big site keep paused)
    if isinstance(entity, list):
        for item in entity:
            _visit(item, line, depth, by_id, found, seen)
        return
    if not isinstance(entity, dict) or depth > 3:
        return
    if set(entity) <= {"@id", "__line__"} and isinstance(entity.get("@id"), str) and entity["@id"] in by_id:
        entity = by_id[entity["@id"]]
    if id(entity) in seen:
        return
    seen.add(id(entity))
    if is_business(jsonld_types(entity)):
        resolved = {k: _deref(v, by_id) for k, v in entity.items()}
        found.append(resolved | {"__line__": entity.get("__line__", line)})
    for key in NESTING_KEYS:
        _visit(entity.get(key), entity.get("__line__", line), depth + 1, by_id, found, seen)


def _deref(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str) and value["@id"] in by_id:
        return by_id[value["@id"]]
    if isinstance(value, list):
        return [_deref(v, by_id) for v in value]
    return value


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def address_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, dict):
        parts = [_scalar(value.get(k)) for k in ("streetAddress", "addressLocality", "addressRegion")]
        text = ", ".join(p for p in parts if p)
        tail = _scalar(value.get("postalCode")) or ""
        text = (f"{text} {tail}".strip() if text else tail) or _scalar(value.get("name")) or ""
        # The country, by name: it picks the rules the address is read by ("GB" -> United Kingdom).
        country = country_name(_scalar(value.get("addressCountry")) or "")
        return (f"{text}, {country}" if text and country else text) or None
    return None


def _scalar(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _first_url(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id")
    return str(value).strip() if isinstance(value, str) and value.strip() else None


def entity_values(entity: dict[str, Any], base: str) -> Iterator[tuple[str, Any, str]]:
    """(field, value, JSON key) for every brand fact a JSON-LD business entity states."""
    name = _scalar(entity.get("name"))
    if name:
        yield "name", name, "name"
    for phone in as_list(entity.get("telephone")):
        if _scalar(phone):
            yield "phone", _scalar(phone), "telephone"
    for email in as_list(entity.get("email")):
        if _scalar(email):
            yield "email", _scalar(email), "email"
    address = address_text(entity.get("address"))
    if address:
        yield "address", address, "address"
    hours = entity.get("openingHoursSpecification") or entity.get("openingHours")
    if hours:
        yield "hours", hours, "openingHoursSpecification" if "openingHoursSpecification" in entity else "openingHours"
    for key, field in (("logo", "logo"), ("url", "website")):
        value = _first_url(entity.get(key))
        if value:
            absolute = resolve_url(base, value)
            if absolute:
                yield field, absolute, key
    for url in as_list(entity.get("sameAs")):
        if isinstance(url, str) and url.strip() and resolve_url(base, url.strip()):
            yield "profile", url.strip(), "sameAs"
    for point in as_list(entity.get("contactPoint")):
        if not isinstance(point, dict):
            continue
        chat = bool(WHATSAPP_WORD.search(str(point.get("contactType") or "") + str(point.get("name") or "")))
        for phone in as_list(point.get("telephone")):
            if _scalar(phone):
                yield ("whatsapp" if chat else "phone"), _scalar(phone), "telephone"
        for email in as_list(point.get("email")):
            if _scalar(email):
                yield "email", _scalar(email), "email"


def structured_facts(root: Any, jsonld: tuple[dict[str, Any], ...], meta: tuple[tuple[str, str], ...],
                     title: str, location: Location, base: str, source: str | None = None,
                     lowered_bytes: bytes | None = None) -> tuple[Fact, ...]:
    """The business facts of JSON-LD, microdata, RDFa, h-card and meta tags; `source`, the page's
    HTML (and `lowered_bytes`, the same as UTF-8 with ASCII letters lower-cased, when the caller
    holds them), lets a page without h-card, microdata or RDFa skip the search for them."""
    facts: list[Fact] = []
    scripts = _script_lines(root) if jsonld else {}
    for entity in business_entities(jsonld):
        line: int | None = entity.get("__line__")
        script = scripts.get(line) if line is not None else None
        for field, value, key in entity_values(entity, base):
            where = Location(location.path, _value_line(script, line, key, value), None, location.url)
            facts.append(Fact(field, value, "jsonld", where))
    # One walk finds both microdata items and RDFa resources, on the pages that name either attribute.
    if lowered_bytes is not None:
        named = scopes_named(lowered_bytes)
    else:
        named = source is None or _may_hold_scopes(source.encode("utf-8", "surrogatepass"))
    scopes = SCOPES(root) if named else []
    facts.extend(_microdata(root, [s for s in scopes if s.get("itemscope") is not None and s.get("itemtype")],
                            location, base))
    facts.extend(_rdfa([s for s in scopes if s.get("typeof") is not None], location, base))
    if source is None or _may_hold_hcard(source):
        facts.extend(_hcard(root, location, base))
    meta_map = dict(meta)
    if meta_map.get("og:site_name"):
        facts.append(Fact("name", meta_map["og:site_name"], "og:site_name", _head_line(root, "og:site_name", location)))
    for text, source in ((meta_map.get("og:title") or "", "og:title"), (title, "title")):
        _, suffix = strip_title_suffix(text) if text else ("", None)
        if suffix:
            facts.append(Fact("name", suffix, source, _head_line(root, source, location)))
    if meta_map.get("og:image"):
        image = resolve_url(base, meta_map["og:image"])
        if image:
            facts.append(Fact("image", image, "og:image", _head_line(root, "og:image", location)))
    if meta_map.get("twitter:site"):
        facts.append(Fact("handle", meta_map["twitter:site"], "twitter:site", _head_line(root, "twitter:site", location)))
    return tuple(facts)


def _head_line(root: Any, key: str, location: Location) -> Location:
    """Where the <title> or <meta property/name=key> is, for annotations on the tag itself."""
    if key == "title":
        element = first_descendant(root, "title")
    else:
        element = next((m for m in root.iter("meta") if (m.get("property") or m.get("name") or "").lower() == key), None)
    line = element.sourceline if element is not None else None
    return Location(location.path, line, None, location.url)


def _script_lines(root: Any) -> dict[int, str]:
    return {s.sourceline: s.text or "" for s in root.iter("script")
            if (s.get("type") or "").strip().lower() == "application/ld+json" and s.sourceline}


def _value_line(source: str | None, line: int | None, key: str, value: Any) -> int | None:
    """The line of `"key": value` inside the script, so annotations point at the value."""
    if not source or not line:
        return line
    needle = json.dumps(value, ensure_ascii=False)[:40] if isinstance(value, str) else None
    start = source.find(needle) if needle else -1
    if start < 0:
        start = source.find(f'"{key}"')
    return line + source.count("\n", 0, start) if start >= 0 else line


def _microdata(root: Any, scopes: list[Any], location: Location, base: str) -> list[Fact]:
    facts: list[Fact] = []
    by_id: dict[str, Any] | None = None
    for scope in scopes:
        types = {t.rsplit("/", 1)[-1] for t in scope.get("itemtype", "").split()}
        if not is_business(types):
            continue
        props = [p for p in scope.iterfind(".//*[@itemprop]") if _owner(p, "itemscope") is scope]
        if scope.get("itemref"):
            # itemref: properties kept elsewhere on the page (a footer's phone) by element id.
            if by_id is None:
                by_id = {e.get("id"): e for e in root.iterfind(".//*[@id]")}
            for ref in scope.get("itemref", "").split():
                props.extend(_referenced_props(by_id.get(ref), scope))
        for prop in props:
            for name in prop.get("itemprop", "").lower().split():
                field = MICRODATA_FIELDS.get(name.rsplit("/", 1)[-1])
                if field is None:
                    continue
                facts.extend(_property_fact(field, _microdata_value(prop, field), "microdata", prop, base, location))
    return facts


def _referenced_props(element: Any, scope: Any) -> list[Any]:
    """The properties an itemref'd element adds: itself when it has itemprop, and the
    itemprops under it that no item nested inside it owns."""
    if element is None or element is scope or scope in element.iterancestors():
        return []
    found = [element] if element.get("itemprop") is not None else []
    if element.get("itemscope") is not None:
        return found  # a nested item: its own properties are not the scope's
    for prop in element.iterfind(".//*[@itemprop]"):
        if not any(a.get("itemscope") is not None for a in _between(prop, element)):
            found.append(prop)
    return found


def _between(element: Any, top: Any) -> list[Any]:
    """The ancestors of `element` below `top`."""
    out = []
    for ancestor in element.iterancestors():
        if ancestor is top:
            break
        out.append(ancestor)
    return out


def _property_fact(field: str, value: str, source: str, prop: Any, base: str, location: Location) -> list[Fact]:
    """One microdata or RDFa property as a fact, URLs resolved against the page; none when empty."""
    if field in URL_FIELDS:
        value = (resolve_url(base, value) or "") if value else value
    return [Fact(field, value, source, Location(location.path, prop.sourceline, None, location.url))] if value else []


def _microdata_value(prop: Any, field: str) -> str:
    if field in URL_FIELDS:
        return (prop.get("href") or prop.get("src") or prop.get("content") or "").strip()
    if field == "address" and prop.get("itemscope") is not None:
        # A PostalAddress scope: its parts by name, so spans written without spaces between
        # them ("187 Piccadilly</span><span>London") stay apart and the country is named.
        parts: dict[str, str] = {}
        for part in prop.iterfind(".//*[@itemprop]"):
            if _owner(part, "itemscope") is prop:
                for key in part.get("itemprop", "").split():
                    parts.setdefault(key, part.get("content") or " ".join(text_content(part).split()))
        composed = address_text(parts)
        if composed:
            return composed
    value = prop.get("content") or prop.get("datetime")
    if value is None and field in ("phone", "email") and prop.get("href"):
        value = prop.get("href")
    if value is None:
        value = " ".join(text_content(prop).split())
    text: str = value.strip().removeprefix("tel:").removeprefix("mailto:")
    return text


def _owner(prop: Any, scope_attribute: str) -> Any:
    # A property that is itself an item (address → PostalAddress) belongs to the item above it.
    for ancestor in prop.iterancestors():
        if ancestor.get(scope_attribute) is not None:
            return ancestor
    return None


# RDFa Lite: vocab="https://schema.org/" typeof="LocalBusiness" property="telephone",
# or prefix="schema: https://schema.org/" with schema:LocalBusiness and schema:telephone.
RDFA_PREFIX = re.compile(r"([\w-]+):\s+(https?://schema\.org/)")


def _rdfa(scopes: list[Any], location: Location, base: str) -> list[Fact]:
    facts: list[Fact] = []
    for scope in scopes:
        prefixes = _rdfa_prefixes(scope)
        types = set()
        for name in scope.get("typeof", "").split():
            term = _rdfa_term(name, prefixes)
            if term is not None and (term != name or _schema_vocab(scope)):
                types.add(term)
        if not is_business(types):
            continue
        for prop in scope.iterfind(".//*[@property]"):
            if _owner(prop, "typeof") is not scope:
                continue
            for name in prop.get("property", "").split():
                term = _rdfa_term(name, prefixes)
                field = MICRODATA_FIELDS.get((term or "").lower())
                if field is None or (term == name and not _schema_vocab(prop)):
                    continue
                facts.extend(_property_fact(field, _rdfa_value(prop, field), "rdfa", prop, base, location))
    return facts


def _rdfa_prefixes(element: Any) -> set[str]:
    prefixes = {"schema"}  # RDFa's initial context predefines schema: as https://schema.org/
    for node in (element, *element.iterancestors()):
        prefixes.update(m.group(1) for m in RDFA_PREFIX.finditer(node.get("prefix") or ""))
    return prefixes


def _schema_vocab(element: Any) -> bool:
    """The nearest vocab="" in force is schema.org's."""
    for node in (element, *element.iterancestors()):
        vocab = node.get("vocab")
        if vocab is not None:
            return "schema.org" in vocab
    return False


def _rdfa_term(name: str, prefixes: set[str]) -> str | None:
    """The schema.org term a typeof/property names: "LocalBusiness" (under a schema.org
    vocab), "schema:telephone", "https://schema.org/telephone"; None for another vocabulary."""
    if re.match(r"^https?://schema\.org/", name):
        return name.rsplit("/", 1)[-1]
    prefix, colon, rest = name.partition(":")
    if colon:
        return rest if prefix in prefixes else None
    return name


def _rdfa_value(prop: Any, field: str) -> str:
    href = prop.get("href") or prop.get("src") or prop.get("resource") or ""
    if prop.get("content") is not None:
        value = prop.get("content")
    elif field in URL_FIELDS or href.lower().startswith(("tel:", "mailto:")):
        value = href
    else:
        value = prop.get("datetime") or " ".join(text_content(prop).split())
    text: str = value.strip().removeprefix("tel:").removeprefix("mailto:")
    return text


HCARD = {"p-org": "name", "p-name": "name", "p-tel": "phone", "u-tel": "phone", "u-email": "email",
         "p-adr": "address", "h-adr": "address", "p-street-address": "address", "u-logo": "logo", "u-url": "website"}
# An h-card with none of these is a person (a post's author), not the business.
BUSINESS_HCARD = {"p-org", "p-adr", "h-adr", "p-street-address", "p-tel", "u-tel", "u-logo"}


# Elements whose class mentions h-card, found in C: a utility-class page (Tailwind) has a class on
# every element, and splitting each in Python cost more than the rest of the structured data.
HCARD_CANDIDATES = etree.XPath("descendant::*/@class[contains(., 'h-card')]/..")
# A numeric character reference to a letter of "h-card" (a class can spell it so; no named one does).
HCARD_LETTER_REFERENCE = re.compile(r"&#(?:0*(?:104|45|99|97|114|100)(?!\d)|[xX]0*(?:68|2[dD]|63|61|72|64)(?![0-9a-fA-F]))")


def _may_hold_hcard(source: str) -> bool:
    if "h-card" in source:
        return True
    # The references a page holds are few: each tried where it starts, not a regex scan of the page.
    at = source.find("&#") if "&" in source else -1  # (a one-character search first: ~30x faster)
    while at >= 0:
        if HCARD_LETTER_REFERENCE.match(source, at):
            return True
        at = source.find("&#", at + 2)
    return False


def _hcard(root: Any, location: Location, base: str) -> list[Fact]:
    facts: list[Fact] = []
    for card in HCARD_CANDIDATES(root):
        if "h-card" not in card.get("class", "").split() or _in_entry(card):
            continue
        found: list[tuple[str, str, Any]] = []
        skip: set[Any] = set()
        for element in card.iter():
            if not isinstance(element.tag, str) or element in skip:
                continue
            classes = (element.get("class") or "").split()
            cls = next((c for c in classes if c in HCARD), None)
            if cls is None:
                continue
            if cls in ("p-adr", "h-adr"):
                skip.update(element.iterdescendants())
            raw = element.get("href") or element.get("src") if HCARD[cls] in URL_FIELDS | {"phone", "email"} else None
            if cls in ("p-adr", "h-adr"):
                raw = _hcard_address(element)
            value = (raw or _value_class(element) or " ".join(text_content(element).split())) \
                .removeprefix("tel:").removeprefix("mailto:")
            found.append((cls, value, element))
        if not any(cls in BUSINESS_HCARD for cls, _, _ in found):
            continue
        has_org = any(cls == "p-org" for cls, _, _ in found)
        for cls, value, element in found:
            field = HCARD[cls]
            if cls == "p-name" and has_org:
                continue  # the person's name on a business card; p-org names the business
            if field in URL_FIELDS:
                value = resolve_url(base, value) or ""
            if value:
                facts.append(Fact(field, value, "hcard", Location(location.path, element.sourceline, None, location.url)))
    return facts


def _value_class(element: Any) -> str:
    """The microformats value-class pattern: `<span class="p-tel"><span class="type">work</span>
    <span class="value">+44 20 7946 0018</span></span>` is the parts marked "value", joined."""
    parts = []
    for part in element.iterdescendants():
        if isinstance(part.tag, str) and "value" in (part.get("class") or "").split():
            tag = part.tag.lower()
            text = part.get("title") if tag == "abbr" else part.get("alt") if tag in ("img", "area") else \
                part.get("value") if tag == "data" else None
            parts.append(text if text is not None else text_content(part))
    return " ".join("".join(parts).split())


HADR_PARTS = {"p-street-address": "streetAddress", "p-extended-address": "streetAddress",
              "p-locality": "addressLocality", "p-region": "addressRegion", "p-postal-code": "postalCode",
              "p-country-name": "addressCountry"}


def _hcard_address(element: Any) -> str | None:
    """An h-adr by its parts, as a PostalAddress would be; its own text when words lie
    outside the parts ("<span class=p-street-address>…</span>, Jakarta")."""
    parts: dict[str, str] = {}
    rest = text_content(element)
    for node in element.iterdescendants():
        for cls in (node.get("class") or "").split() if isinstance(node.tag, str) else ():
            if cls in HADR_PARTS:
                shown = text_content(node)
                text = " ".join(shown.split())
                rest = rest.replace(shown, " ", 1)
                key = HADR_PARTS[cls]
                parts[key] = f"{parts[key]}, {text}" if key in parts else text
    if "streetAddress" not in parts or re.search(r"\w", rest):
        return None
    return address_text(parts)


def _in_entry(card: Any) -> bool:
    return any({"h-entry", "p-author", "u-author"} & set((a.get("class") or "").split()) for a in card.iterancestors())
