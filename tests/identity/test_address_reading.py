"""Addresses read worldwide: <address> blocks whatever their wording, labels in many
languages, footers and structured data, street-name-first and number-first."""
from __future__ import annotations

import pytest

from omnilinks.extract.html import parse_page


def addresses(body: str, region: str = "ID", head: str = "") -> list[tuple[str, str]]:
    html = f"<html><head><title>Shop</title>{head}</head><body>{body}</body></html>"
    page = parse_page(html, "https://shop.example/", path="index.html", region=region)
    return [(str(f.value), f.source) for f in page.facts if f.field == "address"]


@pytest.mark.parametrize(("region", "block", "value"), [
    ("US", "125 Main Street, San Francisco, CA 94105", "125 Main Street, San Francisco, CA 94105"),
    ("US", "Harbor Bakery<br>125 Main St.<br>Boston, MA 02134<br>(617) 555-0100",
     "Harbor Bakery, 125 Main St., Boston, MA 02134"),
    ("GB", "Hatchards<br>187 Piccadilly<br>London W1J 9LE", "Hatchards, 187 Piccadilly, London W1J 9LE"),
    ("AU", "Level 3, 100 George St<br>Sydney NSW 2000<br>hello@shop.example", "Level 3, 100 George St, Sydney NSW 2000"),
    ("DE", "Friedrichstraße 123<br>10117 Berlin", "Friedrichstraße 123, 10117 Berlin"),
    ("NL", "Damrak 1<br>1012 LG Amsterdam", "Damrak 1, 1012 LG Amsterdam"),
    ("SG", "1 Raffles Place, #05-12<br>Singapore 048616", "1 Raffles Place, #05-12, Singapore 048616"),
    ("CA", "24 Sussex Dr<br>Ottawa, ON K1M 1M4", "24 Sussex Dr, Ottawa, ON K1M 1M4"),
])
def test_address_blocks_whatever_their_wording(region: str, block: str, value: str) -> None:
    assert addresses(f"<address>{block}</address>", region) == [(value, "address")]


@pytest.mark.parametrize("block", ["<a href='mailto:me@shop.example'>me@shop.example</a>",
                                   "Written by <a href='/about'>Sam</a>", "(617) 555-0100"])
def test_address_blocks_without_a_postal_address_give_none(block: str) -> None:
    assert addresses(f"<address>{block}</address>", "US") == []


@pytest.mark.parametrize(("region", "text"), [
    ("FR", "Adresse : 12 rue de Rivoli, 75001 Paris"), ("DE", "Anschrift: Unter den Linden 77, 10117 Berlin"),
    ("ES", "Dirección: Calle Mayor, 5, 28013 Madrid"), ("NL", "Adres: Damrak 1, 1012 LG Amsterdam"),
    ("US", "Address: 125 Main Street, San Francisco, CA 94105"), ("ID", "Alamat: Jl. Kemang Raya No. 10, Jakarta"),
    ("VN", "Địa chỉ: 123 Nguyễn Huệ, Quận 1, TP. Hồ Chí Minh"),
])
def test_labelled_addresses_in_many_languages(region: str, text: str) -> None:
    value = text.split(":", 1)[1].strip()
    assert addresses(f"<p>{text}</p>", region) == [(value, "text")]


def test_a_label_in_its_own_element() -> None:
    assert addresses("<p><b>Address:</b> 187 Piccadilly, London W1J 9LE</p>", "GB") == [
        ("187 Piccadilly, London W1J 9LE", "text")]


@pytest.mark.parametrize(("region", "footer", "value"), [
    ("US", "<p>125 Main St, Boston, MA 02134</p>", "125 Main St, Boston, MA 02134"),
    ("GB", "<p>187 Piccadilly<br>London W1J 9LE</p>", "187 Piccadilly, London W1J 9LE"),
    ("DE", "<p>Friedrichstraße 123, 10117 Berlin</p>", "Friedrichstraße 123, 10117 Berlin"),
    ("AU", "<p>Shop 4/12 Smith St, Fitzroy VIC 3065</p>", "Shop 4/12 Smith St, Fitzroy VIC 3065"),
])
def test_footer_addresses_in_both_orders(region: str, footer: str, value: str) -> None:
    assert addresses(f"<footer>{footer}<p>© 2024 Shop</p></footer>", region) == [(value, "text")]


@pytest.mark.parametrize("text", ["Open 7 days a week", "Free delivery on orders over 50", "Since 1999",
                                  "Rated 4.9 by 1200 customers", "Follow us on Instagram"])
def test_footer_lines_that_are_not_addresses(text: str) -> None:
    assert addresses(f"<footer><p>{text}</p></footer>", "US") == []


def test_structured_data_names_the_country() -> None:
    head = ('<script type="application/ld+json">{"@type": "BookStore", "name": "Hatchards", "address": '
            '{"@type": "PostalAddress", "streetAddress": "187 Piccadilly", "addressLocality": "London", '
            '"postalCode": "W1J 9LE", "addressCountry": "GB"}}</script>')
    assert addresses("", "ID", head) == [("187 Piccadilly, London W1J 9LE, United Kingdom", "jsonld")]


@pytest.mark.parametrize(("url", "country"), [("https://shop.co.uk", "GB"), ("https://cafe.com.au/", "AU"),
                                              ("https://laden.de", "DE"), ("https://kopisenja.id", "ID"),
                                              ("https://bakery.com", "ID"), (None, "ID")])
def test_the_sites_domain_names_the_country_when_the_brand_does_not(url: str | None, country: str) -> None:
    from omnilinks.config import Config
    from omnilinks.identity.resolve import brand_country

    assert brand_country(Config(site_url=url)) == country
    assert brand_country(Config(site_url=url, brand={"country": "nz"})) == "NZ"


def test_microdata_postal_address_by_its_parts() -> None:
    body = ('<div itemscope itemtype="https://schema.org/BookStore"><span itemprop="name">Piccadilly Books</span>'
            '<div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
            '<span itemprop="streetAddress">187 Piccadilly</span><span itemprop="addressLocality">London</span>'
            '<span itemprop="postalCode">W1J 9LE</span><meta itemprop="addressCountry" content="GB"></div></div>')
    assert addresses(body, "GB") == [("187 Piccadilly, London W1J 9LE, United Kingdom", "microdata")]


def test_h_card_address_by_its_parts() -> None:
    body = ('<div class="h-card"><span class="p-org">Piccadilly Books</span><p class="p-adr h-adr">'
            '<span class="p-street-address">187 Piccadilly</span><span class="p-locality">London</span>'
            '<span class="p-postal-code">W1J 9LE</span></p></div>')
    assert addresses(body, "GB") == [("187 Piccadilly, London W1J 9LE", "hcard")]


@pytest.mark.parametrize("text", ["Drive 5 minutes from downtown", "Find your way to our 3 shops"])
def test_footer_sentences_with_a_street_word_and_a_number_are_not_addresses(text: str) -> None:
    assert addresses(f"<footer><p>{text}</p></footer>", "US") == []
