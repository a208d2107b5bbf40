"""Names with letters Unicode decomposition does not reduce (Ł, ø, æ, ß, đ, ı, œ, þ)
compare equal to their ASCII spellings; other scripts are compared as written."""
from __future__ import annotations

import pytest

from omnilinks.identity.titles import fold
from omnilinks.normalize.name import fold_letters, name_tokens, names_match


@pytest.mark.parametrize("written, plain", [
    ("Piekarnia Łódź", "Piekarnia Lodz"),                  # Poland
    ("Smørrebrød Køkken", "Smorrebrod Kokken"),            # Denmark
    ("Blåbær Kafé", "Blabaer Kafe"),                       # Norway
    ("Bäckerei Großmann", "Backerei Grossmann"),            # Germany (ß; ä decomposes to a)
    ("Cà Phê Đà Lạt", "Ca Phe Da Lat"),                    # Vietnam
    ("Kahve Dünyası", "Kahve Dunyasi"),                    # Turkey (dotless ı)
    ("İstanbul Börek", "Istanbul Borek"),                  # Turkey (dotted İ)
    ("Œuvre Café", "Oeuvre Cafe"),                         # France
    ("Þrír Frakkar", "Thrir Frakkar"),                     # Iceland
    ("Æbleskiver Hygge", "AEbleskiver Hygge"),
])
def test_unreduced_letters_fold(written: str, plain: str) -> None:
    assert names_match(written, plain)
    assert names_match(plain, written)
    assert fold(written) == fold(plain)


def test_folding_does_not_merge_different_names() -> None:
    assert not names_match("Piekarnia Łódź", "Piekarnia Lida")
    assert not names_match("Cà Phê Đà Lạt", "Cà Phê Đà Nẵng")
    # Other scripts stay as written: transliteration would make 李记 and 理记 both "Li Ji".
    assert fold_letters("李记") == "李记" and not names_match("李记", "理记")
    assert name_tokens("東京カフェ") == ("東京カフェ",)
    assert fold_letters("Кафе Ёлка") == "кафе елка"  # Cyrillic keeps its script (ё decomposes to е)


def test_ascii_fast_path_is_plain_casefold() -> None:
    assert fold_letters("Harbor Bakery") == "harbor bakery"
