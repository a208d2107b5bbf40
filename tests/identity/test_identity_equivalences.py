"""False alarms are bugs: every equivalence the issue lists gives no finding, and
each known difference gives exactly the one finding it should."""
from __future__ import annotations

from pathlib import Path

import pytest
from identity_helpers import jsonld, run, write_site

import omnilinks

PHONE_FORMS = [
    ("+62 812 3456 7890", "0812-3456-7890"),
    ("0812-3456-7890", "+62 812 3456 7890"),
    ("+62 812 3456 7890", "6281234567890"),
    ("(021) 555-0123", "+62 21 5550123"),
    ("+62 21 5550123", "(021) 555-0123"),
    ("021 5550123", "62 21 5550123"),
]


@pytest.mark.parametrize(("declared", "stated"), PHONE_FORMS)
def test_phone_forms_are_equal(tmp_path: Path, declared: str, stated: str) -> None:
    body = f'<p>Telp: {stated}</p><p><a href="tel:{stated.replace(" ", "")}">hubungi</a></p>'
    site = write_site(tmp_path, {"phone": declared}, body, jsonld(telephone=stated))
    assert [f.rule for f in run(site) if f.category == "nap"] == []


def test_different_phone_is_reported_once_with_every_place(tmp_path: Path) -> None:
    body = '<p>Telp: (021) 555-0999</p><p><a href="tel:+62215550999">hubungi</a></p>'
    site = write_site(tmp_path, {"phone": "+62 21 5550123"}, body, jsonld(telephone="+62 21 5550999"))
    findings = [f for f in run(site) if f.category == "nap"]
    assert [(f.rule, f.field, f.expected) for f in findings] == [("nap-phone-mismatch", "phone", "+62 21 5550123")]
    assert findings[0].actual == "+62 21 5550999"  # JSON-LD first: what search engines read
    assert len(findings[0].related) == 2


@pytest.mark.parametrize("link", [
    "https://wa.me/6281234567890",
    "https://wa.me/+6281234567890",
    "https://api.whatsapp.com/send?phone=6281234567890&text=Halo",
    "https://api.whatsapp.com/send/?phone=%2B6281234567890",
])
def test_whatsapp_links_match_declared_whatsapp(tmp_path: Path, link: str) -> None:
    site = write_site(tmp_path, {"whatsapp": "0812-3456-7890"}, f'<a href="{link}">WhatsApp</a>')
    assert run(site) == [] or all(f.rule != "nap-whatsapp-mismatch" for f in run(site))


def test_whatsapp_falls_back_to_declared_phone(tmp_path: Path) -> None:
    ok = write_site(tmp_path / "ok", {"phone": "+62 812 3456 7890"},
                    '<a href="https://wa.me/6281234567890">WA</a><p>WA: 0812-3456-7890</p>')
    assert [f.rule for f in run(ok) if f.field == "whatsapp"] == []
    bad = write_site(tmp_path / "bad", {"phone": "+62 812 3456 7890"}, "<p>WhatsApp: 0812-9999-8888</p>")
    findings = [f for f in run(bad) if f.field == "whatsapp"]
    assert [(f.rule, f.expected, f.actual) for f in findings] == [
        ("nap-whatsapp-mismatch", "+62 812-3456-7890", "0812-9999-8888")]
    assert "brand's phone is the reference" in (findings[0].fix or "")


def test_wrong_whatsapp_link_is_reported_once(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"whatsapp": "+62 812 3456 7890"}, '<a href="https://wa.me/6281299998888">WA</a>')
    report = omnilinks.check(str(site), offline=True, use_cache=False)
    # The channel check may report the link as a WhatsApp channel; the nap rule then stays quiet.
    assert len([f for f in report.findings if f.field == "whatsapp"]) == 1


def test_share_link_without_number_is_not_compared(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"whatsapp": "+62 812 3456 7890"}, '<a href="https://wa.me/?text=Halo">Bagikan</a>')
    assert [f for f in run(site) if f.field == "whatsapp"] == []


ADDRESS_FORMS = [
    ("Jl. Kemang Raya No. 10, Jakarta Selatan 12730", "Jalan Kemang Raya Nomor 10, Jakarta Selatan 12730"),
    ("Jl. Kemang Raya No. 10, Jakarta Selatan 12730", "Jln. Kemang Raya No.10, Jakarta Selatan 12730"),
    ("Jl. Melati RT 03/RW 05 No. 4, Bogor", "Jalan Melati No. 4, RT.3 RW.5, Bogor"),
    ("Jl. Melati No. 4, Kel. Tegallega, Kec. Bogor Tengah, Kab. Bogor",
     "Jalan Melati Nomor 4, Kelurahan Tegallega, Kecamatan Bogor Tengah, Kabupaten Bogor"),
    ("Gg. Mawar No. 7, Yogyakarta", "Gang Mawar Nomor 7, Yogyakarta"),
    ("Jl. Jend. Sudirman Kav. 52-53, Jakarta 12190", "Jalan Jenderal Sudirman Kavling 52-53, Jakarta 12190"),
    ("Jl. Kemang Raya No. 10, Jakarta Selatan", "Jl. Kemang Raya No. 10, Jakarta Selatan 12730"),
    ("JL. KEMANG RAYA NO. 10; JAKARTA SELATAN.", "jl kemang raya no 10, jakarta selatan"),
    ("Jl. Kemang Raya No. 10, Jakarta Selatan 12730",
     "Jl. Kemang Raya No. 10, Jakarta Selatan, DKI Jakarta 12730, Indonesia"),
    ("Jl. Kemang Raya No. 10, Jakarta Selatan 12730",
     "Jl. Kemang Raya No.10, Bangka, Kec. Mampang Prapatan, Kota Jakarta Selatan, Daerah Khusus Ibukota Jakarta 12730"),
]


@pytest.mark.parametrize(("declared", "stated"), ADDRESS_FORMS)
def test_address_forms_are_equal(tmp_path: Path, declared: str, stated: str) -> None:
    site = write_site(tmp_path, {"address": declared}, f"<address>{stated}</address>", jsonld(address=stated))
    assert [f.message for f in run(site) if f.category == "nap"] == []


@pytest.mark.parametrize(("stated", "reason"), [
    ("Jl. Kemang Raya No. 12, Jakarta Selatan 12730", "house number 10 vs 12"),
    ("Jl. Kemang Raya No. 10, Jakarta Selatan 12731", "postcode 12730 vs 12731"),
    ("Jl. Kemang Timur No. 10, Jakarta Selatan 12730", "street"),
])
def test_address_differences_are_reported(tmp_path: Path, stated: str, reason: str) -> None:
    site = write_site(tmp_path, {"address": "Jl. Kemang Raya No. 10, Jakarta Selatan 12730"},
                      f"<address>{stated}</address>")
    findings = [f for f in run(site) if f.category == "nap"]
    assert [(f.rule, f.actual) for f in findings] == [("nap-address-mismatch", stated)]
    assert reason in findings[0].message


def test_rt_rw_must_match_exactly(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"address": "Jl. Melati No. 4 RT 03/RW 05, Bogor"},
                      "<address>Jl. Melati No. 4 RT 04/RW 05, Bogor</address>")
    assert [f.rule for f in run(site) if f.category == "nap"] == ["nap-address-mismatch"]


NAME_FORMS = ["KOPI SENJA", "Kopi  Senja", "Kopi-Senja", "Kopi Senja.", "PT Kopi Senja", "CV. Kopi Senja",
              "UD Kopi Senja", "Toko Kopi Senja", "Kopi Senja Official", "kopi senja"]


@pytest.mark.parametrize("stated", NAME_FORMS)
def test_name_forms_are_equal(tmp_path: Path, stated: str) -> None:
    head = jsonld(name=stated) + f'\n<meta property="og:site_name" content="{stated}">'
    site = write_site(tmp_path, {"name": "Kopi Senja"}, "<p>Kopi susu</p>", head)
    assert [f.message for f in run(site) if f.category == "brand" and f.field == "name"] == []


def test_distinctive_word_differs(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"name": "Kopi Senja"}, "<p>Kopi</p>", jsonld(name="Kopi Senyap"))
    findings = [f for f in run(site) if f.field == "name"]
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("brand-name-mismatch", "Kopi Senja", "Kopi Senyap")]


@pytest.mark.parametrize(("mode", "rules"), [("strict", ["brand-site-name-mismatch"]), ("relaxed", [])])
def test_name_match_modes(tmp_path: Path, mode: str, rules: list[str]) -> None:
    head = '<meta property="og:site_name" content="Kopi Senja Kemang">'
    site = write_site(tmp_path, {"name": "Kopi Senja"}, "<p>Kopi</p>", head, check={"name_match": mode})
    assert [f.rule for f in run(site) if f.field == "name"] == rules


def test_alias_is_the_same_brand(tmp_path: Path) -> None:
    head = '<meta property="og:site_name" content="Kopi Senja Kemang">'
    site = write_site(tmp_path, {"name": "Kopi Senja", "aliases": ["Kopi Senja Kemang"]}, "<p>Kopi</p>", head)
    assert [f.rule for f in run(site) if f.field == "name"] == []


def test_emails_compare_case_insensitively(tmp_path: Path) -> None:
    body = '<a href="mailto:Halo@KopiSenja.ID">Halo@KopiSenja.ID</a><p>HALO@KOPISENJA.ID</p>'
    site = write_site(tmp_path, {"email": "halo@kopisenja.id"}, body, jsonld(email="Halo@kopisenja.id"))
    assert [f.rule for f in run(site) if f.field == "email"] == []


def test_other_mailbox_at_own_domain_is_not_a_conflict_but_structured_email_is(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"email": "halo@kopisenja.id"}, "<p>Karir: karir@kopisenja.id</p>",
                      jsonld(email="cs@kopisenja.id"))
    findings = [f for f in run(site) if f.field == "email"]
    assert [(f.rule, f.actual) for f in findings] == [("nap-email-mismatch", "cs@kopisenja.id")]


HOURS_FORMS = [
    ("Mo-Fr 08:00-17:00", "Jam buka: Senin–Jumat 08.00–17.00"),
    ("Senin–Jumat 08.00–17.00", "Opening hours: Mon-Fri 8:00 AM - 5:00 PM"),
    ("Mo-Su 08:00-22:00", "Jam operasional: Setiap hari 08.00 - 22.00"),
    ("Mo-Fr 08:00-17:00; Sa 09:00-12:00", "Jam buka: Senin-Jumat 08.00-17.00, Sabtu 09.00-12.00, Minggu tutup"),
]


@pytest.mark.parametrize(("declared", "stated"), HOURS_FORMS)
def test_hours_forms_are_equal(tmp_path: Path, declared: str, stated: str) -> None:
    site = write_site(tmp_path, {"hours": declared}, f"<footer><p>{stated}</p></footer>")
    assert [f.message for f in run(site) if f.field == "hours"] == []


def test_hours_specification_equals_opening_hours(tmp_path: Path) -> None:
    spec = [{"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Monday", "Tuesday", "Wednesday",
                                                                 "Thursday", "Friday"], "opens": "08:00:00",
             "closes": "17:00"}]
    site = write_site(tmp_path, {"hours": "Mo-Fr 08:00-17:00"}, "<p>Kopi</p>", jsonld(openingHoursSpecification=spec))
    assert [f.message for f in run(site) if f.field == "hours"] == []


def test_hours_difference_names_the_day(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"hours": "Mo-Fr 08:00-17:00"}, "<footer><p>Jam buka: Senin–Jumat 08.00–16.00</p></footer>")
    findings = [f for f in run(site) if f.field == "hours"]
    assert [(f.rule, f.expected, f.actual) for f in findings] == [
        ("nap-hours-mismatch", "Mo-Fr 08:00-17:00", "Mo-Fr 08:00-16:00")]
    assert "Monday–Friday: 08:00-17:00 vs 08:00-16:00" in findings[0].message  # one line for the five days


def test_fax_number_is_not_the_phone(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"phone": "+62 21 5550123"}, "<p>Telp (021) 5550123</p><p>Fax: (021) 5550124</p>")
    assert [f.rule for f in run(site) if f.category == "nap"] == []


def test_labelled_whatsapp_number_is_not_compared_with_the_phone(tmp_path: Path) -> None:
    body = "<p>Telp: (021) 555-0123 | WA: 0812-3456-7890</p>"
    site = write_site(tmp_path, {"phone": "+62 21 5550123", "whatsapp": "+62 812 3456 7890"}, body)
    assert [f.rule for f in run(site) if f.category == "nap"] == []
