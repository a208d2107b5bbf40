"""Google Places API (New): Place Details and Text Search, through the client."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from omnilinks.channels.base import AdapterContext
from omnilinks.fetch.types import Response
from omnilinks.models import MatchMode
from omnilinks.normalize.hours import parse_hours
from omnilinks.normalize.name import names_match
from omnilinks.normalize.phone import normalize_phone

API = "https://places.googleapis.com/v1"
DETAIL_FIELDS = ("id,displayName,formattedAddress,nationalPhoneNumber,internationalPhoneNumber,websiteUri,"
                 "regularOpeningHours,businessStatus")
SEARCH_FIELDS = "places.id,places.displayName,places.formattedAddress"


class PlacesError(Exception):
    def __init__(self, status: str, reason: str, fix: str | None = None):
        super().__init__(reason)
        self.status, self.reason, self.fix = status, reason, fix


@dataclass(frozen=True)
class Place:
    """A Google Business listing as the Places API details it, its phone and hours in compared form."""

    id: str
    name: str | None
    address: str | None
    phone: str | None  # E.164
    website: str | None
    hours: str | None  # canonical weekly form
    business_status: str | None


def place_details(ctx: AdapterContext, place_id: str) -> Place:
    response = ctx.client.request("GET", f"{API}/places/{quote(place_id, safe='')}",
                                  headers=_headers(ctx, DETAIL_FIELDS))
    data = _answer(response, place_id)
    phone_text = data.get("internationalPhoneNumber") or data.get("nationalPhoneNumber")
    hours_data = data.get("regularOpeningHours")
    hours = parse_hours(hours_data) if hours_data else None
    return Place(
        id=str(data.get("id") or place_id),
        name=(data.get("displayName") or {}).get("text"),
        address=data.get("formattedAddress"),
        phone=normalize_phone(phone_text, ctx.identity.country) if phone_text else None,
        website=data.get("websiteUri"),
        hours=hours.describe() if hours else None,
        business_status=data.get("businessStatus"),
    )


def search_place(ctx: AdapterContext, name_hint: str | None) -> str | None:
    """The Place ID a text search finds for the brand (name + address, else phone)."""
    identity = ctx.identity
    name = name_hint or identity.name
    if not name:
        return None
    query = " ".join(p for p in (name, identity.address or identity.phone or "") if p)
    body = {"textQuery": query, "regionCode": identity.country, "languageCode": "id"}
    response = ctx.client.request("POST", f"{API}/places:searchText", headers=_headers(ctx, SEARCH_FIELDS), json=body)
    places = _answer(response, query).get("places") or []
    mode: MatchMode = "relaxed" if ctx.name_match == "relaxed" else "strict"
    for place in places:
        shown = (place.get("displayName") or {}).get("text") or ""
        if names_match(name, shown, mode, identity.aliases):
            return str(place["id"])
    return None


def _headers(ctx: AdapterContext, fields: str) -> dict[str, str]:
    return {"X-Goog-Api-Key": ctx.google_api_key or "", "X-Goog-FieldMask": fields}


def _answer(response: Response, what: str) -> dict[str, Any]:
    try:
        data = json.loads(response.body or b"{}")
    except ValueError:
        data = {}
    if response.ok and isinstance(data, dict):
        return data
    message = ((data.get("error") or {}).get("message") if isinstance(data, dict) else None) or response.describe()
    if response.status == 404:
        raise PlacesError("unreachable", f"Places API: no place {what} ({message})",
                          "The Place ID is wrong or the listing was removed: find it again with Google's Place ID Finder.")
    if response.status in (400, 401, 403):
        raise PlacesError("unverifiable", f"Places API refused the request: {message}",
                          "Check GOOGLE_MAPS_API_KEY and that the Places API (New) is enabled for its project.")
    raise PlacesError("unverifiable", f"Places API did not answer: {message}", "Run again later.")
