"""JSON-LD a finding's fix tells the user to paste, built from the resolved identity."""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from omnilinks.models import Identity
from omnilinks.normalize.phone import international_phone


def business_entity(identity: Identity, same_as: Sequence[str] = (), kind: str | None = None) -> dict[str, Any]:
    """Organization (no address known) or LocalBusiness, with every fact the identity has."""
    entity: dict[str, Any] = {"@context": "https://schema.org",
                              "@type": kind or ("LocalBusiness" if identity.address else "Organization")}
    if identity.name:
        entity["name"] = identity.name
    if identity.website:
        entity["url"] = identity.website
    if identity.logo:
        entity["logo"] = identity.logo
    if identity.phone:
        entity["telephone"] = international_phone(identity.phone)
    if identity.email:
        entity["email"] = identity.email
    if identity.address:
        entity["address"] = {"@type": "PostalAddress", "streetAddress": identity.address,
                             "addressCountry": identity.country}
    if identity.hours and identity.hours != "closed":
        entity["openingHours"] = [part.strip() for part in identity.hours.split(";")]
    if identity.whatsapp and identity.whatsapp != identity.phone:
        entity["contactPoint"] = {"@type": "ContactPoint", "contactType": "WhatsApp",
                                  "telephone": international_phone(identity.whatsapp)}
    if same_as:
        entity["sameAs"] = list(same_as)
    return entity


def script_tag(entity: dict[str, Any]) -> str:
    body = json.dumps(entity, ensure_ascii=False, indent=2)
    return f'<script type="application/ld+json">\n{body}\n</script>'


def same_as_snippet(urls: Sequence[str]) -> str:
    return '"sameAs": ' + json.dumps(list(urls), ensure_ascii=False, indent=2)
