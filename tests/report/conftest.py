"""A fixed sample Report over tests/report/fixtures/hugo_site: a Hugo-style repository whose
built pages are in public/ and whose sources (content/, layouts/, hugo.toml) produced them."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from omnilinks.models import Finding, Identity, Location, Profile, Report

SITE = Path(__file__).parent / "fixtures" / "hugo_site"
CONFIG = "omnilinks.yml"


def sample_findings() -> list[Finding]:
    return [
        Finding("link-internal-missing", "link", "error", "page https://kopisenja.id/menu-lama/ does not exist",
                Location("public/about/index.html", 5, 12), target="https://kopisenja.id/menu-lama/",
                fix="Link https://kopisenja.id/menu/ instead, or restore the page."),
        Finding("link-broken", "link", "error", "https://www.tiktok.com/@kopisenja_old answers HTTP 404",
                Location("public/index.html", 9, 3), target="https://www.tiktok.com/@kopisenja_old",
                platform="tiktok", fix="Link the live account https://www.tiktok.com/@kopisenja."),
        Finding("link-redirect", "link", "warning", "http://instagram.com/kopisenja redirects",
                Location("public/index.html", 10, 3), target="http://instagram.com/kopisenja",
                fix="Link https://www.instagram.com/kopisenja/ instead."),
        Finding("link-unreachable", "link", "error", "https://kopisenja.id/promo cannot be reached (timeout)",
                Location(url="https://kopisenja.id/promo"), target="https://kopisenja.id/promo",
                fix="Check that the server answers, then run again."),
        Finding("nap-phone-mismatch", "nap", "error", "phone +62 21 5550 999 differs from +62 21 5550 123",
                Location("public/contact/index.html", 5, 4), target="tel:+62215550999", field="phone",
                expected="+62 21 5550 123", actual="+62 21 5550 999",
                related=(Location("public/menu/index.html", 8, 3),),
                fix='Change the phone to "+62 21 5550 123" in the page source.'),
        Finding("nap-phone-mismatch", "nap", "warning", "Google Business lists phone +62 21 5550 999",
                target="https://maps.app.goo.gl/AbCd", platform="google_business", field="phone",
                expected="+62 21 5550 123", actual="+62 21 5550 999",
                fix="Edit the listing's phone in Google Business Profile to +62 21 5550 123."),
        Finding("channel-not-linked", "crossref", "warning",
                "tokopedia store https://www.tokopedia.com/kopisenja is declared but no page links it",
                target="https://www.tokopedia.com/kopisenja", platform="tokopedia",
                fix='Add <a href="https://www.tokopedia.com/kopisenja" rel="me">Tokopedia</a> to the footer.'),
        Finding("channel-no-link-back", "crossref", "error",
                "YouTube channel links https://kopisenja-lama.id/, not the site", target="https://www.youtube.com/@kopisenja",
                platform="youtube", expected="https://kopisenja.id/", actual="https://kopisenja-lama.id/",
                fix="In YouTube Studio → Customisation → Links, set the first link to https://kopisenja.id/."),
        Finding("brand-title-name", "brand", "warning", 'title suffix "Kopi Senyap" is not the brand name',
                Location("public/index.html", 3, 7), field="name", expected="Kopi Senja", actual="Kopi Senyap",
                fix="Use <title>… | Kopi Senja</title>."),
        Finding("link-unverifiable", "link", "notice", "instagram.com answered with a login wall",
                target="https://www.instagram.com/kopisenja/", platform="instagram",
                fix="Open the profile in a browser and confirm the website link by hand."),
    ]


def sample_channels() -> tuple[Profile, ...]:
    return (
        Profile("instagram", "https://www.instagram.com/kopisenja/", "kopisenja", "unverifiable",
                "login wall (HTTP 429)", None, evidence="fetched", config_line=9),
        Profile("tiktok", "https://www.tiktok.com/@kopisenja", "kopisenja", "verified", None, True,
                name="Kopi Senja", evidence="fetched", config_line=10),
        Profile("youtube", "https://www.youtube.com/@kopisenja", "kopisenja", "mismatch",
                "links https://kopisenja-lama.id/", False, name="Kopi Senja", evidence="fetched", config_line=11),
        Profile("tokopedia", "https://www.tokopedia.com/kopisenja", "kopisenja", "not_applicable",
                "marketplaces forbid off-platform links", None, name="Kopi Senja Official", evidence="fetched",
                config_line=12),
        # Links back, but shows another phone: the channel is a mismatch (the pipeline settles it so).
        Profile("google_business", "https://maps.app.goo.gl/AbCd", None, "mismatch",
                "phone differs: +62 21 5550 999 on the listing vs +62 21 5550 123 on the site; "
                "the listing links to https://kopisenja.id/", True, name="Kopi Senja",
                phone="+62 21 5550 999", address="Jl. Kemang Raya No.10, Bangka, Mampang Prapatan, Jakarta Selatan",
                hours="Mo-Su 08:00-22:00", evidence="places_api", config_line=13),
    )


def make_report(findings: list[Finding] | None = None, **changes: Any) -> Report:
    values: dict[str, Any] = dict(
        target="public", findings=tuple(sample_findings() if findings is None else findings),
        channels=sample_channels(),
        identity=Identity(name="Kopi Senja", phone="+62 21 5550 123", email="halo@kopisenja.id",
                          address="Jl. Kemang Raya No. 10, Jakarta Selatan 12730", hours="Mo-Su 08:00-22:00",
                          website="https://kopisenja.id/", inferred=("hours",)),
        pages=4, links=17, version="0.0.0", config_path=CONFIG, root=str(SITE / "public"),
    )
    values.update(changes)
    return Report(**values)


@pytest.fixture
def in_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run from the sample repository, as CI does from its checkout."""
    monkeypatch.chdir(SITE)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    yield SITE


@pytest.fixture
def sample() -> Callable[..., Report]:
    return make_report


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    return compare_golden


def compare_golden(name: str, text: str) -> None:
    """Compare with tests/report/golden/NAME; OMNILINKS_UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    path = Path(__file__).parent / "golden" / name
    if os.environ.get("OMNILINKS_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"golden file {path} missing: run with OMNILINKS_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file (OMNILINKS_UPDATE_GOLDEN=1 regenerates it after review)")
