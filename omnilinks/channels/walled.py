"""Platforms that show a logged-out client no website link (Instagram,
Facebook, X): confirm the account exists where the page says so, read the
name when the page gives it, and say the link back needs a hand check."""
from __future__ import annotations

import html
import re
from dataclasses import replace

from omnilinks.channels.base import AdapterContext, ChannelRef, label
from omnilinks.channels.verdict import base_profile, failed, hand_check_fix, offline_profile, page_text
from omnilinks.fetch.types import Response
from omnilinks.models import Profile

OG_TITLE = re.compile(r"""<meta[^>]+property=["']og:title["'][^>]*content=["']([^"']*)["']""", re.I | re.S)
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
OG_IMAGE = re.compile(r"""<meta[^>]+property=["']og:image["'][^>]*content=["']([^"']+)["']""", re.I | re.S)


def og_title(text: str) -> str | None:
    match = OG_TITLE.search(text) or TITLE.search(text)
    return " ".join(html.unescape(match.group(1)).split()) or None if match else None


def walled_fetch(ref: ChannelRef, ctx: AdapterContext, why: str,
                 gone_markers: tuple[str, ...] = ()) -> tuple[Profile, Response | None, str]:
    """(profile, response, page text): the profile is unverifiable unless the page proves the account gone."""
    if ctx.offline:
        return offline_profile(ref, ctx), None, ""
    response = ctx.client.get(ref.url)
    early = failed(ref, ctx, response)
    if early is not None:
        return early, response, ""
    text = page_text(response)
    if any(marker in text for marker in gone_markers):
        return base_profile(ref, ctx, status="unreachable", evidence=response.evidence,
                            reason=f"{label(ref.platform)} says the page is not available: the account does not exist",
                            fix=f"Check the {label(ref.platform)} handle; if it was renamed, link the current one."), response, text
    profile = base_profile(ref, ctx, status="unverifiable", reason=why, evidence=response.evidence,
                           fix=hand_check_fix(ref, ctx))
    return profile, response, text


def name_before_handle(title: str | None) -> str | None:
    """'Pluto (@pluto__travel) • Instagram photos and videos' → 'Pluto'."""
    if not title:
        return None
    match = re.match(r"^(.*?)\s*\(@[\w.]+\)", title)
    return match.group(1).strip() or None if match else None


def with_name(profile: Profile, name: str | None, text: str = "") -> Profile:
    """The name the page shows, and its og:image as the account's picture: a page that names the
    account shows that account's picture; a login page names none and its image is the platform's logo."""
    if not name or profile.status != "unverifiable":
        return profile
    match = OG_IMAGE.search(text)
    image = html.unescape(match.group(1)).strip() if match else ""
    return replace(profile, name=name, avatar=image if image.startswith("https://") else None)
