"""Internationalised addresses (RFC 6531, IDNA) are valid, their Punycode and
Unicode forms are one address, and over-long ones are malformed."""
from __future__ import annotations

from pathlib import Path

import pytest

import omnilinks
from omnilinks.normalize.email import find_emails, normalize_email


@pytest.mark.parametrize("written, canonical", [
    ("mailto:info@kopi-senja.中国", "info@kopi-senja.中国"),                 # China (IDN TLD)
    ("info@kopi-senja.xn--fiqs8s", "info@kopi-senja.中国"),                   # the same in Punycode
    ("josé@café.fr", "josé@café.fr"),                                         # France
    ("José@xn--caf-dma.fr", "josé@café.fr"),
    ("kontakt@bücher.de", "kontakt@bücher.de"),                               # Germany
    ("kontakt@xn--bcher-kva.de", "kontakt@bücher.de"),
    ("用户@例子.广告", "用户@例子.广告"),                                         # Chinese local part
    ("θαλασσα@ελλάδα.gr", "θαλασσα@ελλάδα.gr"),                               # Greece
    ("почта@пример.рф", "почта@пример.рф"),                                   # Russia
    ("ติดต่อ@ร้านกาแฟ.ไทย", "ติดต่อ@ร้านกาแฟ.ไทย"),                               # Thailand
    ("info@kafe.com.vn", "info@kafe.com.vn"),                                 # Vietnam
    ("hello@bookshop.co.uk", "hello@bookshop.co.uk"),                         # UK
    ("mailto:Orders@Bakery.COM?subject=Cake", "orders@bakery.com"),          # US
])
def test_international_addresses_are_valid_and_one_form(written: str, canonical: str) -> None:
    assert normalize_email(written) == canonical


def test_punycode_and_unicode_are_one_address() -> None:
    assert normalize_email("mailto:info@kopi-senja.中国") == normalize_email("mailto:info@kopi-senja.xn--fiqs8s")


@pytest.mark.parametrize("text", [
    "a" * 65 + "@example.com",                            # local part over 64 octets
    "é" * 33 + "@example.com",                            # 66 octets in UTF-8, 33 characters
    "info@" + ".".join(["a" * 62] * 4) + ".com",          # over 254 octets in all
    "info@" + ".".join(["ü" * 20] * 8) + ".de",           # over 254 once the domain is in Punycode
    "a..b@example.com", "info@kopi senja.中国", "user@localhost", "\"quoted\"@example.com",
    "info@[192.0.2.1]", "logo@2x.png",
])
def test_malformed(text: str) -> None:
    assert normalize_email(text) is None


def test_limits_are_inclusive() -> None:
    assert normalize_email("a" * 64 + "@example.com") is not None
    domain = ".".join(["d" * 61, "d" * 61, "d" * 59]) + ".co.uk"   # 189 octets: with 64 + 1 the address is exactly 254
    assert len("a" * 64 + "@" + domain) == 254 and normalize_email("a" * 64 + "@" + domain) is not None
    assert normalize_email("a" * 64 + "@" + "x" + domain) is None


def test_found_in_text_in_any_script() -> None:
    text = "Hubungi kami: info@kopi-senja.中国 atau 用户@例子.广告."
    assert [value for value, _, _ in find_emails(text)] == ["info@kopi-senja.中国", "用户@例子.广告"]


def test_idn_mailto_is_not_a_malformed_link_and_matches_the_declared_punycode(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "omnilinks.yml").write_text(
        'site: {url: "https://kopi-senja.xn--fiqs8s"}\nbrand: {name: Kopi Senja, email: info@kopi-senja.xn--fiqs8s}\n',
        encoding="utf-8")
    (root / "index.html").write_text(
        '<html><head><title>Kopi Senja</title></head><body><footer><a href="mailto:info@kopi-senja.中国">'
        "info@kopi-senja.中国</a> <a href=\"mailto:josé@café.fr\">Paris</a></footer></body></html>", encoding="utf-8")
    report = omnilinks.check(str(root), offline=True, use_cache=False)
    assert [f for f in report.findings if f.rule == "link-mailto-malformed"] == []
    assert report.identity.email == "info@kopi-senja.中国"
    emails = [f for f in report.findings if f.rule == "nap-email-mismatch"]
    assert [f.actual for f in emails] == ["josé@café.fr"]  # another domain: reported; the IDN form of ours: not


def test_declared_brand_email_is_read_the_same_way() -> None:
    from omnilinks.config import Config
    from omnilinks.errors import ConfigError
    from omnilinks.identity.resolve import resolve_identity

    identity, _ = resolve_identity(Config(brand={"email": "Info@Kopi-Senja.XN--FIQS8S"}), [], None)
    assert identity.email == "info@kopi-senja.中国"
    with pytest.raises(ConfigError) as caught:
        resolve_identity(Config(path="omnilinks.yml", brand={"email": "a" * 65 + "@bakery.com"}), [], None)
    assert "brand.email" in str(caught.value)


def test_no_dns_look_up(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("e-mail syntax must not touch the network")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    normalize_email.cache_clear()
    assert normalize_email("hello@riverside-books.co.uk") == "hello@riverside-books.co.uk"
    assert normalize_email("hello@no-such-domain-anywhere.example") is not None
