"""Category `attribution`, the site's side: UTM tags on links between the site's
own pages, and WhatsApp click-to-chat links whose prefilled text differs from
page to page."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from omnilinks.models import Finding, Link
from omnilinks.normalize.phone import display_phone, is_whatsapp_url, whatsapp_target
from omnilinks.normalize.utm import utm_tags, without_tags
from omnilinks.rules.base import Context, rule

INTERNAL = rule(
    "attribution-internal-utm", "attribution", "warning", "A link between the site's own pages carries UTM tags",
    why="In GA4 and most analytics a UTM-tagged click starts a new session and replaces the visitor's real source: "
        "a customer who came from Instagram and clicked this link is counted as coming from the tag's source.",
    how_to_fix="Link the page without the utm_ parameters; measure internal clicks with events, not UTM tags.",
    example='<a href="/menu/?utm_source=home&utm_medium=banner"> on the home page.')
WA_TEXT = rule(
    "attribution-whatsapp-text", "attribution", "notice",
    "WhatsApp chat links to one number prefill different messages on different pages",
    why="The prefilled text is how the business tells which page or campaign a chat came from; several wordings "
        "for one campaign make the chats impossible to count, and a stale one confuses the customer.",
    how_to_fix="Use one prefilled text for the links that belong to one campaign (a different text is right only "
               "where you want to tell those chats apart).",
    example="https://wa.me/6281234567890?text=Halo%20Kopi%20Senja on two pages and ?text=Halo%20kak on a third.")

NAVIGATING = ("a", "area")
SPACES = re.compile(r"\s+")


def check(ctx: Context) -> Iterator[Finding]:
    yield from _internal_tags(ctx)
    yield from _whatsapp_texts(ctx)


def _internal_tags(ctx: Context) -> Iterator[Finding]:
    """One finding per tagged URL (a footer link on every page is one mistake), the other pages related."""
    uses: dict[str, list[Link]] = {}
    for page in ctx.pages:
        table = page.links
        if "utm_" not in "\n".join(table.urls).lower():
            continue  # (most pages: one test of all their URLs at once)
        for index, (url, kind) in enumerate(table.targets()):
            if kind.tag in NAVIGATING and "utm_" in url.lower() and url.startswith(("http://", "https://")) \
                    and ctx.site.is_internal(url) and utm_tags(url):
                uses.setdefault(table.raw(index), []).append(table[index])
    for raw, links in uses.items():
        tags = utm_tags(links[0].url)
        clean = without_tags(raw) or "./"
        listed = "&".join(f"{k}={v}" for k, v in tags.items())
        yield INTERNAL.finding(
            f"the link {raw} to the site's own page carries {listed}: a click on it restarts the visitor's session "
            f"and replaces their real source", links[0].location, target=links[0].url,
            field=next((f for f in ("utm_source", "utm_medium", "utm_campaign") if f in tags), None),
            expected=None, actual=listed, related=tuple(link.location for link in links[1:]),
            fix=f'Change href="{raw}" to href="{clean}".')


def _prefilled(url: str) -> str | None:
    try:
        query = urlsplit(url).query
    except ValueError:
        return None
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key == "text":
            return SPACES.sub(" ", value).strip() or None
    return None


def _with_text(url: str, text: str) -> str:
    parts = urlsplit(url)
    pairs = [(k, text if k == "text" else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _whatsapp_texts(ctx: Context) -> Iterator[Finding]:
    """Per number: the text most pages use is the campaign's; each other text is one finding."""
    by_number: dict[str, dict[str, list[Link]]] = {}
    pages_using: dict[tuple[str, str], set[str]] = {}
    for page in ctx.pages:
        table = page.links
        for index in ctx.site.outbound(page):  # (WhatsApp is never the site's own)
            url = table.urls[index]
            if table.kind(index).tag not in NAVIGATING or not is_whatsapp_url(url):
                continue
            number, text = whatsapp_target(url), _prefilled(url)
            if number is None or text is None:
                continue
            by_number.setdefault(number, {}).setdefault(text, []).append(table[index])
            pages_using.setdefault((number, text), set()).add(page.url)
    for number, texts in by_number.items():
        if len(texts) < 2:
            continue
        spread = Counter({text: len(pages_using[(number, text)]) for text in texts})
        order = list(texts)
        main = max(spread, key=lambda t: (spread[t], -order.index(t)))
        for text, links in texts.items():
            if text == main:
                continue
            yield WA_TEXT.finding(
                f"this WhatsApp link to {display_phone(number)} prefills {text!r}; {spread[main]} page"
                f"{'s' if spread[main] != 1 else ''} prefill {main!r}, so chats from one campaign arrive worded "
                f"{len(texts)} ways", links[0].location, target=links[0].url, expected=main, actual=text,
                related=tuple(link.location for link in links[1:]),
                fix=f"If these links are one campaign, link {_with_text(links[0].url, main)}.")
