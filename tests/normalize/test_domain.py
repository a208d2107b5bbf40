"""normalize.domain: the one answer to "same site?", from the Public Suffix List
(private section included) that publicsuffixlist ships."""
from __future__ import annotations

import socket

import pytest

from omnilinks.channels.urls import reaches_site
from omnilinks.normalize.domain import registrable_domain, same_host, same_site, site_host, url_host


@pytest.mark.parametrize("host, registrable", [
    ("www.kopisenja.co.id", "kopisenja.co.id"),        # Indonesia
    ("shop.kopisenja.id", "kopisenja.id"),
    ("www.bakery.com", "bakery.com"),                    # US
    ("shop.bookshop.co.uk", "bookshop.co.uk"),           # UK
    ("www.cafe.com.au", "cafe.com.au"),                  # Australia
    ("blog.kaffee.de", "kaffee.de"),                     # Germany
    ("www.tienda.com.mx", "tienda.com.mx"),              # Mexico
    ("duka.co.ke", "duka.co.ke"),                        # Kenya
    ("www.restaurant.co.jp", "restaurant.co.jp"),        # Japan
    ("loja.com.br", "loja.com.br"),                      # Brazil
    ("www.kedai.com.my", "kedai.com.my"),                # Malaysia
    ("a.b.c.gov.uk", "c.gov.uk"),
    ("foo.github.io", "foo.github.io"),                  # private section: each user's own site
    ("www.foo.github.io", "foo.github.io"),
    ("assets.bookshop.netlify.app", "bookshop.netlify.app"),
    ("my-app.vercel.app", "my-app.vercel.app"),
    ("docs.pages.dev", "docs.pages.dev"),
    ("kopi.myshopify.com", "kopi.myshopify.com"),
    ("bakery.blogspot.com", "bakery.blogspot.com"),
    ("github.io", "github.io"),                          # a suffix alone is its own (nobody's) site
    ("gov.uk", "gov.uk"),
    ("127.0.0.1", "127.0.0.1"),
    ("localhost", "localhost"),
    ("KopiSenja.ID.", "kopisenja.id"),
    ("xn--bcher-kva.de", "bücher.de"),                   # Punycode and Unicode forms are one domain
    ("www.bücher.de", "bücher.de"),
])
def test_registrable_domain(host: str, registrable: str) -> None:
    assert registrable_domain(host) == registrable


@pytest.mark.parametrize("a, b", [
    ("foo.github.io", "bar.github.io"),
    ("bookshop.netlify.app", "scam.netlify.app"),
    ("a.vercel.app", "b.vercel.app"),
    ("a.pages.dev", "b.pages.dev"),
    ("kopi.myshopify.com", "teh.myshopify.com"),
    ("bakery.blogspot.com", "other.blogspot.com"),
    ("hmrc.gov.uk", "dvla.gov.uk"),
    ("duka.co.ke", "soko.co.ke"),
    ("tienda.com.mx", "otra.com.mx"),
    ("kopisenja.co.id", "other.co.id"),
    ("kopisenja.id", "kopisenja.id.evil.example"),
])
def test_different_sites_on_a_shared_suffix(a: str, b: str) -> None:
    assert not same_site(a, b) and not same_site(b, a)


@pytest.mark.parametrize("a, b", [
    ("www.kopisenja.id", "pesan.kopisenja.id"),
    ("bookshop.netlify.app", "www.bookshop.netlify.app"),
    ("www.bookshop.co.uk", "shop.bookshop.co.uk"),
    ("xn--bcher-kva.de", "www.Bücher.de"),
])
def test_same_site(a: str, b: str) -> None:
    assert same_site(a, b)


def test_same_host_ignores_www_only() -> None:
    assert same_host("www.bakery.com", "bakery.com")
    assert not same_host("shop.bakery.com", "bakery.com")
    assert not same_host("", "")
    assert site_host("www.com") == "www.com"  # a host named www, not a prefix
    assert url_host("https://WWW.Bakery.com:8443/menu") == "www.bakery.com"
    assert url_host("http://[x") == ""


def test_links_back_to_a_shared_host_site() -> None:
    site = "https://bookshop.netlify.app/"
    assert reaches_site("https://bookshop.netlify.app/contact", site)
    assert not reaches_site("https://someone-else.netlify.app/", site)
    assert not reaches_site("https://netlify.app/", site)
    assert not reaches_site("https://bar.github.io/", "https://foo.github.io/")
    assert reaches_site("https://foo.github.io/blog/", "https://www.foo.github.io/")


def test_the_list_is_read_from_the_package_not_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the Public Suffix List must not be fetched at run time")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    import importlib

    import omnilinks.normalize.domain as domain
    reloaded = importlib.reload(domain)
    assert reloaded.registrable_domain("shop.example.co.nz") == "example.co.nz"


def test_other_mailboxes_on_the_brands_own_site_are_departments(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import omnilinks

    root = tmp_path / "site"
    root.mkdir()
    (root / "omnilinks.yml").write_text(
        'site: {url: "https://www.riverside-books.co.uk"}\n'
        'brand: {name: Riverside Books, country: GB, email: hello@riverside-books.co.uk}\n', encoding="utf-8")
    text = " ".join(["events@riverside-books.co.uk", "orders@shop.riverside-books.co.uk",
                     "riverside@gmail.com", "info@other-books.co.uk"])
    (root / "index.html").write_text(f"<html><head><title>Riverside Books</title></head><body><footer><p>Email: {text}"
                                     "</p></footer></body></html>", encoding="utf-8")
    findings = omnilinks.check(str(root), offline=True, use_cache=False).findings
    assert sorted(f.actual or "" for f in findings if f.rule == "nap-email-mismatch") == [
        "info@other-books.co.uk", "riverside@gmail.com"]
