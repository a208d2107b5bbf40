"""The crossref and channel_facts rules on hand-built profiles."""
from __future__ import annotations

from channel_kit import KOPI_SENJA, SITE

from omnilinks.config import ChannelConfig, Config
from omnilinks.discover import Site
from omnilinks.extract.html import parse_page
from omnilinks.models import Profile
from omnilinks.rules import channel_facts, crossref
from omnilinks.rules.base import Context

CONFIG = Config(path="omnilinks.yml", site_url=SITE, channels=(ChannelConfig(url="https://maps.app.goo.gl/x", line=9),))


def ctx(*profiles: Profile, pages=(), config: Config = CONFIG) -> Context:  # type: ignore[no-untyped-def]
    return Context(config=config, pages=tuple(pages), identity=KOPI_SENJA, site_url=SITE, site=Site("live", SITE),
                   profiles=profiles)


def listing(**fields) -> Profile:  # type: ignore[no-untyped-def]
    base = dict(platform="google_business", url="https://maps.app.goo.gl/x", status="verified", links_back=True,
                evidence="places_api", config_line=9, website="https://kopisenja.id/", name="Kopi Senja",
                phone="+62215550123", address="Jl. Kemang Raya No.10, Kota Jakarta Selatan 12730", hours="Mo-Su 08:00-22:00")
    base.update(fields)
    return Profile(**base)


def rules(findings, skip: str = "channel-not-linked") -> list[str]:  # type: ignore[no-untyped-def]
    """Rule ids found; the hand-built contexts have no pages, so nothing links the channel."""
    return sorted(f.rule for f in findings if f.rule != skip)


def test_agreeing_listing_has_no_findings() -> None:
    assert rules(channel_facts.check(ctx(listing()))) == []


def test_listing_differences_are_nap_findings_on_the_config_line() -> None:
    found = list(channel_facts.check(ctx(listing(
        name="Warung Senja", phone="+62215550999", address="Jl. Kemang Raya No. 12, Jakarta Selatan 12730",
        hours="Mo-Sa 08:00-22:00"))))
    assert rules(found) == ["channel-address-differs", "channel-hours-differ", "channel-name-differs", "channel-phone-differs"]
    assert all(f.platform == "google_business" and f.category == "nap" for f in found)
    assert all((f.location.path, f.location.line) == ("omnilinks.yml", 9) for f in found)
    hours = next(f for f in found if f.field == "hours")
    assert "Sunday: 08:00-22:00 vs closed" in hours.message


def test_closed_listing_and_missing_website() -> None:
    closed = list(channel_facts.check(ctx(listing(status="mismatch", reason="closed_permanently"))))
    assert rules(closed) == ["listing-closed"]
    missing = list(channel_facts.check(ctx(listing(status="mismatch", links_back=False, website=None))))
    assert rules(missing) == ["listing-no-website"]
    other = list(channel_facts.check(ctx(listing(status="mismatch", links_back=False, website="https://kopisenja.com"))))
    assert rules(other) == ["listing-website-differs"] and other[0].actual == "https://kopisenja.com"
    # The listing's website is a nap finding, not a second crossref one.
    assert rules(crossref.check(ctx(listing(status="mismatch", links_back=False, website=None)))) == []


def test_unverifiable_listing_without_key_is_one_notice_with_the_fix() -> None:
    found = [f for f in crossref.check(ctx(listing(status="unverifiable", reason="api_key_missing", evidence=None,
                                                   fix="export GOOGLE_MAPS_API_KEY=<key>")))
             if f.rule != "channel-not-linked"]
    assert rules(found) == ["channel-unverifiable"]
    assert "GOOGLE_MAPS_API_KEY" in found[0].message and found[0].fix == "export GOOGLE_MAPS_API_KEY=<key>"


PAGE = """<html><body><main><a href="https://www.instagram.com/kopisenja/">ig</a></main>
<footer><a href="https://instagram.com/KopiSenja">Instagram</a>
<a href="https://www.instagram.com/kopisenja.promo/">Promo</a>
<a href="https://x.com/senja_kopi">X</a></footer></body></html>"""


def test_site_side_rules_without_declared_channels() -> None:
    page = parse_page(PAGE, "https://kopisenja.id/", path="index.html")
    profiles = (Profile("instagram", "https://www.instagram.com/kopisenja/", "kopisenja", declared=False),
                Profile("instagram", "https://www.instagram.com/kopisenja.promo/", "kopisenja.promo", declared=False),
                Profile("x", "https://x.com/senja_kopi", "senja_kopi", declared=False))
    found = list(crossref.check(ctx(*profiles, pages=[page], config=Config(site_url=SITE))))
    assert rules(found) == ["channel-duplicate-account", "channel-handle-differs", "channel-handle-differs",
                            "channel-inconsistent-url", "channel-unverifiable", "channel-unverifiable", "channel-unverifiable"]
    duplicate = next(f for f in found if f.rule == "channel-duplicate-account")
    assert duplicate.expected == "https://www.instagram.com/kopisenja/" and duplicate.location.line == 3
    form = next(f for f in found if f.rule == "channel-inconsistent-url")
    assert form.actual == "https://instagram.com/KopiSenja" and form.location.line == 2


def test_unreachable_channel_is_an_error_at_the_linking_line() -> None:
    page = parse_page(PAGE, "https://kopisenja.id/", path="index.html")
    gone = Profile("x", "https://x.com/senja_kopi", "senja_kopi", status="unreachable", reason="HTTP 404: gone",
                   declared=False)
    (finding,) = [f for f in crossref.check(ctx(gone, pages=[page], config=Config(site_url=SITE)))
                  if f.rule == "channel-unreachable"]
    assert finding.severity == "error" and (finding.location.path, finding.location.line) == ("index.html", 4)
