"""Page.links keeps links as columns (LinkTable): the same Links come back out, from any
construction, through pickling (worker processes) and interning."""
from __future__ import annotations

import pickle

import pytest

from omnilinks import linktable
from omnilinks.extract.html import parse_page
from omnilinks.models import Link, LinkTable, Location, Page

LINKS = (
    Link("https://shop.example/a", "a", "a", Location("site/index.html", 3, 9), ("me",), "About", True, "href"),
    Link("https://shop.example/i.png", "i.png", "img", Location("site/index.html", None, None), (), "", False, "src"),
    Link("https://shop.example/b#x", "b#x", "a", Location("site/index.html", 40_000, 70_000), (), "B", False, "href"),
)


def test_a_table_gives_back_the_links_it_was_made_of() -> None:
    table = LinkTable.of(LINKS)
    assert tuple(table) == LINKS and table == LINKS and len(table) == 3
    assert table[-1] == LINKS[-1] and table[1:] == LINKS[1:]
    assert table.urls == tuple(link.url for link in LINKS)
    assert [(url, kind.tag, kind.in_nav) for url, kind in table.targets()] == \
        [(link.url, link.tag, link.in_nav) for link in LINKS]
    assert [table.line(i) for i in range(3)] == [3, None, 40_000]
    with pytest.raises(IndexError):
        table[3]


def test_links_with_different_origins_keep_their_own_locations() -> None:
    mixed = (*LINKS, Link("https://shop.example/c", "c", "css", Location("site/s.css", 1, 5, None)))
    table = LinkTable.of(mixed)
    assert tuple(table) == mixed and table.location(3).path == "site/s.css"


def test_a_page_keeps_any_sequence_of_links_as_a_table() -> None:
    page = Page("https://shop.example/", Location("site/index.html"), links=list(LINKS))
    assert isinstance(page.links, LinkTable) and page.links == LINKS
    assert Page("https://shop.example/", Location()).links == ()


def test_a_pickled_table_is_equal_and_shares_its_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linktable, "SHARE_AFTER_PAGES", 0)
    page = parse_page(b'<a href="/x">X</a><nav><a href="/y" rel="me">Y</a></nav><img src="p.png">',
                      "https://shop.example/", path="site/index.html")
    first, second = (pickle.loads(pickle.dumps(page, protocol=5)) for _ in range(2))
    assert first.links == page.links and tuple(first.links) == tuple(page.links)
    assert first.links.urls[0] is second.links.urls[0]  # interned on the way in
    assert first.links.kinds()[1] is second.links.kinds()[1]
    assert [link.in_nav for link in page.links] == [False, True, False]
    assert page.links[1].rel == ("me",) and page.links[0].location == Location("site/index.html", 1, 10)


def test_strings_are_shared_once_the_site_proves_big(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linktable, "SHARE_AFTER_PAGES", 2)
    linktable.forget_shared_strings()
    page = parse_page(b'<a href="/x">X</a><p id="a">', "https://shop.example/", path="site/index.html")
    data = pickle.dumps(page, protocol=5)
    pages = [pickle.loads(data) for _ in range(4)]
    assert all(copy == page for copy in pages)
    assert pages[0].links.urls[0] is not pages[1].links.urls[0]  # the first two: as they came
    assert pages[2].links.urls[0] is pages[3].links.urls[0] and pages[2].ids is pages[3].ids
    assert pages[0].links.kinds()[0] is pages[3].links.kinds()[0]  # kinds: one object from the first page on
    linktable.forget_shared_strings()
    assert pickle.loads(data).links.urls[0] is not pickle.loads(data).links.urls[0]  # counted anew


@pytest.mark.parametrize(("url", "raw"), [
    ("https://shop.example/blog/x.html", "../blog/x.html"), ("https://shop.example/", "../../../"),
    ("https://shop.example/menu/", "/menu/"), ("https://shop.example/#top", "#top"),
    ("https://shop.example/a b", "a b"), ("https://shop.example/b/c", "./c"), ("https://shop.example/x", "x/../x"),
    ("https://shop.example/x", ""), ("https://shop.example/%7Ex", "~x"), ("https://shop.example/../x", "../x"),
])
def test_a_source_comes_back_as_written(url: str, raw: str) -> None:
    link = Link(url, raw, "a", Location("site/p.html", 2, 3))
    table = LinkTable.of([link, link])
    assert table.raws == (raw, raw) and table[1] == link
    assert pickle.loads(pickle.dumps(table)) == table
