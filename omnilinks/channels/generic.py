"""Any other declared page (a directory, a partner, an association): fetch
it, look for a link back to the site (same registrable domain, rel=me
noted), for a link to what looks like the brand's old site, and for the
name, phone and address it states."""
from __future__ import annotations

import re
from dataclasses import replace

from omnilinks.channels.base import Adapter, AdapterContext, ChannelRef
from omnilinks.channels.urls import is_link_in_bio, reaches_site, split, without_tracking
from omnilinks.channels.verdict import (
    apply_verdict,
    base_profile,
    judge_links,
    page_text,
    visit_page,
)
from omnilinks.extract.html import parse_page
from omnilinks.fetch.types import Response
from omnilinks.models import Fact, Profile
from omnilinks.normalize.domain import registrable_domain
from omnilinks.normalize.facts import fact_key
from omnilinks.normalize.name import name_tokens, names_match

STRUCTURED = frozenset({"jsonld", "microdata", "rdfa", "hcard"})
COMPARED = ("name", "phone", "email", "address", "hours")


class GenericAdapter(Adapter):
    platform = "generic"
    claims_all = True  # only for declared channels no other adapter claims

    def parse(self, url: str, *, declared: bool = False) -> ChannelRef | None:
        parts = split(url)
        if parts is None:
            return None
        return ChannelRef(self.platform, without_tracking(url), parts.host, kind="page")

    def fetch(self, ref: ChannelRef, ctx: AdapterContext) -> Profile:
        return visit_page(ref, ctx, self.read_page, "the page does not exist")

    def read_page(self, ref: ChannelRef, ctx: AdapterContext, response: Response) -> Profile:
        page = parse_page(page_text(response), response.final_url, region=ctx.identity.country)
        # _facts' keys are fact fields in COMPARED, each a str field of Profile
        profile = replace(base_profile(ref, ctx, evidence=response.evidence), **_facts(page.facts, ctx))  # type: ignore[arg-type]
        outbound = [link for link in page.links if link.tag in ("a", "link", "area")]
        back = [link for link in outbound if reaches_site(link.url, ctx.site_url)]
        profile = replace(profile, links=tuple(dict.fromkeys(link.url for link in outbound)))
        if back:
            verdict = judge_links([back[0].url], ctx, "the page")
            profile = apply_verdict(profile, verdict)
            if any("me" in link.rel for link in back):
                # apply_verdict just set reason to the verdict's text: never None here
                return replace(profile, reason=profile.reason + " (rel=me)")  # type: ignore[operator]
            return profile
        claimed = [link.url for link in outbound if _looks_like_own_site(link.url, ctx, "me" in link.rel)]
        if claimed:
            profile = apply_verdict(profile, judge_links(claimed[:1], ctx, "the page"))
            return replace(profile, fix=f"Ask the page's owner to link {ctx.site_url} instead of {claimed[0]}.")
        return replace(profile, status="mismatch", links_back=False, reason=f"the page does not link to {ctx.site_url}",
                       fix=f"Ask the page's owner to add a link to {ctx.site_url}.")


def _looks_like_own_site(url: str, ctx: AdapterContext, rel_me: bool) -> bool:
    """A link that looks like the brand's website elsewhere: rel=me, a link-in-bio page, or
    a domain spelled like the brand or its handle (kopisenja.com for kopisenja.id)."""
    parts = split(url)
    if parts is None or reaches_site(url, ctx.site_url):
        return False
    if rel_me or is_link_in_bio(url):
        return True
    label = re.sub(r"[^a-z0-9]", "", registrable_domain(parts.host).split(".")[0])
    brand = "".join(name_tokens(ctx.identity.name)) if ctx.identity.name else ""
    handle = re.sub(r"[^a-z0-9]", "", (ctx.identity.handle or "").lower())
    return bool(label) and label in {brand, handle} - {""}


def _facts(facts: tuple[Fact, ...], ctx: AdapterContext) -> dict[str, str]:
    """What the page states about the brand in structured form. A page whose
    structured entity is another business (the directory itself) says nothing
    about the brand, so its facts are not compared."""
    region = ctx.identity.country
    found: dict[str, str] = {}
    for fact in facts:
        if fact.source not in STRUCTURED or fact.field not in COMPARED or fact.field in found:
            continue
        if fact_key(fact.field, fact.value, region) is not None:
            found[fact.field] = str(fact.value)
    brand = ctx.identity.name
    if "name" in found and brand and not names_match(brand, found["name"], "relaxed", ctx.identity.aliases):
        return {}
    return found


ADAPTER = GenericAdapter()
