"""E-mail addresses as they appear in ``mailto:`` links and page text."""

from __future__ import annotations

import re
from urllib.parse import unquote

_ATOM = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
# A real TLD is alphabetic (or punycode); requiring one rejects "a@b" and
# "user@localhost", which no business publishes as its contact address.
_TLD = r"(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})"
_ADDR_SPEC = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+{_TLD}")
# Narrower local part for free text: quotes, slashes and the like next to an
# address are far more often surrounding punctuation than part of it.
_IN_TEXT = re.compile(
    rf"(?<![a-z0-9._%+-])[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:{_LABEL}\.)+{_TLD}(?![a-z0-9-])",
    re.IGNORECASE)
_MAILTO = re.compile(r"^\s*mailto:", re.IGNORECASE)

# Retina assets are named "logo@2x.png"; these endings are file types, never
# the TLDs of a contact address, even where a TLD of that name exists.
ASSET_EXTENSIONS = frozenset({
    "png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "ico", "bmp", "tif", "tiff", "heic",
    "css", "js", "mjs", "map", "json", "woff", "woff2", "ttf", "otf", "eot", "mp4", "webm",
    "mov", "mp3", "pdf",
})


def normalize_email(text: str) -> str | None:
    """Lower-cased addr-spec from an address or ``mailto:`` link, or None.

    The local part is lower-cased too: mailbox names are case-sensitive in
    theory, but no mail host treats them so and channels differ in case.
    """
    value = _MAILTO.sub("", text.strip())
    value = value.split("?", 1)[0]
    value = unquote(value).strip()
    # A mailto link may list several recipients; the first is the contact address.
    value = value.split(",", 1)[0].strip().lower()
    if not _ADDR_SPEC.fullmatch(value) or len(value) > 254:
        return None
    if value.rsplit(".", 1)[1] in ASSET_EXTENSIONS:
        return None
    return value


def find_emails(text: str) -> list[tuple[str, int, int]]:
    """Addresses in free text as ``(address, start, end)`` character spans."""
    found: list[tuple[str, int, int]] = []
    for match in _IN_TEXT.finditer(text):
        address = normalize_email(match.group(0))
        if address is not None:
            found.append((address, match.start(), match.end()))
    return found
