"""URLs a stylesheet loads: `url(…)` (fonts, background images) and `@import`. No peer checks
these, yet a missing web font or hero image is a broken page."""
from __future__ import annotations

import re
from collections.abc import Iterator

from omnilinks.extract.urls import resolve_url
from omnilinks.linktable import Link, LinkTable, Location
from omnilinks.models import Page

# url("…"), url('…'), url(…) and @import "…" (its url() form is matched by the first branch).
CSS_URL = re.compile(r"""url\(\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^)"'\s]*))\s*\)|@import\s+(?:"([^"\n]*)"|'([^'\n]*)')""",
                     re.I)
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def css_urls(text: str) -> Iterator[tuple[str, int, int, str]]:
    """(url as written, line offset from the start of text, column, "url()" or "@import"),
    leaving out what loads nothing: data: URIs and same-document references (`url(#gradient)`)."""
    if "url(" not in text and "URL(" not in text and "@import" not in text:
        return
    if "/*" in text:  # blank out comments, keeping offsets, so commented-out rules are not read
        text = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    line, counted = 0, 0  # lines counted up to `counted`: a big stylesheet is scanned once
    for match in CSS_URL.finditer(text):
        raw = next((g for g in match.groups() if g is not None), "").strip()
        if not raw or raw.startswith(("#", "data:", "DATA:")):
            continue
        start = match.start()
        line += text.count("\n", counted, start)
        counted = start
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        yield raw, line, column, "@import" if match.group(4) is not None or match.group(5) is not None else "url()"


def parse_stylesheet(body: bytes, url: str, path: str) -> Page:
    """A local .css file as a page that is not HTML: its url() and @import references, each with
    the stylesheet's line and column."""
    text = body.decode("utf-8", errors="replace")
    links: list[Link] = []
    malformed: list[Link] = []
    for raw, line, column, kind in css_urls(text):
        absolute = resolve_url(url, raw)
        link = Link(url=absolute or raw, raw=raw, tag="css", attr=kind,
                    location=Location(path=path, line=line + 1, column=column))
        (links if absolute is not None else malformed).append(link)
    return Page(url=url, location=Location(path=path), is_html=False, links=LinkTable.of(links), malformed=tuple(malformed))
