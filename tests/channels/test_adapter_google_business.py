"""Google Business listings: Places API (New) mocked with `responses`."""
from __future__ import annotations

import json

import responses
from responses import matchers

from omnilinks.channels import classify
from omnilinks.channels.google_business import ADAPTER as GOOGLE
from omnilinks.config import ChannelConfig

DETAILS = "https://places.googleapis.com/v1/places/ChIJkopisenja0000000000001"
SEARCH = "https://places.googleapis.com/v1/places:searchText"
JSON = "application/json"


def test_details_with_key_read_every_field(actx, platform_page) -> None:
    channel = ChannelConfig(url="https://maps.app.goo.gl/AbCd", line=12, place_id="ChIJkopisenja0000000000001")
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, "https://maps.app.goo.gl/AbCd", status=302,
                 headers={"Location": "https://www.google.com/maps/place/Kopi+Senja/@-6.2,106.8,17z"})
        mock.add(responses.GET, "https://www.google.com/maps/place/Kopi+Senja/@-6.2,106.8,17z", body="<html></html>",
                 content_type="text/html")
        details = mock.add(responses.GET, DETAILS, body=platform_page("google_business/place-details.json"),
                           content_type=JSON, match=[matchers.header_matcher({"X-Goog-Api-Key": "k-123"})])
        profile = GOOGLE.fetch(classify(channel.url), actx(channel=channel, google_api_key="k-123"))
        mask = details.calls[0].request.headers["X-Goog-FieldMask"]
    assert "websiteUri" in mask and "businessStatus" in mask and "*" not in mask
    assert (profile.status, profile.links_back, profile.evidence) == ("verified", True, "places_api")
    assert profile.phone == "+62215550123"
    assert profile.hours == "Mo-Su 08:00-22:00"
    assert profile.website == "https://www.kopisenja.id/"
    assert profile.config_line == 12


def test_without_key_the_details_are_unverifiable(actx) -> None:
    url = "https://www.google.com/maps/search/?api=1&query=Kopi+Senja&query_place_id=ChIJkopisenja0000000000001"
    with responses.RequestsMock() as mock:
        profile = GOOGLE.fetch(classify(url), actx())
        assert len(mock.calls) == 0
    assert (profile.status, profile.reason) == ("unverifiable", "api_key_missing")
    assert "GOOGLE_MAPS_API_KEY" in profile.fix


def test_without_key_a_dead_short_link_is_still_reported(actx) -> None:
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, "https://maps.app.goo.gl/Gone1", status=404, body="Dynamic Link Not Found")
        profile = GOOGLE.fetch(classify("https://maps.app.goo.gl/Gone1"), actx())
    assert profile.status == "unreachable"


def test_short_link_through_consent_page_and_text_search(actx, platform_page) -> None:
    landing = "https://www.google.com/maps/place/Kopi+Senja/@-6.26,106.81,17z/data=!4m6!3m5!1s0x2e69:0x1a2b"
    consent = "https://consent.google.com/m?continue=" + landing.replace("/", "%2F").replace(":", "%3A").replace("!", "%21")
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, "https://maps.app.goo.gl/AbCd", status=302, headers={"Location": landing})
        mock.add(responses.GET, landing, status=302, headers={"Location": consent})
        mock.add(responses.GET, "https://consent.google.com/m", body="<html>Before you continue</html>", content_type="text/html")
        search = mock.add(responses.POST, SEARCH, body=platform_page("google_business/search.json"), content_type=JSON)
        mock.add(responses.GET, DETAILS, body=platform_page("google_business/place-details.json"), content_type=JSON)
        profile = GOOGLE.fetch(classify("https://maps.app.goo.gl/AbCd"), actx(google_api_key="k"))
        sent = json.loads(search.calls[0].request.body)
        mask = search.calls[0].request.headers["X-Goog-FieldMask"]
    assert sent["textQuery"].startswith("Kopi Senja Jl. Kemang Raya")
    assert sent["regionCode"] == "ID"
    assert mask.startswith("places.")
    assert profile.status == "verified" and profile.name == "Kopi Senja Kemang"


def test_closed_business_and_missing_website(actx, platform_page) -> None:
    channel = ChannelConfig(url="https://maps.app.goo.gl/Old", line=3, place_id="ChIJkopisenja0000000000002")
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, "https://maps.app.goo.gl/Old", status=302, headers={"Location": "https://maps.google.com/?cid=42"})
        mock.add(responses.GET, "https://maps.google.com/", body="<html></html>", content_type="text/html")
        mock.add(responses.GET, "https://places.googleapis.com/v1/places/ChIJkopisenja0000000000002",
                 body=platform_page("google_business/place-closed.json"), content_type=JSON)
        profile = GOOGLE.fetch(classify(channel.url), actx(channel=channel, google_api_key="k"))
    assert (profile.status, profile.reason, profile.website) == ("mismatch", "closed_permanently", None)


def test_rejected_key_is_unverifiable_with_the_api_message(actx, platform_page) -> None:
    channel = ChannelConfig(url="https://maps.app.goo.gl/AbCd", place_id="ChIJkopisenja0000000000001")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(responses.GET, "https://maps.app.goo.gl/AbCd", status=302, headers={"Location": "https://maps.google.com/?cid=1"})
        mock.add(responses.GET, "https://maps.google.com/", body="", content_type="text/html")
        mock.add(responses.GET, DETAILS, status=400, body=platform_page("google_business/error-key.json"), content_type=JSON)
        profile = GOOGLE.fetch(classify(channel.url), actx(channel=channel, google_api_key="bad"))
    assert profile.status == "unverifiable" and "API key not valid" in profile.reason


def test_unknown_place_id_is_unreachable(actx) -> None:
    channel = ChannelConfig(url="https://www.google.com/maps/search/?api=1&query_place_id=ChIJnosuchplace000000001")
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, "https://places.googleapis.com/v1/places/ChIJnosuchplace000000001", status=404,
                 json={"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}})
        profile = GOOGLE.fetch(classify(channel.url), actx(channel=channel, google_api_key="k"))
    assert profile.status == "unreachable"


def test_business_site_is_dead_without_a_request(actx) -> None:
    with responses.RequestsMock() as mock:
        profile = GOOGLE.fetch(classify("https://kopisenja.business.site/"), actx())
        assert len(mock.calls) == 0
    assert profile.status == "unreachable" and "2024" in profile.reason
