"""E-mail addresses as they appear in ``mailto:`` links and page text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

# Addresses in free text. A character of a name is any letter, digit or mark of any
# script ("josé@café.fr", "ติดต่อ@ร้านกาแฟ.ไทย" are addresses: RFC 6531, IDNA): not a
# space, not ASCII punctuation, not the CJK and typographic punctuation around them.
_PUNCT = "。，、：；！？「」『』（）《》〈〉【】“”‘’«»…—–\u3000"
_CH = rf"[^\s!-/:-@\[-^`{{-~{_PUNCT}]"
_LABEL = rf"{_CH}(?:(?:{_CH}|-)*{_CH})?"
# Narrower local part than the RFC allows: quotes, slashes and the like next to an
# address are far more often surrounding punctuation than part of it.
_LOCAL = rf"(?:{_CH}|[_%+-])+"
# Compiled on first use (_in_text()): a large pattern, and only text with an "@" is searched.
_IN_TEXT_SOURCE = rf"(?<![^\s!-,/:-?\[-^`{{-~{_PUNCT}]){_LOCAL}(?:\.{_LOCAL})*@(?:{_LABEL}\.)+{_LABEL}(?![\w-])"
MAX_LOCAL_OCTETS = 64  # RFC 5321 4.5.3.1.1
MAX_ADDRESS_OCTETS = 254  # RFC 5321's 256-octet path less its angle brackets (RFC 3696 errata)
_MAILTO = re.compile(r"^\s*mailto:", re.IGNORECASE)

# Retina assets are named "logo@2x.png"; these endings are file types, never
# the TLDs of a contact address, even where a TLD of that name exists.
ASSET_EXTENSIONS = frozenset({
    "png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "ico", "bmp", "tif", "tiff", "heic",
    "css", "js", "mjs", "map", "json", "woff", "woff2", "ttf", "otf", "eot", "mp4", "webm",
    "mov", "mp3", "pdf",
})


@lru_cache(maxsize=65_536)  # the same footer address on every page; validation costs ~100 µs
def normalize_email(text: str) -> str | None:
    """The address from an address or ``mailto:`` link in one form, or None when malformed.

    One form: the domain in Unicode (``info@xn--kopi-senja-….xn--fiqs8s`` and its Unicode
    spelling are one address) and the whole address lower-cased: mailbox names are
    case-sensitive in theory, but no mail host treats them so and channels differ in case.
    Malformed: not an address by RFC 5322/6531 syntax (checked by email-validator, no DNS),
    a local part over 64 octets or a whole address over 254.
    """
    value = _MAILTO.sub("", text.strip())
    value = value.split("?", 1)[0]
    value = unquote(value).strip()
    # A mailto link may list several recipients; the first is the contact address.
    value = value.split(",", 1)[0].strip()
    if "@" not in value:
        return None
    # Imported here: its RFC tables take a noticeable part of start-up, and most commands
    # (and most pages) never read an address.
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(value, check_deliverability=False, allow_smtputf8=True, allow_quoted_local=False,
                                 allow_domain_literal=False, globally_deliverable=False)
    except EmailNotValidError:
        return None
    local, domain = checked.local_part.lower(), checked.domain.lower()
    octets = len(local.encode("utf-8"))
    if octets > MAX_LOCAL_OCTETS or octets + 1 + len(checked.ascii_domain) > MAX_ADDRESS_OCTETS:
        return None
    if "." not in domain or not _real_tld(domain.rsplit(".", 1)[1]):
        return None
    return f"{local}@{domain}"


def _real_tld(tld: str) -> bool:
    """Letters only, two or more ("a@b.c" and "a@b.123" are not contacts); not a file type
    ("logo@2x.png" is a retina asset, even where a TLD of that name exists)."""
    return len(tld) >= 2 and all(ch.isalpha() or unicodedata.combining(ch) for ch in tld) \
        and tld not in ASSET_EXTENSIONS


@lru_cache(maxsize=1)
def _in_text() -> re.Pattern[str]:
    return re.compile(_IN_TEXT_SOURCE)


def find_emails(text: str) -> list[tuple[str, int, int]]:
    """Addresses in free text as ``(address, start, end)`` character spans."""
    found: list[tuple[str, int, int]] = []
    for match in _in_text().finditer(text):
        address = normalize_email(match.group(0))
        if address is not None:
            found.append((address, match.start(), match.end()))
    return found
