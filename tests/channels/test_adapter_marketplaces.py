"""Marketplaces: the store resolves and carries the brand name; a link back is never expected."""
from __future__ import annotations

import responses

from omnilinks.channels import BY_PLATFORM, classify

HTML = "text/html; charset=utf-8"


def fetch(url: str, body: bytes | None, ctx, status: int = 200):  # type: ignore[no-untyped-def]
    ref = classify(url)
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, ref.url, status=status, body=body or b"", content_type=HTML)
        return BY_PLATFORM[ref.platform].fetch(ref, ctx)


def test_tokopedia_reads_name_and_city_from_apollo_state(actx, platform_page) -> None:
    profile = fetch("https://www.tokopedia.com/kopisenja", platform_page("tokopedia/shop.html"), actx())
    assert (profile.status, profile.name, profile.address, profile.links_back) == (
        "verified", "Kopi Senja Official", "Jakarta Selatan", None)


def test_tokopedia_other_shop_name_is_a_mismatch(actx, platform_page) -> None:
    profile = fetch("https://www.tokopedia.com/kopisenja", platform_page("tokopedia/shop-other-name.html"), actx())
    assert (profile.status, profile.name) == ("mismatch", "Kedai Senja")
    assert "brand.aliases" in profile.fix


def test_tokopedia_closed_shop_is_unreachable(actx, platform_page) -> None:
    assert fetch("https://www.tokopedia.com/kopisenja", platform_page("tokopedia/closed.html"), actx()).status == "unreachable"


def test_shopee_antibot_page_is_unverifiable(actx, platform_page) -> None:
    profile = fetch("https://shopee.co.id/kopisenja", platform_page("shopee/antibot.html"), actx())
    assert profile.status == "unverifiable" and "anti-bot" in profile.reason


def test_amazon_robot_check_is_unverifiable(actx, platform_page) -> None:
    profile = fetch("https://www.amazon.com/sp?seller=A2KOPISENJA01", platform_page("amazon/robot-check.html"), actx(), 503)
    assert profile.status == "unverifiable"


def test_bukalapak_missing_seller_is_unreachable(actx, platform_page) -> None:
    assert fetch("https://www.bukalapak.com/u/kopisenja", platform_page("bukalapak/not-found.html"), actx()).status == "unreachable"


def test_lazada_404_is_unreachable(actx) -> None:
    assert fetch("https://www.lazada.co.id/shop/kopi-senja/", b"Not Found", actx(), 404).status == "unreachable"


def test_strict_and_relaxed_name_matching(actx, platform_page) -> None:
    # "Kopi Senja Kemang Jaya" is not the brand in strict mode, is in relaxed mode.
    body = platform_page("shopee/shop.html").replace(b"Kopi Senja Official Shop", b"Kopi Senja Kemang Jaya")
    assert fetch("https://shopee.co.id/kopisenja", body, actx()).status == "mismatch"
    assert fetch("https://shopee.co.id/kopisenja", body, actx(name_match="relaxed")).status == "verified"
