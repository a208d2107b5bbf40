"""Contact routes a person sees: tel:, mailto: and WhatsApp links, rel=me and
icon links, phone numbers and emails in visible text, <address> blocks, footer
address text and labelled opening hours."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import Any
from urllib.parse import unquote

from lxml import etree

from omnilinks.linktable import Link, LinkKind, LinkTable, Location
from omnilinks.models import Fact
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
# Gates run over the page's text nodes joined (see `_candidates`), each matching wherever the
# exact per-node test could. The street gate tests words against a set (an alternation of
# seventy words costs a regex pass per word position), labels as substrings, and capital
# postcodes by regex: alphanumeric postcodes mark an address without a street type
# ("187 Piccadilly, London W1J 9LE"). Each type in the three casings text uses ("St", "ST", "st").
STREET_TYPE_WORDS = frozenset(form for word in STREET_TYPES.split("|")
                              for form in (word, word.capitalize(), word.upper()))
STREET_SUFFIXES = ("straße", "strasse", "str", "straat", "gracht", "laan", "plein", "weg")
WORD = re.compile(r"[^\W\d_]+")
LABEL_WORD = re.compile(r"alamat|address|adres|anschrift|direcci|domicilio|indirizzo|endere|dia chi|địa chỉ|ที่อยู่"
                        r"|registered office|c/")
# Capital-first postcodes (W1J 9LE, K1A 0B1, D02 X285) and digit-first ones (1012 LG).
_POSTCODE_LETTERS = r"[A-Z](?:[A-Z]?\d[A-Z\d]? ?\d[A-Z]{2}|\d[A-Z] ?\d[A-Z]\d|\d[\dW] ?[\dA-Z]{4})(?!\w)"
POSTCODE_HINT = re.compile(_POSTCODE_LETTERS + r"|\d{4} ?[A-Z]{2}(?!\w)")
# The gates of `_candidates`, each matching wherever the exact pattern could, written so the regex
# engine can skip ahead on a literal or a first-character class (a leading \b or lookbehind defeats
# that scan): postcodes that start with digits are found from their first capital letter.
POSTCODE_LETTERS = re.compile(_POSTCODE_LETTERS)
POSTCODE_DIGITS = re.compile(r"[A-Z](?:(?<=\d{4}[A-Z])|(?<=\d{4} [A-Z]))[A-Z](?!\w)")
COMPOUND_GATE = re.compile(r"[sglpw](?:traße|trasse|tr|traat|racht|aan|lein|eg)(?![^\W\d_])")  # word ends
# Where HOURS_LABEL may match, each phrase found from its first word, a literal the regex engine
# looks for fast ("opening hours" and "business hours" hold "hours"), in the page's UTF-8 bytes with
# ASCII letters lower-cased (lower-casing the text costs 3 ns a character once one is not ASCII).
# What \s matches in text, as bytes; tests/identity/test_identity_gates.py checks the list. Looser
# than the label, which is fine for a gate: no word boundary in front ("pijam buka"), and a
# boundary behind before any other script's letter.
SPACES = b"|".join(re.escape(space.encode()) for space in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001"
                   "\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
HOURS_PHRASES = ((b"jam", re.compile(rb"jam(?:%s)+(?:buka|operasional|kerja|layanan)\b" % SPACES)),
                 (b"hours", re.compile(rb"hours\b")), (b"waktu", re.compile(rb"waktu(?:%s)+buka\b" % SPACES)))
FOLDS_UNLIKE = "\u0130\u0131\u017f\u212a\u1e9e"  # İ ı ſ K ẞ
# How every TIME_RANGE starts, in either case (lower-casing a page's text costs more than the search).
TIME_GATE = re.compile(r"\d(?:\d?[.:]\d{2}|\d?\s*[aApP]\.?[mM])")
# Code samples, keyboard input, program output and form fields show examples
# ("phone: +1 202-555-1212" in a docs snippet), never the business's own contacts.
# (Checked on the few nodes that pass the gates, not in the walk that reads every node.)
EXAMPLE_TAGS = frozenset({"pre", "code", "kbd", "samp", "textarea"})


def contact_facts(root: Any, links: Sequence[Link], location: Location, region: str) -> tuple[Fact, ...]:
    examples = next(root.iter(*EXAMPLE_TAGS), None) is not None
    facts = _link_facts(LinkTable.of(links), root, examples)
    seen: set[tuple[str, str, int | None]] = set()
    body, texts = body_texts(root)
    candidates, hours_possible = _candidates(root, texts)
    for node in shown_nodes(body, candidates):
        text = node.text
        if len(text) < 6:
            continue
        phone_hint = DIGIT.search(text) is not None and PHONE_HINT.search(text) is not None
        hours_hint = hours_possible and HOURS_LABEL.search(text) is not None
        street_hint = _address_hint(text)
        email_hint = "@" in text
        if not (phone_hint or hours_hint or street_hint or email_hint):
            continue
        parent = node.parent
        # A tail's parent is the element it follows ("<code>x</code> tail"): the tail is outside it.
        if examples and in_example(parent.getparent() if node.is_tail else parent):
            continue
        where = Location(location.path, parent.sourceline, None, location.url)
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
        if street_hint and parent.tag != "address":
            facts.extend(_address_text_fact(node, text, parent, location, region))
    for block in root.iter("address"):
        if in_example(block):
            continue
        # Whatever its wording: a block with a number and a word that is not an e-mail or a phone.
        text = _address_only(", ".join(address_lines(block)))
        if text and (STREET_HINT.search(text) or _postal(text, region)):
            facts.append(Fact("address", text, "address", Location(location.path, block.sourceline, None, location.url)))
    return _unique(facts)


class TextNode:
    """One text node of the page: an element's text, or the tail after it (then `parent` is the
    element it follows, as lxml's text results have it)."""

    __slots__ = ("text", "parent", "is_tail")

    def __init__(self, text: str, parent: Any, is_tail: bool):
        self.text = text
        self.parent = parent
        self.is_tail = is_tail

    @property
    def is_text(self) -> bool:
        return not self.is_tail

    def getparent(self) -> Any:
        return self.parent


# Every text node under an element, hidden ones (scripts, templates) too, in document order: libxml2
# walks the tree and lxml hands back plain strings (half the cost of a walk in Python that reads each
# element's text and tail). The gates run on these; the few nodes they pass are then placed by the
# same XPath with smart strings (each knowing its element), and the hidden ones dropped.
TEXT_NODES = etree.XPath("descendant::text()", smart_strings=False)
PLACED_TEXT_NODES = etree.XPath("descendant::text()")


def body_texts(root: Any) -> tuple[Any, list[str]]:
    """The page's <body> (None where it has none) and its every text node (`TEXT_NODES`)."""
    body = root.find("body")
    return body, (TEXT_NODES(body) if body is not None else [])


def shown_nodes(body: Any, indices: Sequence[int]) -> list[TextNode]:
    """The text nodes at `indices` (ascending) of `body_texts`, in document order, without those a
    browser does not show: the text of a script, style, template or noscript and whatever such
    an element holds at any depth (an element's tail lies outside it: shown)."""
    if not indices:
        return []
    placed = PLACED_TEXT_NODES(body)
    nodes = []
    for index in indices:
        text = placed[index]
        owner = text.getparent()  # for a tail, the element it follows
        tail = bool(text.is_tail)
        inside = owner.getparent() if tail else owner
        if inside.tag in SKIPPED_TAGS or next(inside.iterancestors(*SKIPPED_TAGS), None) is not None:
            continue
        nodes.append(TextNode(str(text), owner, tail))
    return nodes


def visible_text_nodes(root: Any) -> list[TextNode]:
    """Every visible text node of the body, in document order."""
    body, texts = body_texts(root)
    return shown_nodes(body, range(len(texts)))


def _candidates(root: Any, texts: list[str]) -> tuple[list[int], bool]:
    """The nodes of `texts` (the body's, `body_texts`) some gate may pass, and whether hours are
    possible on the page at all. Every gate runs once over the text nodes joined by NUL, which none of their patterns
    can match across, so a match marks exactly the node it lies in: the per-node tests then run
    on those few nodes only. Hours also need a time somewhere on the page: the label alone
    ("jam buka" in running text) gives no fact.
    A regex scans 5-10 ns a character, a substring search a tenth of that: the gates that need a
    number run on the nodes with a digit only, and words are looked up by splitting the page's
    bytes on every ASCII non-letter (see `_words`)."""
    if not texts:
        return [], False
    joined = "\0".join(texts)
    encoded = joined.encode()
    # Word gates run on lower-cased text (a case-blind regex scans 3-5x slower); a letter whose
    # lower case is longer ("İ", the only one) or is ASCII ("K"), or that case-blind matching
    # equates with a Latin one ("ſ", "ı", "ẞ"), would break that: then every node is a candidate.
    # (A NUL inside a text node, which lxml does not give, would misplace the nodes: then every node too.)
    if not joined.isascii() and any(char in joined for char in FOLDS_UNLIKE) or encoded.count(b"\0") != len(texts) - 1:
        return list(range(len(texts))), HOURS_LABEL.search(joined) is not None and _time_on_page(
            root, "".join(texts).encode())
    hours = _hours_nodes(encoded)
    hours_possible = bool(hours) and _time_on_page(root, encoded.replace(b"\0", b""))
    positions: list[int] = []
    at = joined.find("@")
    while at >= 0:
        positions.append(at)
        end = joined.find("\0", at)  # the node is in: on to the next one
        at = joined.find("@", end) if end >= 0 else -1
    streets, compounds = _words(encoded)
    if streets:
        positions.extend(match.start() for match in _word_pattern(streets).finditer(joined))
    if compounds:
        positions.extend(match.start() for match in COMPOUND_GATE.finditer(joined.lower()))
    found = set(_nodes_at(positions, texts, joined))
    if hours_possible:
        found.update(hours)
    found.update(_numbered_candidates(texts, encoded))
    return sorted(found), hours_possible


def _nodes_at(positions: list[int], texts: list[str], joined: str) -> Iterator[int]:
    """The node each position of the NUL-joined text lies in: the NULs before it counted, for a
    few; for many, found among the nodes' starts."""
    if len(positions) <= 16:
        return (joined.count("\0", 0, position) for position in positions)
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    return (bisect_right(starts, position) - 1 for position in positions)


def _hours_nodes(encoded: bytes) -> set[int]:
    """The nodes an hours label may lie in, in the NUL-joined text's bytes."""
    folded = encoded.lower()  # (ASCII letters only: the NULs stay where they are)
    # (A substring test first: most pages hold none of the words, and it scans faster than the regex engine.)
    return {encoded.count(b"\0", 0, match.start())
            for word, phrase in HOURS_PHRASES if word in folded for match in phrase.finditer(folded)}


# Every ASCII byte but a letter as a space, so the text splits into its ASCII words; bytes of other
# characters stay, and a piece holding them is split again as WORD splits (`_words`).
LETTERS_ONLY = bytes(c if 65 <= c <= 90 or 97 <= c <= 122 or c >= 128 else 32 for c in range(256))
STREET_TYPE_BYTES = frozenset(word.encode() for word in STREET_TYPE_WORDS)
# COMPOUND_GATE's ASCII endings: a first letter, then the rest of the ending.
COMPOUND_FIRSTS = frozenset(b"sglpw")
COMPOUND_RESTS = (b"trasse", b"tr", b"traat", b"racht", b"aan", b"lein", b"eg")
COMPOUND_ENDINGS = tuple(bytes((first,)) + rest for first in sorted(COMPOUND_FIRSTS) for rest in COMPOUND_RESTS)


def _words(encoded: bytes) -> tuple[frozenset[str], bool]:
    """The street-type words among the page's words (WORD's letter runs), and whether a word
    ends as a German or Dutch street compound may (COMPOUND_GATE)."""
    words = set(encoded.translate(LETTERS_ONLY).split())
    streets = {word.decode() for word in STREET_TYPE_BYTES.intersection(words)}
    distinct = b" ".join(words).lower() + b" "
    compounds = _compound_ending(distinct)
    if distinct.isascii():
        return frozenset(streets), compounds
    for word in words:
        if word.isascii():
            continue
        text = word.decode(errors="replace")
        streets.update(STREET_TYPE_WORDS.intersection(WORD.findall(text)))
        compounds = compounds or COMPOUND_GATE.search(text.lower()) is not None
    return frozenset(streets), compounds


COMPOUND_RESTS_AT_END = tuple(rest + b" " for rest in COMPOUND_RESTS)


def _compound_ending(words: bytes) -> bool:
    """Whether a word ends in one of COMPOUND_ENDINGS, among `words` (ASCII letters lower-cased,
    each word followed by a space): the endings found by substring search, not word by word (a
    page holds hundreds of distinct words). A word with other bytes is looked at again whole."""
    for rest in COMPOUND_RESTS_AT_END:
        at = words.find(rest, 1)
        while at > 0:
            if words[at - 1] in COMPOUND_FIRSTS:
                return True
            at = words.find(rest, at + 1)
    return False


# The first UTF-8 byte of every character DIGIT matches but the ASCII ones (U+0660 Arabic-Indic
# zero and up: never a dash, a quote mark or a Latin letter). tests/identity/test_identity_gates.py
# works it out again from Unicode's digits.
OTHER_DIGIT_LEADS = b"\xd9\xdb\xdf\xe0\xe1\xea\xef\xf0"
# ASCII digits as "0", and as "\x01" the first byte of every other digit.
DIGIT_MARKS = bytes.maketrans(b"123456789" + OTHER_DIGIT_LEADS, b"000000000" + b"\x01" * len(OTHER_DIGIT_LEADS))


def _numbered_candidates(texts: list[str], encoded: bytes) -> list[int]:
    """The nodes the gates that need a number pass: a phone, a postcode, an address label beside
    a number. They run on the nodes with a digit only, found by substring search in the page's
    bytes (a node with a byte that may start another script's digit is asked DIGIT)."""
    marked = encoded.translate(DIGIT_MARKS)
    numbered = []
    for mark in (b"0", b"\x01"):
        node, at, position = 0, 0, marked.find(mark)
        while position >= 0:
            node += marked.count(b"\0", at, position)
            if mark == b"0" or DIGIT.search(texts[node]) is not None:
                numbered.append(node)
            at = marked.find(b"\0", position)
            position = marked.find(mark, at) if at >= 0 else -1
    if not numbered:
        return []
    numbered = sorted(set(numbered))
    chosen = [texts[index] for index in numbered]
    joined = "\0".join(chosen)
    positions = [match.start() for gate in (PHONE_HINT, POSTCODE_LETTERS, POSTCODE_DIGITS) for match in gate.finditer(joined)]
    positions += [match.start() for match in LABEL_WORD.finditer(joined.lower())]
    return [numbered[node] for node in _nodes_at(positions, chosen, joined)]


def _time_on_page(root: Any, body_text: bytes) -> bool:
    """Whether a time shows in the body (`body_text`: its every text node run together, in UTF-8)
    or else in the head, scripts included: running the nodes together finds every time any one
    node holds (and perhaps more: this is a gate)."""
    if _has_time(body_text):
        return True
    head = root.find("head")
    return head is not None and _has_time(etree.tostring(head, method="text", encoding="utf-8", with_tail=False))


# TIME_GATE on UTF-8 bytes whose digits are all ASCII: \s as every space it matches in text.
TIME_GATE_BYTES = re.compile(rb"\d(?:\d?[.:]\d{2}|\d?(?:%s)*[aApP]\.?[mM])" % SPACES)


def _has_time(data: bytes) -> bool:
    """TIME_GATE.search(data.decode()), tried only where a match can start: at a digit, found by
    substring search. A text with a byte that may start another script's digit is decoded and
    scanned whole, as is one with digits everywhere."""
    marked = data.translate(DIGIT_MARKS)
    if b"\x01" in marked:
        return TIME_GATE.search(data.decode("utf-8", "replace")) is not None
    if marked.count(b"0") > 64:
        return TIME_GATE_BYTES.search(data) is not None
    at = marked.find(b"0")
    while at >= 0:
        if TIME_GATE_BYTES.match(data, at):
            return True
        at = marked.find(b"0", at + 1)
    return False


@lru_cache(maxsize=256)
def _word_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """The street-type words a page holds, as whole words (an alternation of the few found,
    not of all seventy: one regex pass per word position otherwise)."""
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, sorted(words))) + r")(?![^\W\d_])")


def _unique(facts: list[Fact]) -> tuple[Fact, ...]:
    unique: dict[tuple[str, str, int | None], Fact] = {}
    for fact in facts:
        unique.setdefault((fact.field, str(fact.value), fact.location.line), fact)
    return tuple(unique.values())


def _address_hint(text: str) -> bool:
    """Whether a node shows a sign of an address: a number with an address label or a capital
    postcode, a street type ("Jl.", "Street"), or a Dutch or German compound ("Keizersgracht")."""
    if DIGIT.search(text) is not None and (LABEL_WORD.search(text.lower()) is not None
                                           or POSTCODE_HINT.search(text) is not None):
        return True
    words = WORD.findall(text)
    return not STREET_TYPE_WORDS.isdisjoint(words) or any(word.lower().endswith(STREET_SUFFIXES) for word in words)


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


CONTACT_URL_WORDS = ("tel:", "mailto:", "wa.me", "whatsapp")  # one is in the URL of every link below but rel ones


def _named_route(kind: LinkKind) -> bool:
    return kind.tag in ("a", "link") and ("me" in kind.rel or kind.tag == "link" and not ICON_RELS.isdisjoint(kind.rel))


def _link_facts(links: LinkTable, root: Any, examples: bool) -> list[Fact]:
    """Contact routes and profiles the links name. A tel:, mailto: or WhatsApp link's URL is its
    source as written (urljoin keeps another scheme's) or a WhatsApp host's: on a page whose URLs
    name none (most), only the rel=me and icon links are read."""
    urls = "\n".join(links.urls).lower()
    indices = range(len(links)) if any(word in urls for word in CONTACT_URL_WORDS) else links.of_kinds(_named_route)
    if not indices:
        return []
    kinds = links.kinds()
    in_examples = _example_links(root) if examples else frozenset()
    found: list[tuple[str, Any, str, int]] = []  # (field, value, source, link index)
    for index in indices:
        kind = kinds[index]
        tag = kind.tag
        if tag != "a" and tag != "link":
            continue
        raw = links.raw(index)
        if in_examples and (links.line(index), raw) in in_examples:
            continue
        url = links.urls[index]
        if tag == "link":
            if "me" in kind.rel:
                found.append(("profile", url, "rel=me", index))
            elif ICON_RELS.intersection(kind.rel):
                found.append(("icon", url, "link[rel=icon]", index))
            continue
        lower = raw.lower()
        if "me" in kind.rel:
            found.append(("profile", url, "rel=me", index))
        if lower.startswith("tel:"):
            found.append(("phone", unquote(raw[4:]).strip(), "tel", index))
        elif lower.startswith("mailto:"):
            found.append(("email", unquote(raw[7:].split("?", 1)[0]).split(",")[0].strip(), "mailto", index))
        elif ("wa.me" in lower or "whatsapp" in lower) and is_whatsapp_url(url) and whatsapp_target(url):
            # Links without a number (wa.me/?text=, QR codes, group invites) name no one to compare.
            found.append(("whatsapp", url, "wa", index))
    return [Fact(field, value, source, links.location(index)) for field, value, source, index in found]


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
    _address_pieces(element, pieces)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return [line for line in lines if line and not _contact_line(line)]


def _address_pieces(node: Any, pieces: list[str]) -> None:
    # (a function of its own, not a closure: a recursive closure is a reference cycle, left for the
    # cyclic collector, which the readers of a big site keep paused)
    pieces.append(node.text or "")
    for child in node:
        if isinstance(child.tag, str) and child.tag not in SKIPPED_TAGS and child.tag not in EXAMPLE_TAGS:
            breaks = child.tag in LINE_BREAKS
            pieces.append("\n" if breaks else "")
            _address_pieces(child, pieces)
            pieces.append("\n" if breaks else "")
        pieces.append(child.tail or "")


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
