"""The whole-page gates in front of contact extraction only skip work: on any page, the
facts found with them equal the facts found with every gate open."""
from __future__ import annotations

import random
import re
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from omnilinks.extract import contacts
from omnilinks.models import Location

# Pieces that pass or nearly pass each gate, and the inline tags that run text nodes together.
WORDS = ["Alamat", "alamat:", "Jl.", "Jln", "Jalan", "Gg.", "Gang", "St.", "Road", "rd", "Avenue", "Kemang",
         "Raya", "No.", "10", "12730", "Jam Buka", "jam buka", "Jam", "Buka", "Opening hours", "Hours", "hours:",
         "Waktu buka", "Senin–Jumat", "08.00–17.00", "9am-5pm", "9 - 17", "Minggu tutup", "Telp", "WA", "Fax",
         "0812 3456 7890", "(021) 555-0123", "+62 21 5550123", "6281234567890", "halo@kopisenja.id", "@kopi",
         "©", "Address:", "Adresse :", "187 Piccadilly", "W1J 9LE", "Friedrichstraße 123", "1012 LG", "Suite 4",
         "first", "best", "word", "egg", "jl", "ajalan", "xhours", "ﬁrst", "İstanbul", "٠٨.٠٠", "\n", " "]
TAGS = ["p", "span", "b", "li", "div", "footer", "address", "td", "a", "pre", "code", "kbd", "samp", "textarea",
        "script", "style", "template", "noscript"]


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            attrs = ' class="site-footer"' if draw(st.integers(0, 5)) == 0 else ""
            parts.append(f"<{tag}{attrs}>{draw(fragments(depth + 1))}</{tag}>")
        else:
            parts.append(draw(st.sampled_from(WORDS)))
        parts.append(draw(st.sampled_from(["", " ", "\n", ", "])))
    return "".join(parts)


def facts(source: str) -> tuple:
    root = lxml_html.document_fromstring(source)
    return contacts.contact_facts(root, (), Location("index.html"), "ID")


def every_node(root, texts):
    return list(range(len(texts))), True


@settings(max_examples=400, deadline=None)
@given(title=st.sampled_from(["", "Jam buka 08.00-17.00", "Kopi"]), body=fragments())
def test_gated_facts_equal_ungated_facts(title: str, body: str) -> None:
    source = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    gated = facts(source)
    with patch.object(contacts, "_candidates", every_node):
        assert facts(source) == gated


def test_a_label_split_from_its_word_by_a_tag_still_opens_the_gate() -> None:
    # "Jam Buka</h3><p>Senin" runs together as "jam bukasenin" in the one-call text.
    source = ("<html><body><footer><h3>Jam Buka</h3><p>Senin–Jumat 08.00–17.00</p>"
              "<b>Alamat</b>Jl. Kemang Raya No. 10</footer></body></html>")
    root = lxml_html.document_fromstring(source)
    texts = contacts.body_texts(root)[1]
    candidates, hours_possible = contacts._candidates(root, texts)
    assert hours_possible
    assert {texts[i] for i in candidates} >= {"Jam Buka", "Jl. Kemang Raya No. 10"}
    assert [f.field for f in facts(source)].count("hours") == 1


def test_running_text_with_the_label_and_no_time_skips_the_nodes() -> None:
    source = "<html><body><p>jam buka kopi senja kemang, pesan antar</p></body></html>"
    root = lxml_html.document_fromstring(source)
    assert contacts._candidates(root, contacts.body_texts(root)[1]) == ([], False)


def test_a_time_far_after_the_label_is_not_its_hours() -> None:
    # Found by the property test above: the time range sits past the 300 characters read.
    source = (f"<html><body><footer><p>Opening hours {'Alamat ' * 60}</p><p>08.00–17.00</p></footer>"
              "</body></html>")
    assert [f for f in facts(source) if f.field == "hours"] == []


def test_the_digit_lead_bytes_are_those_of_every_non_ascii_digit() -> None:
    leads = {chr(code).encode()[0] for code in range(128, 0x110000) if contacts.DIGIT.match(chr(code))}
    assert bytes(sorted(leads)) == contacts.OTHER_DIGIT_LEADS


def test_a_node_with_another_scripts_digits_is_read() -> None:
    # An address label counts beside a number: Arabic-Indic or fullwidth digits are one too.
    for number in ("١٢٣", "１２３"):
        source = f"<html><body><p>Kopi — senja</p><p>Alamat toko {number}</p><p>Alamat toko</p></body></html>"
        root = lxml_html.document_fromstring(source)
        texts = contacts.body_texts(root)[1]
        assert [texts[i] for i in contacts._candidates(root, texts)[0]] == [f"Alamat toko {number}"]


def test_a_time_is_found_wherever_the_gate_finds_one() -> None:
    rng = random.Random(4)
    pieces = ["9", "09", ":", ".", "00", "30", " ", "am", "pm", "a.m", "p.m", "AM", "P.M.", "Pm", "jam", "buka", "—",
              "é", "٠٨", "０９", "\u00a0", "m", "M", "x", "1", "\n", "İ", "\u212a"]
    # The gate reads the text as it is: it finds a time wherever the lower-cased text shows one.
    lowered_gate = re.compile(r"\d(?:\d?[.:]\d{2}|\d?\s*[ap]\.?m)")
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        assert contacts._has_time(text.encode()) == (lowered_gate.search(text.lower()) is not None), text
    for spaced in (" \u00a0 \u2009", "\u3000", "\t\n"):  # every space \s takes, as UTF-8 bytes
        assert contacts._has_time(f"buka 9{spaced}pm".encode())
    # The bytes the text is read as find what the pattern finds in the text, whatever the spaces.
    spaces = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces + spaces) for _ in range(rng.randrange(0, 10)))
        assert contacts._has_time(text.encode()) == (contacts.TIME_GATE.search(text) is not None), repr(text)
    assert contacts._has_time("buka 08.00–17.00 ".encode() + b"1 " * 100)  # digits everywhere: scanned whole
    assert not contacts._has_time(b"1 " * 100 + "buka 08.0–17".encode())


def test_the_street_words_and_compounds_are_those_a_word_by_word_test_finds() -> None:
    def word_by_word(encoded: bytes) -> tuple[frozenset[str], bool]:
        streets, compounds = set(), False
        for word in set(encoded.translate(contacts.LETTERS_ONLY).split()):
            text = word.decode(errors="replace")
            streets.update(contacts.STREET_TYPE_WORDS.intersection(contacts.WORD.findall(text)))
            if word.isascii():
                compounds = compounds or word.lower().endswith(contacts.COMPOUND_ENDINGS)
            else:
                compounds = compounds or contacts.COMPOUND_GATE.search(text.lower()) is not None
        return frozenset(streets), compounds

    rng = random.Random(16)
    pieces = ["Weg", "weg", "WEG", "Str", "str.", "straße", "Straße", "strasse", "Gracht", "laan", "Plein", "aan", "eg",
              "tr", "Jl", "jalan", "St", "Rd", "é", "—", "·", "ß", "Königstr", "Hauptstraße", "İ", "\u212a", "ſ", "leg",
              "Greg", "weg—", "straatéx", "Ωweg", "\u00a0", " ", " ", ",", "-", "1", "\0", "kopi", "buka"]
    for _ in range(20_000):
        encoded = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12))).encode()
        assert contacts._words(encoded) == word_by_word(encoded), encoded
    assert contacts._words(b"Keizersgracht 123")[1] and not contacts._words(b"Greg tr eg")[1]


def test_the_hours_phrases_take_every_space_a_text_pattern_does() -> None:
    spaces = {chr(code).encode() for code in range(0x110000) if re.match(r"\s", chr(code))}
    assert set(re.sub(rb"\\(.)", rb"\1", contacts.SPACES, flags=re.S).split(b"|")) == spaces
    for space in ("\u00a0", "\u2009", "\u3000", "\t"):
        source = f"<html><body><p>Kopi — senja</p><p>Jam{space}Buka: 08.00–17.00</p></body></html>"
        assert [fact.value for fact in facts(source) if fact.field == "hours"] == ["08.00–17.00"], repr(space)
