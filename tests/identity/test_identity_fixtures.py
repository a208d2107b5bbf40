"""Whole-site checks of the Indonesian and English fixture sites: the exact findings."""
from __future__ import annotations

from pathlib import Path

import pytest
from identity_helpers import FIXTURES, line_of, mine

import omnilinks
from omnilinks.extract.html import parse_page
from omnilinks.models import Location


def where(site: Path, loc: Location) -> str:
    rel = Path(loc.path or "").resolve().relative_to(site.resolve()).as_posix()
    return f"{rel}:{loc.line}" if loc.line else rel


def summary(site: Path) -> tuple[omnilinks.models.Report, list[tuple]]:
    report = omnilinks.check(str(site), offline=True, use_cache=False)
    rows = sorted((f.rule, f.field, f.expected, f.actual, where(site, f.location),
                   tuple(where(site, r) for r in f.related)) for f in mine(report.findings))
    return report, rows


@pytest.mark.parametrize("name", ["kopi-senja-id", "harbor-bakery-en"])
def test_equivalent_forms_raise_no_identity_findings(name: str) -> None:
    report, rows = summary(FIXTURES / name)
    assert rows == []
    # A silent pass must not come from extracting nothing: every field is stated several ways.
    pages = [parse_page(path.read_bytes(), "https://example.id/" + path.name, path=str(path))
             for path in sorted((FIXTURES / name).rglob("*.html"))]
    sources: dict[str, set[str]] = {}
    for page in pages:
        for fact in page.facts:
            sources.setdefault(fact.field, set()).add(fact.source)
    for field in ("name", "phone", "whatsapp", "email", "address", "hours"):
        assert len(sources[field]) >= 2, (field, sources.get(field))
    identity = report.identity
    assert identity.name and identity.phone and identity.whatsapp and identity.email
    assert identity.address and identity.hours


def test_declared_identity_wins_on_the_indonesian_site() -> None:
    report, _ = summary(FIXTURES / "kopi-senja-id")
    identity = report.identity
    assert (identity.name, identity.phone, identity.whatsapp, identity.email, identity.hours) == (
        "Kopi Senja", "+62215550123", "+6281234567890", "halo@kopisenja.id", "Mo-Su 08:00-22:00")
    assert identity.inferred == ()


def test_english_site_without_brand_infers_every_fact() -> None:
    report, _ = summary(FIXTURES / "harbor-bakery-en")
    identity = report.identity
    assert identity.inferred == ("name", "phone", "whatsapp", "email", "address", "hours")
    assert (identity.name, identity.phone, identity.whatsapp, identity.email, identity.hours) == (
        "Harbor Bakery", "+62361975123", "+6281234567890", "hello@harborbakery.co.id", "Mo-Su 07:00-21:00")
    assert identity.address == "Jalan Raya Ubud Nomor 8, Ubud, Kabupaten Gianyar, Bali 80571"


def test_indonesian_conflicts_exact_findings() -> None:
    site = FIXTURES / "kopi-senja-konflik"
    index, menu, kontak, promo = (site / "index.html", site / "menu.html", site / "kontak" / "index.html",
                                  site / "promo.html")
    _, rows = summary(site)
    footer_phone = line_of(index, "(021) 555-0999")
    assert rows == sorted([
        ("nap-phone-mismatch", "phone", "+62 21 5550123", "(021) 555-0999", f"index.html:{footer_phone}",
         (f"kontak/index.html:{line_of(kontak, '555-0999')}", f"menu.html:{line_of(menu, '555-0999')}")),
        ("nap-whatsapp-mismatch", "whatsapp", "+62 812-3456-7890",
         "https://api.whatsapp.com/send?phone=6281299998888", f"kontak/index.html:{line_of(kontak, '6281299998888')}", ()),
        ("nap-email-mismatch", "email", "halo@kopisenja.id", "kopisenja@gmail.com",
         f"kontak/index.html:{line_of(kontak, 'mailto:kopisenja@gmail.com')}", ()),
        ("nap-address-mismatch", "address", "Jl. Kemang Raya No. 10, Jakarta Selatan 12730",
         "Jl. Kemang Raya No. 12, Jakarta Selatan 12730", f"kontak/index.html:{line_of(kontak, '<address>')}", ()),
        ("nap-hours-mismatch", "hours", "Mo-Su 08:00-22:00", "Mo-Sa 08:00-22:00",
         f"index.html:{line_of(index, 'openingHours')}", ()),
        ("schema-telephone-no-country-code", "phone", "+62 21 5550123", "021-5550123",
         f"index.html:{line_of(index, '021-5550123')}", ()),
        ("schema-url-not-site", "website", "https://kopisenja.id", "https://kopisenja.com/",
         f"index.html:{line_of(index, 'kopisenja.com')}", ()),
        ("schema-sameas-missing", "handle", "https://www.tiktok.com/@kopisenja",
         "https://www.instagram.com/kopisenja/, https://www.facebook.com/kopisenjalama",
         f"index.html:{line_of(index, 'application/ld+json')}", ()),
        ("schema-sameas-unlisted", "handle", None, "https://www.facebook.com/kopisenjalama",
         f"index.html:{line_of(index, 'application/ld+json')}", ()),
        ("schema-localbusiness-incomplete", "address", None, "no address",
         f"kontak/index.html:{line_of(kontak, 'application/ld+json')}", ()),
        ("schema-jsonld-invalid", None, None, "invalid JSON-LD: Expecting property name enclosed in double quotes",
         f"promo.html:{line_of(promo, '}')}", ()),
        ("brand-name-mismatch", "name", "Kopi Senja", "Kopi Senyap", f"index.html:{line_of(index, 'Kopi Senyap')}", ()),
        ("brand-site-name-mismatch", "name", "Kopi Senja", "Kopi Senja Kemang",
         f"index.html:{line_of(index, 'og:site_name')}", ()),
        ("brand-title-mismatch", "name", "Kopi Senja", "Kopi Senyap", f"menu.html:{line_of(menu, '<title>')}",
         (f"kontak/index.html:{line_of(kontak, '<title>')}",)),
        ("brand-no-contact-route", None, None, "1 page without a contact route", "promo.html", ()),
    ])


def test_conflict_fixes_say_what_to_change_where() -> None:
    site = FIXTURES / "kopi-senja-konflik"
    report = omnilinks.check(str(site), offline=True, use_cache=False)
    by_rule = {f.rule: f for f in mine(report.findings)}
    assert "to https://wa.me/6281234567890 at" in (by_rule["nap-whatsapp-mismatch"].fix or "")
    phone_fix = by_rule["nap-phone-mismatch"].fix or ""
    assert phone_fix.startswith("Change (021) 555-0999 to +62 21 5550123 at ")
    assert phone_fix.count("(page text)") == 3
    same_as = by_rule["schema-sameas-missing"].fix or ""
    assert '"https://www.tiktok.com/@kopisenja"' in same_as and '"sameAs": [' in same_as
    assert "house number 10 vs 12" in by_rule["nap-address-mismatch"].message
    assert "Sunday: 08:00-22:00 vs closed" in by_rule["nap-hours-mismatch"].message


def test_english_conflicts_with_inferred_reference() -> None:
    site = FIXTURES / "harbor-bakery-en-conflicts"
    about, contact = site / "about.html", site / "contact.html"
    report, rows = summary(site)
    assert rows == sorted([
        ("nap-phone-mismatch", "phone", "+62 361 975123", "(0361) 975-999", f"about.html:{line_of(about, '975-999')}", ()),
        ("nap-hours-mismatch", "hours", "Mo-Su 07:00-21:00", "Mo-Sa 07:00-21:00",
         f"about.html:{line_of(about, 'Hours: Mon')}", ()),
        ("nap-address-mismatch", "address", "Jl. Raya Ubud No. 8, Ubud, Bali 80571", "Jl. Raya Ubud No. 8, Ubud, Bali 80572",
         f"contact.html:{line_of(contact, '<address>')}", ()),
        ("nap-whatsapp-mismatch", "whatsapp", "+62 812-3456-7890", "0813-1111-2222",
         f"contact.html:{line_of(contact, '0813-1111-2222')}", ()),
        ("nap-email-mismatch", "email", "hello@harborbakery.co.id", "harborbakery@yahoo.com",
         f"contact.html:{line_of(contact, 'yahoo')}", ()),
        ("schema-business-missing", None, "LocalBusiness", None, "index.html", ()),
    ])
    phone = next(f for f in report.findings if f.rule == "nap-phone-mismatch")
    assert "inferred" in (phone.fix or "") and "brand.phone" in (phone.fix or "")
    missing = next(f for f in report.findings if f.rule == "schema-business-missing")
    assert '"telephone": "+62 361 975123"' in (missing.fix or "")
    assert '"name": "Harbor Bakery"' in (missing.fix or "")
    assert '<script type="application/ld+json">' in (missing.fix or "")
