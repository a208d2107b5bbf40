"""With no brand declared the reference is only what most pages say: a value that
differs is a warning naming both values and asking which is right, never an error."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from identity_helpers import jsonld, mine, page

import omnilinks
from omnilinks.cli import main
from omnilinks.identity.compare import if_inferred
from omnilinks.models import Finding, Identity

FOOTER = "<footer><p>{label}: {value}</p></footer>"
# (field, label, the majority's value, the odd value out, brand key, region): many countries.
CASES = [
    ("phone", "Phone", "+1 415-555-0100", "+1 415-555-0199", "phone", "US"),
    ("phone", "Tel", "+44 20 7946 0018", "+44 20 7946 0999", "phone", "GB"),
    ("phone", "Telefon", "+49 30 901820", "+49 30 901899", "phone", "DE"),
    ("phone", "Telp", "+62 21 5550 123", "+62 21 5550 999", "phone", "ID"),
    ("email", "Email", "shop@bookshop.co.uk", "bookshop@gmail.com", "email", "GB"),
    ("email", "Courriel", "contact@boulangerie.fr", "boulangerie@orange.fr", "email", "FR"),
    ("hours", "Opening hours", "Mo-Su 06:30-15:00", "Mo-Sa 06:30-15:00", "hours", "AU"),
]


def site(root: Path, label: str, majority: str, odd: str, brand: dict[str, str] | None) -> Path:
    root.mkdir(parents=True)
    config: dict[str, object] = {"site": {"url": "https://example.test"}}
    if brand:
        config["brand"] = brand
    (root / "omnilinks.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for name in ("index.html", "about.html", "menu.html"):
        (root / name).write_text(page(FOOTER.format(label=label, value=majority), title="Shop"), encoding="utf-8")
    (root / "contact.html").write_text(page(FOOTER.format(label=label, value=odd), title="Shop"), encoding="utf-8")
    return root


def exit_code(root: Path) -> int:
    with pytest.raises(SystemExit) as caught:
        main(["check", str(root), "--offline", "--no-progress", "--no-cache"])
    return int(caught.value.code or 0)


@pytest.mark.parametrize("field, label, majority, odd, key, region", CASES)
def test_inferred_reference_gives_a_question(tmp_path: Path, field: str, label: str, majority: str, odd: str,
                                             key: str, region: str) -> None:
    root = site(tmp_path / "site", label, majority, odd, None)
    report = omnilinks.check(str(root), offline=True, use_cache=False)
    assert field in report.identity.inferred
    [finding] = [f for f in mine(report.findings) if f.field == field]
    assert finding.severity in ("warning", "notice")
    assert f"which is right, {finding.expected} or {finding.actual}?" in finding.message
    assert f"No brand.{field} is declared" in finding.message
    assert "the brand's" not in finding.message  # nothing picks a side
    assert f"differs from {finding.expected}, which 3 pages state" in finding.message  # the evidence for each
    fix = finding.fix or ""
    assert f"If {finding.actual}: declare brand.{field}:" in fix and f"If {finding.expected}: " in fix
    assert exit_code(root) == 0


@pytest.mark.parametrize("field, label, majority, odd, key, region", CASES)
def test_declared_reference_keeps_its_verdict(tmp_path: Path, field: str, label: str, majority: str, odd: str,
                                              key: str, region: str) -> None:
    root = site(tmp_path / "site", label, majority, odd, {key: majority, "country": region})
    report = omnilinks.check(str(root), offline=True, use_cache=False)
    [finding] = [f for f in mine(report.findings) if f.field == field]
    assert "which is right" not in finding.message and "the brand's" in finding.message
    if field == "phone":
        assert finding.severity == "error" and exit_code(root) == 1


def test_an_inferred_name_in_structured_data_is_a_question(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "omnilinks.yml").write_text("site: {url: 'https://example.test'}\n", encoding="utf-8")
    for name in ("index.html", "a.html", "b.html"):
        (root / name).write_text(page("<p>Hello</p>", jsonld(name="Łódź Bakery")), encoding="utf-8")
    (root / "c.html").write_text(page("<p>Hello</p>", jsonld(name="Crusty Loaf Company")), encoding="utf-8")
    report = omnilinks.check(str(root), offline=True, use_cache=False)
    [finding] = [f for f in report.findings if f.rule == "brand-name-mismatch"]
    assert "which is right, Łódź Bakery or Crusty Loaf Company?" in finding.message


def test_a_channel_fact_against_an_inferred_reference_is_a_question() -> None:
    finding = Finding("channel-phone-differs", "nap", "error", "Facebook shows the phone +61 2 5550 9876, not +61 2 5550 1234",
                      field="phone", expected="+61255501234", actual="+61255509876", fix="Set the phone on Facebook to +61 2 5550 1234.")
    asked = if_inferred(finding, Identity(phone="+61255501234", country="AU", inferred=("phone",)))
    assert asked.severity == "warning"
    assert asked.message.endswith("No brand.phone is declared: which is right, +61255501234 or +61255509876?")
    assert asked.fix is not None and asked.fix.startswith("Which is right? If +61255501234: Set the phone on Facebook")
    assert if_inferred(finding, Identity(phone="+61255501234", country="AU")) == finding  # declared: unchanged
    whatsapp = Finding("channel-whatsapp-differs", "nap", "error", "m", field="whatsapp", expected="+6281234567890",
                       actual="+6281311112222")
    assert if_inferred(whatsapp, Identity(phone="+6281234567890", inferred=("phone",)), "phone").severity == "warning"


def test_channel_facts_rule_asks_when_the_site_phone_was_inferred() -> None:
    from omnilinks.config import Config
    from omnilinks.discover import Site
    from omnilinks.models import Profile
    from omnilinks.rules import channel_facts
    from omnilinks.rules.base import Context

    listing = Profile(platform="google_business", url="https://maps.app.goo.gl/x", status="verified", links_back=True,
                      evidence="places_api", website="https://bakery.example/", phone="+1 415-555-0199")
    site = "https://bakery.example/"

    def found(identity: Identity) -> Finding:
        context = Context(config=Config(site_url=site), pages=(), identity=identity, site_url=site, site=Site("live", site),
                          profiles=(listing,))
        return next(f for f in channel_facts.check(context) if f.rule == "channel-phone-differs")

    inferred = found(Identity(phone="+14155550100", country="US", website=site, inferred=("phone",)))
    assert inferred.severity == "warning" and "which is right, +14155550100 or +14155550199?" in inferred.message
    declared = found(Identity(phone="+14155550100", country="US", website=site))
    assert declared.severity == "error" and "which is right" not in declared.message
