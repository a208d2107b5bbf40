"""Extraction per page: structured data, meta, contact links and visible text, with lines."""
from __future__ import annotations

from omnilinks.extract.html import parse_page
from omnilinks.extract.structured import business_entities


def facts(html: str, region: str = "ID") -> list[tuple[str, object, str]]:
    page = parse_page(html, "https://kopisenja.id/", path="index.html", region=region)
    return [(f.field, f.value, f.source) for f in page.facts]


def doc(head: str = "", body: str = "") -> str:
    return f"<html><head><title>Kopi Senja</title>{head}</head><body>{body}</body></html>"


def ld(text: str) -> str:
    return f'<script type="application/ld+json">{text}</script>'


def test_jsonld_graph_lists_type_lists_and_id_references() -> None:
    graph = ld('{"@graph": [{"@type": "WebSite", "publisher": {"@id": "#o"}},'
               '{"@id": "#o", "@type": ["Restaurant", "LocalBusiness"], "name": "Kopi Senja",'
               ' "address": {"@id": "#a"}, "telephone": ["+62 21 5550123"], "sameAs": "https://instagram.com/kopisenja"},'
               '{"@id": "#a", "@type": "PostalAddress", "streetAddress": "Jl. Kemang Raya No. 10", "postalCode": "12730"}]}')
    found = facts(doc(graph))
    assert ("name", "Kopi Senja", "jsonld") in found
    assert ("phone", "+62 21 5550123", "jsonld") in found
    assert ("address", "Jl. Kemang Raya No. 10 12730", "jsonld") in found
    assert ("profile", "https://instagram.com/kopisenja", "jsonld") in found
    assert found.count(("name", "Kopi Senja", "jsonld")) == 1  # the publisher reference is the same node


def test_top_level_list_and_nested_publisher_and_contact_point() -> None:
    data = ld('[{"@type": "WebPage", "publisher": {"@type": "Organization", "name": "Kopi Senja",'
              ' "contactPoint": [{"@type": "ContactPoint", "contactType": "WhatsApp", "telephone": "+62 812 3456 7890"},'
              ' {"@type": "ContactPoint", "telephone": "021 5550123", "email": "cs@kopisenja.id"}]}}]')
    found = facts(doc(data))
    assert ("whatsapp", "+62 812 3456 7890", "jsonld") in found
    assert ("phone", "021 5550123", "jsonld") in found
    assert ("email", "cs@kopisenja.id", "jsonld") in found


def test_non_business_entities_state_no_brand_facts() -> None:
    found = facts(doc(ld('{"@type": "Product", "name": "Kopi susu", "brand": {"@type": "Brand", "name": "X"}}')))
    assert [f for f in found if f[2] == "jsonld"] == []


def test_business_entities_resolve_nested_addresses() -> None:
    entities = business_entities(({"@type": "Store", "@id": "#s", "address": {"@id": "#a"}, "__line__": 3},
                                  {"@type": "PostalAddress", "@id": "#a", "streetAddress": "Jl. A No. 1"}))
    assert entities[0]["address"]["streetAddress"] == "Jl. A No. 1" and entities[0]["__line__"] == 3


def test_jsonld_fact_lines_point_at_the_value() -> None:
    html = '<html><head>\n<script type="application/ld+json">\n{"@type": "Store",\n "name": "Kopi Senja",\n' \
           ' "telephone": "+62 21 5550123"}\n</script></head><body></body></html>'
    page = parse_page(html, "https://kopisenja.id/", path="index.html")
    lines = {f.field: f.location.line for f in page.facts if f.source == "jsonld"}
    assert lines == {"name": 4, "phone": 5}


def test_microdata_and_hcard() -> None:
    body = ('<div itemscope itemtype="https://schema.org/LocalBusiness"><span itemprop="name">Kopi Senja</span>'
            '<a itemprop="telephone" href="tel:+62215550123">Telp</a><time itemprop="openingHours" datetime="Mo-Su 08:00-22:00">'
            'Setiap hari</time><div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
            '<span itemprop="streetAddress">Jl. Kemang Raya No. 10</span></div></div>'
            '<div class="h-card"><span class="p-org">Kopi Senja</span><span class="p-name">Rina</span>'
            '<a class="u-email" href="mailto:halo@kopisenja.id">email</a>'
            '<p class="p-adr h-adr"><span class="p-street-address">Jl. Kemang Raya No. 10</span>, Jakarta</p></div>')
    found = facts(doc(body=body))
    assert ("name", "Kopi Senja", "microdata") in found
    assert ("phone", "+62215550123", "microdata") in found
    assert ("hours", "Mo-Su 08:00-22:00", "microdata") in found
    assert ("address", "Jl. Kemang Raya No. 10", "microdata") in found
    assert ("name", "Kopi Senja", "hcard") in found and ("name", "Rina", "hcard") not in found
    assert ("email", "halo@kopisenja.id", "hcard") in found
    assert [v for f, v, s in found if f == "address" and s == "hcard"] == ["Jl. Kemang Raya No. 10, Jakarta"]


def test_author_hcard_is_not_the_business() -> None:
    body = '<article class="h-entry"><span class="p-author h-card"><span class="p-name">Budi</span></span></article>' \
           '<span class="h-card"><span class="p-name">Sari</span></span>'
    assert [f for f in facts(doc(body=body)) if f[2] == "hcard"] == []


def test_meta_title_icon_and_rel_me() -> None:
    head = ('<meta property="og:site_name" content="Kopi Senja"><meta property="og:title" content="Menu | Kopi Senja">'
            '<meta property="og:image" content="/og.jpg"><meta name="twitter:site" content="@kopisenja">'
            '<link rel="icon" href="/favicon.ico"><link rel="me" href="https://mastodon.social/@kopisenja">')
    html = doc(head, '<a rel="me" href="https://www.instagram.com/kopisenja/">IG</a>').replace(
        "<title>Kopi Senja</title>", "<title>Tentang kami | Kopi Senja</title>")
    found = facts(html)
    assert ("name", "Kopi Senja", "og:site_name") in found
    assert ("name", "Kopi Senja", "og:title") in found
    assert ("name", "Kopi Senja", "title") in found
    assert ("image", "https://kopisenja.id/og.jpg", "og:image") in found
    assert ("handle", "@kopisenja", "twitter:site") in found
    assert ("icon", "https://kopisenja.id/favicon.ico", "link[rel=icon]") in found
    assert ("profile", "https://mastodon.social/@kopisenja", "rel=me") in found
    assert ("profile", "https://www.instagram.com/kopisenja/", "rel=me") in found


def test_contact_links_and_share_links() -> None:
    body = ('<a href="tel:+62-21-5550123">Telp</a><a href="mailto:Halo@KopiSenja.id?subject=Hai">Email</a>'
            '<a href="https://wa.me/6281234567890">WA</a><a href="https://api.whatsapp.com/send?phone=6281234567890">WA</a>'
            '<a href="https://wa.me/?text=Halo">Bagikan</a><a href="https://chat.whatsapp.com/AbCdEf">Grup</a>')
    found = facts(doc(body=body))
    assert ("phone", "+62-21-5550123", "tel") in found
    assert ("email", "Halo@KopiSenja.id", "mailto") in found
    assert [v for f, v, s in found if s == "wa"] == ["https://wa.me/6281234567890",
                                                      "https://api.whatsapp.com/send?phone=6281234567890"]


def test_text_numbers_labels_and_fax() -> None:
    body = ("<p>Telp: (021) 555-0123 | WA: 0812-3456-7890</p><p>Telp/WA 0813-1111-2222</p><p>Fax: (021) 555-0124</p>"
            "<p>Email kami: HALO@kopisenja.id</p><p>Harga Rp 25.000, kode pos 12730</p>")
    found = facts(doc(body=body))
    assert ("phone", "(021) 555-0123", "text") in found
    assert ("whatsapp", "0812-3456-7890", "text") in found and ("phone", "0812-3456-7890", "text") not in found
    assert ("phone", "0813-1111-2222", "text") in found and ("whatsapp", "0813-1111-2222", "text") in found
    assert not [v for _, v, _ in found if "0124" in str(v)]
    assert ("email", "HALO@kopisenja.id", "text") in found
    assert len([f for f in found if f[0] == "phone"]) == 2


def test_addresses_from_address_blocks_footer_and_labels() -> None:
    body = ("<address>Jl. Kemang Raya No. 10<br>Jakarta Selatan 12730<br>Telp (021) 5550123</address>"
            "<footer><p>Jalan Melati No. 4<br>Bogor 16122</p><p>© 2024 Kopi Senja</p></footer>"
            "<p>Alamat: Gg. Mawar No. 7, Yogyakarta</p><p>Jalan-jalan ke Kemang tiap minggu</p>")
    found = [(v, s) for f, v, s in facts(doc(body=body)) if f == "address"]
    assert found == [("Jalan Melati No. 4, Bogor 16122", "text"), ("Gg. Mawar No. 7, Yogyakarta", "text"),
                     ("Jl. Kemang Raya No. 10, Jakarta Selatan 12730", "address")]


def test_labelled_hours_in_text() -> None:
    body = "<footer><h3>Jam Buka</h3><p>Senin–Jumat 08.00–17.00, Sabtu 09.00–12.00, Minggu tutup</p>" \
           "<p>Jl. Kemang Raya No. 10</p></footer><p>Buka 24 jam? Tidak.</p>"
    found = [v for f, v, _ in facts(doc(body=body)) if f == "hours"]
    assert found == ["Senin–Jumat 08.00–17.00, Sabtu 09.00–12.00, Minggu tutup"]
