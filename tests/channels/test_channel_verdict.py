"""A channel's status is the verdict on the whole channel: the link back and
every compared fact. Settled once in the pipeline, so every format agrees."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses
from channel_kit import PLATFORM_FIXTURES

from omnilinks.models import Finding, Profile
from omnilinks.pipeline import check
from omnilinks.report import FORMATS, RenderOptions
from omnilinks.report.channelmap import links_to_site
from omnilinks.rules.channel_facts import NAME, PHONE
from omnilinks.rules.channel_verdict import settle_channels

LISTING_URL = "https://www.google.com/maps/search/?api=1&query=Kopi+Senja&query_place_id=ChIJkopisenja0000000000001"
DETAILS = "https://places.googleapis.com/v1/places/ChIJkopisenja0000000000001"
PAGE = f"""<!DOCTYPE html><html><head><title>Kopi Senja</title></head><body>
<footer><a href="{LISTING_URL.replace('&', '&amp;')}">Maps</a> <a href="tel:+62215550123">(021) 5550123</a></footer>
</body></html>"""


def site(tmp_path: Path, extra: str = "") -> tuple[str, str]:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(PAGE, encoding="utf-8")
    config = f"""site: {{url: https://kopisenja.id}}
brand: {{name: Kopi Senja, aliases: [Kopi Senja Kemang], phone: "+62 21 5550123", country: ID}}
check: {{external: false}}
channels:
  - {{url: "{LISTING_URL}"}}
{extra}"""
    (tmp_path / "omnilinks.yml").write_text(config, encoding="utf-8")
    return str(tmp_path / "site"), str(tmp_path / "omnilinks.yml")


def details(phone: str) -> str:
    place = json.loads((PLATFORM_FIXTURES / "google_business" / "place-details.json").read_text(encoding="utf-8"))
    place["internationalPhoneNumber"] = phone
    place["nationalPhoneNumber"] = phone
    return json.dumps(place)


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, phone: str, extra: str = ""):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOOGLE_MAPS_API_KEY", "k-test")
    target, config = site(tmp_path, extra)
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, DETAILS, body=details(phone), content_type="application/json")
        return check(target, config_path=config, use_cache=False)


def test_listing_with_another_phone_is_a_mismatch_in_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = run(tmp_path, monkeypatch, "+62 21 5550199")
    (listing,) = report.channels
    assert (listing.status, listing.links_back) == ("mismatch", True)  # it does link back; the phone differs
    assert listing.reason.startswith("phone differs: +62 21 5550199 on the listing vs +62 21 5550123 on the site")
    assert "channel-phone-differs" in [f.rule for f in report.findings]
    rendered = {name: fmt.render(report, RenderOptions()) for name, fmt in FORMATS.items()}
    assert json.loads(rendered["json"])["channels"][0]["status"] == "mismatch"
    assert "mismatch" in rendered["text"] and "phone differs: +62 21 5550199" in rendered["text"]
    assert "❌ mismatch" in rendered["markdown"] and "phone differs" in rendered["markdown"]
    assert '<span class="pill problem">Needs fixing</span>' in rendered["html"] and "phone differs: +62 21 5550199" in rendered["html"]
    assert "verified" not in rendered["text"].split("Channels", 1)[1]


def test_agreeing_listing_stays_verified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (listing,) = run(tmp_path, monkeypatch, "+62 21 5550123").channels
    assert (listing.status, listing.links_back) == ("verified", True)
    assert listing.reason == "the listing links to https://www.kopisenja.id/"


def test_a_silenced_difference_does_not_turn_the_channel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = run(tmp_path, monkeypatch, "+62 21 5550199", extra="ignore: [channel-phone-differs]\n")
    assert report.channels[0].status == "verified"
    assert "channel-phone-differs" not in [f.rule for f in report.findings]


def profile(**fields) -> Profile:  # type: ignore[no-untyped-def]
    base = dict(platform="generic", url="https://direktori.example/kopi-senja", status="verified", links_back=True,
                reason="the page links to https://kopisenja.id/")
    base.update(fields)
    return Profile(**base)


def phone_finding(url: str = "https://direktori.example/kopi-senja", platform: str = "generic") -> Finding:
    return PHONE.finding("…", target=url, platform=platform, field="phone", expected="+442079460000", actual="+442079460999")


def test_every_differing_fact_is_named_and_links_back_is_kept() -> None:
    name = NAME.finding("…", target="https://direktori.example/kopi-senja", platform="generic", field="name",
                        expected="Kopi Senja", actual="Warung Senja")
    (settled,) = settle_channels([profile()], [phone_finding(), name])
    assert (settled.status, settled.links_back) == ("mismatch", True)
    assert settled.reason == ("phone differs: +44 20 7946 0999 on the page vs +44 20 7946 0000 on the site; "
                              "name differs: 'Warung Senja' on the page vs 'Kopi Senja' on the site; "
                              "the page links to https://kopisenja.id/")


def test_a_link_mismatch_keeps_its_reason_first() -> None:
    wrong = profile(status="mismatch", links_back=False, reason="the page links to https://kopisenja.com/, not to https://kopisenja.id")
    (settled,) = settle_channels([wrong], [phone_finding()])
    assert settled.reason.startswith("the page links to https://kopisenja.com/") and "phone differs" in settled.reason
    assert settled.links_back is False


def test_an_unverifiable_channel_with_a_differing_fact_is_a_mismatch() -> None:
    walled = profile(platform="instagram", url="https://www.instagram.com/kopisenja/", status="unverifiable",
                     links_back=None, reason="the recorded facts do not say whether the profile links to the site")
    (settled,) = settle_channels([walled], [phone_finding(walled.url, "instagram")])
    assert (settled.status, settled.links_back) == ("mismatch", None)
    assert settled.reason.startswith("phone differs: +44 20 7946 0999 on Instagram vs")


def test_other_findings_and_other_channels_leave_the_status_alone() -> None:
    other = phone_finding("https://elsewhere.example/", "generic")
    gone = profile(status="unreachable", links_back=None, reason="HTTP 404")
    settled = settle_channels([profile(), gone], [other])
    assert [p.status for p in settled] == ["verified", "unreachable"]
    assert settle_channels([gone], [phone_finding()])[0].status == "unreachable"


def test_the_map_arrow_is_the_link_back_alone() -> None:
    (settled,) = settle_channels([profile()], [phone_finding()])
    assert links_to_site(settled) == "ok"  # the node says mismatch; the arrow says it links back
    assert links_to_site(profile(status="mismatch", links_back=False)) == "bad"
    assert links_to_site(profile(status="mismatch", links_back=None)) == "bad"
    assert links_to_site(profile(status="unverifiable", links_back=None)) == "unknown"
