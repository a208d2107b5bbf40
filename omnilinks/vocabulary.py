"""The words every layer shares, written once.

Each vocabulary is a `Literal` (so mypy checks every use) and the tuple of its
words derived from it (so the CLI's choices, the config schema and the error
messages list exactly what the type allows). This module imports nothing from
the project: every layer may use it.
"""
from __future__ import annotations

from typing import Literal, get_args

Severity = Literal["error", "warning", "notice"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
SEVERITY_ORDER: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}  # error first

# A rule's severity as omnilinks.yml may set it: a severity, or "off" to drop the rule's findings.
SeverityOverride = Literal[Severity, "off"]
SEVERITY_OVERRIDES: tuple[str, ...] = (*SEVERITIES, "off")

Category = Literal["link", "crossref", "nap", "schema", "brand", "attribution"]
CATEGORIES: tuple[Category, ...] = get_args(Category)

# The lowest severity that fails a run (exit code 1, a failed build); "never" reports without failing.
FailOn = Literal["error", "warning", "never"]
FAIL_ON_CHOICES: tuple[FailOn, ...] = get_args(FailOn)
DEFAULT_FAIL_ON: FailOn = "error"

MatchMode = Literal["strict", "relaxed"]  # how loosely names and addresses compare (check.name_match)
MATCH_MODES: tuple[MatchMode, ...] = get_args(MatchMode)

# What a channel URL names (omnilinks.channels.base.ChannelRef.kind):
#   profile        an account's page (most platforms; a YouTube @handle)
#   channel_id     a YouTube channel by its UC… id
#   legacy_c, legacy_user  a YouTube /c/NAME or /user/NAME address
#   group          a Facebook group
#   company, person, school, showcase  a LinkedIn page, by its first path segment
#   listing        a Google Maps place
#   short          a short link that stands for another (g.page, maps.app.goo.gl, wa.me/message/…)
#   business_site  a Google business.site page (the service is closed)
#   store          a marketplace shop (Tokopedia, Shopee, Etsy…)
#   chat           a WhatsApp number
#   page           any other site (the generic adapter)
ChannelKind = Literal["profile", "channel_id", "legacy_c", "legacy_user", "group", "company", "person", "school",
                      "showcase", "listing", "short", "business_site", "store", "chat", "page"]
CHANNEL_KINDS: tuple[ChannelKind, ...] = get_args(ChannelKind)

# The country that reads phone numbers and addresses when neither brand.country nor the
# site's domain names one: the project started with Indonesian businesses.
DEFAULT_REGION = "ID"
