"""Where the site links its channels: every profile link on every page,
keyed by the channel's canonical URL, and the places a fix should point at."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from omnilinks.channels import classify
from omnilinks.channels.base import ChannelRef
from omnilinks.channels.urls import without_tracking
from omnilinks.context import SiteContext
from omnilinks.extract.urls import url_path
from omnilinks.models import Link, Location, Page, Profile

if TYPE_CHECKING:
    from omnilinks.discover import Site

LINKING_TAGS = ("a", "area", "link")
CONTACT_PATH = re.compile(r"(contact|kontak|hubungi|contact-us|hubungi-kami)", re.I)


@dataclass(frozen=True)
class LinkUse:
    """One place the site links out from: a link on a page, to a channel or to another site's page."""

    page: Page
    number: int  # the link's place in page.links
    ref: ChannelRef | None  # None: a plain page (matched against declared generic channels)

    @property
    def link(self) -> Link:
        # Built when asked for: a site links its profiles from every page.
        return self.page.links[self.number]


_last_index: tuple[tuple[Page, ...], dict[str, list[LinkUse]]] | None = None


def link_index(pages: tuple[Page, ...], site: Site) -> dict[str, list[LinkUse]]:
    """Canonical channel URL → every link to it, in page order; the site's links to
    itself are left out (no channel is the site itself).

    Several rules ask for it over the same pages in one run: the last answer is
    kept for the very same pages object."""
    global _last_index
    last = _last_index
    if last is not None and last[0] is pages:
        return last[1]
    index: dict[str, list[LinkUse]] = defaultdict(list)
    keys: dict[str, tuple[str, ChannelRef | None]] = {}  # each distinct URL classified once
    for page in pages:
        links = page.links
        for number in site.outbound(page):
            url = links.urls[number]
            if links.kind(number).tag not in LINKING_TAGS or not url.startswith(("http://", "https://")):
                continue
            known = keys.get(url)
            if known is None:
                ref = classify(url)
                known = keys[url] = (ref.url if ref else without_tracking(url), ref)
            index[known[0]].append(LinkUse(page, number, known[1]))
    _last_index = (pages, dict(index))
    return _last_index[1]


def home_page(ctx: SiteContext) -> Page | None:
    page = ctx.site.page_for(ctx.site.base)
    if page is not None:
        return page
    pages = sorted(ctx.pages, key=lambda p: (len(url_path(p.url).rstrip("/").removesuffix("index.html")), p.url))
    return pages[0] if pages else None


def contact_page(pages: tuple[Page, ...]) -> Page | None:
    return next((p for p in pages if CONTACT_PATH.search(url_path(p.url))), None)


def footer_line(page: Page) -> int | None:
    """The last site-wide (header/footer/nav) link of a page: the footer, where profile links belong."""
    links = page.links
    lines = [line for index, kind in enumerate(links.kinds()) if kind.in_nav and (line := links.line(index))]
    return max(lines) if lines else None


def where_to_link(ctx: SiteContext) -> str:
    home = home_page(ctx)
    contact = contact_page(ctx.pages)
    places = []
    if home is not None:
        line = footer_line(home)
        near = f" (near line {line}, with the other footer links)" if line else ""
        places.append(f"the footer of the home page {home.location.path or home.url}{near}")
    if contact is not None and contact is not home:
        places.append(f"the contact page {contact.location.path or contact.url}")
    return " or ".join(places) or "the footer of every page"


def anchor(url: str, text: str) -> str:
    return f'<a href="{url}" rel="me">{text}</a>'


def channel_location(profile: Profile, ctx: SiteContext, index: dict[str, list[LinkUse]]) -> Location:
    """The omnilinks.yml line that declares the channel, else the first page line that links it."""
    if profile.config_line and ctx.config.path:
        return Location(path=ctx.config.path, line=profile.config_line)
    uses = index.get(profile.url)
    if uses:
        return uses[0].link.location
    return Location(url=profile.url)
