"""A site on a shared host (netlify.app, github.io, myshopify.com…): a page linking to
someone else's site on the same host does not link back; one linking to ours does."""
from __future__ import annotations

import pytest
import responses

from omnilinks.channels import BY_PLATFORM
from omnilinks.models import Identity

GENERIC = BY_PLATFORM["generic"]
HTML = "text/html; charset=utf-8"


def judged(page_url: str, href: str, site: str, actx):  # type: ignore[no-untyped-def]
    identity = Identity(name="Riverside Books", country="GB", website=site)
    body = f'<html><body><h1>Bookshops in Hackney</h1><a href="{href}">Riverside Books</a></body></html>'
    ref = GENERIC.parse(page_url)
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, ref.url, body=body.encode(), content_type=HTML)
        return GENERIC.fetch(ref, actx(site_url=site, identity=identity))


@pytest.mark.parametrize("site, other", [
    ("https://riverside-books.netlify.app/", "https://riverside-bookshop.netlify.app/"),
    ("https://riversidebooks.github.io/", "https://hackneybooks.github.io/"),
    ("https://riverside-books.vercel.app/", "https://books.vercel.app/"),
    ("https://riverside.pages.dev/", "https://riverside-shop.pages.dev/"),
    ("https://riverside-books.myshopify.com/", "https://kopi.myshopify.com/"),
    ("https://riversidebooks.blogspot.com/", "https://hackney.blogspot.com/"),
])
def test_someone_else_on_the_same_shared_host_is_not_a_link_back(site: str, other: str, actx) -> None:  # type: ignore[no-untyped-def]
    profile = judged("https://bookshops.example/hackney", other, site, actx)
    assert profile.links_back is not True and profile.status == "mismatch"
    ours = judged("https://bookshops.example/hackney", site.replace("https://", "https://www.") + "contact", site, actx)
    assert (ours.status, ours.links_back) == ("verified", True)
