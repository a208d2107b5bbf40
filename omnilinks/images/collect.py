"""The images stage: which images the rules compare (each page's og:image, the
site's logo candidates, every channel's avatar) and reading each once.

A file of the folder being checked is read from disk; anything else is
downloaded through the one HTTP client (caps, cache, SSRF guard), never
offline, where it is recorded as skipped so no rule judges it.
"""
from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from omnilinks.fetch.client import HttpClient
from omnilinks.images.likeness import MIN_SIDE
from omnilinks.images.probe import MAX_BYTES, from_cache, read_image, to_cache
from omnilinks.models import Fact, Identity, ImageInfo, Page, Profile

if TYPE_CHECKING:
    from omnilinks.discover import Site
    from omnilinks.discover.folder import FolderSite

CACHE_PREFIX = "image:v1:"
ICON_RELS = ("apple-touch-icon", "apple-touch-icon-precomposed", "icon")
SKIPPED_OFFLINE = "offline: not downloaded"
MAX_DOWNLOADED_PREVIEWS = 500


class SiteFiles(Protocol):
    """What reading an image asks of the site: the folder being checked (None live), and which URLs are its own."""

    @property
    def folder(self) -> FolderSite | None: ...

    def is_internal(self, url: str) -> bool: ...


def preview_fact(page: Page) -> Fact | None:
    """The page's og:image, as the extractor resolved it (first one: what crawlers use)."""
    return next((f for f in page.facts if f.field == "image" and f.source == "og:image"), None)


def home_page(site: Site) -> Page | None:
    return site.page_for(site.base)


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


def image_urls(pages: Iterable[Page], identity: Identity, profiles: Iterable[Profile],
               site: Site) -> tuple[list[str], list[str]]:
    """(share-preview images, pictures compared as faces: the site's logos and the channels' avatars)."""
    pages = tuple(pages)
    faces = logo_candidates(identity, home_page(site)) + [p.avatar for p in profiles if p.avatar]
    previews = [str(f.value) for f in map(preview_fact, pages) if f is not None]
    return list(dict.fromkeys(previews)), list(dict.fromkeys(faces))


def comparison_notes(pages: Iterable[Page], identity: Identity, profiles: Iterable[Profile], site: Site,
                     images: dict[str, ImageInfo]) -> tuple[str, ...]:
    """What kept a channel's picture from being compared with the logo: said, never judged."""
    from omnilinks.channels.base import label

    with_avatar = [p for p in profiles if p.avatar and p.status != "unreachable"]
    if not with_avatar:
        return ()
    logos = [images[u] for u in logo_candidates(identity, home_page(site)) if u in images]
    if not any(info.readable and min(info.width or 0, info.height or 0) >= MIN_SIDE for info in logos):
        why = "; ".join(f"{i.url}: {i.error or i.skipped or f'{i.width}×{i.height} pixels, too small to compare'}"
                        for i in logos) or "no JSON-LD logo, icon or og:image"
        return (f"the site shows no logo that could be read ({why}): channel pictures were not compared with it",)
    notes = []
    for profile in with_avatar:
        info = images.get(profile.avatar or "")
        if info is not None and info.error:
            notes.append(f"the {label(profile.platform)} picture {info.url} could not be read ({info.error}): "
                         "not compared with the site's logo")
    return tuple(notes)


def probe_images(previews: Iterable[str], faces: Iterable[str], site: SiteFiles, client: HttpClient,
                 network: bool) -> dict[str, ImageInfo]:
    """Every image read at most once, concurrently through the client's pool. A site with a picture
    per article can name thousands of preview images: beyond MAX_DOWNLOADED_PREVIEWS they are not
    downloaded (files of a checked folder are always read: that costs a header read each)."""
    faces = list(dict.fromkeys(faces))
    compared = set(faces)
    previews = [u for u in dict.fromkeys(previews) if u not in compared]
    jobs = [(u, True, network) for u in faces]
    downloads = 0
    for url in previews:
        local = site.folder is not None and site.is_internal(url)
        downloads += 0 if local else 1
        jobs.append((url, False, network and (local or downloads <= MAX_DOWNLOADED_PREVIEWS)))
    if not jobs:
        return {}

    def probe(job: tuple[str, bool, bool]) -> ImageInfo:
        url, compare, allowed = job
        info = probe_image(url, site, client, allowed, compare)
        if not allowed and network and info.skipped:
            return ImageInfo(url, skipped=f"not downloaded: more than {MAX_DOWNLOADED_PREVIEWS} preview images")
        return info

    return {job[0]: info for job, info in client.map(probe, jobs)}


def probe_image(url: str, site: SiteFiles, client: HttpClient, network: bool, compare: bool = True) -> ImageInfo:
    folder = site.folder
    if folder is not None and site.is_internal(url):
        return _from_folder(url, folder, compare)
    if not network:
        return ImageInfo(url, skipped=SKIPPED_OFFLINE)
    key = f"{CACHE_PREFIX}{'face' if compare else 'size'}:{url}"
    if client.cache is not None:
        row = client.cache.get(key)
        cached = from_cache(url, row) if row else None
        if cached is not None:
            return cached
    response = client.get(url, max_body=MAX_BYTES)
    if response.error in ("deadline", "not_recorded"):  # not asked (a replay-only run): nothing is known
        return ImageInfo(url, skipped=response.describe())
    if response.error == "too_large":
        return ImageInfo(url, error=f"larger than {MAX_BYTES // (1024 * 1024)} MB (not read)")
    if not response.ok:
        return ImageInfo(url, error=response.describe())
    info = read_image(url, response.body, response.content_type, compare)
    if client.cache is not None and info.readable:
        client.cache.put(key, to_cache(info))
    return info


def _from_folder(url: str, folder: FolderSite, compare: bool) -> ImageInfo:
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
    return read_image(url, data, mimetypes.guess_type(relative)[0] or "", compare)
