"""Mastodon and the rest of the Fediverse: the accounts API where it answers,
the profile page's HTML where it refuses (sign-in required, GoToSocial,
Misskey), unreachable only when the server itself is. Our fixtures follow the
servers' own templates (Mastodon 4 accounts/show, GoToSocial profile.tmpl,
Misskey user.pug)."""
from __future__ import annotations

import json

import requests
import responses

from omnilinks.channels import classify
from omnilinks.channels.fediverse_page import read_profile_page
from omnilinks.channels.mastodon import ADAPTER as MASTODON

HTML = "text/html; charset=utf-8"
JSON = "application/json"


def run(url, ctx, setup):  # type: ignore[no-untyped-def]
    ref = MASTODON.parse(url, declared=True)
    assert ref is not None
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        setup(mock)
        profile = MASTODON.fetch(ref, ctx)
        calls = [c.request.url for c in mock.calls]
    return profile, calls


def test_mastodon_api_allowed_uses_the_fields_and_the_servers_verification(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://mastodon.social/api/v1/accounts/lookup",
                 body=platform_page("mastodon/account.json"), content_type=JSON)
    profile, calls = run("https://mastodon.social/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back, profile.name) == ("verified", True, "Kopi Senja")
    assert profile.reason.endswith("(rel=me verified by the server)") and len(calls) == 1


def test_mastodon_api_401_reads_the_profile_pages_rel_me_links(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://sosial.kopi.example/api/v1/accounts/lookup", status=401,
                 json={"error": "This method requires an authenticated user"})
        mock.add(responses.GET, "https://sosial.kopi.example/@kopisenja",
                 body=platform_page("mastodon/profile-page-api-401.html"), content_type=HTML)
    profile, _ = run("https://sosial.kopi.example/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back, profile.name) == ("verified", True, "Kopi Senja")
    assert profile.links == ("https://kopisenja.id/", "https://www.instagram.com/kopisenja")
    assert profile.reason == ("the Mastodon profile links to https://kopisenja.id/ "
                              "(read from the profile page: the server's API answered HTTP 401)")


def test_gotosocial_api_404_reads_the_fields_table(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://gts.kopi.example/api/v1/accounts/lookup", status=404, body="404 page not found")
        mock.add(responses.GET, "https://gts.kopi.example/@kopisenja",
                 body=platform_page("mastodon/gotosocial-profile.html"), content_type=HTML)
    profile, _ = run("https://gts.kopi.example/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back, profile.name) == ("verified", True, "Kopi Senja")
    assert profile.links[0] == "https://kopisenja.id" and "https://gts.kopi.example" not in profile.links
    assert profile.website == "https://kopisenja.id"  # the hashtag in the bio is not a website
    assert profile.reason.startswith("the GoToSocial profile links to https://kopisenja.id")


def test_gotosocial_without_links_does_not_link_back(actx, platform_page) -> None:
    """GoToSocial renders every field and the bio: no link there is no link at all."""
    page = platform_page("mastodon/gotosocial-profile.html").replace(
        b'<a href="https://kopisenja.id" rel="nofollow noreferrer noopener" target="_blank">https://kopisenja.id</a>', b"-")
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://gts.kopi.example/api/v1/accounts/lookup", status=404)
        mock.add(responses.GET, "https://gts.kopi.example/@kopisenja", body=page, content_type=HTML)
    profile, _ = run("https://gts.kopi.example/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back, profile.website) == ("mismatch", False, None)


def test_gotosocial_field_to_another_site_is_a_mismatch(actx, platform_page) -> None:
    page = platform_page("mastodon/gotosocial-profile.html").replace(b"https://kopisenja.id", b"https://kopisenja.com")
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://gts.kopi.example/api/v1/accounts/lookup", status=404)
        mock.add(responses.GET, "https://gts.kopi.example/@kopisenja", body=page, content_type=HTML)
    profile, _ = run("https://gts.kopi.example/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back, profile.website) == ("mismatch", False, "https://kopisenja.com")


def test_misskey_api_404_reads_rel_me_and_the_homepage(actx, platform_page) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://mk.kopi.example/api/v1/accounts/lookup", status=404, json={"error": "not found"})
        mock.add(responses.GET, "https://mk.kopi.example/@kopisenja",
                 body=platform_page("mastodon/misskey-profile.html"), content_type=HTML)
    profile, _ = run("https://mk.kopi.example/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back, profile.name) == ("verified", True, "Kopi Senja")
    assert profile.links == ("https://kopisenja.id/", "https://www.tiktok.com/@kopisenja.id")
    assert profile.reason.startswith("the Misskey profile links to https://kopisenja.id/")


def test_misskey_page_without_link_fields_is_unverifiable_not_a_mismatch(actx, platform_page) -> None:
    """Misskey's page carries only the fields that are a bare link: the others may hold the site."""
    page = b"\n".join(line for line in platform_page("mastodon/misskey-profile.html").splitlines()
                      if b'rel="me"' not in line and b'type="text/html"' not in line and b"activity+json" not in line)
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://mk.kopi.example/api/v1/accounts/lookup", status=404)
        mock.add(responses.GET, "https://mk.kopi.example/@kopisenja", body=page, content_type=HTML)
    profile, _ = run("https://mk.kopi.example/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back) == ("unverifiable", None)
    assert "the profile page shows no links; the rest of the profile needs the API" in profile.reason


def test_mastodon_page_showing_only_other_profiles_is_unverifiable(actx, platform_page) -> None:
    page = platform_page("mastodon/profile-page-api-401.html").replace(
        b'<link href="https://kopisenja.id/" rel="me" type="text/html">\n', b"")
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://sosial.kopi.example/api/v1/accounts/lookup", status=401)
        mock.add(responses.GET, "https://sosial.kopi.example/@kopisenja", body=page, content_type=HTML)
    profile, _ = run("https://sosial.kopi.example/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back) == ("unverifiable", None)
    assert "shows only https://www.instagram.com/kopisenja" in profile.reason


def test_mastodon_page_naming_another_website_is_a_mismatch(actx, platform_page) -> None:
    page = platform_page("mastodon/profile-page-api-401.html").replace(b"https://kopisenja.id/", b"https://kopisenja.com/")
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://sosial.kopi.example/api/v1/accounts/lookup", status=401)
        mock.add(responses.GET, "https://sosial.kopi.example/@kopisenja", body=page, content_type=HTML)
    profile, _ = run("https://sosial.kopi.example/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back, profile.website) == ("mismatch", False, "https://kopisenja.com/")


def test_unknown_software_without_links_reads_the_activitypub_actor(actx, platform_page) -> None:
    page = ('<html><head><title>Kopi Senja</title><link rel="alternate" type="application/activity+json" '
            'href="https://fedi.kopi.example/users/kopisenja"></head><body><div id="app"></div></body></html>')
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://fedi.kopi.example/api/v1/accounts/lookup", status=403)
        mock.add(responses.GET, "https://fedi.kopi.example/@kopisenja", body=page, content_type=HTML)
        mock.add(responses.GET, "https://fedi.kopi.example/users/kopisenja", body=platform_page("mastodon/actor.json"),
                 content_type="application/activity+json",
                 match=[responses.matchers.header_matcher({"Accept": "application/activity+json"})])
    profile, _ = run("https://fedi.kopi.example/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back) == ("verified", True)
    assert "read from the profile's ActivityPub actor: the server's API answered HTTP 403" in profile.reason


def test_unknown_software_with_nothing_readable_is_unverifiable(actx) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://fedi.kopi.example/api/v1/accounts/lookup", status=403)
        mock.add(responses.GET, "https://fedi.kopi.example/@kopisenja", body="<html><body><div id=app></div></body></html>",
                 content_type=HTML)
    profile, _ = run("https://fedi.kopi.example/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back) == ("unverifiable", None)
    assert "the profile page shows no links" in profile.reason and "facts:" in profile.fix


def test_account_missing_on_the_page_too_is_unreachable(actx) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://mastodon.social/api/v1/accounts/lookup", status=404, json={"error": "Record not found"})
        mock.add(responses.GET, "https://mastodon.social/@kopisenjaa", status=404, body="<html>The page you are looking for isn't here.</html>")
    profile, _ = run("https://mastodon.social/@kopisenjaa", actx(), setup)
    assert profile.status == "unreachable" and "HTTP 404" in profile.reason


def test_server_unreachable_is_unreachable_without_reading_the_page(actx) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://gone.kopi.example/api/v1/accounts/lookup",
                 body=requests.ConnectionError("Connection refused"))
    profile, calls = run("https://gone.kopi.example/@kopisenja", actx(), setup)
    assert profile.status == "unreachable" and len(calls) == 1


def test_walled_profile_page_is_unverifiable(actx) -> None:
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://sosial.kopi.example/api/v1/accounts/lookup", status=401)
        mock.add(responses.GET, "https://sosial.kopi.example/@kopisenja", status=429, headers={"Retry-After": "3600"})
    profile, _ = run("https://sosial.kopi.example/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back) == ("unverifiable", None)


def test_page_reader_names_the_software(platform_page) -> None:
    assert read_profile_page(platform_page("mastodon/profile-page-api-401.html").decode(), "https://sosial.kopi.example/@kopisenja").software == "mastodon"
    assert read_profile_page(platform_page("mastodon/gotosocial-profile.html").decode(), "https://gts.kopi.example/@kopisenja").software == "gotosocial"
    misskey = read_profile_page(platform_page("mastodon/misskey-profile.html").decode(), "https://mk.kopi.example/@kopisenja")
    assert (misskey.software, misskey.actor) == ("misskey", "https://mk.kopi.example/users/9xkopisenja01")


def test_fields_with_only_other_profiles_are_no_link_back_not_a_wrong_site(actx, platform_page) -> None:
    account = json.loads(platform_page("mastodon/account.json"))
    account["fields"] = [field for field in account["fields"] if field["name"] == "Instagram"]
    def setup(mock):  # type: ignore[no-untyped-def]
        mock.add(responses.GET, "https://mastodon.social/api/v1/accounts/lookup", json=account)
    profile, _ = run("https://mastodon.social/@kopisenja", actx(), setup)
    assert (profile.status, profile.links_back, profile.website) == ("mismatch", False, None)
    assert "links only to other profiles (https://www.instagram.com/kopisenja)" in profile.reason


def test_misskey_and_gotosocial_hosts_are_recognised_from_a_link() -> None:
    assert classify("https://misskey.io/@kopisenja").platform == "mastodon"
    assert classify("https://gotosocial.kopi.example/@kopisenja").platform == "mastodon"
    assert classify("https://blog.kopi.example/@kopisenja") is None  # other servers need platform: mastodon
