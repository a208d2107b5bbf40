"""The speed-ups of the folder check keep its answers: the link resolver equals
urljoin, nav detection equals the ancestor walk, the process pool gives the same
pages as reading one by one, and Site/FolderSite caches answer as before."""
from __future__ import annotations

import random
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest

from omnilinks.discover import Reading, Site, _parse_all, discover, worker_count
from omnilinks.discover.folder import FolderSite, normalized_relative
from omnilinks.extract import html as html_module
from omnilinks.extract.html import Resolver, parse_page
from omnilinks.extract.urls import browser_slashes
from omnilinks.fetch import HttpClient, HttpOptions

BASES = ["http://h/", "https://h.example/a/b.html", "http://h", "https://h/a/b/", "https://h/a;p/b;q?x=1#f",
         "http://u:p@[::1]:80/a/./b/../c", "http://h/a//b/", "HTTP://H/x/y", "file:///tmp/x.html", "not a url",
         "http://h:port/a/", "http://[::1/a/", "https://h/a/b/c/d.html", "https://h/a?", "https://h/a//b/c/d"]
PIECES = ["a", "b", ".", "..", "/", "//", "?", "#", ":", ";", "%20", "x.html", " ", "\t", "~", "é", "=", "&", "\\",
          "http://", "https://", "@", "80", "../", "a/", "x.html#s1"]


def test_resolver_equals_urljoin_on_random_references() -> None:
    rng = random.Random(5)
    for _ in range(60_000):
        raw = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 8))).strip()
        base = rng.choice(BASES)
        if not raw:
            continue
        try:
            expected: str | None = urljoin(base, browser_slashes(raw))  # a backslash is a slash to a browser
            urlsplit(expected).port  # noqa: B018 - raises for a bad port
        except ValueError:
            expected = None  # malformed: the page's link is reported, never resolved
        assert Resolver(base).join(raw) == expected, (base, raw)


def test_a_site_path_is_normalized_as_pure_posix_path_does() -> None:
    rng = random.Random(3)
    pieces = ["a", "b", "/", ".", "..", "//", "x.html", "é", " ", "\\"]
    for _ in range(20_000):
        relative = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8)))
        expected = str(PurePosixPath("/" + relative)).lstrip("/") if relative else ""
        assert normalized_relative(relative) == expected, relative


@pytest.mark.parametrize("raw", ["../s/p.html#x", "/abs/./p.html?q=1#f", "p.html#", "p.html?", "./", "..", "a/../../b"])
def test_resolver_common_references(raw: str) -> None:
    base = "https://kopisenja.id/menu/kopi/index.html"
    assert Resolver(base).join(raw) == urljoin(base, raw)


NAV_PAGE = b"""<html><body>
<header><a href="/h">h</a></header>
<div class="site-footer"><p><a href="/f">f</a></p></div>
<nav><ul><li><a href="/n">n</a></li></ul></nav>
<main><a href="/m">m</a><a class="header-link" href="/self">self</a>
<div class="x"><img src="/i.png"></div></main>
</body></html>"""


def test_nav_links_are_those_under_header_footer_nav() -> None:
    page = parse_page(NAV_PAGE, "https://example.com/", path="index.html")
    assert {link.raw: link.in_nav for link in page.links} == {
        "/h": True, "/f": True, "/n": True, "/m": False, "/self": False, "/i.png": False}


@pytest.mark.parametrize("bytes_a_link", [0, 10**9], ids=["ancestors", "one-xpath"])
def test_nav_links_are_those_with_a_navigation_ancestor_on_random_pages(bytes_a_link: int,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # Either way of answering (chosen by the page's bytes a link) gives the same answer.
    from lxml import html as lxml_html

    monkeypatch.setattr(html_module, "BYTES_A_LINK_FOR_ANCESTORS", bytes_a_link)

    rng = random.Random(16)
    containers = ["header", "footer", "nav", "div", "section", "ul", "li", "p", "span"]
    classes = ["", "", "site-footer", "header-bar", "Footer", "x", "headers"]

    def tree(depth: int) -> str:
        parts = []
        for _ in range(rng.randrange(1, 4)):
            if depth < 4 and rng.random() < 0.6:
                tag, cls = rng.choice(containers), rng.choice(classes)
                attrs = f' class="{cls}"' if cls else ""
                parts.append(f"<{tag}{attrs}>{tree(depth + 1)}</{tag}>")
            else:
                cls = rng.choice(classes)
                attrs = f' class="{cls}"' if cls else ""
                parts.append(rng.choice([f'<a href="/l{len(parts)}-{depth}"{attrs}>l</a>', '<img src="/i.png">',
                                         '<link rel="icon" href="/f.ico">']))
        return "".join(parts)

    navigation = "ancestor::header or ancestor::footer or ancestor::nav or " \
                 "ancestor::*[contains(@class, 'footer') or contains(@class, 'header')]"
    for _ in range(300):
        source = f"<html><body>{tree(0)}</body></html>"
        page = parse_page(source.encode(), "https://example.com/", path="index.html")
        root = lxml_html.document_fromstring(source)
        expected = [bool(element.xpath(navigation)) for element in root.iter("a", "img", "link")]
        assert [link.in_nav for link in page.links] == expected, source


def _site(root: Path, count: int) -> Path:
    for index in range(count):
        folder = root / f"s{index % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"p{index}.html").write_text(
            f"<title>P{index}</title><h2 id='a{index}'>x</h2><a href='../s{(index + 1) % 7}/p{index + 1}.html#a{index + 1}'>n</a>"
            f"<a href='/s0/gone{index}.html'>g</a><a href='tel:+622155500123'>t</a>")
    return root


def test_process_pool_reads_the_same_pages_in_the_same_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _site(tmp_path, 40)
    folder = FolderSite(root, "https://example.com/")
    files = [str(p) for p in folder.html_files()]
    reading = Reading(folder, "ID", 10 * 1024 * 1024)
    client = HttpClient(HttpOptions())
    monkeypatch.setenv("OMNILINKS_WORKERS", "1")
    one_by_one = _parse_all(files, reading, None, client.cancel)
    monkeypatch.setenv("OMNILINKS_WORKERS", "2")
    # Server threads other tests left behind make the pool refuse to fork; none of them
    # holds a lock this parse needs, and this test is about what the pool returns.
    monkeypatch.setattr("omnilinks.discover.threading.active_count", lambda: 1)
    assert worker_count(len(files)) == 2
    pooled = _parse_all(files, reading, None, client.cancel)
    assert pooled == one_by_one and len(pooled) == 40


def test_worker_count_small_sites_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMNILINKS_WORKERS", raising=False)
    assert worker_count(10) == 1


def test_cached_lookups_answer_like_fresh_ones(tmp_path: Path) -> None:
    root = _site(tmp_path, 12)
    client = HttpClient(HttpOptions())
    site: Site = discover(str(root), client, "https://example.com/", None, 100, 5, "ID")
    fresh = FolderSite(root, "https://example.com/")
    list(fresh.html_files())
    urls = ["https://example.com/s1/p1.html#a1", "https://example.com/s1/p1.html", "https://example.com/s0/gone3.html",
            "https://www.example.com/s2/p2.html", "https://other.example/s1/p1.html", "mailto:a@b.c"]
    for _ in range(2):  # the second round comes from the caches
        for url in urls:
            assert site.is_internal(url) == fresh.is_internal(url)
            if fresh.is_internal(url):
                assert site.exists(url) == (fresh.file_for(url) is not None)
        page = site.page_for("https://example.com/s1/p1.html#whatever")
        assert page is not None and page.url == "https://example.com/s1/p1.html"
        assert site.page_for("https://example.com/s0/gone3.html") is None


def test_a_file_is_read_whole_or_up_to_the_limit(tmp_path: Path) -> None:
    from omnilinks.discover import read_at_most

    body = bytes(range(256)) * 1000
    path = tmp_path / "page.html"
    path.write_bytes(body)
    assert read_at_most(str(path), 10 * 1024 * 1024) == body
    assert read_at_most(str(path), 1000) == body[:1000]
    assert read_at_most(str(path), len(body)) == body
    (tmp_path / "empty.html").write_bytes(b"")
    assert read_at_most(str(tmp_path / "empty.html"), 100) == b""


def test_plain_urls_read_as_urlsplit_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from omnilinks.discover import live
    from omnilinks.extract.urls import url_path

    rng = random.Random(8)
    pieces = ["https://", "http://", "h.example", "H", ":80", "/", "a", ".html", "?q=1", "#f", ";jsessionid=1", " ",
              "\t", "é", "%20", "//", "[", "@", ":"]
    urls = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9))) for _ in range(30_000)]
    for url in urls:
        try:
            expected = urlsplit(url).path
        except ValueError:
            continue
        assert url_path(url) == expected, url
    urls = [url for url in urls if live.PLAIN_URL.match(url)] + ["https://h.example/a/b.html", "http://h:8000/x/"]
    fast = [live.canonical(url) for url in urls]
    monkeypatch.setattr(live, "PLAIN_URL", re.compile(r"(?!)"))  # every URL through urlsplit and urlunsplit
    assert fast == [live.canonical(url) for url in urls]
    assert len(urls) > 20


@pytest.mark.parametrize("meta", ['<meta charset="utf-8">', '<meta charset="utf-16">', '<meta charset="bogus">', ""])
def test_utf8_bytes_parse_as_their_text_does(meta: str) -> None:
    # libxml2 reads UTF-8 bytes itself when told so: the page must be the one its decoded text gives.
    body = (f"<html><head>{meta}<title>Café — “Kopi”</title></head><body>\n"
            "<p id='ü'>Jl. Kemang Raya No. 10, Jakarta · 日本</p><a href='menu/ü.html#ß'>Menü</a></body></html>").encode()
    from_bytes = parse_page(body, "https://kopisenja.id/", path="index.html")
    from_text = parse_page(body.decode(), "https://kopisenja.id/", path="index.html")
    assert from_bytes == from_text and from_bytes.title == "Café — “Kopi”" and "ü" in from_bytes.ids


def test_reading_a_page_leaves_no_reference_cycles() -> None:
    """The readers of a big site keep the cyclic collector paused (it walked every record kept):
    a cycle made per page would stay until the end, ~1 KB a page, 100 MB a worker at 200,000 pages."""
    import gc

    fixtures = Path(__file__).resolve().parents[2] / "fixtures"
    bodies = [path.read_bytes() for path in sorted(fixtures.rglob("*.html"))]
    bodies.append(b'<html><head><script type="application/ld+json">{"@graph": [{"@type": "Cafe", "@id": "#c", '
                  b'"name": "Kopi", "address": {"@id": "#a"}}, {"@id": "#a", "@type": "PostalAddress", '
                  b'"streetAddress": "Jl. Kemang Raya 10"}]}</script></head><body><address>Kopi<br>'
                  b'Jl. Kemang Raya 10<br><b>Jakarta <i>12730</i></b></address></body></html>')
    assert len(bodies) > 20
    gc.collect()
    enabled, debug = gc.isenabled(), gc.get_debug()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what the collector finds is kept in gc.garbage, to be named
    try:
        for number, body in enumerate(bodies):
            parse_page(body, f"https://shop.example/{number}.html", path=f"{number}.html")
        gc.collect()
        cycles = sorted({getattr(item, "__qualname__", type(item).__name__) for item in gc.garbage})
    finally:
        gc.set_debug(debug)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    assert cycles == []


def test_text_content_is_lxml_htmls_on_plain_elements() -> None:
    from lxml import etree
    from lxml import html as lxml_html

    from omnilinks.extract.html import _PARSER
    from omnilinks.extract.tree import text_content

    source = ("<html><head><title>T &amp; t</title></head><body><p>One <b>two</b><br>three<!-- c --> "
              "<a href='/x'><span>Four</span> five</a><script>s()</script></p><ul><li>é ✓</li></ul></body></html>")
    ours, theirs = etree.fromstring(source, _PARSER), lxml_html.document_fromstring(source)
    assert [text_content(element) for element in ours.iter()] == [e.text_content() for e in theirs.iter()
                                                                   if isinstance(e.tag, str)]


def test_text_content_of_text_alone_is_the_xpaths_whatever_the_parser_keeps() -> None:
    from lxml import etree

    from omnilinks.extract import tree

    sources = ["<p>a &amp; b</p>", "<p></p>", "<p>x<!--c-->y</p>", "<p>x<?pi z?>y</p>", "<p>&nbsp;a&foo;b</p>",
               "<p>\n  spaced\t</p>", "<p>a<b>c</b>d</p>", "<p><![CDATA[q]]>r</p>"]
    for source in sources:
        for parser in (etree.HTMLParser(remove_comments=True), etree.HTMLParser()):
            element = etree.fromstring(f"<html><body>{source}</body></html>", parser)[0][0]
            assert tree.text_content(element) == tree._STRING(element), (source, parser)


def test_first_descendant_is_what_elementpath_finds_and_meta_keeps_its_order() -> None:
    from lxml import etree

    from omnilinks.extract.html import _PARSER, _meta
    from omnilinks.extract.tree import first_descendant

    source = ("<html><head><link rel='canonical' href=' /first '><meta name='Description' content=' d '>"
              "<title>One</title><link rel='canonical' href='/second'><meta property='og:url' content='/u'>"
              "</head><body><title>Two</title><base href='/b/'><base></body></html>")
    root = etree.fromstring(source, _PARSER)
    for tag in ("title", "base", "meta", "nav"):
        assert first_descendant(root, tag) is root.find(f".//{tag}")
    # <head> is searched first: the answer is still the first in document order, wherever it is.
    shapes = ["<title>a</title><p>x</p>", "<html><body><title>b</title></body></html>",
              "<html><head></head><body><script>1</script><title>c</title></body></html>",
              "<html><head><script>1</script><noscript><title>d</title></noscript><title>e</title></head></html>",
              "<?pi x?><html><head><title>f</title></head></html>", "<p>no head</p><script>2</script>",
              "<html><head><meta charset=utf-8></head><body><svg><title>g</title></svg></body></html>"]
    for shape in shapes:
        for parser in (_PARSER, etree.HTMLParser()):
            shaped = etree.fromstring(shape, parser)
            for tag in ("title", "script", "base", "head"):
                assert first_descendant(shaped, tag) is shaped.find(f".//{tag}"), (shape, tag)
    assert list(_meta(root)) == [("description", "d"), ("og:url", "/u"), ("canonical", "/first")]


def test_a_base_in_any_case_is_found_behind_the_byte_gate() -> None:
    from omnilinks.extract.html import parse_page

    for tag in ("base", "BASE", "BaSe"):
        for body in (f"<html><head><{tag} HREF='/sub/'></head><body><a href='x.html'>x</a></body></html>",
                     f"<html><body><p>é</p><{tag} href='/sub/'><a href='x.html'>x</a></body></html>"):
            for encoded in (body.encode(), body.encode("utf-16")):
                page = parse_page(encoded, "https://shop.example/a/b.html")
                assert [link.url for link in page.links] == ["https://shop.example/sub/x.html"], (tag, body)
    page = parse_page(b"<html><body><!-- <base href='/sub/'> --><a href='x.html'>x</a></body></html>",
                      "https://shop.example/a/b.html")
    assert [link.url for link in page.links] == ["https://shop.example/a/x.html"]


def test_a_class_attribute_in_any_case_still_marks_navigation_links() -> None:
    from omnilinks.extract.html import parse_page

    for attribute in ("class", "CLASS", "Class"):
        body = (f"<html><body><div {attribute}='site-footer'><a href='/a'>a</a></div>"
                "<p><a href='/b'>b</a></p></body></html>")
        for encoded in (body.encode(), body.encode("utf-16")):
            page = parse_page(encoded, "https://shop.example/")
            assert [(link.url, link.in_nav) for link in page.links] == [
                ("https://shop.example/a", True), ("https://shop.example/b", False)], (attribute, encoded[:2])
