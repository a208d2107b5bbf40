"""Social adapters against our recorded pages, including every kind of wall."""
from __future__ import annotations

import pytest
import responses

from omnilinks.channels import classify
from omnilinks.channels.facebook import ADAPTER as FACEBOOK
from omnilinks.channels.instagram import ADAPTER as INSTAGRAM
from omnilinks.channels.linkedin import ADAPTER as LINKEDIN
from omnilinks.channels.pinterest import ADAPTER as PINTEREST
from omnilinks.channels.tiktok import ADAPTER as TIKTOK
from omnilinks.channels.x import ADAPTER as X
from omnilinks.channels.youtube import ADAPTER as YOUTUBE

HTML = "text/html; charset=utf-8"


def fetch(adapter, url, ctx, mock_setup):  # type: ignore[no-untyped-def]
    ref = classify(url)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock_setup(mock, ref)
        return adapter.fetch(ref, ctx)


def test_instagram_login_redirect_is_unverifiable_with_a_hand_check_fix(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, status=302, headers={"Location": "https://www.instagram.com/accounts/login/?next=/kopisenja/"})
        mock.add(responses.GET, "https://www.instagram.com/accounts/login/", body=platform_page("instagram/login.html"), content_type=HTML)
    profile = fetch(INSTAGRAM, "https://www.instagram.com/kopisenja/", actx(), setup)
    assert profile.status == "unverifiable"
    assert profile.reason == "redirected to a login page"
    assert "facts:" in profile.fix and "https://kopisenja.id" in profile.fix


def test_instagram_missing_account_is_unreachable(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, status=404, body=platform_page("instagram/not-available.html"), content_type=HTML)
    profile = fetch(INSTAGRAM, "https://www.instagram.com/kopisenjaa/", actx(), setup)
    assert profile.status == "unreachable"
    assert "404" in profile.reason


def test_instagram_not_available_page_served_with_200_is_unreachable(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, body=platform_page("instagram/not-available.html"), content_type=HTML)
    assert fetch(INSTAGRAM, "https://www.instagram.com/kopisenjaa/", actx(), setup).status == "unreachable"


def test_429_with_retry_after_is_a_wall_not_a_failure(actx) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, status=429, headers={"Retry-After": "3600"}, body="Too Many Requests")
    profile = fetch(INSTAGRAM, "https://www.instagram.com/kopisenja/", actx(), setup)
    assert profile.status == "unverifiable"
    assert "429" in profile.reason


def test_facebook_login_wall(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, status=302, headers={"Location": "https://www.facebook.com/login/?next=%2Fkopisenja"})
        mock.add(responses.GET, "https://www.facebook.com/login/", body=platform_page("facebook/login.html"), content_type=HTML)
    profile = fetch(FACEBOOK, "https://facebook.com/kopisenja", actx(), setup)
    assert (profile.status, profile.reason, profile.name) == ("unverifiable", "redirected to a login page", None)


def test_x_missing_handle_is_unreachable(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, status=404, body=platform_page("x/404.html"), content_type=HTML)
    assert fetch(X, "https://x.com/kopisenja", actx(), setup).status == "unreachable"


def test_tiktok_link_in_bio_that_reaches_the_site_is_verified(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, body=platform_page("tiktok/profile-linktree.html"), content_type=HTML)
        mock.add(responses.GET, "https://linktr.ee/kopisenja", body=platform_page("linktree/kopisenja.html"), content_type=HTML)
    profile = fetch(TIKTOK, "https://www.tiktok.com/@kopisenja", actx(), setup)
    assert profile.status == "verified" and profile.links_back is True
    assert "through https://linktr.ee/kopisenja" in profile.reason


def test_tiktok_link_in_bio_that_does_not_reach_the_site_is_a_mismatch(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, body=platform_page("tiktok/profile-linktree.html"), content_type=HTML)
        mock.add(responses.GET, "https://linktr.ee/kopisenja", body=platform_page("linktree/other.html"), content_type=HTML)
    profile = fetch(TIKTOK, "https://www.tiktok.com/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back, profile.website) == ("mismatch", False, "https://linktr.ee/kopisenja")


def test_tiktok_without_bio_link_does_not_link_back(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, body=platform_page("tiktok/profile-no-link.html"), content_type=HTML)
    profile = fetch(TIKTOK, "https://www.tiktok.com/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back, profile.website) == ("mismatch", False, None)
    assert "bio link" in profile.fix


def test_tiktok_unknown_user_is_unreachable(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, body=platform_page("tiktok/not-found.html"), content_type=HTML)
    profile = fetch(TIKTOK, "https://www.tiktok.com/@kopisenja", actx(), setup)
    assert profile.status == "unreachable" and "10221" in profile.reason


def test_tiktok_captcha_page_is_unverifiable(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, body=platform_page("tiktok/captcha.html"), content_type=HTML)
    profile = fetch(TIKTOK, "https://www.tiktok.com/@kopisenja", actx(), setup)
    assert profile.status == "unverifiable"
    assert "captcha" in profile.reason


def test_youtube_first_link_elsewhere_leaves_link_back_unknown(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, body=platform_page("youtube/channel-other-first.html"), content_type=HTML)
    profile = fetch(YOUTUBE, "https://www.youtube.com/channel/UCa1b2c3d4e5f6g7h8i9j0kL", actx(), setup)
    assert profile.status == "unverifiable" and profile.links_back is None
    assert "https://www.instagram.com/kopisenja" in profile.reason
    assert profile.handle == "kopisenja"  # read from vanityChannelUrl


def test_youtube_without_links_does_not_link_back(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, body=platform_page("youtube/channel-no-links.html"), content_type=HTML)
    profile = fetch(YOUTUBE, "https://www.youtube.com/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back) == ("mismatch", False)


def test_linkedin_999_is_unverifiable(actx) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, status=999, body="<html><script>window.location='/authwall'</script></html>")
    profile = fetch(LINKEDIN, "https://www.linkedin.com/company/kopi-senja", actx(), setup)
    assert profile.status == "unverifiable" and "999" in profile.reason


def test_linkedin_old_domain_is_a_mismatch_with_the_url_found(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, body=platform_page("linkedin/company-old-site.html"), content_type=HTML)
    profile = fetch(LINKEDIN, "https://www.linkedin.com/company/kopi-senja", actx(), setup)
    assert (profile.status, profile.links_back, profile.website) == ("mismatch", False, "http://kopisenja.com")


def test_linkedin_reads_the_address(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, body=platform_page("linkedin/company.html"), content_type=HTML)
    profile = fetch(LINKEDIN, "https://www.linkedin.com/company/kopi-senja", actx(), setup)
    assert profile.address == "Jl. Kemang Raya No. 10, Jakarta Selatan, DKI Jakarta 12730, Indonesia"  # addressCountry ID, by name


def test_pinterest_without_claimed_domain(actx, platform_page) -> None:
    def setup(mock, ref):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, ref.url, body=platform_page("pinterest/profile-unclaimed.html"), content_type=HTML)
    profile = fetch(PINTEREST, "https://www.pinterest.com/kopisenja/", actx(), setup)
    assert (profile.status, profile.links_back) == ("mismatch", False)
    assert "Claimed accounts" in profile.fix


@pytest.mark.parametrize("adapter,url", [(INSTAGRAM, "https://www.instagram.com/kopisenja/"),
                                         (TIKTOK, "https://www.tiktok.com/@kopisenja"),
                                         (YOUTUBE, "https://www.youtube.com/@kopisenja")])
def test_offline_fetches_nothing(adapter, url, actx) -> None:  # type: ignore[no-untyped-def]
    with responses.RequestsMock() as mock:
        profile = adapter.fetch(classify(url), actx(offline=True))
        assert len(mock.calls) == 0
    assert (profile.status, profile.reason) == ("unverifiable", "offline")
