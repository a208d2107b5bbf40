"""Contact routes a person sees: tel:, mailto: and WhatsApp links, phone numbers
and emails in visible text, and <address> blocks."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from lxml import etree

from omnilinks.models import Fact, Link, Location
from omnilinks.normalize.email import find_emails
from omnilinks.normalize.phone import find_phones, is_whatsapp_url

# Cheap gate before libphonenumber's matcher, which is slow per call.
PHONE_HINT = re.compile(r"(?:\+|\(?0)\d[\d\s().\-]{6,}\d|\b62\d{8,}")
CONTACT_LABEL = re.compile(r"\b(?:telp|tel|phone|telepon|hp|wa|whatsapp|email|e-mail|fax)\b\.?\s*[:.]?", re.I)
STREET_HINT = re.compile(r"\b(?:jl|jln|jalan|street|st|road|rd|avenue)\b\.?\s+\S", re.I)
VISIBLE_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)"
    " and not(ancestor::template) and not(ancestor::a[starts-with(@href, 'tel:')])]"
)


def contact_facts(root: Any, links: tuple[Link, ...], location: Location, region: str) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    for link in links:
        if link.tag != "a":
            continue
        lower = link.raw.lower()
        if lower.startswith("tel:"):
            facts.append(Fact("phone", unquote(link.raw[4:]).strip(), "tel", link.location))
        elif lower.startswith("mailto:"):
            facts.append(Fact("email", unquote(link.raw[7:].split("?", 1)[0]).strip(), "mailto", link.location))
        elif is_whatsapp_url(link.url):
            facts.append(Fact("whatsapp", link.url, "wa", link.location))
    seen: set[tuple[str, str, int | None]] = set()
    for node in VISIBLE_TEXT(root):
        text = str(node)
        if len(text) < 6:
            continue
        parent = node.getparent()
        where = Location(location.path, parent.sourceline if parent is not None else None, None, location.url)
        if PHONE_HINT.search(text):
            for e164, _, _ in find_phones(text, region):
                key = ("phone", e164, where.line)
                if key not in seen:
                    seen.add(key)
                    facts.append(Fact("phone", e164, "text", where))
        if "@" in text:
            for email, _, _ in find_emails(text):
                key = ("email", email, where.line)
                if key not in seen:
                    seen.add(key)
                    facts.append(Fact("email", email, "text", where))
    for block in root.iter("address"):
        # <address> often holds the phone and email too; they are not part of the address.
        text = CONTACT_LABEL.split(" ".join(block.text_content().split()), maxsplit=1)[0].strip(" ,;|-")
        if text and STREET_HINT.search(text):
            facts.append(Fact("address", text, "address", Location(location.path, block.sourceline, None, location.url)))
    return tuple(facts)
