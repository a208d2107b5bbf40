"""Contact routes a person sees: tel:, mailto: and WhatsApp links, rel=me and
icon links, phone numbers and emails in visible text, <address> blocks, footer
address text and labelled opening hours."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from lxml import etree

from omnilinks.models import Fact, Link, Location
from omnilinks.normalize.address import parse_address
from omnilinks.normalize.email import find_emails, normalize_email
from omnilinks.normalize.phone import find_phones, is_whatsapp_url, normalize_phone, whatsapp_target

# Cheap gates before libphonenumber's matcher, which costs ~50 µs per call.
# (A character-class start lets the regex engine skip ahead: 4× faster than an alternation.)
PHONE_HINT = re.compile(r"[+(0]\d?[\d\s().\-]{6,}\d|62\d{8,}")
CONTACT_LABEL = re.compile(
    r"\b(?:telp|tel|phone|telepon|hp|wa|whatsapp|email|e-mail|fax|jam buka|jam operasional|opening hours)\b\.?\s*[:.]?",
    re.I)
# Street types of the countries the address rules know, and Dutch and German compounds
# ("Friedrichstraße", "Keizersgracht").
STREET_TYPES = (r"jl|jln|jalan|gg|gang|lorong|street|st|road|rd|avenue|ave|lane|ln|boulevard|blvd|drive|dr"
                r"|court|ct|place|pl|terrace|tce|crescent|cres|highway|hwy|square|sq|parade|pde|esplanade|quay"
                r"|rue|bd|quai|chemin|impasse|calle|avenida|avda|plaza|pza|paseo|carrer|ronda|straße|strasse|str"
                r"|straat|weg|gracht|laan|plein|kade|soi|thanon|marg|salai|duong|đường")
STREET_HINT = re.compile(rf"\b(?:{STREET_TYPES})\b\.?(?!\w)|\w(?:straße|strasse|str\.|straat|gracht|laan|plein|weg)\b"
                         r"|\bc/\s?\w", re.I)
ADDRESS_START = re.compile(r"^\s*(?:alamat|address|lokasi|location)?\s*[:.]?\s*(?=(?:jl|jln|jalan|gg|gang|komplek|ruko)\b)",
                           re.I)
FOOTER_ADDRESS_START = re.compile(r"\s*(?:\d|#|(?:unit|suite|ste|flat|level|shop|apt|floor)\b)", re.I)
# "Address:" in the languages of the countries the address rules know.
ADDRESS_WORDS = (r"alamat|address|our address|postal address|mailing address|registered office|adresse|anschrift"
                 r"|direcci[oó]n|domicilio|adres|bezoekadres|postadres|indirizzo|endere[cç]o|[dđ]ịa chỉ|dia chi|ที่อยู่")
# Up to two words may qualify the label: "Pick-up address:", "Shop address:".
ADDRESS_LABEL = re.compile(rf"^\s*(?:[^\W\d][\w-]*\s+){{0,2}}(?:{ADDRESS_WORDS})\s*[:：]\s*(?=\S)", re.I)
HOURS_LABEL = re.compile(r"\b(?:jam\s+(?:buka|operasional|kerja|layanan)|opening\s+hours|business\s+hours|"
                         r"hours|waktu\s+buka)\b\s*:?", re.I)
# A start time with minutes or am/pm ("9-17" is as likely a date), a dash or word, an end time.
TIME_RANGE = re.compile(r"\d{1,2}(?:[.:]\d{2}\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)\s*(?:-|–|—|to|until|till|sampai|hingga|s/?d)"
                        r"\s*\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?)?", re.I)
CLOSED_AFTER = re.compile(r"[\s,;.]*(?:[^\W\d]+[\s,&-]*){0,4}"
                          r"\b(?:tutup|libur|closed|off|geschlossen|ferm[eé]|cerrado|gesloten)\b", re.I)
WA_LABEL = re.compile(r"whats\s*app|\bwa\b", re.I)
FAX_LABEL = re.compile(r"\bfax|faks", re.I)
PHONE_LABEL = re.compile(r"\b(?:telp|tel|phone|telepon|hp|call|hubungi)\b", re.I)
COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|\bhak cipta\b", re.I)
ICON_RELS = {"icon", "shortcut", "apple-touch-icon"}
LINE_BREAKS = {"br", "p", "div", "li", "dd", "dt", "tr", "td", "h1", "h2", "h3", "h4", "h5", "h6", "address"}
SKIPPED_TAGS = {"script", "style", "template", "noscript"}
DIGIT = re.compile(r"\d")
# Whole-page gates on lower-cased text, each matching wherever the exact pattern would.
# A leading \b defeats the regex engine's first-character scan; a letter class first with
# the word boundary checked behind it (?<!\wj) lets it skip ahead: 2-4x faster per page.
# The address gate tests words against a set (an alternation of seventy words costs a
# regex pass per word position), labels as substrings, and capital postcodes by regex:
# alphanumeric postcodes mark an address without a street type ("187 Piccadilly, London W1J 9LE").
# Each type in the three casings text uses ("St", "ST", "st"): no lower() per node.
STREET_TYPE_WORDS = frozenset(form for word in STREET_TYPES.split("|")
                              for form in (word, word.capitalize(), word.upper()))
STREET_SUFFIXES = ("straße", "strasse", "str", "straat", "gracht", "laan", "plein", "weg")
WORD = re.compile(r"[^\W\d_]+")
ADDRESS_HINTS = frozenset({"street", "compound", "label", "postcode"})
LABEL_WORD = re.compile(r"alamat|address|adres|anschrift|direcci|domicilio|indirizzo|endere|dia chi|địa chỉ|ที่อยู่"
                        r"|registered office|c/")
POSTCODE_HINT = re.compile(r"[A-Z](?:[A-Z]?\d[A-Z\d]? ?\d[A-Z]{2}|\d[A-Z] ?\d[A-Z]\d|\d[\dW] ?[\dA-Z]{4})(?![\w])"
                           r"|\d{4} ?[A-Z]{2}(?!\w)")
HOURS_GATE = re.compile(r"(?:j(?<!\wj)am\s+(?:buka|operasional|kerja|layanan)|o(?<!\wo)pening\s+hours"
                        r"|b(?<!\wb)usiness\s+hours|h(?<!\wh)ours|w(?<!\ww)aktu\s+buka)\b")
# The same words with no boundaries, for text whose nodes ran together (substring tests
# beat a regex alternation here), and the phone hint split so each half scans on its prefix.
PHONE_GATES = (re.compile(r"[+(0]\d?[\d\s().\-]{6,}\d"), re.compile(r"62\d{8}"))
HOURS_WORD = re.compile(r"jam\s+(?:buka|operasional|kerja|layanan)|opening\s+hours|business\s+hours|hours|waktu\s+buka")
TIME_GATE = re.compile(r"\d(?:\d?[.:]\d{2}|\d?\s*[ap]\.?m)")  # how every TIME_RANGE starts
VISIBLE_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)"
    " and not(ancestor::template)]"
)
# Code samples, keyboard input, program output and form fields show examples
# ("phone: +1 202-555-1212" in a docs snippet), never the business's own contacts.
# (Checked in Python on the few nodes that pass the gates: five more ancestor tests in
# the XPath above would double its cost on every page.)
EXAMPLE_TAGS = frozenset({"pre", "code", "kbd", "samp", "textarea"})


def contact_facts(root: Any, links: tuple[Link, ...], location: Location, region: str) -> tuple[Fact, ...]:
    examples = next(root.iter(*EXAMPLE_TAGS), None) is not None
    facts = _link_facts(links, _example_links(root) if examples else frozenset())
    seen: set[tuple[str, str, int | None]] = set()
    hints = _page_hints(root)
    address_kinds = hints & ADDRESS_HINTS
    for node in VISIBLE_TEXT(root) if hints else ():
        text = str(node)
        if len(text) < 6:
            continue
        # Each gate runs once per node (a combined alternation is slower than the three),
        # and only the gates the whole page passed.
        phone_hint = "phone" in hints and DIGIT.search(text) is not None and PHONE_HINT.search(text) is not None
        hours_hint = "hours" in hints and HOURS_LABEL.search(text) is not None
        street_hint = bool(address_kinds) and _address_hint(text, address_kinds)
        email_hint = "email" in hints and "@" in text
        if not (phone_hint or hours_hint or street_hint or email_hint):
            continue
        parent = node.getparent()
        # A tail's parent is the element it follows ("<code>x</code> tail"): the tail is outside it.
        if examples and in_example(parent.getparent() if getattr(node, "is_tail", False) else parent):
            continue
        where = Location(location.path, parent.sourceline if parent is not None else None, None, location.url)
        if phone_hint:
            for e164, start, end in find_phones(text, region):
                for field in _phone_fields(node, text, start, parent):
                    if (field, e164, where.line) not in seen and not _says_link(parent, field, e164, region):
                        seen.add((field, e164, where.line))
                        facts.append(Fact(field, text[start:end], "text", where))
        if email_hint:
            for email, start, end in find_emails(text):
                if ("email", email, where.line) not in seen and not _says_link(parent, "email", email, region):
                    seen.add(("email", email, where.line))
                    facts.append(Fact("email", text[start:end], "text", where))
        if hours_hint:
            facts.extend(_hours_fact(node, text, location))
        if parent is not None and street_hint and parent.tag != "address":
            facts.extend(_address_text_fact(node, text, parent, location, region))
    for block in root.iter("address"):
        if in_example(block):
            continue
        # Whatever its wording: a block with a number and a word that is not an e-mail or a phone.
        text = _address_only(", ".join(address_lines(block)))
        if text and (STREET_HINT.search(text) or _postal(text, region)):
            facts.append(Fact("address", text, "address", Location(location.path, block.sourceline, None, location.url)))
    return _unique(facts)


def _unique(facts: list[Fact]) -> tuple[Fact, ...]:
    unique: dict[tuple[str, str, int | None], Fact] = {}
    for fact in facts:
        unique.setdefault((fact.field, str(fact.value), fact.location.line), fact)
    return tuple(unique.values())


def _page_hints(root: Any) -> frozenset[str]:
    """Which gates some node of the page can pass, from one look at the whole body: a page
    with no hint (most pages of a docs site or a blog) skips the per-node work, and one with
    a few skips the other gates on every node. Hours also need a time somewhere: the label
    alone ("jam buka" in running text) gives no fact.
    The body's text in one C call runs text nodes together ("Alamat</b>Jl."), which can only
    add matches, except where a word boundary is asked for; so the street and hours labels
    are first sought without boundaries, and confirmed on the text joined node by node."""
    body = root.find("body")
    if body is None:
        return frozenset()
    text = etree.tostring(body, method="text", encoding=str, with_tail=False).lower()
    hints = set()
    if "@" in text:
        hints.add("email")
    if any(gate.search(text) for gate in PHONE_GATES):
        hints.add("phone")
    street = True
    hours = HOURS_WORD.search(text) is not None and (TIME_GATE.search(text) or TIME_GATE.search(_head_text(root)))
    if street or hours:
        joined = "\n".join(body.itertext())
        separated = joined.lower()
        if street:
            hints.update(_address_hints(joined, separated))
        # The hours block may climb to <html>, whose text includes the head's.
        if hours and HOURS_GATE.search(separated):
            hints.add("hours")
    return frozenset(hints)


def _address_hints(text: str, lower: str) -> set[str]:
    """Which signs of an address a page's text shows: a street type ("street"), a Dutch or
    German compound ("compound"), or a number with an address label ("label") or a
    capital postcode ("postcode")."""
    found = set()
    words = WORD.findall(text)
    if not STREET_TYPE_WORDS.isdisjoint(words):
        found.add("street")
    if any(word.lower().endswith(STREET_SUFFIXES) for word in words):
        found.add("compound")
    if DIGIT.search(text) is not None:
        if LABEL_WORD.search(lower) is not None:
            found.add("label")
        if POSTCODE_HINT.search(text) is not None:
            found.add("postcode")
    return found


def _address_hint(text: str, kinds: frozenset[str]) -> bool:
    """Whether a node shows one of the signs of an address its page showed (``kinds``):
    the per-node form of `_address_hints`, cheapest test first."""
    if "street" in kinds or "compound" in kinds:
        words = WORD.findall(text)
        if "street" in kinds and not STREET_TYPE_WORDS.isdisjoint(words):
            return True
        if "compound" in kinds and any(word.lower().endswith(STREET_SUFFIXES) for word in words):
            return True
    if ("label" in kinds or "postcode" in kinds) and DIGIT.search(text) is not None:
        return ("label" in kinds and LABEL_WORD.search(text.lower()) is not None) or (
            "postcode" in kinds and POSTCODE_HINT.search(text) is not None)
    return False


def _head_text(root: Any) -> str:
    head = root.find("head")
    return "\n".join(head.itertext()).lower() if head is not None else ""


def text_of(element: Any) -> str:
    """The element's text without its code samples (EXAMPLE_TAGS)."""
    # itertext, not text_content: "No. 10<br>Jakarta" must not become "10Jakarta".
    if next(element.iter(*EXAMPLE_TAGS), None) is not None:
        return " ".join(" ".join(_text_beside_examples(element, [])).split())
    return " ".join(" ".join(element.itertext()).split())


def in_example(element: Any) -> bool:
    return element is not None and (element.tag in EXAMPLE_TAGS
                                    or any(a.tag in EXAMPLE_TAGS for a in element.iterancestors()))


def _text_beside_examples(element: Any, out: list[str]) -> list[str]:
    if element.tag in EXAMPLE_TAGS:
        return out
    if element.text:
        out.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            _text_beside_examples(child, out)
        if child.tail:
            out.append(child.tail)
    return out


def _says_link(parent: Any, field: str, key: str, region: str) -> bool:
    """Text inside a tel:, mailto: or WhatsApp link that shows the link's own value:
    the link's fact already counts it (a different shown value is a fact of its own)."""
    if parent is None:
        return False
    anchor = parent if parent.tag == "a" else next(parent.iterancestors("a"), None)
    href = (anchor.get("href") or "").strip() if anchor is not None else ""
    if field == "phone" and href.lower().startswith("tel:"):
        return normalize_phone(unquote(href[4:]), region) == key
    if field == "email" and href.lower().startswith("mailto:"):
        return normalize_email(href) == key
    if field == "whatsapp" and is_whatsapp_url(href):
        return whatsapp_target(href) == key
    return False


def _example_links(root: Any) -> frozenset[tuple[int | None, str]]:
    """(line, href) of the links inside code samples: `<code><a href="mailto:you@example.com">`."""
    return frozenset((a.sourceline, (a.get("href") or "").strip())
                     for sample in root.iter(*EXAMPLE_TAGS) for a in sample.iter("a"))


def _link_facts(links: tuple[Link, ...], in_examples: frozenset[tuple[int | None, str]]) -> list[Fact]:
    facts: list[Fact] = []
    for link in links:
        if in_examples and (link.location.line, link.raw) in in_examples:
            continue
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
        elif ("wa.me" in lower or "whatsapp" in lower) and is_whatsapp_url(link.url) and whatsapp_target(link.url):
            # Links without a number (wa.me/?text=, QR codes, group invites) name no one to compare.
            facts.append(Fact("whatsapp", link.url, "wa", link.location))
    return facts


def _phone_fields(node: Any, text: str, start: int, parent: Any) -> tuple[str, ...]:
    """Whether a number in text is the phone, the WhatsApp number or both: the link
    around it decides, else the nearest label before it ("WA: 0812…", "Telp/WA 0812…");
    fax numbers are neither."""
    if parent is not None:
        anchor = parent if parent.tag == "a" else next(parent.iterancestors("a"), None)
        href = (anchor.get("href") or "") if anchor is not None else ""
        if href.lower().startswith("tel:"):
            return ("phone",)
        if is_whatsapp_url(href):
            return ("whatsapp",)
    before = text[max(0, start - 30):start]
    if not re.search(r"[A-Za-z]", before) and parent is not None:
        before = _preceding_text(node, parent)[-30:] + " " + before
    labels = sorted((m.start(), kind) for kind, pattern in (("fax", FAX_LABEL), ("wa", WA_LABEL), ("phone", PHONE_LABEL))
                    for m in pattern.finditer(before))
    if not labels:
        return ("phone",)
    position, kind = labels[-1]
    if kind == "fax":
        return ()
    # "Telp/WA", "WA & Telp": one number for both.
    both = any(other != kind and other != "fax" and position - at <= 8 for at, other in labels[:-1])
    return ("phone", "whatsapp") if both else ("whatsapp",) if kind == "wa" else ("phone",)


def _preceding_text(node: Any, parent: Any) -> str:
    if getattr(node, "is_tail", False):
        return text_of(parent)
    sibling = parent.getprevious()
    if sibling is not None:
        return text_of(sibling) + " " + (sibling.tail or "")
    grand = parent.getparent()
    return (grand.text or "") if grand is not None else ""


def address_lines(element: Any) -> list[str]:
    """The lines of an address block: a <br> or a block element ends a line, so
    "Hatchards<br>187 Piccadilly" keeps the name apart from the street."""
    pieces: list[str] = []

    def walk(node: Any) -> None:
        pieces.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in SKIPPED_TAGS and child.tag not in EXAMPLE_TAGS:
                breaks = child.tag in LINE_BREAKS
                pieces.append("\n" if breaks else "")
                walk(child)
                pieces.append("\n" if breaks else "")
            pieces.append(child.tail or "")

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return [line for line in lines if line and not _contact_line(line)]


def _contact_line(line: str) -> bool:
    """A line of an address block that is a phone number, an e-mail or a web address."""
    letters = len(re.findall(r"[^\W\d_]", line))
    return "@" in line or "://" in line or line.lower().startswith("www.") or (
        PHONE_HINT.search(line) is not None and letters < 4)


def _postal(text: str, region: str) -> bool:
    """Text that reads as a postal address: a street with a house number or a postcode,
    or a postcode beside a house number ("187 Piccadilly, London W1J 9LE")."""
    if len(text) > 200 or "@" in text or not DIGIT.search(text):
        return False
    parts = parse_address(text, region)
    return bool(parts.street and (parts.number or parts.postcode))


def _address_only(text: str) -> str:
    # <address> often holds the phone, email and hours too; they are not part of the address.
    text = CONTACT_LABEL.split(text, maxsplit=1)[0]
    return ADDRESS_LABEL.sub("", text).strip(" ,;|-–")


def _address_text_fact(node: Any, text: str, parent: Any, location: Location, region: str) -> list[Fact]:
    """A street address after an "Address:" label (in any of the known languages), or a
    postal line in the footer."""
    labelled = ADDRESS_LABEL.match(text) or _label_before(node, parent)
    in_footer = any(a.tag == "footer" or "footer" in (a.get("class") or "") for a in parent.iterancestors())
    if not labelled and not in_footer:
        return []
    if getattr(node, "is_tail", False) and parent.tag == "br" and parent.getparent() is not None:
        parent = parent.getparent()  # "187 Piccadilly<br>London W1J 9LE": the line after a <br>
        text = ", ".join(address_lines(parent))
    elif getattr(node, "is_text", False) and parent.tag in ("p", "span", "li", "div", "dd", "td"):
        text = ", ".join(address_lines(parent))  # the rest of the address sits after a <br>
    value = _address_only(COPYRIGHT.split(" ".join(text.split()), maxsplit=1)[0])
    if parent.tag == "address" or any(a.tag == "address" for a in parent.iterancestors()):
        return []
    if labelled:
        readable = STREET_HINT.search(value) is not None or _postal(value, region)
    else:
        # Unlabelled footer text: a postcode, or a line that starts as addresses do ("125 Main
        # St", "Suite 4, …", "Jl. …"), not "Drive 5 minutes from downtown".
        readable = ADDRESS_START.match(value) is not None or (_postal(value, region) and (
            parse_address(value, region).postcode is not None or FOOTER_ADDRESS_START.match(value) is not None))
    return [Fact("address", value, "text", Location(location.path, parent.sourceline, None, location.url))] \
        if readable else []


def _label_before(node: Any, parent: Any) -> bool:
    return bool(re.search(rf"(?:^|\b)(?:{ADDRESS_WORDS}|lokasi)\s*[:：]?\s*$", _preceding_text(node, parent), re.I))


def _hours_fact(node: Any, text: str, location: Location) -> list[Fact]:
    """Hours after a label, in the same text or the next few elements."""
    element = node.getparent()
    for _ in range(3):
        if element is None:
            return []
        block = text_of(element)
        match = HOURS_LABEL.search(block)
        if match and TIME_RANGE.search(block, match.end()):
            value = block[match.end():match.end() + 300]
            # The block goes on with the address or phone: end after the last time range
            # (and a "Minggu tutup" right after it).
            ranges = list(TIME_RANGE.finditer(value))
            if not ranges:
                return []  # the nearest time is 300 characters on: not this label's hours
            last = ranges[-1]
            closed = CLOSED_AFTER.match(value, last.end())
            value = value[:closed.end() if closed else last.end()].strip(" :")
            return [Fact("hours", value.strip(" ,;|"), "text", Location(location.path, element.sourceline, None, location.url))]
        element = element.getparent()
    return []
