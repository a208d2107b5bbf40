"""The images stage: which images the rules compare (each page's og:image, the
site's logo candidates, every channel's avatar) and reading each once.

A file of the folder being checked is read from disk; anything else is
downloaded through the one HTTP client (caps, cache, SSRF guard), never
offline, where it is recorded as skipped so no rule judges it.
"""
from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from typing import Any

from omnilinks.fetch.client import HttpClient
from omnilinks.images.probe import MAX_BYTES, from_cache, read_image, to_cache
from omnilinks.models import Fact, Identity, ImageInfo, Page, Profile

CACHE_PREFIX = "image:v1:"
ICON_RELS = ("apple-touch-icon", "apple-touch-icon-precomposed", "icon")
SKIPPED_OFFLINE = "offline: not downloaded"


def preview_fact(page: Page) -> Fact | None:
    """The page's og:image, as the extractor resolved it (first one: what crawlers use)."""
    return next((f for f in page.facts if f.field == "image" and f.source == "og:image"), None)


def home_page(pages: Iterable[Page], site: Any) -> Page | None:
    return site.page_for(site.base) if site is not None else None


def logo_candidates(identity: Identity, home: Page | None) -> list[str]:
    """The site's own pictures of its logo, best first: the declared or JSON-LD logo,
    the home page's icons (apple-touch-icon is the square one platforms resemble), its og:image."""
    urls: list[str] = [identity.logo] if identity.logo else []
    if home is not None:
        for rel in ICON_RELS:
            urls += [link.url for link in home.links if link.tag == "link" and rel in link.rel]
        preview = preview_fact(home)
        if preview is not None:
            urls.append(str(preview.value))
    return list(dict.fromkeys(u for u in urls if u.startswith(("http://", "https://"))))


def image_urls(pages: Iterable[Page], identity: Identity, profiles: Iterable[Profile], site: Any) -> list[str]:
    pages = tuple(pages)
    urls = [str(f.value) for f in map(preview_fact, pages) if f is not None]
    urls += logo_candidates(identity, home_page(pages, site))
    urls += [p.avatar for p in profiles if p.avatar]
    return list(dict.fromkeys(urls))


def probe_images(urls: Iterable[str], site: Any, client: HttpClient, network: bool) -> dict[str, ImageInfo]:
    """Every image read at most once, concurrently through the client's pool."""
    urls = list(dict.fromkeys(urls))
    if not urls:
        return {}

    def probe(url: str) -> ImageInfo:
        return probe_image(url, site, client, network)

    return dict(client.map(probe, urls))


def probe_image(url: str, site: Any, client: HttpClient, network: bool) -> ImageInfo:
    folder = getattr(site, "folder", None)
    if folder is not None and site.is_internal(url):
        return _from_folder(url, folder)
    if not network:
        return ImageInfo(url, skipped=SKIPPED_OFFLINE)
    key = CACHE_PREFIX + url
    if client.cache is not None:
        row = client.cache.get(key)
        cached = from_cache(url, row) if row else None
        if cached is not None:
            return cached
    response = client.get(url, max_body=MAX_BYTES)
    if response.error == "deadline":
        return ImageInfo(url, skipped=response.describe())
    if response.error == "too_large":
        return ImageInfo(url, error=f"larger than {MAX_BYTES // (1024 * 1024)} MB (not read)")
    if not response.ok:
        return ImageInfo(url, error=response.describe())
    info = read_image(url, response.body, response.content_type)
    if client.cache is not None and info.readable:
        client.cache.put(key, to_cache(info))
    return info


def _from_folder(url: str, folder: Any) -> ImageInfo:
    relative = folder.file_for(url)
    if relative is None:
        return ImageInfo(url, error="no file in the site folder serves this URL")
    path = (folder.root / relative).resolve()
    if not path.is_relative_to(folder.root):
        return ImageInfo(url, error=f"{relative} links outside the site folder (not read)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return ImageInfo(url, error=f"{relative} is larger than {MAX_BYTES // (1024 * 1024)} MB (not read)")
        data = path.read_bytes()
    except OSError as exc:
        return ImageInfo(url, error=f"{relative} cannot be read ({exc.strerror or type(exc).__name__})")
    return read_image(url, data, mimetypes.guess_type(relative)[0] or "")
