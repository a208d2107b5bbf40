"""Brand facts a page states in machine-readable form: JSON-LD, microdata,
microformats h-card, meta tags and the <title> suffix."""
from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from omnilinks.models import Fact, Location
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
MICRODATA_FIELDS = {"name": "name", "telephone": "phone", "email": "email", "address": "address",
                    "openinghours": "hours", "logo": "logo", "url": "website"}


def is_business(types: set[str]) -> bool:
    return bool(types & BUSINESS_TYPES) or any(t.endswith(("Store", "Business", "Restaurant", "Clinic")) for t in types)


def jsonld_types(entity: dict[str, Any]) -> set[str]:
    kind = entity.get("@type") or []
    return {str(k).rsplit("/", 1)[-1] for k in (kind if isinstance(kind, list) else [kind])}


def address_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, dict):
        parts = [value.get(k) for k in ("streetAddress", "addressLocality", "addressRegion")]
        tail = " ".join(str(value[k]) for k in ("postalCode",) if value.get(k))
        text = ", ".join(str(p) for p in parts if p)
        return (f"{text} {tail}".strip() if text else tail) or None
    return None


def _first_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id") or value.get("name")
    return str(value).strip() if value not in (None, "") else None


def structured_facts(root: Any, jsonld: tuple[dict[str, Any], ...], meta: tuple[tuple[str, str], ...],
                     title: str, location: Location, base: str) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    for entity in jsonld:
        if is_business(jsonld_types(entity)):
            facts.extend(_entity_facts(entity, "jsonld", Location(location.path, entity.get("__line__"), None, location.url), base))
    facts.extend(_microdata(root, location, base))
    facts.extend(_hcard(root, location, base))
    meta_map = dict(meta)
    if meta_map.get("og:site_name"):
        facts.append(Fact("name", meta_map["og:site_name"], "og:site_name", location))
    if meta_map.get("og:image"):
        facts.append(Fact("logo", urljoin(base, meta_map["og:image"]), "og:image", location))
    _, suffix = strip_title_suffix(title) if title else ("", None)
    if suffix:
        facts.append(Fact("name", suffix, "title", location))
    return tuple(facts)


def _entity_facts(entity: dict[str, Any], source: str, where: Location, base: str) -> list[Fact]:
    facts = []
    for key, field in (("name", "name"), ("telephone", "phone"), ("email", "email")):
        value = _first_text(entity.get(key))
        if value:
            facts.append(Fact(field, value, source, where))
    address = address_text(entity.get("address"))
    if address:
        facts.append(Fact("address", address, source, where))
    hours = entity.get("openingHoursSpecification") or entity.get("openingHours")
    if hours:
        facts.append(Fact("hours", hours, source, where))
    for key, field in (("logo", "logo"), ("url", "website")):
        value = _first_text(entity.get(key))
        if value:
            facts.append(Fact(field, urljoin(base, value), source, where))
    for point in entity.get("contactPoint") or []:
        if isinstance(point, dict) and point.get("telephone"):
            facts.append(Fact("phone", str(point["telephone"]), source, where))
    return facts


def _microdata(root: Any, location: Location, base: str) -> list[Fact]:
    facts: list[Fact] = []
    for scope in root.iterfind(".//*[@itemscope][@itemtype]"):
        types = {t.rsplit("/", 1)[-1] for t in scope.get("itemtype", "").split()}
        if not is_business(types):
            continue
        for prop in scope.iterfind(".//*[@itemprop]"):
            name = prop.get("itemprop", "").lower()
            field = MICRODATA_FIELDS.get(name)
            if field is None or _owner(prop) is not scope and name != "address":
                continue
            value = prop.get("content") or prop.get("href") or prop.get("src") or " ".join(prop.text_content().split())
            if field == "phone":
                value = value.removeprefix("tel:")
            if field == "email":
                value = value.removeprefix("mailto:")
            if field in ("logo", "website"):
                value = urljoin(base, value)
            if value:
                facts.append(Fact(field, value, "microdata", Location(location.path, prop.sourceline, None, location.url)))
    return facts


def _owner(prop: Any) -> Any:
    for ancestor in prop.iterancestors():
        if ancestor.get("itemscope") is not None:
            return ancestor
    return None


HCARD = {"p-name": "name", "p-org": "name", "p-tel": "phone", "u-email": "email", "p-adr": "address",
         "h-adr": "address", "p-street-address": "address", "u-logo": "logo", "u-url": "website"}


def _hcard(root: Any, location: Location, base: str) -> list[Fact]:
    facts: list[Fact] = []
    for card in root.iterfind(".//*[@class]"):
        if "h-card" not in card.get("class", "").split():
            continue
        for element in card.iter():
            if not isinstance(element.tag, str):
                continue
            for cls in (element.get("class") or "").split():
                field = HCARD.get(cls)
                if field is None:
                    continue
                value = element.get("href") or element.get("src") or " ".join(element.text_content().split())
                value = value.removeprefix("tel:").removeprefix("mailto:")
                if field in ("logo", "website"):
                    value = urljoin(base, value)
                if value:
                    facts.append(Fact(field, value, "hcard", Location(location.path, element.sourceline, None, location.url)))
                break
    return facts
