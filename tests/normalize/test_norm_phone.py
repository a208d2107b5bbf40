from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omnilinks.normalize.phone import (
    display_phone,
    find_phones,
    has_country_code,
    international_phone,
    is_whatsapp_url,
    normalize_phone,
    whatsapp_target,
)

MOBILE = "+6281234567890"
LANDLINE = "+62215550123"


@pytest.mark.parametrize("text", [
    "0812-3456-7890", "+62 812 3456 7890", "6281234567890", "62 812-3456-7890",
    "tel:+6281234567890", "TEL:0812 3456 7890", "tel:+62%20812%203456%207890",
    "tel:%2B6281234567890", "0812-3456-7890 ext. 12", "0812 3456 7890 x12",
    "0812-3456-7890;ext=5", "00 62 812 3456 7890", "+62 (812) 3456-7890",
])
def test_mobile_forms_normalise_equal(text: str) -> None:
    assert normalize_phone(text) == MOBILE


@pytest.mark.parametrize("text", ["(021) 555-0123", "+62 21 5550123", "021-555-0123",
                                  "62215550123", "62 21 5550123", "0062 21 5550123"])
def test_landline_forms_normalise_equal(text: str) -> None:
    assert normalize_phone(text) == LANDLINE


def test_jakarta_landline_from_field_notes() -> None:
    assert normalize_phone("(021) 5794 8822") == "+622157948822"


@pytest.mark.parametrize("text", ["", "hello", "12730", "2024", "Rp 25.000", "tel:", "123",
                                  "0812", "+62 812"])
def test_not_a_number(text: str) -> None:
    assert normalize_phone(text) is None


def test_other_region() -> None:
    assert normalize_phone("(650) 253-0000", region="US") == "+16502530000"
    assert normalize_phone("+1 650 253 0000") == "+16502530000"


def test_display_formats() -> None:
    assert display_phone(MOBILE) == "0812-3456-7890"
    assert international_phone(MOBILE) == "+62 812-3456-7890"
    assert display_phone(LANDLINE) == "(021) 5550123"


@pytest.mark.parametrize(("text", "expected"), [
    ("+62 812", True), ("tel:+62812", True), ("0062 812", True), ("tel:%2B62812", True),
    ("0812-3456-7890", False), ("6281234567890", False),
])
def test_has_country_code(text: str, expected: bool) -> None:
    assert has_country_code(text) is expected


def test_find_phones_spans_and_values() -> None:
    text = "Hubungi 0812-3456-7890 atau (021) 555-0123."
    found = find_phones(text)
    assert [value for value, _, _ in found] == [MOBILE, LANDLINE]
    for _, start, end in found:
        assert normalize_phone(text[start:end]) is not None


@pytest.mark.parametrize("text", [
    "Harga Rp 25.000", "Rp25.000,00", "kode pos 12730", "Tahun 2024", "tanggal 17/08/1945",
    "12-05-2024", "Jakarta Selatan 12730", "1.250.000", "Buka 08.00-22.00",
])
def test_find_phones_ignores_non_numbers(text: str) -> None:
    assert find_phones(text) == []


@pytest.mark.parametrize("url", [
    "https://wa.me/6281234567890", "wa.me/+6281234567890", "http://www.wa.me/6281234567890?text=x",
    "https://api.whatsapp.com/send?phone=6281234567890&text=hi",
    "https://api.whatsapp.com/send/?phone=6281234567890&type=phone_number",
    "https://api.whatsapp.com/send?phone=%2B6281234567890", "whatsapp://send?phone=6281234567890",
    "https://web.whatsapp.com/send?phone=6281234567890",
])
def test_whatsapp_target(url: str) -> None:
    assert is_whatsapp_url(url)
    assert whatsapp_target(url) == MOBILE


@pytest.mark.parametrize("url", [
    "https://wa.me/?text=hi", "https://wa.me/message/ABC123XYZ", "https://wa.me/",
    "https://api.whatsapp.com/send?text=hi", "https://wa.me/081234567890",
])
def test_whatsapp_without_usable_number(url: str) -> None:
    assert is_whatsapp_url(url)
    assert whatsapp_target(url) is None


@pytest.mark.parametrize("url", ["https://example.com/6281234567890", "https://notwa.me/62812",
                                 "tel:+6281234567890", "https://instagram.com/kopisenja"])
def test_not_whatsapp(url: str) -> None:
    assert not is_whatsapp_url(url)
    assert whatsapp_target(url) is None


NATIONAL_DIGITS = st.sampled_from(["81234567890", "215550123", "2157948822", "85711223344"])
SEPARATORS = st.sampled_from(["", " ", "-", ".", "  "])


@st.composite
def reformatted(draw: st.DrawFn) -> tuple[str, str]:
    digits = draw(NATIONAL_DIGITS)
    prefix = draw(st.sampled_from(["0", "+62", "62", "+62 ", "0062", "tel:+62", "tel:0"]))
    pieces: list[str] = []
    i = 0
    while i < len(digits):
        size = draw(st.integers(min_value=1, max_value=4))
        pieces.append(digits[i:i + size])
        i += size
    body = "".join(piece + draw(SEPARATORS) for piece in pieces).rstrip(" -.")
    return "+62" + digits, prefix + draw(SEPARATORS) + body


@settings(max_examples=200, deadline=None)
@given(reformatted())
def test_reformatted_number_normalises_to_itself(case: tuple[str, str]) -> None:
    expected, text = case
    assert normalize_phone(text) == expected


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10), st.integers(min_value=1, max_value=9))
def test_different_digits_never_equal(position: int, delta: int) -> None:
    digits = list("81234567890")
    digits[position] = str((int(digits[position]) + delta) % 10)
    other = normalize_phone("0" + "".join(digits))
    assert other != MOBILE
