"""Google Business Profile listings. The listing is resolved from `place_id`
in the config, a `query_place_id` in the URL, or a Places API (New) text
search; short links are followed through the client. Details come only from
the Places API: without GOOGLE_MAPS_API_KEY they are unverifiable (Maps pages
are not scraped)."""
from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import parse_qs, quote, unquote_plus, urlsplit

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.places import PlacesError, place_details, search_place
from omnilinks.channels.urls import split
from omnilinks.channels.verdict import base_profile, failed, judge_links, offline_profile
from omnilinks.models import Profile

SHORT_HOSTS = ("maps.app.goo.gl", "g.page", "g.co")
KEY_FIX = ("Create a key for the Places API (New) in Google Cloud (APIs & Services → Credentials), "
           "then set it in the environment: export GOOGLE_MAPS_API_KEY=<key> (in GitHub Actions, from a secret).")


class GoogleBusinessAdapter(Adapter):
    platform = "google_business"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None:
            return None
        host, segs, query = parts.host, parts.segments, parts.query
        if host.endswith(".business.site"):
            return ChannelRef(self.platform, f"https://{host}/", host.split(".")[0], kind="business_site")
        if host in SHORT_HOSTS or (host == "goo.gl" and segs[:1] == ("maps",)):
            if not segs or (host == "g.co" and segs[:1] != ("kgs",)):
                return None
            path = "/".join(quote(s) for s in segs)
            return ChannelRef(self.platform, f"https://{host}/{path}", segs[-1] if host == "g.page" else None, kind="short")
        if host == "search.google.com" and query.get("placeid"):
            place_id = query["placeid"]
            return ChannelRef(self.platform, _place_url(place_id), place_id, kind="listing")
        if not (re.match(r"^(maps\.)?google\.[a-z.]{2,6}$", host) and (host.startswith("maps.") or segs[:1] == ("maps",))):
            return None
        if query.get("query_place_id"):
            return ChannelRef(self.platform, _place_url(query["query_place_id"]), query["query_place_id"], kind="listing")
        if query.get("cid", "").isdigit():
            return ChannelRef(self.platform, f"https://maps.google.com/?cid={query['cid']}", f"cid:{query['cid']}", kind="listing")
        if segs[:2] == ("maps", "place") and len(segs) >= 3:
            name = unquote_plus(segs[2])
            feature = re.search(r"!1s(0x[0-9a-f]+:0x[0-9a-f]+)", "/".join(segs[3:]))
            suffix = f"/data=!4m2!3m1!1s{feature.group(1)}" if feature else ""
            return ChannelRef(self.platform, f"https://www.google.com/maps/place/{quote(segs[2], safe='+')}{suffix}", name, kind="listing")
        return None

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        if ref.kind == "business_site":
            return base_profile(ref, ctx, status="unreachable", links_back=None,
                                reason="Google shut down *.business.site websites in 2024: the link is dead",
                                fix="Remove the link, or link the Google Maps listing (its maps.app.goo.gl share link) instead.")
        if ctx.offline:
            return offline_profile(ref, ctx)
        place_id = (ctx.channel.place_id if ctx.channel else None) or (ref.handle if _is_place_id(ref.handle) else None)
        name_hint = ref.handle if ref.kind == "listing" and not place_id else None
        if ref.kind == "short":
            response = ctx.client.request("GET", ref.url, read_body=False)
            early = failed(ref, ctx, response, "the short link leads nowhere")
            if early is not None and early.status == "unreachable":
                return early
            landed = _landing(response.final_url)
            resolved = self.parse(landed) if landed else None
            if resolved is not None and resolved.kind == "listing":
                place_id = place_id or (resolved.handle if _is_place_id(resolved.handle) else None)
                name_hint = resolved.handle if not _is_place_id(resolved.handle) else None
        if not ctx.google_api_key:
            shown = f" (the link shows '{name_hint}')" if name_hint and not name_hint.startswith("cid:") else ""
            return base_profile(ref, ctx, status="unverifiable", reason="api_key_missing", fix=KEY_FIX,
                                name=name_hint if shown else None, evidence=None)
        try:
            if place_id is None:
                place_id = search_place(ctx, name_hint)
            if place_id is None:
                return base_profile(ref, ctx, status="unverifiable", evidence="places_api",
                                    reason="no listing found by a Places text search for the brand",
                                    fix="Add place_id: <the listing's Place ID> to this channel in omnilinks.yml "
                                        "(find it with Google's Place ID Finder).")
            place = place_details(ctx, place_id)
        except PlacesError as exc:
            return base_profile(ref, ctx, status=exc.status, reason=exc.reason, fix=exc.fix, evidence="places_api")
        profile = base_profile(ref, ctx, evidence="places_api", name=place.name, phone=place.phone,
                               address=place.address, hours=place.hours, website=place.website,
                               links=(place.website,) if place.website else ())
        verdict = judge_links([place.website] if place.website else [], ctx, "the listing")
        profile = replace(profile, status=verdict.status, links_back=verdict.links_back, reason=verdict.reason)
        if place.business_status in ("CLOSED_PERMANENTLY", "CLOSED_TEMPORARILY"):
            profile = replace(profile, status="mismatch", reason=place.business_status.lower())
        return profile


def _place_url(place_id: str) -> str:
    return f"https://www.google.com/maps/search/?api=1&query_place_id={quote(place_id)}"


def _is_place_id(value: str | None) -> bool:
    return bool(value) and bool(re.match(r"^(ChIJ|GhIJ|Ei)[A-Za-z0-9_-]{10,}$", value or ""))


def _landing(final_url: str) -> str:
    """Where a short link lands; a consent interstitial carries it in `continue`."""
    parts = urlsplit(final_url)
    if (parts.hostname or "").startswith("consent."):
        target = parse_qs(parts.query).get("continue")
        return target[0] if target else ""
    return final_url


ADAPTER = GoogleBusinessAdapter()
