"""YouTube reads every link of the About panel: from the /about page's initial
data, or from the browse continuation the page carries. Our fixtures follow the
shapes of a real logged-out capture (c4TabbedHeaderRenderer, ytcfg, panels)."""
from __future__ import annotations

import json

import responses
from responses import matchers

from omnilinks.channels import classify
from omnilinks.channels.youtube import ADAPTER as YOUTUBE

HTML = "text/html; charset=utf-8"
CHANNEL = "https://www.youtube.com/@kopisenja"
ABOUT = CHANNEL + "/about"
BROWSE = "https://www.youtube.com/youtubei/v1/browse"
TOKEN = "4qmFsgJgEhhVQ2ExYjJjM2Q0ZTVmNmc3aDhpOWowa0waRDhnWXJHaW1hQVNZS0pEWTNNMkZpWkRFeUxUQXdNREF0TWpWa1lTMDVaR1JqTFRBNE9XVXdPREpsWWpGbE9BJTNEJTNE"


def fetch(ctx, setup):  # type: ignore[no-untyped-def]
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        setup(mock)
        profile = YOUTUBE.fetch(classify(CHANNEL), ctx)
        calls = list(mock.calls)
    return profile, calls


def test_site_as_second_link_read_from_the_about_page(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, CHANNEL, body=platform_page("youtube/channel-site-second.html"), content_type=HTML)
        mock.add(responses.GET, ABOUT, body=platform_page("youtube/about-site-second.html"), content_type=HTML)
    profile, calls = fetch(actx(), setup)
    assert (profile.status, profile.links_back, profile.website) == ("verified", True, "https://kopisenja.id/")
    assert "link 2 of 3 in the About panel" in profile.reason
    assert profile.links[:3] == ("https://www.instagram.com/kopisenja", "https://kopisenja.id/",
                                 "https://www.tiktok.com/@kopisenja.id")
    assert [c.request.method for c in calls] == ["GET", "GET"]  # no continuation needed


def test_site_as_second_link_read_from_the_browse_continuation(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, CHANNEL, body=platform_page("youtube/channel-site-second.html"), content_type=HTML)
        mock.add(responses.GET, ABOUT, body=platform_page("youtube/about-continuation.html"), content_type=HTML)
        mock.add(responses.POST, BROWSE, body=platform_page("youtube/browse-about-site-second.json"),
                 content_type="application/json",
                 match=[matchers.query_param_matcher({"prettyPrint": "false", "key": "AIzaSyKopiSenjaFixtureKey00000000000000"}),
                        matchers.header_matcher({"X-YouTube-Client-Name": "1", "X-YouTube-Client-Version": "2.20241126.01.00"})])
    profile, calls = fetch(actx(), setup)
    assert (profile.status, profile.links_back) == ("verified", True)
    assert "browse continuation" in profile.reason
    body = json.loads(calls[-1].request.body)
    assert body["continuation"] == TOKEN
    # The context the page carries, sent back as the page itself does (no login, no key of ours).
    assert body["context"]["client"]["clientName"] == "WEB" and body["context"]["client"]["visitorData"]


def test_about_page_refused_falls_back_to_the_channel_pages_continuation(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, CHANNEL, body=platform_page("youtube/channel-site-second.html"), content_type=HTML)
        mock.add(responses.GET, ABOUT, status=429, body="Too Many Requests")
        mock.add(responses.POST, BROWSE, body=platform_page("youtube/browse-about-site-second.json"),
                 content_type="application/json")
    profile, calls = fetch(actx(), setup)
    assert (profile.status, profile.links_back) == ("verified", True)
    assert json.loads(calls[-1].request.body)["continuation"] == TOKEN


def test_all_links_elsewhere_is_a_mismatch_naming_the_other_site(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, CHANNEL, body=platform_page("youtube/channel-site-second.html"), content_type=HTML)
        mock.add(responses.GET, ABOUT, body=platform_page("youtube/about-continuation.html"), content_type=HTML)
        mock.add(responses.POST, BROWSE, body=platform_page("youtube/browse-about-elsewhere.json"), content_type="application/json")
    profile, _ = fetch(actx(), setup)
    # Instagram and TikTok are profiles, not a website; kopisenja.com is the website the channel claims.
    assert (profile.status, profile.links_back, profile.website) == ("mismatch", False, "http://kopisenja.com/")
    assert "3 links in the About panel" in profile.reason


def test_only_social_profiles_is_no_link_back(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, CHANNEL, body=platform_page("youtube/channel-site-second.html"), content_type=HTML)
        mock.add(responses.GET, ABOUT, body=platform_page("youtube/about-continuation.html"), content_type=HTML)
        mock.add(responses.POST, BROWSE, body=platform_page("youtube/browse-about-socials-only.json"), content_type="application/json")
    profile, _ = fetch(actx(), setup)
    assert (profile.status, profile.links_back, profile.website) == ("mismatch", False, None)
    assert profile.reason.startswith("the YouTube channel links only to other profiles (https://www.instagram.com/kopisenja, "
                                     "https://www.tiktok.com/@kopisenja.id), not to https://kopisenja.id")


def test_nothing_readable_is_unverifiable_with_the_reason(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, CHANNEL, body=platform_page("youtube/channel-site-second.html"), content_type=HTML)
        mock.add(responses.GET, ABOUT, body=platform_page("youtube/about-continuation.html"), content_type=HTML)
        mock.add(responses.POST, BROWSE, status=403, body='{"error": {"code": 403}}', content_type="application/json")
    profile, _ = fetch(actx(), setup)
    assert (profile.status, profile.links_back) == ("unverifiable", None)
    assert "only the first header link is visible (https://www.instagram.com/kopisenja)" in profile.reason
    assert "browse continuation answered HTTP 403" in profile.reason
    assert "/about" in profile.fix


def test_a_page_without_a_panel_to_load_is_unverifiable(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, CHANNEL, body=platform_page("youtube/channel-other-first.html"), content_type=HTML)
        mock.add(responses.GET, ABOUT, status=404)
    profile, calls = fetch(actx(), setup)
    assert (profile.status, profile.links_back) == ("unverifiable", None)
    assert "HTTP 404" in profile.reason and len(calls) == 2  # nothing to POST without a token


def test_site_as_first_link_needs_no_panel(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, CHANNEL, body=platform_page("youtube/channel-site-first.html"), content_type=HTML)
    profile, calls = fetch(actx(), setup)
    assert (profile.status, profile.links_back) == ("verified", True)
    assert len(calls) == 1
