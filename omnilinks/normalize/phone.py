"""Phone numbers: compare in E.164, show in national format.

Every channel writes the same number differently (``0812-3456-7890`` on the
website, ``6281234567890`` in a ``wa.me`` link, ``+62 812…`` on Google), so all
comparisons go through :func:`normalize_phone` first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from omnilinks.normalize.domain import site_host
from omnilinks.vocabulary import DEFAULT_REGION

if TYPE_CHECKING:
    import phonenumbers

# libphonenumber (its metadata is tens of milliseconds to load) is imported by the functions that
# parse a number, on first use: a page without a phone number, and a run without one, never load it.

_TEL_PREFIX = re.compile(r"^\s*(?:tel|callto|phone)\s*:\s*(?://)?", re.IGNORECASE)
# libphonenumber understands "ext." itself, but sites also write ";ext=", "#12" or
# "x12"; cutting them off first keeps junk from making a good number unparseable.
_EXTENSION = re.compile(r"\s*(?:;\s*ext\s*=|#|\b(?:ext|extn|ext\.|x|ekst|pes|psw)\.?\s*:?)\s*\d+\s*$",
                        re.IGNORECASE)
_WHATSAPP_HOSTS = frozenset({"wa.me", "api.whatsapp.com", "web.whatsapp.com", "whatsapp.com",
                             "chat.whatsapp.com"})
_WA_ME_NUMBER = re.compile(r"^/\+?(\d{6,15})/?$")


def _clean(text: str) -> str:
    text = unquote(text)
    text = _TEL_PREFIX.sub("", text)
    return _EXTENSION.sub("", text).strip()


def has_country_code(text: str) -> bool:
    """True when the number is written in international form (``+…`` or ``00…``)."""
    cleaned = _clean(text)
    return cleaned.startswith("+") or cleaned.startswith("00")


def _parse(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    import phonenumbers

    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def normalize_phone(text: str, region: str = DEFAULT_REGION) -> str | None:
    """E.164 form of ``text`` or None when it is not a valid number.

    Validity (not mere possibility) is required: postcodes and prices are
    "possible" short numbers in many regions and would otherwise pass.
    """
    cleaned = _clean(text)
    if not re.search(r"\d", cleaned):
        return None
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    candidates: list[str] = [cleaned]
    digits = re.sub(r"\D", "", cleaned)
    country_code = str(phonenumbers.country_code_for_region(region.upper()))
    # "62 21 5550123" without "+" is ambiguous (it is also a valid national number
    # in area 0622); nobody writes a national number without its trunk 0, so the
    # international reading is tried first.
    if cleaned[:1].isdigit() and digits.startswith(country_code) and not digits.startswith("0"):
        candidates.insert(0, "+" + digits)
    if cleaned.startswith("00"):
        # "00" is the international prefix almost everywhere, but libphonenumber
        # only honours the region's own (Indonesia's is 001/007/008…).
        candidates.append("+" + digits[2:])
    for candidate in candidates:
        number = _parse(candidate, region.upper())
        if number is not None and phonenumbers.is_valid_number(number):
            number.extension = None
            return phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return None


def display_phone(e164: str) -> str:
    """National format for people reading a report, e.g. ``0812-3456-7890``."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    number = _parse(e164, "ZZ")
    if number is None:
        return e164
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)


def international_phone(e164: str) -> str:
    """International format, e.g. ``+62 812-3456-7890``."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    number = _parse(e164, "ZZ")
    if number is None:
        return e164
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def find_phones(text: str, region: str = DEFAULT_REGION) -> list[tuple[str, int, int]]:
    """Valid numbers in free text as ``(e164, start, end)`` character spans."""
    import phonenumbers
    from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

    found: list[tuple[str, int, int]] = []
    for match in PhoneNumberMatcher(text, region.upper(), leniency=Leniency.VALID):
        # Re-normalising the raw text applies the same country-code rule as
        # normalize_phone, so a number found in text equals the same number typed alone.
        e164 = normalize_phone(match.raw_string, region) or phonenumbers.format_number(
            match.number, PhoneNumberFormat.E164)
        found.append((e164, match.start, match.end))
    return found


def _split_url(url: str) -> tuple[str, str, str, str]:
    text = url.strip()
    if "://" not in text and not text.lower().startswith("whatsapp:"):
        text = "https://" + text
    parts = urlsplit(text)
    host = site_host(parts.hostname or "")
    return parts.scheme.lower(), host, parts.path, parts.query


def is_whatsapp_url(url: str) -> bool:
    """True for any WhatsApp chat link, including ones without a number."""
    lowered = url.lower()
    if "whatsapp" not in lowered and "wa.me" not in lowered:  # every WhatsApp host and scheme says one
        return False
    try:
        scheme, host, _, _ = _split_url(url)
    except ValueError:
        return False
    return scheme == "whatsapp" or host in _WHATSAPP_HOSTS


def whatsapp_target(url: str) -> str | None:
    """E.164 number a WhatsApp link opens a chat with, or None.

    Links without a number (``wa.me/?text=…``) and QR short codes
    (``wa.me/message/…``) do not reveal the number, so they yield None.
    """
    if not is_whatsapp_url(url):
        return None
    _, host, path, query = _split_url(url)
    digits: str | None = None
    if host == "wa.me":
        match = _WA_ME_NUMBER.match(unquote(path))
        digits = match.group(1) if match else None
    else:
        values = parse_qs(query).get("phone", [])
        if values:
            digits = re.sub(r"\D", "", values[0])
    if not digits:
        return None
    # WhatsApp always takes the number in international form without "+", so the
    # digits are never a national number, whatever the brand's region.
    return normalize_phone("+" + digits, "ZZ")
