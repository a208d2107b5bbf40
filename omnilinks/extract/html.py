"""Parse one HTML document into a `Page`: links with file/line/column, anchors,
title, meta tags and raw JSON-LD. lxml directly: bs4's tree costs ~10× here
and this runs on every page of every site."""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlparse, urlsplit

from lxml import etree

from omnilinks.extract.contacts import contact_facts
from omnilinks.extract.css import css_urls
from omnilinks.extract.structured import structured_facts
from omnilinks.extract.tree import first_descendant, text_content
from omnilinks.extract.urls import browser_slashes, resolve_url
from omnilinks.linktable import Link, LinkColumns, LinkTable, Location
from omnilinks.models import Page
from omnilinks.vocabulary import DEFAULT_REGION

# Each element and the attributes holding a URL it links or loads (html-proofer's, lychee's and a
# browser's list: every srcset candidate, media posters, SVG sprites, redirect pages, forms).
LINK_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",), "area": ("href",), "img": ("src", "srcset"), "script": ("src",), "iframe": ("src",),
    "source": ("src", "srcset"), "link": ("href",), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",), "form": ("action",),
    "use": ("href", "xlink:href"), "meta": ("content",)}
CHECKED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed", "me",
                     "preload", "modulepreload", "manifest", "canonical", "alternate", "mask-icon", "search", "next",
                     "prev"}
NAV_TAGS = {"header", "footer", "nav"}
NAV_LINK_TAGS = frozenset((*LINK_ATTRS, "style"))  # the elements whose links count as navigation
# Python codecs that are not web charsets; a hostile page naming them must not pick them.
NOT_CHARSETS = {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "utf-7", "charmap"}
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def decode_html(body: bytes, header_charset: str | None = None) -> str:
    """Decode as browsers do: BOM, HTTP charset, <meta charset>, UTF-8, then a guess."""
    return _decoded(body, header_charset)[0]


def _decoded(body: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """The text, and the codec that read it."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
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
            return body.decode(codec.name), codec.name
        except (LookupError, UnicodeError, ValueError):  # unknown names, codecs that always fail
            continue
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _guess(body), "guessed"


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
               charset: str | None = None, region: str = DEFAULT_REGION) -> Page:
    text, codec = (body, "") if isinstance(body, str) else _decoded(body, charset)
    location = Location(path=path, url=None if path else url)
    # Unicode strings with an XML encoding declaration make lxml refuse them.
    source = XML_DECLARATION.sub("", text, count=1)
    if not source or source.isspace():
        return Page(url=url, location=location, status=status)
    # UTF-8 bytes as they are: libxml2, told the encoding, makes the same tree 6 % sooner than from a
    # str (which it converts to UTF-8 first); any other page, or one that lost an XML declaration,
    # as decoded.
    utf8 = codec == "utf-8" and source is text
    text = source
    try:
        root = _document(body if utf8 else text, _UTF8_PARSER if utf8 else _PARSER)
        if _too_deep(_UTF8_PARSER if utf8 else _PARSER):  # libxml2 drops what lies deeper than its limit; browsers show it
            root = _document(_flattened(text), _PARSER)
    except (etree.ParserError, ValueError):
        return Page(url=url, location=location, status=status)
    base = url
    # The page's UTF-8 bytes with ASCII letters lower-cased, as the parser reads tag and attribute
    # names: the searches for elements few pages hold (<base>, microdata) are skipped where the
    # bytes do not name them (a walk of the tree finds nothing only after visiting every element).
    lowered = body.lower() if utf8 and isinstance(body, bytes) else None
    base_el = None if lowered is not None and b"<base" not in lowered else \
        next((e for e in root.iterdescendants("base") if e.get("href") is not None), None)
    if base_el is not None:
        base = resolve_url(url, base_el.get("href", "").strip()) or url
    lines = _Lines(text)
    links, malformed = _links(root, Resolver(base), path, url, lines, text, lowered)
    ids = _ids(root)
    title_el = first_descendant(root, "title")
    title = " ".join((text_content(title_el) if title_el is not None else "").split())
    meta = tuple(_meta(root))
    jsonld, errors = _jsonld(root)
    facts = structured_facts(root, jsonld, meta, title, location, base, text, lowered) \
        + contact_facts(root, links, location, region)
    return Page(url=url, location=location, status=status, title=title, ids=ids, links=links, facts=facts,
                jsonld=jsonld, jsonld_errors=errors, meta=meta, malformed=malformed)


def _document(source: bytes | str, parser: etree.HTMLParser) -> Any:
    """lxml.html.document_fromstring without its Python frame: the root, or ParserError."""
    root = etree.fromstring(source, parser)
    if root is None:
        raise etree.ParserError("Document is empty")
    return root


def _html_parser(encoding: str | None = None) -> etree.HTMLParser:
    # lxml.html's own parser picks each element's class in Python (form, input, label…): plain
    # elements, whose proxies cost least to make (extract.tree stands in for text_content()).
    # huge_tree lifts libxml2's nesting limit from 256 to 2,048 (254 nested <div>s or 200 unclosed
    # <p><font> pairs lost every link after them); the body is already capped by check.max_body.
    # No table of ids (nothing asks libxml2 for an element by id): 5 % of a parse.
    parser = etree.HTMLParser(recover=True, no_network=True, huge_tree=True, remove_comments=True, encoding=encoding,
                              collect_ids=False)
    return parser


_PARSER = _html_parser()
_UTF8_PARSER = _html_parser("utf-8")  # for bytes already known to be UTF-8 (a <meta charset> in them is not read)
# Layout and inline tags that sloppy pages nest thousands deep; dropping them keeps every link.
_NESTING_TAGS = re.compile(r"</?(?:div|span|font|p|section|article|aside|main|center|b|i|u|s|em|strong|small|big|"
                           r"blockquote|ul|ol|li|dl|dd|dt|table|tbody|tr|td|th)(?:\s[^>]*)?/?>", re.I)


def _too_deep(parser: etree.HTMLParser) -> bool:
    return any(error.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in error.message
               for error in parser.error_log)


def _flattened(text: str) -> str:
    """The page without its nesting tags (their line breaks kept, so line numbers stay right), for a
    page nested deeper than even huge_tree allows: links, ids on other tags and text all survive."""
    return _NESTING_TAGS.sub(lambda m: "\n" * m.group().count("\n"), text)


PATH_UNSAFE = frozenset(":;\t\r\n")  # a scheme, params or characters urlsplit drops: leave it to urljoin
# Most links: "../blog/x.html#top", "page.html": some "../" steps, then a path with no dot or empty
# segment, no query, no scheme, no space or backslash, and a fragment if any. Resolver.join's
# steps give such a link the folder the steps lead to, then the rest as written.
SIMPLE_RELATIVE = re.compile(r"((?:\.\./)*)(?![./#?])(?!.*(?:/\.|//))[^\\\x00-\x20?#:;]+(?:#[^\\\x00-\x20?]+)?\Z")


class Resolver:
    """urljoin(base, raw) for every link of one page, same output. A relative path — most links —
    is resolved on the base's directory (split once) with urljoin's own dot-segment steps; a
    #fragment on the page's own address; what resolves the same from every page (a root-relative
    path, an absolute http(s) URL) is worked out once per site; anything else goes to urljoin,
    which parses both URLs on every call."""

    def __init__(self, base: str):
        self.base = base
        self._here: str | None = None  # the base as urljoin gives it back, without a fragment
        # Every page of a folder resolves against the same directory: its parts, and what was
        # resolved from it before, are worked out once per folder (a base with a query, parameters
        # or a fragment, or none of a path, is worked out on its own).
        self._prefix, self._directory, self._site_known, self._folder_known, self._ups = _JOINS.folder_of(base)

    def join(self, raw: str) -> str | None:
        known = self._site_known.get(raw) or self._folder_known.get(raw)
        if known is not None:
            return known
        simple = SIMPLE_RELATIVE.match(raw)
        if simple is not None and self._directory is not None:  # what the steps below come to, in one test
            steps = simple.end(1)
            joined = self._folder_known[raw] = (self._ups.get(steps) or self._up(steps)) + raw[steps:]
            _JOINS.count()
            return joined
        if "\\" in raw:
            raw = browser_slashes(raw)
        if self._directory is None or not raw or raw[0] <= " " or "\t" in raw or "\n" in raw or "\r" in raw:
            return resolve_url(self.base, raw)
        if raw[0] == "#" and len(raw) > 1:
            if self._here is None:
                self._here = (resolve_url(self.base, "#") or "").removesuffix("#")
            # urljoin keeps everything of the base but its fragment; a base with a bad port gave ""
            return self._here + raw if self._here else resolve_url(self.base, raw)
        if raw.startswith(("http://", "https://")) and raw[7 + (raw[4] == "s"):][:1] not in ("", "/", "?", "#"):
            # Another host named: urljoin's answer depends on the base's scheme alone.
            url = resolve_url(self.base, raw)
            if url is not None:
                _JOINS.put(self._site_known, raw, url)
            return url
        if raw[0] in "?#" or raw.startswith("//") or not PATH_UNSAFE.isdisjoint(raw.partition("#")[0].partition("?")[0]):
            return resolve_url(self.base, raw)
        url = self._resolved(raw)
        # A root-relative path resolves the same from every folder.
        _JOINS.put(self._site_known if raw[0] == "/" else self._folder_known, raw, url)
        return url

    def _up(self, steps: int) -> str:
        """The folder `steps` characters of "../" lead to from the base's, with its trailing slash
        (kept for the folder's pages)."""
        known = self._ups[steps] = self._resolved("../" * (steps // 3) + "x")[:-1]
        return known

    def _resolved(self, raw: str) -> str:
        rest, _, fragment = raw.partition("#")
        path, _, query = rest.partition("?")
        if path[:1] == "/":
            segments = path.split("/")
        else:
            # join() calls _resolved only once _directory is set; mypy cannot follow that across methods
            segments = self._directory + path.split("/")  # type: ignore[operator]
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


BASE_UNSAFE = frozenset("?#;")  # a base holding one is split by urlparse beyond its folder and file name
# A base's scheme://host, its directory's segments, and what resolved from anywhere on its host, from
# its folder, and how many "../" steps lead where (None for the prefix and directory: resolve nothing).
_FolderState = tuple[str, list[str] | None, dict[str, str], dict[str, str], dict[int, str]]


def _folder_state(base: str) -> _FolderState:
    try:
        scheme, netloc, path, _, _, _ = urlparse(base)
        urlsplit(base).port  # noqa: B018 - a base with a bad port resolves nothing
    except ValueError:
        return "", None, {}, {}, {}
    if scheme not in ("http", "https") or not netloc:
        return "", None, {}, {}, {}
    prefix = f"{scheme}://{netloc}"
    directory = path.split("/")
    if directory[-1] != "":
        del directory[-1]
    return prefix, directory, _JOINS.of(" " + prefix), _JOINS.of(prefix + "/".join(directory)), {}  # (no URL starts with a space)


class _KnownJoins:
    """Pages in one folder share their navigation, header and footer links: a relative link
    resolves the same from every page of the folder, so each is worked out once per folder."""

    LIMIT = 10_000  # ~2 MB at most, kept for the process (a worker's memory counts in the peak)

    def __init__(self) -> None:
        self.by_folder: dict[str, dict[str, str]] = {}
        self.folders: dict[str, _FolderState] = {}  # by the base's folder, as far as its last "/"
        self.size = 0

    def of(self, folder: str) -> dict[str, str]:
        return self.by_folder.setdefault(folder, {})

    def folder_of(self, base: str) -> _FolderState:
        folder = base[:base.rfind("/") + 1]
        if not BASE_UNSAFE.isdisjoint(base) or folder.count("/") < 3:
            return _folder_state(base)
        known = self.folders.get(folder)
        if known is None:
            self.count()
            known = self.folders[folder] = _folder_state(base)
        return known

    def put(self, known: dict[str, str], raw: str, url: str) -> None:
        self.count()
        known[raw] = url

    def count(self) -> None:
        """One more entry kept: every one is forgotten once LIMIT are (the entry being added goes
        into its table after that, where the resolver holding the table still finds it)."""
        if self.size >= self.LIMIT:
            self.forget()
        self.size += 1

    def forget(self) -> None:
        self.by_folder.clear()  # (a page's resolver still holds its own: they go with it)
        self.folders.clear()
        self.size = 0


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
        lines, cursor = self._lines, self._cursor
        index, end = line - 1, min(line + 3, len(lines))  # attributes may sit on the lines after the tag
        while index < end:
            text = lines[index]
            start = cursor.get(index, 0)
            if start or len(text) > 65_536:
                position = text.find(needle, start, start + 65_536)
                if position < 0 and start and len(text) < 65_536:
                    position = text.find(needle)  # a short line: look behind the cursor too
            else:  # (the same search: bounds passed to find() cost as much as a short line's search)
                position = text.find(needle)
            if position >= 0:
                cursor[index] = position + len(needle)
                return position + 1
            index += 1
        return None


def _links(root: Any, resolver: Resolver, path: str | None, page_url: str, lines: _Lines,
           text: str, lowered: bytes | None = None) -> tuple[LinkTable, tuple[Link, ...]]:
    """The page's links, and apart from them the ones whose URL no parser can split. `lowered`, the
    page's UTF-8 bytes with ASCII letters lower-cased, tells a page without class attributes."""
    links = LinkColumns()
    malformed: list[Link] = []
    elements = list(root.iter(*LINK_ATTRS))
    in_nav = _navigation_test(root, len(elements), len(text), lowered is None or b"class" in lowered)
    # Both are whole-document searches; most pages have neither marker, and a substring test is free.
    ignored = _ignored(root) if IGNORE_ATTR in text else None
    # (A one-character search runs ~30x faster than one of a longer string: most pages have neither.)
    styled = "(" in text and ("url(" in text or "URL(" in text) or "@" in text and "@import" in text
    page_location = None if path else page_url
    join, column_of, add, row = resolver.join, lines.column, links.add, links.rows.append
    for element in elements:
        if ignored and element in ignored:
            continue
        tag = element.tag
        if tag == "a":  # most links: one attribute, no srcset, a label
            raw = element.get("href")
            if raw is None:
                continue
            candidate = raw.strip()
            if not candidate or candidate == "#" or ":" in candidate and candidate.startswith(NOT_LINKS):
                continue
            value = element.get("rel")
            absolute = join(candidate)
            line = element.sourceline
            label = " ".join((text_content(element) if len(element) else element.text or "").split())[:200]
            if value:
                rel: tuple[str, ...] = tuple(value.lower().split())
                link_kind = ("a", "href", in_nav(element), rel)
            else:
                rel = ()
                link_kind = A_IN_NAV if in_nav(element) else A_ELSEWHERE
            if absolute is not None:  # (links.add's row, written out: most of a site's links pass here)
                row((absolute, candidate, link_kind, label, line, column_of(line, candidate)))
            else:
                malformed.append(Link(candidate, candidate, tag, Location(path, line, column_of(line, candidate),
                                                                          page_location),
                                      rel, label, link_kind[2], "href"))
            continue
        rel = ()
        if tag in FILTERED_TAGS:
            if tag == "link":
                rel = tuple((element.get("rel") or "").lower().split())
                if not CHECKED_LINK_RELS.intersection(rel):
                    continue
            elif tag == "meta":
                target = _refresh_target(element)
                if target is not None:
                    _add(links, malformed, resolver, lines, element, target, "content", path, page_location,
                         in_nav)
                continue
            elif (element.get("type") or "").strip().lower() != "image":  # <input>
                continue
        elif tag == "area":
            rel = tuple((element.get("rel") or "").lower().split())
        for attr in LINK_ATTRS[tag]:
            raw = element.get(attr)
            if raw is None:
                continue
            for candidate in (srcset_urls(raw) if attr == "srcset" else (raw,)):
                candidate = candidate.strip()
                if not candidate or candidate.startswith(NOT_LINKS) or candidate == "#":
                    continue
                absolute = join(candidate)
                line = element.sourceline
                label = ""
                if tag == "area":
                    label = " ".join((text_content(element) if len(element) else element.text or "").split())[:200]
                column = column_of(line, candidate)
                if absolute is not None:
                    add(absolute, candidate, tag, attr, in_nav(element), rel, label, line, column)
                else:
                    malformed.append(Link(candidate, candidate, tag, Location(path, line, column, page_location),
                                          rel, label, in_nav(element), attr))
    if styled:
        for element, css, first_line, where in _styles(root):
            if ignored and element in ignored:
                continue
            for raw, offset, column, kind in css_urls(css):
                _add(links, malformed, resolver, lines, element, raw, f"{where} {kind}" if where else kind, path,
                     page_location, in_nav, line=(first_line or 0) + offset or None, column=column if offset else None)
    return links.table(path, page_location), tuple(malformed)


A_IN_NAV, A_ELSEWHERE = ("a", "href", True, ()), ("a", "href", False, ())  # most links' kinds, made once
FILTERED_TAGS = frozenset({"link", "meta", "input"})  # elements whose other attributes decide if they link
NOT_LINKS = ("javascript:", "data:", "about:", "blob:")  # references that load nothing to check


def _add(links: LinkColumns, malformed: list[Link], resolver: Resolver, lines: _Lines, element: Any, raw: str,
         attr: str, path: str | None, page_location: str | None, in_nav: Callable[[Any], bool],
         line: int | None = None, column: int | None = None) -> None:
    raw = raw.strip()
    if not raw or raw.startswith(NOT_LINKS) or raw == "#":
        return
    absolute = resolver.join(raw)
    line = line or element.sourceline
    column = column or lines.column(line, raw)
    # A <div style="background: url(…)"> in a footer is decoration, not one of the footer's links.
    nav = element.tag in NAV_LINK_TAGS and in_nav(element)
    if absolute is not None:
        links.add(absolute, raw, element.tag, attr, nav, (), "", line, column)
    else:
        malformed.append(Link(raw, raw, element.tag, Location(path, line, column, page_location), (), "", nav, attr))


REFRESH_URL = re.compile(r"^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(['\"]?)(.*?)\1\s*$", re.I | re.S)


def _refresh_target(element: Any) -> str | None:
    """The URL of `<meta http-equiv=refresh content="0; url=…">` (the redirect pages
    mkdocs-redirects and jekyll-redirect-from write), parsed as the HTML standard does."""
    content = element.get("content")
    if content is None or (element.get("http-equiv") or "").strip().lower() != "refresh":
        return None
    match = REFRESH_URL.match(content)
    if match is None or not match.group(2).strip() or ";" not in content and "," not in content \
            and "url" not in content.lower():
        return None
    return match.group(2).strip()


def srcset_urls(srcset: str) -> list[str]:
    """Every candidate URL of a srcset ("a.jpg 1x, b.jpg 2x"), split as the HTML standard does:
    a URL runs to whitespace; a comma ends a candidate only after its descriptors."""
    urls = []
    position, size = 0, len(srcset)
    while position < size:
        while position < size and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < size and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while position < size and (srcset[position] != "," or depth):
                depth += {"(": 1, ")": -1}.get(srcset[position], 0)
                position += 1
        if url:
            urls.append(url)
    return urls


STYLED = etree.XPath("//@style[contains(., 'url(') or contains(., 'URL(')]/..")  # as NAV_CLASSES: 4x faster


def _styles(root: Any) -> Iterator[tuple[Any, str, int | None, str]]:
    """CSS inside the page: `<style>` elements and `style=""` attributes that load a URL."""
    for element in root.iter("style"):
        if element.text:
            # The text starts on the line of <style> itself when the first rule follows the tag.
            yield element, element.text, element.sourceline, ""
    for element in STYLED(root):
        yield element, element.get("style"), element.sourceline, "style"


IGNORE_ATTR = "data-omnilinks-ignore"
IGNORED = etree.XPath("//*[@data-omnilinks-ignore]")


def _ignored(root: Any) -> set[Any]:
    """Elements marked `data-omnilinks-ignore` (html-proofer's `data-proofer-ignore`) and all
    they contain: their links are not checked."""
    skipped: set[Any] = set()
    for container in IGNORED(root):
        if (container.get(IGNORE_ATTR) or "").strip().lower() in ("false", "0", "no"):
            continue
        skipped.add(container)
        skipped.update(container.iterdescendants())
    return skipped


NAV_CLASSES = etree.XPath("//@class[contains(., 'footer') or contains(., 'header')]/..")  # 4x faster than //*[…]
BYTES_A_LINK_FOR_ANCESTORS = 300  # measured on Hugo's docs, the benchmark pages and two link checkers' test sites


def _navigation_test(root: Any, links: int, size: int, classes: bool) -> Callable[[Any], bool]:
    """Whether a link lies inside <header>, <footer>, <nav> or an element whose class names a
    header or footer, answered the cheaper way for the page: an XPath over every class attribute
    costs ~3 ns a byte of page, looking up a link's ancestors ~1.2 µs a link. (`classes`: whether
    the page may have a class attribute at all.)"""
    if size > links * BYTES_A_LINK_FOR_ANCESTORS:
        return _InNav()
    return _nav_links(root, classes).__contains__


def _nav_links(root: Any, classes: bool) -> set[Any]:
    """Link elements inside navigation containers: one pass per container. lxml hands back the
    same proxy object for an element while a reference to it lives, so set membership is identity."""
    inside: set[Any] = set()
    for container in (*root.iter(*NAV_TAGS), *(NAV_CLASSES(root) if classes else ())):
        inside.update(container.iterdescendants(*LINK_ATTRS, "style"))
    return inside


class _InNav:
    """Whether an element lies inside a navigation container, each ancestor of the page's links
    looked at once (they are few and shared). The memo is by identity, as `_nav_links`'s set."""

    def __init__(self) -> None:
        self._inside: dict[Any, bool] = {}  # element → whether it or one of its ancestors is a container

    def __call__(self, element: Any) -> bool:
        parent = element.getparent()
        if parent is None:
            return False
        known = self._inside.get(parent)
        if known is not None:
            return known
        chain = []
        while parent is not None and parent not in self._inside:
            chain.append(parent)
            parent = parent.getparent()
        inside = parent is not None and self._inside[parent]
        for ancestor in reversed(chain):
            if not inside:
                classes = ancestor.get("class")
                inside = ancestor.tag in NAV_TAGS or classes is not None and ("footer" in classes or "header" in classes)
            self._inside[ancestor] = inside
        return inside


IDS = etree.XPath("//@id | //a/@name", smart_strings=False)  # fragment targets, 3x faster than a Python walk


def _ids(root: Any) -> frozenset[str]:
    return frozenset(value for value in IDS(root) if value)


SCRIPTED_TEXT_MIN = 100  # characters of text below which a page with scripts is a JavaScript shell


def fragment_targets(body: bytes, charset: str | None = None) -> tuple[frozenset[str], bool]:
    """The ids and <a name>s of another site's page, and whether it is a JavaScript shell (little
    text, scripts that build the rest): its missing ids prove nothing."""
    text = XML_DECLARATION.sub("", decode_html(body, charset), count=1)
    if not text or text.isspace():
        return frozenset(), True
    try:
        root = _document(text, _PARSER)
    except (etree.ParserError, ValueError):
        return frozenset(), True
    scripts = first_descendant(root, "script") is not None
    shown = sum(len("".join(t.split())) for t in VISIBLE_TEXT(root))
    return _ids(root), scripts and shown < SCRIPTED_TEXT_MIN


VISIBLE_TEXT = etree.XPath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
                           "or ancestor::template)]", smart_strings=False)


def _meta(root: Any) -> Iterator[tuple[str, str]]:
    canonical = None
    for element in root.iter("meta", "link"):  # (one walk for both)
        if element.tag == "link":
            # The canonical URL is no link to check, but og:url is compared with it: the first, after the meta tags.
            if canonical is None and "canonical" in (element.get("rel") or "").lower().split() and element.get("href"):
                canonical = element.get("href").strip()
            continue
        key = element.get("property") or element.get("name")
        content = element.get("content")
        if key and content is not None:
            yield key.strip().lower(), content.strip()
    if canonical is not None:
        yield "canonical", canonical


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

