"""Canonical forms: one account, one URL, whichever way the site writes it."""
from __future__ import annotations

import pytest

from omnilinks.channels import classify, is_share_link
from omnilinks.channels.urls import reaches_site, registrable_domain, unwrap_redirect

SAME_ACCOUNT = [
    ("https://instagram.com/KopiSenja", "https://www.instagram.com/kopisenja/?hl=id", "https://m.instagram.com/kopisenja?utm_source=ig"),
    ("https://twitter.com/KopiSenja", "https://x.com/kopisenja/", "https://mobile.twitter.com/kopisenja"),
    ("https://www.facebook.com/profile.php?id=100064", "https://m.facebook.com/profile.php?id=100064&mibextid=ZbWKwL",
     "https://web.facebook.com/profile.php?id=100064"),
    ("https://www.tiktok.com/@KopiSenja", "https://tiktok.com/@kopisenja/?lang=id", "https://m.tiktok.com/@kopisenja"),
    ("https://www.youtube.com/@KopiSenja", "https://youtube.com/@kopisenja/videos", "https://m.youtube.com/@kopisenja?si=x"),
    ("https://wa.me/6281234567890", "https://api.whatsapp.com/send?phone=6281234567890&text=Halo", "https://wa.me/+6281234567890"),
    ("https://www.linkedin.com/company/kopi-senja/", "https://id.linkedin.com/company/kopi-senja", "https://linkedin.com/company/Kopi-Senja/about/"),
]


@pytest.mark.parametrize("forms", SAME_ACCOUNT, ids=lambda f: f[0])
def test_forms_of_one_account_share_a_canonical_url(forms: tuple[str, ...]) -> None:
    refs = {classify(form) for form in forms}
    assert len(refs) == 1 and None not in refs


def test_youtube_handle_and_channel_id_are_different_kinds() -> None:
    handle = classify("https://www.youtube.com/@kopisenja")
    channel = classify("https://www.youtube.com/channel/UCa1b2c3d4e5f6g7h8i9j0kL")
    assert handle is not None and channel is not None
    assert (handle.kind, channel.kind) == ("profile", "channel_id")
    assert channel.handle == "UCa1b2c3d4e5f6g7h8i9j0kL"  # channel ids are case-sensitive


@pytest.mark.parametrize("url", [
    "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fkopisenja.id",
    "https://twitter.com/intent/tweet?text=Kopi",
    "https://x.com/intent/post?url=https://kopisenja.id",
    "https://www.instagram.com/direct/t/123",
    "https://www.linkedin.com/shareArticle?mini=true&url=https://kopisenja.id",
    "https://wa.me/?text=Halo%20Kopi%20Senja",
])
def test_share_links_are_never_profiles(url: str) -> None:
    assert is_share_link(url)
    assert classify(url) is None


@pytest.mark.parametrize("url", [
    "https://www.instagram.com/p/Cabc123/", "https://www.instagram.com/explore/tags/kopi/",
    "https://www.facebook.com/events/123", "https://x.com/home", "https://www.tiktok.com/tag/kopi",
    "https://www.youtube.com/watch?v=abc", "https://kopisenja.id/", "mailto:halo@kopisenja.id",
])
def test_pages_that_are_not_profiles(url: str) -> None:
    assert classify(url) is None


def test_platform_specific_shapes() -> None:
    assert classify("https://wa.me/6281234567890").handle == "+6281234567890"  # type: ignore[union-attr]
    assert classify("https://kopisenja.business.site/").kind == "business_site"  # type: ignore[union-attr]
    assert classify("https://goo.gl/maps/AbCdEf").kind == "short"  # type: ignore[union-attr]
    place = classify("https://www.google.com/maps/place/Kopi+Senja/@-6.26,106.81,17z/data=!3m1!4b1!4m6!3m5!1s0x2e69f1b:0x1a2b!8m2")
    assert place is not None and place.handle == "Kopi Senja"
    assert place.url == "https://www.google.com/maps/place/Kopi+Senja/data=!4m2!3m1!1s0x2e69f1b:0x1a2b"
    assert classify("https://maps.google.com/?cid=1234567890").handle == "cid:1234567890"  # type: ignore[union-attr]
    assert classify("https://shopee.co.id/Biji-Kopi-Arabika-i.123456.987654").url == "https://shopee.co.id/shop/123456"  # type: ignore[union-attr]


def test_registrable_domain_and_reaching_the_site() -> None:
    assert registrable_domain("www.kopisenja.co.id") == "kopisenja.co.id"
    assert registrable_domain("shop.kopisenja.id") == "kopisenja.id"
    assert reaches_site("https://www.kopisenja.id/menu", "https://kopisenja.id")
    assert reaches_site("kopisenja.id/menu", "https://kopisenja.id")
    assert reaches_site("https://pesan.kopisenja.id", "https://www.kopisenja.id/")
    assert not reaches_site("https://kopisenja.com", "https://kopisenja.id")
    assert not reaches_site("https://kopisenja.id.evil.example", "https://kopisenja.id")
    assert not reaches_site("https://other.co.id", "https://kopisenja.co.id")


def test_redirect_wrappers_are_unwrapped() -> None:
    assert unwrap_redirect("https://www.youtube.com/redirect?event=channel_header&q=https%3A%2F%2Fkopisenja.id%2F") == "https://kopisenja.id/"
    assert unwrap_redirect("https://l.instagram.com/?u=https%3A%2F%2Fkopisenja.id&e=AT0") == "https://kopisenja.id"
    assert unwrap_redirect("https://kopisenja.id/") == "https://kopisenja.id/"
