from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omnilinks.normalize.email import find_emails, normalize_email


@pytest.mark.parametrize("text", [
    "info@kopisenja.co.id", "Info@KopiSenja.co.id", "mailto:info@kopisenja.co.id",
    "MAILTO:INFO@KOPISENJA.CO.ID", "mailto:info@kopisenja.co.id?subject=Halo%20kak",
    "mailto:info%40kopisenja.co.id", "  info@kopisenja.co.id  ",
    "mailto:info@kopisenja.co.id,sales@kopisenja.co.id",
])
def test_forms_normalise_equal(text: str) -> None:
    assert normalize_email(text) == "info@kopisenja.co.id"


def test_keeps_plus_and_dots_in_local_part() -> None:
    assert normalize_email("First.Last+promo@mail.example.org") == "first.last+promo@mail.example.org"


@pytest.mark.parametrize("text", [
    "", "mailto:", "mailto:foo", "a@b", "foo", "a b@c.com", "info@kopi senja.com", "a..b@c.com",
    ".a@c.com", "a.@c.com", "a@-c.com", "a@c-.com", "a@c.d", "@kopisenja.com", "info@",
    "info@@kopisenja.com", "logo@2x.png", "mailto:?subject=hi",
])
def test_malformed(text: str) -> None:
    assert normalize_email(text) is None


def test_find_emails_spans() -> None:
    text = "Email: Info@KopiSenja.com. Sales (sales@kopisenja.co.id)!"
    found = find_emails(text)
    assert [value for value, _, _ in found] == ["info@kopisenja.com", "sales@kopisenja.co.id"]
    for value, start, end in found:
        assert text[start:end].lower() == value


@pytest.mark.parametrize("text", [
    '<img src="logo@2x.png">', "icon@3x.webp", "bg@2x.jpg, hero@1.5x.jpeg", "font@1x.woff2",
    "style@v2.css", "user@localhost", "x@y",
])
def test_find_emails_ignores_asset_names(text: str) -> None:
    assert find_emails(text) == []


LOCAL = st.from_regex(r"[a-z0-9]{1,10}(\.[a-z0-9_+-]{1,6}){0,2}", fullmatch=True)
DOMAIN = st.from_regex(r"[a-z0-9]{1,10}(\.[a-z0-9]{1,8}){0,2}\.(com|id|co\.id|org|net)",
                       fullmatch=True)


@settings(max_examples=150, deadline=None)
@given(LOCAL, DOMAIN, st.booleans(), st.booleans(), st.sampled_from(["", "?subject=Hi", "?cc=x"]))
def test_reformatted_address_normalises_to_itself(local: str, domain: str, upper: bool,
                                                  mailto: bool, query: str) -> None:
    address = f"{local}@{domain}"
    text = address.upper() if upper else address
    text = f"mailto:{text}{query}" if mailto else text
    assert normalize_email(text) == address
    assert [value for value, _, _ in find_emails(f"Kontak: {text} ya")] == [address]


@settings(max_examples=100, deadline=None)
@given(LOCAL, LOCAL, DOMAIN)
def test_different_local_parts_differ(a: str, b: str, domain: str) -> None:
    if a != b:
        assert normalize_email(f"{a}@{domain}") != normalize_email(f"{b}@{domain}")
