"""Parse one HTML document into a `Page`: links with file/line/column, anchors,
title, meta tags and raw JSON-LD. lxml directly: bs4's tree costs ~10× here
and this runs on every page of every site."""
from __future__ import annotations

import codecs
import json
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from omnilinks.extract.contacts import contact_facts
from omnilinks.extract.structured import structured_facts
from omnilinks.models import Link, Location, Page

LINK_ATTRS = {"a": "href", "area": "href", "img": "src", "script": "src", "iframe": "src", "source": "src",
              "link": "href"}
CHECKED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "me", "preload", "manifest"}
NAV_TAGS = {"header", "footer", "nav"}
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def decode_html(body: bytes, header_charset: str | None = None) -> str:
    """Decode as browsers do: BOM, HTTP charset, <meta charset>, UTF-8, then cp1252."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace")
    candidates = [header_charset] if header_charset else []
    match = META_CHARSET.search(body[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            return body.decode(_browser_alias(name))
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def _browser_alias(name: str) -> str:
    # WHATWG maps latin-1 labels to windows-1252; Python's latin-1 would mangle € and smart quotes.
    lowered = name.strip().lower()
    return "cp1252" if lowered in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else lowered


def parse_page(body: bytes | str, url: str, path: str | None = None, status: int = 200,
               charset: str | None = None, region: str = "ID") -> Page:
    text = body if isinstance(body, str) else decode_html(body, charset)
    location = Location(path=path, url=None if path else url)
    # Unicode strings with an XML encoding declaration make lxml refuse them.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    if not text.strip():
        return Page(url=url, location=location, status=status)
    try:
        root = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return Page(url=url, location=location, status=status)
    base = url
    base_el = root.find(".//base[@href]")
    if base_el is not None:
        base = urljoin(url, base_el.get("href", "").strip())
    lines = _Lines(text)
    links = tuple(_links(root, base, path, url, lines))
    ids = frozenset(_ids(root))
    title_el = root.find(".//title")
    title = " ".join((title_el.text_content() if title_el is not None else "").split())
    meta = tuple(_meta(root))
    jsonld, errors = _jsonld(root)
    facts = structured_facts(root, jsonld, meta, title, location, base) + contact_facts(root, links, location, region)
    return Page(url=url, location=location, status=status, title=title, ids=ids, links=links, facts=facts,
                jsonld=jsonld, jsonld_errors=errors, meta=meta)


_PARSER = lxml_html.HTMLParser(recover=True, no_network=True, huge_tree=False, remove_comments=True)


class _Lines:
    """Source lines on demand, to turn an element's line into a column."""

    def __init__(self, text: str):
        self.text = text
        self._lines: list[str] | None = None

    def column(self, line: int | None, needle: str) -> int | None:
        if not line or not needle:
            return None
        if self._lines is None:
            self._lines = self.text.split("\n")
        for offset in range(4):  # attributes may sit on the lines after the tag
            index = line - 1 + offset
            if index >= len(self._lines):
                break
            position = self._lines[index].find(needle)
            if position >= 0:
                return position + 1
        return None


def _links(root: Any, base: str, path: str | None, page_url: str, lines: _Lines):
    for element in root.iter(*LINK_ATTRS):
        tag = element.tag
        attr = LINK_ATTRS[tag]
        raw = element.get(attr)
        rel = tuple((element.get("rel") or "").lower().split())
        if raw is None:
            continue
        if tag == "link" and not CHECKED_LINK_RELS.intersection(rel):
            continue
        raw = raw.strip()
        if not raw or raw.startswith(("javascript:", "data:", "about:", "blob:")) or raw == "#":
            continue
        try:
            absolute = urljoin(base, raw)
        except ValueError:
            absolute = raw
        line = element.sourceline
        text = " ".join(element.text_content().split())[:200] if tag in ("a", "area") else ""
        yield Link(url=absolute, raw=raw, tag=tag, rel=rel, text=text, in_nav=_in_nav(element),
                   location=Location(path=path, line=line, column=lines.column(line, raw),
                                     url=None if path else page_url))


def _in_nav(element: Any) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in NAV_TAGS:
            return True
        classes = ancestor.get("class") or ""
        if "footer" in classes or "header" in classes:
            return True
    return False


def _ids(root: Any):
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        value = element.get("id")
        if value:
            yield value
        if element.tag == "a" and element.get("name"):
            yield element.get("name")


def _meta(root: Any):
    for element in root.iter("meta"):
        key = element.get("property") or element.get("name")
        content = element.get("content")
        if key and content is not None:
            yield key.strip().lower(), content.strip()


def _jsonld(root: Any) -> tuple[tuple[dict[str, Any], ...], tuple[tuple[int, str], ...]]:
    entities: list[dict[str, Any]] = []
    errors: list[tuple[int, str]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        line = script.sourceline or 0
        source = script.text or ""
        try:
            data = json.loads(source)
        except ValueError as exc:
            where = line + getattr(exc, "lineno", 1) - 1
            errors.append((where, f"invalid JSON-LD: {getattr(exc, 'msg', exc)}"))
            continue
        for entity in flatten_jsonld(data):
            entities.append(entity | {"__line__": line})
    return tuple(entities), tuple(errors)


def flatten_jsonld(data: Any) -> list[dict[str, Any]]:
    """Top-level entities from a JSON-LD document: lists, @graph and single objects."""
    if isinstance(data, list):
        return [e for item in data for e in flatten_jsonld(item)]
    if not isinstance(data, dict):
        return []
    if "@graph" in data:
        return flatten_jsonld(data["@graph"])
    return [data]


def types_of(entity: dict[str, Any]) -> set[str]:
    kind = entity.get("@type") or []
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds}


def same_site(url: str, site: str) -> bool:
    return (urlsplit(url).hostname or "").removeprefix("www.") == (urlsplit(site).hostname or "").removeprefix("www.")
