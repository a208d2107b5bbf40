"""The registry: every platform of the JSON contract is registered exactly once,
and every registered adapter has a fetch test against our own recorded page."""
from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import responses

from omnilinks.channels import ADAPTERS, BY_PLATFORM, classify
from omnilinks.channels.base import Adapter

PLATFORMS = ("instagram", "facebook", "youtube", "tiktok", "x", "linkedin", "pinterest", "whatsapp",
             "google_business", "tokopedia", "shopee", "lazada", "bukalapak", "amazon", "etsy", "mastodon", "generic")


@dataclass(frozen=True)
class FetchCase:
    url: str  # as a user would declare it
    fixture: str | None  # recorded body under fixtures/platforms/ (None: the adapter needs no network)
    fetched: str | None  # the URL the adapter must request
    status: str
    name: str | None = None
    links_back: bool | None = None


FETCH_CASES: dict[str, FetchCase] = {
    "instagram": FetchCase("https://instagram.com/KopiSenja?igsh=abc", "instagram/profile.html",
                           "https://www.instagram.com/kopisenja/", "unverifiable", "Kopi Senja"),
    "facebook": FetchCase("https://m.facebook.com/KopiSenja/", "facebook/page.html",
                          "https://www.facebook.com/kopisenja", "unverifiable", "Kopi Senja"),
    "youtube": FetchCase("https://youtube.com/@KopiSenja/videos", "youtube/channel-site-first.html",
                         "https://www.youtube.com/@kopisenja", "verified", "Kopi Senja", True),
    "tiktok": FetchCase("https://www.tiktok.com/@KopiSenja?lang=id", "tiktok/profile.html",
                        "https://www.tiktok.com/@kopisenja", "verified", "Kopi Senja", True),
    "x": FetchCase("https://twitter.com/KopiSenja", "x/shell.html", "https://x.com/kopisenja", "unverifiable"),
    "linkedin": FetchCase("https://id.linkedin.com/company/kopi-senja", "linkedin/company.html",
                          "https://www.linkedin.com/company/kopi-senja/", "verified", "Kopi Senja", True),
    "pinterest": FetchCase("https://id.pinterest.com/kopisenja/", "pinterest/profile.html",
                           "https://www.pinterest.com/kopisenja/", "verified", "Kopi Senja", True),
    "whatsapp": FetchCase("https://api.whatsapp.com/send?phone=6281234567890&text=Halo", None, None, "verified"),
    "google_business": FetchCase("https://www.google.com/maps/search/?api=1&query=Kopi+Senja&query_place_id=ChIJkopisenja0000000000001",
                                 "google_business/place-details.json",
                                 "https://places.googleapis.com/v1/places/ChIJkopisenja0000000000001", "verified",
                                 "Kopi Senja Kemang", True),
    "tokopedia": FetchCase("https://www.tokopedia.com/kopisenja/biji-kopi-arabika-250g", "tokopedia/shop.html",
                           "https://www.tokopedia.com/kopisenja", "verified", "Kopi Senja Official"),
    "shopee": FetchCase("https://shopee.co.id/kopisenja?categoryId=100", "shopee/shop.html",
                        "https://shopee.co.id/kopisenja", "verified", "Kopi Senja Official Shop"),
    "lazada": FetchCase("https://www.lazada.co.id/shop/kopi-senja/?path=index.htm", "lazada/shop.html",
                        "https://www.lazada.co.id/shop/kopi-senja/", "verified", "Kopi Senja"),
    "bukalapak": FetchCase("https://www.bukalapak.com/u/kopisenja", "bukalapak/shop.html",
                           "https://www.bukalapak.com/u/kopisenja", "verified", "Kopi Senja"),
    "amazon": FetchCase("https://www.amazon.com/sp?ie=UTF8&seller=A2KOPISENJA01", "amazon/seller.html",
                        "https://www.amazon.com/sp?seller=A2KOPISENJA01", "verified", "Kopi Senja"),
    "etsy": FetchCase("https://www.etsy.com/id-en/shop/KopiSenja?ref=shop_sugg", "etsy/shop.html",
                      "https://www.etsy.com/shop/kopisenja", "verified", "KopiSenja"),
    "mastodon": FetchCase("https://mastodon.social/@kopisenja", "mastodon/account.json",
                          "https://mastodon.social/api/v1/accounts/lookup?acct=kopisenja@mastodon.social", "verified",
                          "Kopi Senja", True),
    "generic": FetchCase("https://direktorikafe.example/kafe/kopi-senja", "generic/directory-listing.html",
                         "https://direktorikafe.example/kafe/kopi-senja", "verified", "Kopi Senja", True),
}


def test_every_platform_is_registered_exactly_once() -> None:
    ids = [adapter.platform for adapter in ADAPTERS]
    assert sorted(ids) == sorted(PLATFORMS)
    assert len(ids) == len(set(ids))
    assert ids[-1] == "generic"


def test_generic_claims_nothing_by_itself() -> None:
    assert classify("https://direktorikafe.example/kafe/kopi-senja") is None
    assert BY_PLATFORM["generic"].parse("https://direktorikafe.example/kafe/kopi-senja") is not None


def _shape(function: Callable[..., object]) -> list[tuple[str, object, object]]:
    """A method's parameters as the caller sees them: name, kind (positional, keyword-only), default."""
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


@pytest.mark.parametrize("adapter", ADAPTERS, ids=lambda a: a.platform)
def test_every_adapter_implements_the_one_protocol(adapter) -> None:  # type: ignore[no-untyped-def]
    assert Adapter in type(adapter).__mro__, f"{type(adapter).__name__} must name Adapter as its base"
    assert isinstance(adapter.platform, str) and isinstance(adapter.claims_all, bool)
    assert adapter.claims_all is (adapter.platform == "generic")
    for method in ("parse", "fetch"):
        assert _shape(getattr(type(adapter), method)) == _shape(getattr(Adapter, method)), \
            f"{adapter.platform}.{method} must take exactly what the protocol passes"
    # Declaring a channel never loses one the adapter recognises from a link.
    url = FETCH_CASES[adapter.platform].url
    assert adapter.parse(url, declared=True) == adapter.parse(url) is not None


def test_a_declared_mastodon_account_may_live_on_any_server() -> None:
    url = "https://social.kopi.example/@kopisenja"
    assert classify(url) is None and BY_PLATFORM["mastodon"].parse(url) is None
    ref = BY_PLATFORM["mastodon"].parse(url, declared=True)
    assert ref is not None and ref.handle == "kopisenja@social.kopi.example"


@pytest.mark.parametrize("adapter", ADAPTERS, ids=lambda a: a.platform)
def test_every_adapter_reads_its_recorded_page(adapter, actx, platform_page) -> None:  # type: ignore[no-untyped-def]
    case = FETCH_CASES.get(adapter.platform)
    assert case is not None, f"{adapter.platform} has no fixture-based fetch test: add one to FETCH_CASES"
    ref = adapter.parse(case.url)
    assert ref is not None and ref.platform == adapter.platform
    if adapter.platform != "generic":
        assert classify(case.url) == ref
    key = "test-key" if adapter.platform == "google_business" else None
    with responses.RequestsMock() as mock:
        if case.fixture:
            kind = "application/json" if case.fixture.endswith(".json") else "text/html; charset=utf-8"
            mock.add(responses.GET, case.fetched, body=platform_page(case.fixture), content_type=kind)
        profile = adapter.fetch(ref, actx(google_api_key=key))
        if case.fixture:
            assert len(mock.calls) == 1
            assert mock.calls[0].request.url == case.fetched or mock.calls[0].request.url.replace("%40", "@") == case.fetched
        else:
            assert len(mock.calls) == 0
    assert profile.platform == adapter.platform
    assert profile.status == case.status, profile.reason
    assert profile.reason
    assert profile.name == case.name
    assert profile.links_back is case.links_back
