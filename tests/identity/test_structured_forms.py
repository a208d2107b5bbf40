"""Structured data in the forms sites really use: microdata itemref, RDFa Lite with
schema.org, JSON-LD terms with a prefix from @context, and the h-card value-class pattern."""
from __future__ import annotations

import json

from omnilinks.extract.html import parse_page


def facts(body: str, region: str = "GB") -> set[tuple[str, str, str]]:
    page = parse_page(f"<html><head><title>Shop</title></head><body>{body}</body></html>",
                      "https://bookshop.netlify.app/", path="index.html", region=region)
    return {(f.field, str(f.value), f.source) for f in page.facts if f.source not in ("title", "text", "tel", "mailto")}


def test_microdata_itemref_takes_properties_from_elsewhere() -> None:
    body = ('<div itemscope itemtype="https://schema.org/BookStore" itemref="contact hours">'
            '<h1 itemprop="name">Riverside Books</h1></div>'
            '<main><p>Unrelated <span itemprop="telephone">+44 20 0000 0000</span></p></main>'
            '<footer id="contact"><span itemprop="telephone">+44 20 7946 0018</span>'
            '<a itemprop="email" href="mailto:shop@riverside.co.uk">write</a>'
            '<div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ann</span>'
            '<span itemprop="telephone">+44 7700 900123</span></div></footer>'
            '<meta id="hours" itemprop="openingHours" content="Mo-Sa 09:00-17:30">')
    found = facts(body)
    assert ("name", "Riverside Books", "microdata") in found
    assert ("phone", "+44 20 7946 0018", "microdata") in found
    assert ("email", "shop@riverside.co.uk", "microdata") in found
    assert ("hours", "Mo-Sa 09:00-17:30", "microdata") in found
    # Not referenced, or owned by a nested item (the author): not the business's.
    assert not any(value in ("+44 20 0000 0000", "+44 7700 900123", "Ann") for _, value, _ in found)


def test_rdfa_lite_with_the_schema_org_vocabulary() -> None:
    body = ('<div vocab="https://schema.org/" typeof="CafeOrCoffeeShop">'
            '<h1 property="name">Flat White Café</h1>'
            '<a property="telephone" href="tel:+61255501234">(02) 5550 1234</a>'
            '<div property="address" typeof="PostalAddress"><span property="streetAddress">Level 3, 1 Macquarie Street</span>, '
            '<span property="addressLocality">Sydney</span> <span property="postalCode">2000</span></div>'
            '<meta property="openingHours" content="Mo-Su 06:30-15:00">'
            '<a property="sameAs" href="https://www.instagram.com/flatwhite/">Instagram</a></div>')
    found = facts(body, "AU")
    assert ("name", "Flat White Café", "rdfa") in found
    assert ("phone", "+61255501234", "rdfa") in found
    assert ("hours", "Mo-Su 06:30-15:00", "rdfa") in found
    assert ("profile", "https://www.instagram.com/flatwhite/", "rdfa") in found
    assert any(f == "address" and "Macquarie Street" in v and "2000" in v for f, v, _ in found)
    # Nested properties belong to the PostalAddress, not the business.
    assert not any(v == "Sydney" for _, v, _ in found)


def test_rdfa_with_a_schema_prefix_and_not_another_vocabulary() -> None:
    prefixed = ('<div prefix="s: https://schema.org/" typeof="s:Bakery"><span property="s:name">Bäckerei Groß</span>'
                '<span property="s:telephone">+49 30 901820</span></div>')
    assert {("name", "Bäckerei Groß", "rdfa"), ("phone", "+49 30 901820", "rdfa")} <= facts(prefixed, "DE")
    # Dublin Core or FOAF terms are not schema.org's, even when named alike.
    other = ('<div vocab="http://xmlns.com/foaf/0.1/" typeof="Organization"><span property="name">Someone</span>'
             '<span property="telephone">+49 30 111111</span></div>')
    assert facts(other, "DE") == set()


def test_jsonld_terms_with_a_prefix_from_the_context() -> None:
    doc = {"@context": {"schema": "https://schema.org/"}, "@type": "schema:Restaurant",
           "schema:name": "Taquería El Güero", "schema:telephone": "+52 55 1234 5678",
           "schema:address": {"@type": "schema:PostalAddress", "schema:streetAddress": "Calle Durango 123",
                              "schema:addressLocality": "Ciudad de México", "schema:postalCode": "06700"},
           "schema:openingHours": "Mo-Sa 13:00-23:00"}
    found = facts(f'<script type="application/ld+json">{json.dumps(doc, ensure_ascii=False)}</script>', "MX")
    assert ("name", "Taquería El Güero", "jsonld") in found
    assert ("phone", "+52 55 1234 5678", "jsonld") in found
    assert ("hours", "Mo-Sa 13:00-23:00", "jsonld") in found
    assert ("address", "Calle Durango 123, Ciudad de México 06700", "jsonld") in found


def test_jsonld_full_iris_and_a_graph_under_a_prefixed_context() -> None:
    doc = {"@context": [{"sdo": "http://schema.org/"}], "@graph": [
        {"@type": "sdo:LocalBusiness", "sdo:name": "Kedai Kopi Ah Seng", "sdo:telephone": "+65 6123 4567"}]}
    iri = {"@context": "https://schema.org", "@type": "https://schema.org/Store",
           "https://schema.org/name": "Sari-Sari Store Maligaya", "https://schema.org/telephone": "+63 2 8123 4567"}
    found = facts(f'<script type="application/ld+json">{json.dumps(doc)}</script>'
                  f'<script type="application/ld+json">{json.dumps(iri)}</script>', "SG")
    assert {("name", "Kedai Kopi Ah Seng", "jsonld"), ("phone", "+65 6123 4567", "jsonld"),
            ("name", "Sari-Sari Store Maligaya", "jsonld"), ("phone", "+63 2 8123 4567", "jsonld")} <= found


def test_hcard_value_class_pattern() -> None:
    body = ('<div class="h-card"><span class="p-org">Riverside Books</span>'
            '<span class="p-tel"><span class="type">Work</span>: <span class="value">+44 20</span>'
            '<span class="value"> 7946 0018</span></span>'
            '<span class="u-email"><span class="type">Shop</span> <abbr class="value" title="shop@riverside.co.uk">email us</abbr></span>'
            '</div>')
    found = facts(body)
    assert ("phone", "+44 20 7946 0018", "hcard") in found
    assert ("email", "shop@riverside.co.uk", "hcard") in found
    assert ("name", "Riverside Books", "hcard") in found


def test_an_hcard_class_spelled_with_character_references_is_read() -> None:
    # The page's source never says "h-card": the search for one must still run.
    for spelled in ("&#104;-card", "h&#x2D;card", "h-c&#0097;rd", "h-&#99ard"):
        found = facts(f'<div class="{spelled}"><span class="p-org">Riverside Books</span>'
                      '<a class="u-tel" href="tel:+442079460018">call</a></div>')
        assert ("name", "Riverside Books", "hcard") in found, spelled


def test_rdfa_and_itemref_facts_are_compared_end_to_end(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import omnilinks

    root = tmp_path / "site"
    root.mkdir()
    (root / "omnilinks.yml").write_text(
        'site: {url: "https://flatwhite.com.au"}\nbrand: {name: Flat White Cafe, country: AU, phone: "+61 2 5550 1234"}\n',
        encoding="utf-8")
    body = ('<div vocab="https://schema.org/" typeof="CafeOrCoffeeShop"><span property="name">Flat White Café</span>'
            '<span property="telephone">(02) 5550 9999</span></div>'
            '<div itemscope itemtype="https://schema.org/CafeOrCoffeeShop" itemref="ph"><b itemprop="name">Flat White Café</b></div>'
            '<p id="ph" itemprop="telephone">+61 2 5550 1234</p>')
    (root / "index.html").write_text(f"<html><head><title>Flat White Café</title></head><body>{body}</body></html>",
                                     encoding="utf-8")
    findings = omnilinks.check(str(root), offline=True, use_cache=False).findings
    [phone] = [f for f in findings if f.rule == "nap-phone-mismatch"]
    assert phone.actual == "(02) 5550 9999" and "RDFa" in phone.message
    assert [f for f in findings if f.rule.startswith("brand-") and not f.rule.startswith("brand-preview-")] == []  # "Café" and "Cafe" are one name


def test_the_h_card_gate_finds_a_reference_wherever_a_regex_scan_would() -> None:
    import random

    from omnilinks.extract import structured

    rng = random.Random(3)
    pieces = ["&#", "104", "0104", "x68", "X68", "x2d", "45", "99;", "&#x", "h-card", "h-car", "&", "#", "1", "0", ";",
              "a", " ", "&#&#104", "é"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 10)))
        expected = "h-card" in text or structured.HCARD_LETTER_REFERENCE.search(text) is not None
        assert structured._may_hold_hcard(text) == expected, text


def test_microdata_and_rdfa_are_read_whatever_the_case_of_their_attribute_names() -> None:
    # The parser lower-cases attribute names: the gate that skips the scopes' XPath must too.
    microdata = ('<div ItemScope ItemType="https://schema.org/BookStore">'
                 '<h1 itemprop="name">Riverside Books</h1></div>')
    rdfa = '<div VOCAB="https://schema.org/" TypeOf="CafeOrCoffeeShop"><h1 PROPERTY="name">Flat White</h1></div>'
    assert ("name", "Riverside Books", "microdata") in facts(microdata)
    assert ("name", "Flat White", "rdfa") in facts(rdfa)


def test_the_scopes_gate_passes_every_page_the_scopes_xpath_finds_something_on() -> None:
    import random

    from lxml import etree

    from omnilinks.extract import structured

    rng = random.Random(8)
    names = ["itemscope", "ITEMSCOPE", "ItemScope", "typeof", "TypeOf", "TYPEOF", "itemscop", "type", "data-typeof",
             "item\u017fcope", "\u0130temscope", "itemtype", "class"]
    parser = etree.HTMLParser()
    passed = 0
    for _ in range(3_000):
        attributes = " ".join(f"{rng.choice(names)}={rng.choice(['x', '', 'a b'])!r}" for _ in range(rng.randrange(0, 3)))
        source = f"<html><body><div {attributes}>é<p {rng.choice(names)}>x</p></div></body></html>"
        found = len(structured.SCOPES(etree.fromstring(source, parser))) > 0
        gate = structured._may_hold_scopes(source.encode())
        assert gate or not found, source
        passed += gate
    assert 0 < passed < 3_000  # (and it does skip pages)
    assert not structured._may_hold_scopes("<html><body><div item\u017fcope data-type='of'>x</div></body></html>".encode())
