"""Parse one HTML document into a `Page`: links with file/line/column, anchors,
title, meta tags and raw JSON-LD. lxml directly: bs4's tree costs ~10× here
and this runs on every page of every site."""
from __future__ import annotations

import codecs
import json
import re
from typing import Any
from urllib.parse import urlparse, urlsplit

from lxml import etree
from lxml import html as lxml_html

from omnilinks.extract.contacts import contact_facts
from omnilinks.extract.structured import structured_facts
from omnilinks.extract.urls import resolve_url
from omnilinks.models import Link, Location, Page

LINK_ATTRS = {"a": "href", "area": "href", "img": "src", "script": "src", "iframe": "src", "source": "src",
              "link": "href"}
CHECKED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "me", "preload", "manifest"}
NAV_TAGS = {"header", "footer", "nav"}
# Python codecs that are not web charsets; a hostile page naming them must not pick them.
NOT_CHARSETS = {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "utf-7", "charmap"}
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def decode_html(body: bytes, header_charset: str | None = None) -> str:
    """Decode as browsers do: BOM, HTTP charset, <meta charset>, UTF-8, then a guess."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace")
    candidates = [header_charset] if header_charset else []
    match = META_CHARSET.search(body[:4096])
    if match:
        # WHATWG: a <meta> that claims UTF-16/32 is read as UTF-8 (the meta itself was ASCII).
        meta = match.group(1).decode("ascii", "ignore")
        candidates.append("utf-8" if meta.lower().startswith(("utf-16", "utf-32")) else meta)
    for name in candidates:
        try:
            codec = codecs.lookup(_browser_alias(name))
            if codec.name in NOT_CHARSETS:
                continue
            return body.decode(codec.name)
        except (LookupError, UnicodeError, ValueError):  # unknown names, codecs that always fail
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return _guess(body)


MULTIBYTE = {"shift_jis", "cp932", "euc_jp", "iso2022_jp", "gb2312", "gbk", "gb18030", "big5", "big5hkscs", "euc_kr",
             "cp949"}


def _guess(body: bytes) -> str:
    """No usable declaration and not UTF-8: browsers sniff. bs4's UnicodeDammit (charset
    detection through charset_normalizer) is trusted for multi-byte encodings, whose byte
    patterns are distinctive; a single-byte guess is a coin toss, so cp1252, the web's default."""
    from bs4 import UnicodeDammit  # only here: most pages never need it, and it costs start-up time

    dammit = UnicodeDammit(body[:262_144], known_definite_encodings=[], is_html=True)
    encoding = dammit.original_encoding
    if encoding and codecs.lookup(encoding).name in MULTIBYTE:
        try:
            return body.decode(encoding, errors="replace")
        except LookupError:
            pass
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
        base = resolve_url(url, base_el.get("href", "").strip()) or url
    lines = _Lines(text)
    links, malformed = _links(root, Resolver(base), path, url, lines)
    ids = _ids(root)
    title_el = root.find(".//title")
    title = " ".join((title_el.text_content() if title_el is not None else "").split())
    meta = tuple(_meta(root))
    jsonld, errors = _jsonld(root)
    facts = structured_facts(root, jsonld, meta, title, location, base) + contact_facts(root, links, location, region)
    return Page(url=url, location=location, status=status, title=title, ids=ids, links=links, facts=facts,
                jsonld=jsonld, jsonld_errors=errors, meta=meta, malformed=malformed)


def _html_parser() -> etree.HTMLParser:
    # lxml.html's own parser picks each element's class in Python (form, input, label…); one C-level
    # default class for every element is ~10 % of a parse cheaper and keeps text_content() & co.
    parser = etree.HTMLParser(recover=True, no_network=True, huge_tree=False, remove_comments=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity))
    return parser


_PARSER = _html_parser()


PATH_UNSAFE = frozenset(":;\t\r\n")  # a scheme, params or characters urlsplit drops: leave it to urljoin


class Resolver:
    """urljoin(base, raw) for every link of one page, same output. A relative path — most links —
    is resolved on the base's directory (split once) with urljoin's own dot-segment steps;
    anything else goes to urljoin, which parses both URLs on every call."""

    def __init__(self, base: str):
        self.base = base
        self._directory: list[str] | None = None
        self._folder: str | None = None
        try:
            scheme, netloc, path, _, _, _ = urlparse(base)
            urlsplit(base).port  # noqa: B018 - a base with a bad port resolves nothing
        except ValueError:
            return
        if scheme in ("http", "https") and netloc:
            self._prefix = f"{scheme}://{netloc}"
            directory = path.split("/")
            if directory[-1] != "":
                del directory[-1]
            self._directory = directory

    def join(self, raw: str) -> str | None:
        if self._directory is None or not raw or raw[0] <= " " or raw[0] in "?#" or raw.startswith("//") \
                or not PATH_UNSAFE.isdisjoint(raw.partition("#")[0].partition("?")[0]) \
                or "\t" in raw or "\n" in raw or "\r" in raw:
            return resolve_url(self.base, raw)
        if self._folder is None:
            self._folder = self._prefix + "/".join(self._directory)
        url = _JOINS.get(self._folder, raw)
        if url is None:
            url = self._fast(raw)
            _JOINS.put(self._folder, raw, url)
        return url

    def _fast(self, raw: str) -> str:
        rest, _, fragment = raw.partition("#")
        path, _, query = rest.partition("?")
        if path[:1] == "/":
            segments = path.split("/")
        else:
            segments = self._directory + path.split("/")
            segments[1:-1] = filter(None, segments[1:-1])
        resolved: list[str] = []
        for segment in segments:
            if segment == "..":
                if resolved:
                    resolved.pop()
            elif segment != ".":
                resolved.append(segment)
        if segments[-1] in (".", ".."):
            resolved.append("")
        joined = "/".join(resolved) or "/"
        url = self._prefix + (joined if joined[:1] == "/" else "/" + joined)
        if query:
            url += "?" + query
        if fragment:
            url += "#" + fragment
        return url


class _KnownJoins:
    """Pages in one folder share their navigation, header and footer links: a relative link
    resolves the same from every page of the folder, so each is worked out once per folder."""

    LIMIT = 50_000  # ~10 MB at most, kept for the process

    def __init__(self) -> None:
        self.by_folder: dict[str, dict[str, str]] = {}
        self.size = 0

    def get(self, folder: str, raw: str) -> str | None:
        known = self.by_folder.get(folder)
        return None if known is None else known.get(raw)

    def put(self, folder: str, raw: str, url: str) -> None:
        if self.size >= self.LIMIT:
            self.by_folder.clear()
            self.size = 0
        self.by_folder.setdefault(folder, {})[raw] = url
        self.size += 1


_JOINS = _KnownJoins()


class _Lines:
    """Source lines on demand, to turn an element's line into a column."""

    def __init__(self, text: str):
        self.text = text
        self._lines: list[str] | None = None
        # Elements come in document order: each line is searched on from the last match,
        # so a minified page (one line, 10,000 links) costs linear time, not quadratic.
        self._cursor: dict[int, int] = {}

    def column(self, line: int | None, needle: str) -> int | None:
        if not line or not needle:
            return None
        if self._lines is None:
            self._lines = self.text.split("\n")
        for offset in range(4):  # attributes may sit on the lines after the tag
            index = line - 1 + offset
            if index >= len(self._lines):
                break
            text = self._lines[index]
            start = self._cursor.get(index, 0)
            position = text.find(needle, start, start + 65_536)
            if position < 0 and start and len(text) < 65_536:
                position = text.find(needle)  # a short line: look behind the cursor too
            if position >= 0:
                self._cursor[index] = position + len(needle)
                return position + 1
        return None


def _links(root: Any, resolver: Resolver, path: str | None, page_url: str,
           lines: _Lines) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """The page's links, and apart from them the ones whose URL no parser can split."""
    links: list[Link] = []
    malformed: list[Link] = []
    in_nav = _nav_links(root)
    for element in root.iter(*LINK_ATTRS):
        tag = element.tag
        raw = element.get(LINK_ATTRS[tag])
        if raw is None:
            continue
        rel = tuple((element.get("rel") or "").lower().split())
        if tag == "link" and not CHECKED_LINK_RELS.intersection(rel):
            continue
        raw = raw.strip()
        if not raw or raw.startswith(("javascript:", "data:", "about:", "blob:")) or raw == "#":
            continue
        absolute = resolver.join(raw)
        line = element.sourceline
        text = ""
        if tag in ("a", "area"):
            text = " ".join((element.text_content() if len(element) else element.text or "").split())[:200]
        link = Link(url=absolute or raw, raw=raw, tag=tag, rel=rel, text=text, in_nav=element in in_nav,
                    location=Location(path=path, line=line, column=lines.column(line, raw),
                                      url=None if path else page_url))
        (links if absolute is not None else malformed).append(link)
    return tuple(links), tuple(malformed)


NAV_CLASSES = etree.XPath("//@class[contains(., 'footer') or contains(., 'header')]/..")  # 4x faster than //*[…]


def _nav_links(root: Any) -> set[Any]:
    """Link elements inside <header>, <footer>, <nav> or a header/footer class: one pass per
    container instead of walking every link's ancestors. lxml hands back the same proxy object
    for an element while a reference to it lives, so set membership is identity."""
    inside: set[Any] = set()
    for container in (*root.iter(*NAV_TAGS), *NAV_CLASSES(root)):
        inside.update(container.iterdescendants(*LINK_ATTRS))
    return inside


IDS = etree.XPath("//@id | //a/@name", smart_strings=False)  # fragment targets, 3x faster than a Python walk


def _ids(root: Any) -> frozenset[str]:
    return frozenset(value for value in IDS(root) if value)


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
            found = flatten_jsonld(data)
        except ValueError as exc:
            where = line + getattr(exc, "lineno", 1) - 1
            errors.append((where, f"invalid JSON-LD: {getattr(exc, 'msg', exc)}"))
            continue
        except RecursionError:  # a hostile page nests arrays thousands deep
            errors.append((line, "invalid JSON-LD: nested too deeply"))
            continue
        for entity in found:
            entities.append(entity | {"__line__": line})
    return tuple(entities), tuple(errors)


def flatten_jsonld(data: Any, prefixes: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Top-level entities from a JSON-LD document: lists, @graph and single objects, with
    schema.org terms written as prefixed names or IRIs ("schema:name" under
    `"@context": {"schema": "https://schema.org/"}`, "https://schema.org/name") as plain terms."""
    if isinstance(data, list):
        return [e for item in data for e in flatten_jsonld(item, prefixes)]
    if not isinstance(data, dict):
        return []
    prefixes = prefixes | _schema_prefixes(data.get("@context"))
    if "@graph" in data:
        return flatten_jsonld(data["@graph"], prefixes)
    if prefixes or any("schema.org/" in key for key in data):
        return [_plain_terms(data, prefixes)]
    return [data]


SCHEMA_IRI = re.compile(r"^https?://schema\.org/")


def _schema_prefixes(context: Any) -> frozenset[str]:
    """Prefixes a @context (or a list of them) maps to the schema.org vocabulary."""
    contexts = context if isinstance(context, list) else [context]
    return frozenset(name for item in contexts if isinstance(item, dict) for name, iri in item.items()
                     if isinstance(iri, str) and SCHEMA_IRI.match(iri) and not name.startswith("@"))


def _plain_terms(value: Any, prefixes: frozenset[str], depth: int = 0) -> Any:
    if depth > 20:
        return value
    if isinstance(value, list):
        return [_plain_terms(v, prefixes, depth + 1) for v in value]
    if not isinstance(value, dict):
        return value
    plain: dict[str, Any] = {}
    for key, item in value.items():
        term = _plain_term(key, prefixes)
        if term == "@type":
            item = [_plain_term(str(k), prefixes) for k in item] if isinstance(item, list) else \
                _plain_term(str(item), prefixes)
        plain.setdefault(term, _plain_terms(item, prefixes, depth + 1))
    return plain


def _plain_term(name: str, prefixes: frozenset[str]) -> str:
    prefix, colon, rest = name.partition(":")
    if colon and prefix in prefixes:
        return rest
    return SCHEMA_IRI.sub("", name)


def types_of(entity: dict[str, Any]) -> set[str]:
    kind = entity.get("@type") or []
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds}
