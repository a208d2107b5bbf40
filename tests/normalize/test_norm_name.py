from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omnilinks.normalize.name import GENERIC_WORDS, name_tokens, names_match, strip_title_suffix


@pytest.mark.parametrize("name", [
    "Kopi Senja", "Kopi-Senja", "KOPI  SENJA", "Kopi Senja.", "kopi senja", "PT Kopi Senja",
    "P.T. Kopi Senja Tbk", "CV. Kopi Senja", "Kopi Senja Official Store", "Toko Kopi Senja",
    "Kopi Senja Official Shop", "Kopi Senja Indonesia", "The Kopi Senja", "Kopí Sénja",
    "kopi_senja", "Kopi Senja (Resmi)",
])
def test_spellings_have_same_tokens(name: str) -> None:
    assert name_tokens(name) == ("kopi", "senja")


@pytest.mark.parametrize("name", ["Kopi & Roti", "Kopi dan Roti", "Kopi and Roti", "KOPI&ROTI"])
def test_ampersand_equivalence(name: str) -> None:
    assert name_tokens(name) == name_tokens("Kopi dan Roti")


def test_category_words_are_distinctive() -> None:
    for word in ("kopi", "cafe", "klinik", "warung", "kedai"):
        assert word not in GENERIC_WORDS
    assert not names_match("Kopi Senja", "Klinik Senja", mode="relaxed")


def test_only_generic_words_keep_them() -> None:
    assert name_tokens("Toko Official") == ("toko", "official")
    assert not names_match("Toko Official", "Shop Resmi")


@pytest.mark.parametrize(("a", "b"), [
    ("Kopi Senja", "KopiSenja"), ("Kopi Senja", "kopisenja.id"), ("PT Kopi Senja", "Kopi Senja Official"),
    ("D'Cost Seafood", "DCost Seafood"), ("Kopi & Roti", "Kopi dan Roti"),
])
def test_strict_equivalences(a: str, b: str) -> None:
    assert names_match(a, b)
    assert names_match(b, a)


def test_relaxed_allows_extra_words() -> None:
    assert not names_match("Kopi Senja Kemang", "Kopi Senja")
    assert names_match("Kopi Senja Kemang", "Kopi Senja", mode="relaxed")
    assert names_match("Kopi Senja", "Kopi Senja Kemang", mode="relaxed")
    assert names_match("KopiSenja Kemang", "Kopi Senja", mode="relaxed")


def test_relaxed_typo_only_in_long_tokens() -> None:
    assert names_match("Sinar Matahari Abadi", "Sinar Mataharii Abadi", mode="relaxed")
    assert not names_match("Sinar Matahari Abadi", "Sinar Mataharii Abadi")
    assert not names_match("Rumah Makan Padang", "Rumah Makan Pedang", mode="relaxed")


@pytest.mark.parametrize(("a", "b"), [
    ("Kopi Senja", "Kopi Senyap"), ("Toko Kue Ibu Sari", "Toko Kue Ibu Sri"),
    ("Kopi Senja", "Klinik Senja"), ("Kopi Senja Kemang", "Kopi Senja Kuningan"),
    ("Apotek Sehat", "Apotek Sejahtera"),
])
@pytest.mark.parametrize("mode", ["strict", "relaxed"])
def test_distinct_names_never_match(a: str, b: str, mode: str) -> None:
    assert not names_match(a, b, mode=mode)  # type: ignore[arg-type]
    assert not names_match(b, a, mode=mode)  # type: ignore[arg-type]


def test_aliases() -> None:
    assert names_match("Senja Coffee", "Kopi Senja", aliases=["Kopi Senja"])
    assert not names_match("Senja Coffee", "Kopi Senja", aliases=["Senja Roastery"])


@pytest.mark.parametrize(("title", "expected"), [
    ("About us | Kopi Senja", ("About us", "Kopi Senja")),
    ("Menu – Kopi Senja", ("Menu", "Kopi Senja")),
    ("Menu — Kopi Senja", ("Menu", "Kopi Senja")),
    ("Kopi Senja - Home", ("Home", "Kopi Senja")),
    ("Kopi Senja · Beranda", ("Beranda", "Kopi Senja")),
    ("Promo • Kopi Senja", ("Promo", "Kopi Senja")),
    ("Kontak: Kopi Senja", ("Kontak", "Kopi Senja")),
    ("Blog | News | Kopi Senja", ("Blog | News", "Kopi Senja")),
    ("Kopi Senja", ("Kopi Senja", None)),
    ("Kopi-Senja", ("Kopi-Senja", None)),
    ("Buka 10:00", ("Buka 10:00", None)),
])
def test_strip_title_suffix(title: str, expected: tuple[str, str | None]) -> None:
    assert strip_title_suffix(title) == expected


WORDS = st.lists(st.sampled_from(["kopi", "senja", "kemang", "sari", "roti", "bakery", "ibu",
                                  "nusantara", "jaya", "abadi"]), min_size=1, max_size=4,
                 unique=True)
SPACING = st.sampled_from([" ", "  ", "-", " - ", ". ", "_", " / "])


@st.composite
def respelled(draw: st.DrawFn) -> tuple[str, str]:
    words = draw(WORDS)
    cased = [draw(st.sampled_from([w, w.upper(), w.title()])) for w in words]
    body = cased[0] + "".join(draw(SPACING) + w for w in cased[1:])
    prefix = draw(st.sampled_from(["", "PT ", "CV. ", "Toko ", "The "]))
    suffix = draw(st.sampled_from(["", ".", " Official Store", " Indonesia", " Tbk", " Shop"]))
    return " ".join(words), prefix + body + suffix


@settings(max_examples=200, deadline=None)
@given(respelled())
def test_respelled_name_matches_itself(case: tuple[str, str]) -> None:
    name, text = case
    assert names_match(name, text)
    assert names_match(text, name, mode="relaxed")


@settings(max_examples=150, deadline=None)
@given(WORDS, st.sampled_from(["senyap", "klinik", "sri", "warung", "tenggara"]))
def test_added_distinctive_word_breaks_strict_match(words: list[str], extra: str) -> None:
    name = " ".join(words)
    assert not names_match(name, f"{name} {extra}")
    assert not names_match(name, " ".join([extra, *words[1:]]), mode="relaxed")
