"""LinkedIn: company pages carry a JSON-LD Organization (name, address,
sameAs = the website) when served; cloud clients usually get HTTP 999."""
from __future__ import annotations

import re
from dataclasses import replace

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.urls import host_is, split
from omnilinks.channels.verdict import (
    apply_verdict,
    base_profile,
    judge_links,
    page_text,
    picture_of,
    visit_page,
)
from omnilinks.extract.html import parse_page
from omnilinks.extract.structured import address_text, jsonld_types
from omnilinks.fetch.types import Response
from omnilinks.models import Profile
from omnilinks.vocabulary import ChannelKind

KINDS: dict[str, ChannelKind] = {"company": "company", "in": "person", "school": "school", "showcase": "showcase"}
SLUG = re.compile(r"^[A-Za-z0-9\-_%.]{2,100}$")


class LinkedInAdapter(Adapter):
    platform = "linkedin"

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None or not host_is(parts.host, "linkedin.com") or len(parts.segments) < 2:
            return None
        first, slug = parts.segments[0].lower(), parts.segments[1]
        if first not in KINDS or not SLUG.match(slug):
            return None
        slug = slug.lower()
        return ChannelRef(self.platform, f"https://www.linkedin.com/{first}/{slug}/", slug, kind=KINDS[first])

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        return visit_page(ref, ctx, self.read_page, "the page does not exist")

    def read_page(self, ref: ChannelRef, ctx: AdapterContext, response: Response) -> Profile:
        page = parse_page(page_text(response), response.final_url)
        entity = next((e for e in page.jsonld if jsonld_types(e) & {"Organization", "Corporation", "Person",
                                                                    "EducationalOrganization", "LocalBusiness"}), None)
        profile = base_profile(ref, ctx, evidence=response.evidence)
        if entity is None:
            return replace(profile, status="unverifiable", reason="the page did not include the company data (JSON-LD)",
                           fix=f"Open {ref.url} in a browser and check the website field; record it under facts: in omnilinks.yml.")
        same_as = entity.get("sameAs") or []
        links = [str(u) for u in (same_as if isinstance(same_as, list) else [same_as]) if u]
        profile = replace(profile, name=str(entity.get("name") or "") or None, address=address_text(entity.get("address")),
                          links=tuple(links), avatar=picture_of(page))
        profile = apply_verdict(profile, judge_links(links, ctx, "the LinkedIn page"))
        if not profile.links_back:
            profile = replace(profile, fix=f"Set the page's Website (Edit page → Page info) to {ctx.site_url}.")
        return profile


ADAPTER = LinkedInAdapter()
