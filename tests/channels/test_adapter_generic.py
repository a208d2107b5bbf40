"""Generic pages and Mastodon: a link back to the site, or to what looks like an old one."""
from __future__ import annotations

import responses

from omnilinks.channels import BY_PLATFORM, classify
from omnilinks.channels.mastodon import ADAPTER as MASTODON

HTML = "text/html; charset=utf-8"
GENERIC = BY_PLATFORM["generic"]


def fetch_page(url: str, body: bytes, ctx, status: int = 200):  # type: ignore[no-untyped-def]
    ref = GENERIC.parse(url)
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, ref.url, status=status, body=body, content_type=HTML)
        return GENERIC.fetch(ref, ctx)


def test_link_back_and_structured_facts(actx, platform_page) -> None:
    profile = fetch_page("https://direktorikafe.example/kafe/kopi-senja?utm_source=x",
                         platform_page("generic/directory-listing.html"), actx())
    assert profile.url == "https://direktorikafe.example/kafe/kopi-senja"
    assert (profile.status, profile.links_back, profile.website) == ("verified", True, "https://www.kopisenja.id/")
    assert profile.phone == "+62 21 5550 124"
    assert profile.address and profile.address.startswith("Jl. Kemang Raya No. 10")


def test_link_to_an_old_domain_is_a_mismatch_with_the_url(actx, platform_page) -> None:
    profile = fetch_page("https://asosiasikopi.example/anggota", platform_page("generic/old-domain.html"), actx())
    assert (profile.status, profile.links_back, profile.website) == ("mismatch", False, "http://kopisenja.com/")
    assert profile.name is None  # the association's page says nothing structured about the brand


def test_page_without_link_back(actx, platform_page) -> None:
    profile = fetch_page("https://pasarkopi.example/2025", platform_page("generic/no-link.html"), actx())
    assert (profile.status, profile.links_back, profile.website) == ("mismatch", False, None)


def test_gone_page_is_unreachable(actx) -> None:
    assert fetch_page("https://pasarkopi.example/2024", b"gone", actx(), 410).status == "unreachable"


def test_mastodon_on_any_server_when_declared(actx, platform_page) -> None:
    ref = MASTODON.parse("https://social.kopi.example/@kopisenja", declared=True)
    assert ref is not None and classify("https://social.kopi.example/@kopisenja") is None
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, "https://social.kopi.example/api/v1/accounts/lookup",
                 body=platform_page("mastodon/account.json"), content_type="application/json")
        profile = MASTODON.fetch(ref, actx())
    assert profile.status == "verified" and "rel=me verified by the server" in profile.reason


def test_mastodon_unknown_account_is_unreachable(actx) -> None:
    ref = classify("https://mastodon.social/@kopisenja")
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, "https://mastodon.social/api/v1/accounts/lookup", status=404,
                 json={"error": "Record not found"})
        mock.add(responses.GET, "https://mastodon.social/@kopisenja", status=404)  # the page confirms it
        assert MASTODON.fetch(ref, actx()).status == "unreachable"
