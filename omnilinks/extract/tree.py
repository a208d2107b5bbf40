"""What every extractor reads of a parsed tree beyond lxml's own element API."""
from __future__ import annotations

from typing import Any

from lxml import etree

_STRING = etree.XPath("string()", smart_strings=False)


def text_content(element: Any) -> str:
    """All the text inside the element, as lxml.html's HtmlElement.text_content() gives it (pages
    are parsed into plain elements: making lxml.html's proxy class for each costs a third more)."""
    return _STRING(element)  # type: ignore[no-any-return]
