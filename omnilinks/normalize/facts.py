"""The compared form of a fact: two values of one field are the same fact when their keys are equal.

Used wherever facts meet (the identity's vote, a channel's facts against the site's, the NAP
rules), so it lives with the normalisers it combines, below every stage that compares.
"""
from __future__ import annotations

from typing import Any

from omnilinks.normalize.address import parse_address
from omnilinks.normalize.email import normalize_email
from omnilinks.normalize.hours import parse_hours
from omnilinks.normalize.name import name_tokens
from omnilinks.normalize.phone import normalize_phone, whatsapp_target

# A phone, WhatsApp number, e-mail, hours or plain value compares as one string; a name or an
# address as its tokens; None when the value cannot be read.
FactKey = str | tuple[str, ...] | None


def fact_key(field: str, value: Any, region: str) -> FactKey:
    """The form two values of a field are compared in (equal keys = same fact)."""
    if field == "phone":
        return normalize_phone(str(value), region)
    if field == "whatsapp":
        text = str(value)
        return whatsapp_target(text) if "/" in text else normalize_phone(text, region)
    if field == "email":
        return normalize_email(str(value))
    if field == "name":
        return name_tokens(str(value)) or None
    if field == "address":
        return parse_address(str(value), region).tokens or None
    if field == "hours":
        hours = parse_hours(value)
        return hours.describe() if hours else None
    if field in ("handle",):
        return str(value).strip().lstrip("@").lower() or None
    return str(value).strip().rstrip("/") or None
