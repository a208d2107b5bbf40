"""Contact routes a person sees: tel:, mailto: and WhatsApp links, rel=me and
icon links, phone numbers and emails in visible text, <address> blocks, footer
address text and labelled opening hours."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from lxml import etree

from omnilinks.models import Fact, Link, Location
from omnilinks.normalize.email import find_emails, normalize_email
from omnilinks.normalize.phone import find_phones, is_whatsapp_url, normalize_phone, whatsapp_target

# Cheap gates before libphonenumber's matcher, which costs ~50 µs per call.
PHONE_HINT = re.compile(r"(?:\+|\(?0)\d[\d\s().\-]{6,}\d|\b62\d{8,}")
CONTACT_LABEL = re.compile(
    r"\b(?:telp|tel|phone|telepon|hp|wa|whatsapp|email|e-mail|fax|jam buka|jam operasional|opening hours)\b\.?\s*[:.]?",
    re.I)
STREET_HINT = re.compile(r"\b(?:jl|jln|jalan|gg|gang|street|st|road|rd|avenue)\b\.?\s+\S", re.I)
ADDRESS_START = re.compile(r"^\s*(?:alamat|address|lokasi|location)?\s*[:.]?\s*(?=(?:jl|jln|jalan|gg|gang|komplek|ruko)\b)",
                           re.I)
ADDRESS_LABEL = re.compile(r"^\s*(?:alamat|address)\s*:\s*(?=\S)", re.I)
HOURS_LABEL = re.compile(r"\b(?:jam\s+(?:buka|operasional|kerja|layanan)|opening\s+hours|business\s+hours|"
                         r"hours|waktu\s+buka)\b\s*:?", re.I)
TIME_RANGE = re.compile(r"\d{1,2}[.:]\d{2}\s*(?:-|–|—|to|sampai|s/?d)\s*\d{1,2}[.:]\d{2}")
WA_LABEL = re.compile(r"whats\s*app|\bwa\b", re.I)
FAX_LABEL = re.compile(r"\bfax|faks", re.I)
PHONE_LABEL = re.compile(r"\b(?:telp|tel|phone|telepon|hp|call|hubungi)\b", re.I)
COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|\bhak cipta\b", re.I)
ICON_RELS = {"icon", "shortcut", "apple-touch-icon"}
VISIBLE_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)"
    " and not(ancestor::template)]"
)


def contact_facts(root: Any, links: tuple[Link, ...], location: Location, region: str) -> tuple[Fact, ...]:
    facts = _link_facts(links)
    linked = {(f.field, _key(f, region), f.location.line) for f in facts}
    seen: set[tuple[str, str, int | None]] = set(linked)
    for node in VISIBLE_TEXT(root):
        text = str(node)
        if len(text) < 6:
            continue
        parent = node.getparent()
        where = Location(location.path, parent.sourceline if parent is not None else None, None, location.url)
        if PHONE_HINT.search(text):
            for e164, start, _ in find_phones(text, region):
                for field in _phone_fields(node, text, start, parent):
                    if (field, e164, where.line) not in seen and ("phone", e164, where.line) not in linked:
                        seen.add((field, e164, where.line))
                        facts.append(Fact(field, e164, "text", where))
        if "@" in text:
            for email, _, _ in find_emails(text):
                if ("email", email, where.line) not in seen:
                    seen.add(("email", email, where.line))
                    facts.append(Fact("email", email, "text", where))
        if HOURS_LABEL.search(text):
            facts.extend(_hours_fact(node, text, location))
        if parent is not None and STREET_HINT.search(text) and parent.tag != "address":
            facts.extend(_address_text_fact(node, text, parent, location))
    for block in root.iter("address"):
        text = _address_only(" ".join(block.text_content().split()))
        if text and STREET_HINT.search(text):
            facts.append(Fact("address", text, "address", Location(location.path, block.sourceline, None, location.url)))
    unique: dict[tuple[str, str, int | None], Fact] = {}
    for fact in facts:
        unique.setdefault((fact.field, str(fact.value), fact.location.line), fact)
    return tuple(unique.values())


def _key(fact: Fact, region: str) -> str | None:
    if fact.field == "phone":
        return normalize_phone(str(fact.value), region)
    if fact.field == "whatsapp":
        return whatsapp_target(str(fact.value))
    if fact.field == "email":
        return normalize_email(str(fact.value))
    return None


def _link_facts(links: tuple[Link, ...]) -> list[Fact]:
    facts: list[Fact] = []
    for link in links:
        lower = link.raw.lower()
        if link.tag == "link":
            if "me" in link.rel:
                facts.append(Fact("profile", link.url, "rel=me", link.location))
            elif ICON_RELS & set(link.rel):
                facts.append(Fact("icon", link.url, "link[rel=icon]", link.location))
            continue
        if link.tag != "a":
            continue
        if "me" in link.rel:
            facts.append(Fact("profile", link.url, "rel=me", link.location))
        if lower.startswith("tel:"):
            facts.append(Fact("phone", unquote(link.raw[4:]).strip(), "tel", link.location))
        elif lower.startswith("mailto:"):
            facts.append(Fact("email", unquote(link.raw[7:].split("?", 1)[0]).split(",")[0].strip(), "mailto",
                              link.location))
        elif is_whatsapp_url(link.url) and whatsapp_target(link.url):
            # Links without a number (wa.me/?text=, QR codes, group invites) name no one to compare.
            facts.append(Fact("whatsapp", link.url, "wa", link.location))
    return facts


def _phone_fields(node: Any, text: str, start: int, parent: Any) -> tuple[str, ...]:
    """Whether a number in text is the phone, the WhatsApp number or both, from the
    label before it ("WA: 0812…", "Telp/WA 0812…"); fax numbers are neither."""
    before = text[max(0, start - 30):start]
    if not re.search(r"[A-Za-z]", before) and parent is not None:
        before = _preceding_text(node, parent)[-30:] + before
    if FAX_LABEL.search(before):
        return ()
    if parent is not None and any(a.tag == "a" and is_whatsapp_url(a.get("href") or "")
                                  for a in (parent, *parent.iterancestors("a"))):
        return ("whatsapp",)
    if WA_LABEL.search(before):
        return ("phone", "whatsapp") if PHONE_LABEL.search(before) else ("whatsapp",)
    return ("phone",)


def _preceding_text(node: Any, parent: Any) -> str:
    if getattr(node, "is_tail", False):
        return " ".join(parent.text_content().split())
    sibling = parent.getprevious()
    if sibling is not None:
        return " ".join(sibling.text_content().split())
    grand = parent.getparent()
    return (grand.text or "") if grand is not None else ""


def _address_only(text: str) -> str:
    # <address> often holds the phone, email and hours too; they are not part of the address.
    text = CONTACT_LABEL.split(text, maxsplit=1)[0]
    return ADDRESS_LABEL.sub("", text).strip(" ,;|-–")


def _address_text_fact(node: Any, text: str, parent: Any, location: Location) -> list[Fact]:
    """A street address written in the footer or after an "Alamat:" label."""
    labelled = ADDRESS_LABEL.match(text) or ADDRESS_START.match(text)
    in_footer = any(a.tag == "footer" or "footer" in (a.get("class") or "") for a in parent.iterancestors())
    if not labelled or not (in_footer or ADDRESS_LABEL.match(text) or _label_before(node, parent)):
        return []
    if getattr(node, "is_text", False) and parent.tag in ("p", "span", "li", "div", "dd", "td"):
        text = parent.text_content()  # the rest of the address sits after a <br>
    value = _address_only(COPYRIGHT.split(" ".join(text.split()), maxsplit=1)[0])
    if not STREET_HINT.search(value) or any(a.tag == "address" for a in parent.iterancestors()):
        return []
    return [Fact("address", value, "text", Location(location.path, parent.sourceline, None, location.url))]


def _label_before(node: Any, parent: Any) -> bool:
    return bool(re.search(r"\b(?:alamat|address|lokasi)\b\s*:?\s*$", _preceding_text(node, parent), re.I))


def _hours_fact(node: Any, text: str, location: Location) -> list[Fact]:
    """Hours after a label, in the same text or the next few elements."""
    element = node.getparent()
    for _ in range(3):
        if element is None:
            return []
        block = " ".join(element.text_content().split())
        match = HOURS_LABEL.search(block)
        if match and TIME_RANGE.search(block, match.end()):
            value = block[match.end():match.end() + 300].strip(" :")
            value = re.split(r"\b(?:alamat|address|telp|phone|email|whatsapp)\b", value, maxsplit=1, flags=re.I)[0]
            return [Fact("hours", value.strip(" ,;|"), "text", Location(location.path, element.sourceline, None, location.url))]
        element = element.getparent()
    return []
