from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omnilinks.normalize.address import (
    PROVINCES,
    AddressComparison,
    addresses_match,
    compare_addresses,
    parse_address,
)

SHORT = "Jl. Kemang Raya No. 10, Jakarta Selatan 12730"
GOOGLE = ("Jalan Kemang Raya Nomor 10, RT.1/RW.2, Bangka, Kec. Mampang Prpt., "
          "Kota Jakarta Selatan, Daerah Khusus Ibukota Jakarta 12730, Indonesia")
GOOGLE_EN = ("Jl. Kemang Raya No.10, RT.1/RW.2, Bangka, Mampang Prapatan, South Jakarta City, "
             "Jakarta 12730, Indonesia")


def test_parse_google_form() -> None:
    parts = parse_address(GOOGLE)
    assert parts.raw == GOOGLE
    assert parts.street == ("kemang", "raya")
    assert (parts.number, parts.rt, parts.rw, parts.postcode) == ("10", "1", "2", "12730")
    assert parts.area == ("bangka", "mampang", "prapatan", "jakarta", "selatan")
    assert "indonesia" not in parts.tokens and "jalan" in parts.tokens


@pytest.mark.parametrize("text", [
    "Jl. Kemang Raya No. 10", "Jln Kemang Raya Nomor 10", "JALAN KEMANG RAYA NMR 10",
    "jl kemang raya no 10", "Jl.Kemang Raya No.10", "Jl. Kemang Raya 10", "Jl. Kemang Raya, No: 10",
])
def test_street_and_number_words(text: str) -> None:
    parts = parse_address(text)
    assert (parts.street, parts.number) == (("kemang", "raya"), "10")


@pytest.mark.parametrize("text", ["RT 003/RW 005", "RT.03/RW.05", "RT 3 RW 5", "rt003 rw005",
                                  "RT/RW 003/005", "RT/RW: 03/05", "Rukun Tetangga 3 Rukun Warga 5"])
def test_rt_rw_forms(text: str) -> None:
    parts = parse_address(f"Jl. Mawar No. 1 {text}, Bandung")
    assert (parts.rt, parts.rw) == ("3", "5")
    assert parts.street == ("mawar",)


@pytest.mark.parametrize(("text", "number"), [("No. 10A", "10a"), ("No 12-14", "12-14"),
                                              ("Nomor 012", "12"), ("No. 12 / 14", "12-14")])
def test_house_number_forms(text: str, number: str) -> None:
    assert parse_address(f"Jl. Melati {text}").number == number


def test_block_gang_and_area_words() -> None:
    parts = parse_address("Ruko Kemang Square Blok A No 5, Gg. Mawar, Kel. Bangka, Kec. Mampang "
                          "Prapatan, Kab. Bogor, Ds. Sukamaju, Prov. Jawa Barat 16610")
    assert parts.block == "blok a" and parts.number == "5" and parts.postcode == "16610"
    assert parts.street == ("mawar",)
    assert parts.area == ("ruko", "kemang", "square", "bangka", "mampang", "prapatan", "bogor",
                          "sukamaju")
    assert parse_address("Jl. Jend. Sudirman Kav. 52-53").block == "kav 52-53"
    assert parse_address("Jl. Sudirman Kavling 52-53").block == "kav 52-53"


def test_provinces() -> None:
    assert len({line for line in PROVINCES if line in {"aceh", "dki jakarta", "papua barat daya"}}) == 3
    for province in ("DKI Jakarta", "Daerah Khusus Ibukota Jakarta", "Jawa Barat", "West Java",
                     "D.I. Yogyakarta", "Sulawesi Selatan", "Papua Pegunungan", "Provinsi Bali"):
        assert parse_address(f"Jl. Mawar No. 1, Kota Bandung, {province}").area == ("bandung",)
    assert parse_address("Jl. Mawar 1, Bandung Jawa Barat 40111").area == ("bandung",)
    # A single-word province is also a city name; inside a part it stays.
    assert parse_address("Jl. Mawar 1, Kota Jambi").area == ("jambi",)


def test_english_address() -> None:
    parts = parse_address("10 Downing Street, London")
    assert (parts.number, parts.street, parts.area) == ("10", ("downing", "street"), ("london",))
    assert addresses_match("10 Downing St., London", "10 downing street, London")
    assert not addresses_match("10 Downing Street, London", "12 Downing Street, London")


@pytest.mark.parametrize("other", [GOOGLE, GOOGLE_EN, "Jl Kemang Raya 10 Jakarta Selatan",
                                   "JL. KEMANG RAYA NO.10, JAKSEL", "Jl. KemangRaya No. 10",
                                   "Jl. Kemang Raya No. 10, Kemang, Jakarta Selatan 12730"])
def test_same_place_matches(other: str) -> None:
    assert compare_addresses(SHORT, other) == AddressComparison(True, None)
    assert addresses_match(other, SHORT)


def test_google_forms_match_each_other() -> None:
    assert addresses_match(GOOGLE, GOOGLE_EN)


@pytest.mark.parametrize(("a", "b", "reason"), [
    (SHORT, SHORT.replace("No. 10", "No. 12"), "house number 10 vs 12"),
    (SHORT, SHORT.replace("12730", "12710"), "postcode 12730 vs 12710"),
    ("Jl. Sudirman No. 1, Jakarta", "Jl. Thamrin No. 1, Jakarta", "street 'sudirman' vs 'thamrin'"),
    ("Jl. Kemang Raya I No. 1", "Jl. Kemang Raya II No. 1", "street 'kemang raya i' vs 'kemang raya ii'"),
    ("Jl. Mawar No. 1 RT 03 RW 05", "Jl. Mawar No. 1 RT 04 RW 05", "RT 3 vs 4"),
    ("Jl. Mawar No. 1 RT 03 RW 05", "Jl. Mawar No. 1 RT 03 RW 06", "RW 5 vs 6"),
    ("Jl. Mawar Blok A No. 1", "Jl. Mawar Blok B No. 1", "block blok a vs blok b"),
    ("Jl. Mawar No. 1, Kuningan", "Jl. Mawar No. 1, Bangka", "area 'kuningan' vs 'bangka'"),
    ("", "Jl. Mawar No. 1", "empty address"),
])
def test_different_places(a: str, b: str, reason: str) -> None:
    assert compare_addresses(a, b) == AddressComparison(False, reason)


def test_relaxed_ignores_rt_rw_and_area_only() -> None:
    assert addresses_match("Jl. Mawar No. 1 RT 03, Kuningan", "Jl. Mawar No. 1 RT 04, Bangka",
                           mode="relaxed")
    assert not addresses_match(SHORT, SHORT.replace("No. 10", "No. 12"), mode="relaxed")
    assert not addresses_match(SHORT, SHORT.replace("12730", "12710"), mode="relaxed")
    assert not addresses_match("Jl. Sudirman 1", "Jl. Thamrin 1", mode="relaxed")


def test_missing_parts_are_not_mismatches() -> None:
    assert addresses_match("Jl. Kemang Raya, Jakarta Selatan", SHORT)
    assert addresses_match("Jl. Jend. Sudirman Kav. 52-53", "Jalan Sudirman Kavling 52-53, Jakarta")


STREETS = st.sampled_from([("Kemang Raya", "kemang raya"), ("Mawar", "mawar"),
                           ("Gatot Subroto", "gatot subroto"), ("Pahlawan Seribu", "pahlawan seribu")])
AREAS = st.lists(st.sampled_from(["Bangka", "Mampang", "Kuningan", "Setiabudi", "Tebet", "Depok"]),
                 max_size=3, unique=True)


@st.composite
def address_forms(draw: st.DrawFn) -> tuple[str, str, str]:
    street, _ = draw(STREETS)
    number = str(draw(st.integers(min_value=1, max_value=300)))
    areas = draw(AREAS)
    postcode = str(draw(st.integers(min_value=10110, max_value=99999)))
    rt = draw(st.integers(min_value=1, max_value=20))
    plain = f"Jl. {street} No. {number}, RT {rt:03d}, {', '.join(areas)} {postcode}"
    jalan = draw(st.sampled_from(["Jalan", "JL", "Jln.", "jl"]))
    nomor = draw(st.sampled_from(["Nomor", "NO.", "no", "Nmr"]))
    punct = draw(st.sampled_from([",", " ,", ";", ",,"]))
    area_text = punct.join(a.upper() if draw(st.booleans()) else a.lower() for a in areas)
    rt_text = draw(st.sampled_from([f"RT.{rt:02d}", f"rt {rt}", f"RT {rt:03d}"]))
    street_text = street.upper() if draw(st.booleans()) else street
    other = f"{jalan} {street_text} {nomor} {number}{punct} {rt_text}{punct} {area_text}{punct} {postcode}."
    return plain, other, number


@settings(max_examples=200, deadline=None)
@given(address_forms())
def test_reformatted_address_matches_itself(case: tuple[str, str, str]) -> None:
    plain, other, _ = case
    assert compare_addresses(plain, other).match, (plain, other)
    assert compare_addresses(other, plain).match


@settings(max_examples=150, deadline=None)
@given(address_forms(), st.integers(min_value=1, max_value=300))
def test_different_house_number_never_matches(case: tuple[str, str, str], number: int) -> None:
    plain, other, original = case
    if str(number) != original:
        changed = other.replace(f" {original}", f" {number}", 1)
        assert not addresses_match(plain, changed)
        assert not addresses_match(plain, changed, mode="relaxed")
