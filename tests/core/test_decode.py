from __future__ import annotations

from omnilinks.extract.html import decode_html, parse_page

JAPANESE = "<html><head><title>東京の喫茶店</title></head><body><p>ユニコードの日本語テキストです。渋谷区の店舗。</p></body></html>"


def test_undeclared_shift_jis_is_sniffed() -> None:
    assert decode_html(JAPANESE.encode("shift_jis")) == JAPANESE
    assert parse_page(JAPANESE.encode("shift_jis"), "https://a.jp/").title == "東京の喫茶店"


def test_undeclared_single_byte_falls_back_to_cp1252() -> None:
    assert decode_html("Café “Senja” €5".encode("cp1252")) == "Café “Senja” €5"


def test_declared_charsets_win() -> None:
    text = "<meta charset='iso-8859-2'><p>Łódź, Příliš žluťoučký kůň</p>"
    assert decode_html(text.encode("iso-8859-2")) == text
    assert decode_html("Café".encode("cp1252"), header_charset="iso-8859-1") == "Café"
