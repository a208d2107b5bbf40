"""Crawl traps and pages that lie: every crawl ends, bounded, and reads what it can."""
from __future__ import annotations

import time
import uuid

import pytest
from hostile_servers import Handler, serve

from omnilinks.discover.live import canonical, crawl, looks_like_trap
from omnilinks.extract.html import decode_html, parse_page
from omnilinks.fetch import HttpClient, HttpOptions


def client() -> HttpClient:
    return HttpClient(HttpOptions(retries=0, timeout=2.0, concurrency=8))


def html(body: str) -> bytes:
    return f"<!doctype html><html><body>{body}</body></html>".encode()


def calendar(handler: Handler) -> None:
    """An endless calendar: every month links the next and the previous one."""
    month = int(handler.path.partition("month=")[2] or 0)
    handler.answer(200, html(f'<a href="/cal?month={month + 1}">next</a><a href="/cal?month={month - 1}">prev</a>'))


def test_an_endless_calendar_is_bounded_by_the_page_limit() -> None:
    with serve({"/": lambda h: h.answer(200, html('<a href="/cal?month=0">calendar</a>')), "/cal": calendar}) as site:
        started = time.monotonic()
        result = crawl(site.url("/"), client(), max_pages=60, max_depth=1000, region="ID")
        hits = site.count
    assert len(result.pages) == 60 and result.truncated
    assert hits <= 60 + 2  # the pages, robots.txt and sitemap.xml
    assert time.monotonic() - started < 10


def test_session_ids_in_query_strings_do_not_make_new_pages() -> None:
    def fresh_session(handler: Handler) -> None:
        sid = uuid.uuid4().hex
        handler.answer(200, html(f'<a href="/?sid={sid}">home</a><a href="/shop;jsessionid={sid}">shop</a>'
                                 f'<a href="/shop?PHPSESSID={sid}&utm_source=x">shop</a>'))

    with serve({"/": fresh_session, "/shop": fresh_session}) as site:
        result = crawl(site.url("/"), client(), max_pages=500, max_depth=50, region="ID")
    assert sorted(p.url for p in result.pages) == [site.url("/"), site.url("/shop")]
    assert not result.truncated


def test_a_relative_link_loop_is_refused_as_a_trap() -> None:
    """`href="sub/"` on every page makes /sub/, /sub/sub/, /sub/sub/sub/… forever."""
    with serve(fallback=lambda h: h.answer(200, html('<a href="sub/">deeper</a><a href="x/../sub/">again</a>'))) as site:
        result = crawl(site.url("/"), client(), max_pages=500, max_depth=500, region="ID")
    assert 3 <= len(result.pages) <= 5 and result.skipped_traps >= 1 and result.truncated


def test_ever_longer_urls_stop_at_the_url_length_limit() -> None:
    def grow(handler: Handler) -> None:
        query = handler.path.partition("?")[2] or "q=a"
        handler.answer(200, html(f'<a href="/grow?{query}{query[2:]}">longer</a>'))

    with serve({"/": grow, "/grow": grow}) as site:
        result = crawl(site.url("/"), client(), max_pages=500, max_depth=500, region="ID")
    assert len(result.pages) < 20
    assert all(len(p.url) <= 2_000 for p in result.pages)


def test_ten_thousand_links_on_one_page() -> None:
    links = "".join(f'<li><a href="/p/{i}">page {i}</a></li>' for i in range(10_000))
    body = html(f"<ul>{links}</ul>")
    started = time.monotonic()
    page = parse_page(body, "http://127.0.0.1/")
    assert len(page.links) == 10_000 and time.monotonic() - started < 5
    routes = {"/": lambda h: h.answer(200, body)}
    with serve(routes, fallback=lambda h: h.answer(200, html("<p>leaf</p>"))) as site:
        result = crawl(site.url("/"), client(), max_pages=100, max_depth=5, region="ID")
        hits = site.count
    assert len(result.pages) == 100 and result.truncated and hits <= 102


@pytest.mark.parametrize("content_type,body", [
    ("text/html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 50),
    ("text/html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\x00\x00"),
    ("text/html; charset=utf-8", b'{"json": "not html", "links": ["/a"]}'),
    ("application/octet-stream", b"\x00" * 1000),
])
def test_non_html_served_as_html_is_read_without_crashing(content_type: str, body: bytes) -> None:
    routes = {"/": lambda h: h.answer(200, body, content_type=content_type)}
    with serve(routes) as site:
        result = crawl(site.url("/"), client(), max_pages=10, max_depth=2, region="ID")
    assert result.responses[site.url("/")].status == 200


MALFORMED = [
    "<html><head><title>Kopi <b>Senja</title><body><a href='/a'>a<a href=\"/b\">b</p></div></table>",
    "<a href=/unquoted>x</a><a href='/a' href='/b'>dup</a><a href=\"http://[::1/broken\">ipv6</a><a href=http://x:99999/>port</a>",
    "<script type='application/ld+json'>{\"@type\": \"Cafe\", \"name\": \"Kopi\",,}</script>",
    "<script type='application/ld+json'>[1, \"a\", null, {\"@graph\": 5}, {\"@type\": [\"Cafe\", 3]}]</script>",
    "<script type='application/ld+json'>" + "[" * 5000 + "]" * 5000 + "</script>",
    "<script type='application/ld+json'>{\"name\": \"\\ud800\", \"telephone\": 12, \"address\": [[[]]]}</script>",
    "<" * 10_000 + "<a href='/deep'>" + "<div>" * 20_000 + "x",
    "<base href='javascript:alert(1)'><a href='x'>x</a><base href='http://[bad'>",
    "\x00<a href='/nul\x00'>nul</a>\x1b[31m<meta charset='utf-7'>+ADw-script+AD4-",
]


@pytest.mark.parametrize("source", MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_html_and_json_ld_parse_without_crashing(source: str) -> None:
    started = time.monotonic()
    page = parse_page(source.encode("utf-8", "surrogatepass"), "http://127.0.0.1/dir/page.html")
    assert time.monotonic() - started < 5
    assert page.url == "http://127.0.0.1/dir/page.html"


def test_invalid_json_ld_is_reported_not_raised() -> None:
    page = parse_page(MALFORMED[2].encode(), "http://127.0.0.1/")
    assert page.jsonld_errors and page.jsonld_errors[0][0] >= 1


CAFE = "Kafé «Senja» — € 25 000"
@pytest.mark.parametrize("encoding,text", [("cp1252", CAFE), ("iso-8859-2", "Kawiarnia Łódź - zażółć"),
                                           ("shift_jis", "喫茶店 カフェ・セン")])
@pytest.mark.parametrize("declared", ["header", "meta", "wrong-header", "missing"])
def test_charsets_declared_right_wrong_or_not_at_all(encoding: str, text: str, declared: str) -> None:
    meta = f'<meta charset="{encoding}">' if declared == "meta" else ""
    body = f"<html><head>{meta}<title>{text}</title></head><body><p>{text}</p></body></html>".encode(encoding)
    header = {"header": encoding, "wrong-header": "utf-8", "meta": None, "missing": None}[declared]
    decoded = decode_html(body, header)
    page = parse_page(body, "http://127.0.0.1/", charset=header)
    if declared in ("header", "meta") or (encoding == "cp1252"):
        assert page.title == text  # declared, or the browser fallback (windows-1252) is right
    else:
        assert decoded and isinstance(page.title, str)  # undecidable: readable text, never a crash


def test_a_charset_name_that_is_not_a_web_charset_is_ignored() -> None:
    body = "<p>café</p>".encode()
    for name in ("undefined", "idna", "punycode", "unicode_escape", "utf-7", "rot13", "x-nonsense"):
        assert decode_html(body, name) == "<p>café</p>"
    assert decode_html(b'<meta charset="utf-16"><p>ok</p>') == '<meta charset="utf-16"><p>ok</p>'
    assert parse_page(b'<meta charset="undefined"><title>ok</title>', "http://127.0.0.1/").title == "ok"


def test_trap_and_canonical_helpers() -> None:
    assert looks_like_trap("http://h/a/b/a/b/a/b/a/b/")
    assert looks_like_trap("http://h/" + "x/" * 31)
    assert not looks_like_trap("http://h/blog/2024/01/02/post/")
    assert canonical("HTTP://H/p;jsessionid=abc?b=1&sid=9&utm_medium=x#top") == "http://h/p?b=1"
