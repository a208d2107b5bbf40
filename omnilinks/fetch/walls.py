"""Tell a bot wall from an answer: a wall means "could not verify", never "broken"."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

SOCIAL_HOSTS = (
    "instagram.com", "facebook.com", "fb.com", "x.com", "twitter.com", "linkedin.com",
    "tiktok.com", "youtube.com", "pinterest.com", "threads.net", "shopee.co.id", "shopee.com",
    "tokopedia.com", "lazada.co.id", "bukalapak.com", "amazon.com", "etsy.com", "google.com",
    "whatsapp.com", "wa.me",
)
LOGIN_PATH = re.compile(r"/(accounts/login|login|signin|sign-in|checkpoint|authwall|uas/login|i/flow/login)\b|login\.php", re.I)
CHALLENGE_MARKERS = (
    b"cf-chl", b"challenge-platform", b"Just a moment...", b"Attention Required! | Cloudflare",
    b"captcha", b"Verify you are human", b"px-captcha", b"_Incapsula_Resource", b"datadome",
)


def is_social_host(host: str) -> bool:
    host = host.lower()
    return any(host == h or host.endswith("." + h) for h in SOCIAL_HOSTS)


def detect_wall(url: str, final_url: str, status: int, headers: dict[str, str], body_head: bytes) -> str | None:
    """A reason string when the response is a wall rather than the page asked for."""
    host = urlsplit(url).hostname or ""
    if status == 999:
        return "HTTP 999: the platform refuses unauthenticated clients"
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return "anti-bot challenge (Cloudflare)"
    if final_url != url and LOGIN_PATH.search(urlsplit(final_url).path + "?" + urlsplit(final_url).query):
        if not LOGIN_PATH.search(urlsplit(url).path):
            return "redirected to a login page"
    if status == 429:
        # "Too many requests" says nothing about the page: it was not verified, not broken.
        return f"HTTP 429 from {host}: rate-limited; not verified"
    if status in (401, 403, 503) and (is_social_host(host) or _has_challenge(body_head)):
        return f"HTTP {status} from {host}: blocked or rate-limited for unauthenticated clients"
    if status == 200 and is_social_host(host) and _has_challenge(body_head) and len(body_head) < 200_000:
        if b"captcha" in body_head.lower() and b'"uniqueId"' not in body_head:
            return "captcha page instead of the profile"
    return None


def _has_challenge(body: bytes) -> bool:
    lowered = body[:65536]
    return any(marker in lowered for marker in CHALLENGE_MARKERS)
