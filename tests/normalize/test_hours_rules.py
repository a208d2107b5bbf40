"""Later rules override earlier ones for the same day (OpenStreetMap's opening_hours),
in strings and in schema.org lists and specifications, in many countries' wordings."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import omnilinks
from omnilinks.normalize.hours import parse_hours


def described(value: Any) -> str:
    parsed = parse_hours(value)
    assert parsed is not None, value
    return parsed.describe()


@pytest.mark.parametrize("value, expected", [
    # The cases: a UK shop's short Saturday, the Friday-prayer form (Indonesia, Malaysia).
    ("Mo-Sa 09:00-17:30; Sa 10:00-16:00", "Mo-Fr 09:00-17:30; Sa 10:00-16:00"),
    ("Mo-Fr 08:00-17:00; Fr 08:00-11:30", "Mo-Th 08:00-17:00; Fr 08:00-11:30"),
    ("Senin-Jumat 08.00-17.00; Jumat 08.00-11.30", "Mo-Th 08:00-17:00; Fr 08:00-11:30"),
    ("Isnin-Jumaat 09:00-18:00; Jumaat 09:00-12:15", "Mo-Th 09:00-18:00; Fr 09:00-12:15"),
    ("Mo-Fr 08:00-12:00 13:00-17:00; Fr 08:00-11:30 13:30-17:00",
     "Mo-Th 08:00-12:00 13:00-17:00; Fr 08:00-11:30 13:30-17:00"),
    ("Mon-Sat 9am-5:30pm\nSat 10am-4pm", "Mo-Fr 09:00-17:30; Sa 10:00-16:00"),        # a new line is a new rule
    # Closing rules close the day; holiday rules say nothing about the week.
    ("Mo-Su 08:00-22:00; We off", "Mo-Tu,Th-Su 08:00-22:00"),
    ("Mo-Fr 08:00-17:00; PH off", "Mo-Fr 08:00-17:00"),
    ("PH off; Mo-Fr 08:00-17:00", "Mo-Fr 08:00-17:00"),
    ("Mo-Sa 09:00-18:00; Su,PH off", "Mo-Sa 09:00-18:00"),
    ("Mo-Fr 09:00-17:00; Sa 10:00-14:00; PH 10:00-12:00", "Mo-Fr 09:00-17:00; Sa 10:00-14:00"),
    ("Sa, Su, PH 10:00-14:00", "Sa-Su 10:00-14:00"),
    ("Daily 07:00-21:00; Sunday closed", "Mo-Sa 07:00-21:00"),
    ("Minggu & hari libur tutup; Senin-Sabtu 08.00-17.00", "Mo-Sa 08:00-17:00"),
    ("closed", "closed"),
    # OSM's additional-rule separator "," adds to the day instead.
    ("Mo-Fr 08:00-12:00, We 14:00-18:00", "Mo-Tu,Th-Fr 08:00-12:00; We 08:00-12:00 14:00-18:00"),
    # Other countries' words (Germany, France, Spain, Netherlands).
    ("Montag-Freitag 08:00-18:00; Samstag 08:00-13:00; Sonntag geschlossen", "Mo-Fr 08:00-18:00; Sa 08:00-13:00"),
    ("Montag bis Freitag 08:00-18:00; Freitag 08:00-14:00", "Mo-Th 08:00-18:00; Fr 08:00-14:00"),
    ("du lundi au samedi 09:00-19:00; mercredi fermé", "Mo-Tu,Th-Sa 09:00-19:00"),
    ("Lunes a Viernes 09:00-14:00, 17:00-20:00; Sábado cerrado", "Mo-Fr 09:00-14:00 17:00-20:00"),
    ("Maandag-Zaterdag 09:00-18:00; Zondag gesloten", "Mo-Sa 09:00-18:00"),
])
def test_later_rules_override_earlier_ones(value: str, expected: str) -> None:
    assert described(value) == expected


def spec(days: Any, opens: str, closes: str) -> dict[str, Any]:
    return {"@type": "OpeningHoursSpecification", "dayOfWeek": days, "opens": opens, "closes": closes}


MO_SA = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


@pytest.mark.parametrize("value, expected", [
    # A later entry that overlaps what an earlier one gave the day replaces it.
    (["Mo-Sa 09:00-17:30", "Sa 10:00-16:00"], "Mo-Fr 09:00-17:30; Sa 10:00-16:00"),
    ([spec(MO_SA, "09:00", "17:30"), spec("Saturday", "10:00", "16:00")], "Mo-Fr 09:00-17:30; Sa 10:00-16:00"),
    ({"openingHoursSpecification": [spec(MO_SA[:5], "08:00", "17:00"), spec("https://schema.org/Friday", "08:00", "11:30")]},
     "Mo-Th 08:00-17:00; Fr 08:00-11:30"),
    # Split hours are separate entries, as in schema.org's own example: disjoint times add up.
    (["Mo-Sa 11:00-14:30", "Mo-Th 17:00-21:30", "Fr-Sa 17:00-22:00"],
     "Mo-Th 11:00-14:30 17:00-21:30; Fr-Sa 11:00-14:30 17:00-22:00"),
    ([spec(MO_SA[:3], "08:00", "12:00"), spec(MO_SA[:3], "13:00", "17:00")], "Mo-We 08:00-12:00 13:00-17:00"),
    # A closed entry (Google: opens = closes = 00:00, or "We off") closes the day.
    ([spec(MO_SA[:3], "08:00", "12:00"), spec("Wednesday", "00:00", "00:00")], "Mo-Tu 08:00-12:00"),
    (["Mo-Su 08:00-22:00", "We off"], "Mo-Tu,Th-Su 08:00-22:00"),
    # Dated specifications are holiday exceptions: they change nothing.
    ([spec(MO_SA, "09:00", "17:00"), {**spec("Saturday", "00:00", "00:00"), "validFrom": "2026-12-25"}],
     "Mo-Sa 09:00-17:00"),
])
def test_lists_and_specifications(value: Any, expected: str) -> None:
    assert described(value) == expected


DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


@given(first=st.integers(0, 6), last=st.integers(0, 6), day=st.integers(0, 6),
       start=st.integers(0, 11), end=st.integers(13, 23))
def test_the_last_rule_for_a_day_is_that_days_hours(first: int, last: int, day: int, start: int, end: int) -> None:
    low, high = min(first, last), max(first, last)
    text = f"{DAYS[low]}-{DAYS[high]} 09:00-17:00; {DAYS[day]} {start:02d}:15-{end:02d}:45"
    parsed = parse_hours(text)
    assert parsed is not None
    assert parsed.day(day) == ((start * 60 + 15, end * 60 + 45),)
    for other in set(range(low, high + 1)) - {day}:
        assert parsed.day(other) == ((540, 1020),)
    closed = parse_hours(f"{DAYS[low]}-{DAYS[high]} 09:00-17:00; {DAYS[day]} off")
    if set(range(low, high + 1)) - {day}:  # some day stays open: the rest of the week is known
        assert closed is not None and closed.day(day) == ()


def test_a_site_stating_the_override_form_agrees_with_the_expanded_brand_hours(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "omnilinks.yml").write_text(
        'site: {url: "https://bookshop.netlify.app"}\nbrand: {name: Riverside Books, country: GB,'
        ' hours: "Mo-Fr 09:00-17:30; Sa 10:00-16:00"}\n', encoding="utf-8")
    body = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "BookStore",'
            ' "name": "Riverside Books", "openingHours": "Mo-Sa 09:00-17:30; Sa 10:00-16:00"}</script>'
            "<footer><p>Opening hours: Mon-Sat 9:00-17:30; Sat 10:00-16:00</p></footer>")
    (root / "index.html").write_text(f"<html><head><title>Riverside Books</title></head><body>{body}</body></html>",
                                     encoding="utf-8")
    report = omnilinks.check(str(root), offline=True, use_cache=False)
    assert [f for f in report.findings if f.rule == "nap-hours-mismatch"] == []
    (root / "index.html").write_text((root / "index.html").read_text().replace("Sat 10:00-16:00", "Sat 10:00-15:00"))
    [finding] = [f for f in omnilinks.check(str(root), offline=True, use_cache=False).findings
                 if f.rule == "nap-hours-mismatch"]
    assert "Saturday: 10:00-16:00 vs 10:00-15:00" in finding.message


@pytest.mark.parametrize("footer, expected", [
    ("Opening hours: Mo-Su 08:00-22:00; We off", "Mo-Tu,Th-Su 08:00-22:00"),
    ("Opening hours: Mo-Sa 09:00-17:30; Sa 10:00-16:00", "Mo-Fr 09:00-17:30; Sa 10:00-16:00"),
    ("Jam buka: Senin-Jumat 08.00-17.00; Jumat 08.00-11.30", "Mo-Th 08:00-17:00; Fr 08:00-11:30"),
    ("Opening hours: Montag-Samstag 08:00-18:00, Mittwoch geschlossen", "Mo-Tu,Th-Sa 08:00-18:00"),
])
def test_hours_read_from_a_footer_keep_their_closing_rule(footer: str, expected: str) -> None:
    from omnilinks.extract.html import parse_page

    page = parse_page(f"<html><body><footer><p>{footer}</p></footer></body></html>", "https://x.example/", path="i.html")
    [hours] = [f.value for f in page.facts if f.field == "hours"]
    assert described(hours) == expected
