"""A Fediverse profile page read as HTML, for servers whose API refuses a
logged-out client (Mastodon with sign-in required answers 401/403) or that
have another API (GoToSocial, Misskey, others answer 404).

What each shows without JavaScript:
- Mastodon 4: a `<link rel="me">` in the head for every field holding a link,
  og:title "Name (@user@server)", and the web app's shell (`id="mastodon"`);
- GoToSocial: the fields as `<div class="fields"><dl>…<dd>` with the links inside;
- Misskey: `<link rel="me">` per field link, `<link rel="alternate" type="text/html">`
  for the profile's homepage, `<meta name="misskey:user-id">`;
- every one: `<link rel="alternate" type="application/activity+json">`, the actor,
  whose `attachment` holds the fields as PropertyValue entries.
Only GoToSocial's page (and the actor) show the whole profile: elsewhere, a page
without the site is not proof the profile lacks it."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from omnilinks.channels.urls import absolute

TITLE_HANDLE = re.compile(r"\s*(?:\(@[^)]*\)|,\s*@\S+)\s*(?:\|.*)?$")
FIELD_LINKS = ("//*[contains(concat(' ', normalize-space(@class), ' '), ' fields ')]//dd//a[@href]"
               " | //*[contains(concat(' ', normalize-space(@class), ' '), ' account__header__fields ')]//dd//a[@href]")
BIO_LINKS = "//*[contains(concat(' ', normalize-space(@class), ' '), ' about-user ')]//*[@class='bio']//a[@href]"


@dataclass(frozen=True)
class ProfilePage:
    """What a Fediverse profile's HTML page shows a logged-out reader, without JavaScript."""

    software: str | None  # mastodon, gotosocial, misskey, or None when not recognised
    name: str | None
    links: tuple[str, ...]  # the profile's own links: rel=me, field links, homepage, links in the bio
    actor: str | None  # the ActivityPub actor URL, when the page names one

    @property
    def complete(self) -> bool:
        """GoToSocial renders every field and the bio; Mastodon and Misskey put only the fields
        that are a bare link in rel=me, so a field like "Order at https://…" is not on the page."""
        return self.software == "gotosocial"


def read_profile_page(text: str, url: str) -> ProfilePage:
    try:
        root = lxml_html.document_fromstring(text or "<html></html>", base_url=url)
    except (etree.ParserError, ValueError):
        return ProfilePage(None, None, (), None)
    root.make_links_absolute(url, resolve_base_href=True)
    links: list[str] = []
    for element in root.iter("a", "link"):
        rel = (element.get("rel") or "").lower().split()
        if "me" in rel and element.get("href"):
            links.append(element.get("href", ""))
    links += [a.get("href", "") for a in root.xpath(FIELD_LINKS)]
    links += [a.get("href", "") for a in root.xpath(BIO_LINKS)]
    for description in root.xpath("//meta[@property='og:description' or @name='description']/@content")[:1]:
        links += re.findall(r"https?://[^\s<>\"]+", str(description))
    links += [link.get("href", "") for link in root.xpath("//link[@rel='alternate'][@type='text/html'][@href]")]
    actor = next((link.get("href") for link in root.xpath("//link[@rel='alternate'][@href]")
                  if (link.get("type") or "").startswith(("application/activity+json", "application/ld+json"))), None)
    web = [absolute(link) for link in links if link.startswith(("http://", "https://"))]
    return ProfilePage(_software(root), _name(root), tuple(dict.fromkeys(web)), actor)


def actor_links(body: bytes) -> tuple[str | None, list[str]]:
    """The display name and the field links of an ActivityPub actor document."""
    try:
        actor = json.loads(body or b"null")
    except ValueError:
        return None, []
    if not isinstance(actor, dict):
        return None, []
    links: list[str] = []
    for item in actor.get("attachment") or []:
        if isinstance(item, dict) and item.get("type") == "PropertyValue":
            value = str(item.get("value") or "")
            if "<" in value:
                fragment = lxml_html.fragment_fromstring(value, create_parent="div")
                links += [a.get("href", "") for a in fragment.iter("a")]
            else:
                links += re.findall(r"https?://[^\s<>\"]+", value)
    name = actor.get("name") if isinstance(actor.get("name"), str) else None
    return name or None, [absolute(link) for link in links if link.startswith(("http://", "https://"))]


def _software(root: lxml_html.HtmlElement) -> str | None:
    if root.xpath("//meta[@name='misskey:user-id']"):
        return "misskey"
    if root.xpath("//*[@id='mastodon'] | //script[@id='initial-state']"):
        return "mastodon"
    if root.xpath("//main[contains(concat(' ', normalize-space(@class), ' '), ' profile ')]"
                  "//*[contains(concat(' ', normalize-space(@class), ' '), ' about-user ')]"):
        return "gotosocial"
    return None


def _name(root: lxml_html.HtmlElement) -> str | None:
    shown = root.xpath("//dd[contains(concat(' ', normalize-space(@class), ' '), ' displayname ')]")
    if shown and shown[0].text_content().strip():
        shown_name: str = shown[0].text_content().strip()
        return shown_name
    titles = root.xpath("//meta[@property='og:title']/@content") or [root.findtext(".//title") or ""]
    name = TITLE_HANDLE.sub("", str(titles[0])).strip()
    return name or None
