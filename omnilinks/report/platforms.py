"""How people see a platform in a report: its display name and a small inline SVG icon.

One table keyed by platform id (the ids in `omnilinks.channels.ADAPTERS`); a test walks
the adapter registry so a platform added without a display name fails. Icons are
drawn here (brand colour, a simple glyph), never fetched: the HTML report needs
nothing from the network.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Platform:
    """How people see one platform in a report."""

    name: str  # as the platform writes itself
    kind: str  # what it is for the business, in plain words
    color: str
    glyph: str  # SVG drawn in white on the brand colour, in a 24×24 box


_BAG = '<path d="M7 9h10l-1 10H8z" fill="#fff"/><path d="M9.5 9V7.5a2.5 2.5 0 0 1 5 0V9" stroke="#fff" fill="none" stroke-width="1.6"/>'


def _letters(text: str, size: int = 12) -> str:
    return (f'<text x="12" y="{12 + size * 0.36:.1f}" font-size="{size}" font-weight="700" text-anchor="middle" '
            f'fill="#fff" font-family="Arial,sans-serif">{escape(text)}</text>')


PLATFORMS: dict[str, Platform] = {
    "website": Platform("Website", "your website", "#0969da",
                        '<circle cx="12" cy="12" r="6.5" stroke="#fff" fill="none" stroke-width="1.6"/>'
                        '<path d="M5.5 12h13M12 5.5c-3 3.5-3 9.5 0 13M12 5.5c3 3.5 3 9.5 0 13" stroke="#fff" '
                        'fill="none" stroke-width="1.3"/>'),
    "instagram": Platform("Instagram", "social profile", "#d62976",
                          '<rect x="6" y="6" width="12" height="12" rx="3.5" stroke="#fff" fill="none" stroke-width="1.7"/>'
                          '<circle cx="12" cy="12" r="3" stroke="#fff" fill="none" stroke-width="1.7"/>'
                          '<circle cx="15.6" cy="8.4" r="0.9" fill="#fff"/>'),
    "facebook": Platform("Facebook", "social page", "#1877f2", _letters("f", 15)),
    "youtube": Platform("YouTube", "video channel", "#e62117", '<path d="M10 8.5v7l6-3.5z" fill="#fff"/>'),
    "tiktok": Platform("TikTok", "video profile", "#111111",
                       '<path d="M13 6v8.5a2.5 2.5 0 1 1-2.5-2.5M13 6c.4 2 1.8 3.2 3.8 3.3" stroke="#fff" '
                       'fill="none" stroke-width="1.8" stroke-linecap="round"/>'),
    "x": Platform("X (Twitter)", "social profile", "#000000", _letters("X", 13)),
    "linkedin": Platform("LinkedIn", "company page", "#0a66c2", _letters("in", 11)),
    "pinterest": Platform("Pinterest", "social profile", "#e60023", _letters("P", 13)),
    "whatsapp": Platform("WhatsApp", "chat number", "#25d366",
                         '<path d="M12 5.8a6.2 6.2 0 0 0-5.4 9.3L6 18.2l3.2-.8A6.2 6.2 0 1 0 12 5.8z" stroke="#fff" '
                         'fill="none" stroke-width="1.6" stroke-linejoin="round"/>'),
    "google_business": Platform("Google Business Profile", "Google Maps listing", "#34a853",
                                '<path d="M12 5.5a4.5 4.5 0 0 0-4.5 4.5c0 3.4 4.5 8.5 4.5 8.5s4.5-5.1 4.5-8.5A4.5 4.5 '
                                '0 0 0 12 5.5z" fill="#fff"/><circle cx="12" cy="10" r="1.7" fill="#34a853"/>'),
    "tokopedia": Platform("Tokopedia", "marketplace store", "#03ac0e", _BAG),
    "shopee": Platform("Shopee", "marketplace store", "#ee4d2d", _BAG),
    "lazada": Platform("Lazada", "marketplace store", "#0f146d", _BAG),
    "bukalapak": Platform("Bukalapak", "marketplace store", "#e31e52", _BAG),
    "amazon": Platform("Amazon", "marketplace store", "#232f3e", _BAG),
    "etsy": Platform("Etsy", "marketplace store", "#f1641e", _BAG),
    "mastodon": Platform("Mastodon", "social profile", "#6364ff", _letters("M", 12)),
    "generic": Platform("Web page", "directory or listing page", "#57606a",
                        '<path d="M7.5 6h6l3 3v9h-9z" stroke="#fff" fill="none" stroke-width="1.6" '
                        'stroke-linejoin="round"/><path d="M10 12h4.5M10 15h4.5" stroke="#fff" stroke-width="1.4"/>'),
}
UNKNOWN = Platform("Other channel", "channel", "#57606a", _letters("?", 13))


def platform(platform_id: str) -> Platform:
    return PLATFORMS.get(platform_id, UNKNOWN)


def display_name(platform_id: str) -> str:
    return platform(platform_id).name


def icon(platform_id: str, size: int = 24) -> str:
    """An inline <svg> icon (decorative: the name is always written beside it)."""
    known = platform(platform_id)
    return (f'<svg class="icon" width="{size}" height="{size}" viewBox="0 0 24 24" aria-hidden="true">'
            f'<rect width="24" height="24" rx="6" fill="{known.color}"/>{known.glyph}</svg>')
