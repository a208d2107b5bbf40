"""What every extractor reads of a parsed tree beyond lxml's own element API."""
from __future__ import annotations

from typing import Any

from lxml import etree

_STRING = etree.XPath("string()", smart_strings=False)


def text_content(element: Any) -> str:
    """All the text inside the element, as lxml.html's HtmlElement.text_content() gives it (pages
    are parsed into plain elements: making lxml.html's proxy class for each costs a third more)."""
    if not len(element):  # text nodes only (len() counts every other kind of child): the XPath costs 20x
        return element.text or ""
    return _STRING(element)  # type: ignore[no-any-return]


def first_descendant(root: Any, tag: str) -> Any:
    """root.find(f".//{tag}") without ElementPath's Python generators (twice the time of lxml's C walk).
    lxml's iterators look one match ahead, so asking for the first of a tag the page holds once
    walks the whole tree: <head>, which comes first in the document, is searched first (a page's
    <title>: 1.4 µs against 21)."""
    head = root[0] if len(root) else None
    if head is not None and head.tag == "head":
        found = next(head.iterdescendants(tag), None)
        if found is not None:
            return found
    return next(root.iterdescendants(tag), None)
