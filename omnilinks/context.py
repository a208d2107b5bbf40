"""The run's shared state, one record per phase.

`SiteContext` is what the run knows once the site is read and its identity
resolved: the channel checks and the link checks start from it. `Context`
adds what those checks found, and is what every rule judges. Each is built
once, when its phase has everything it holds: no stage sees a half-filled one.

This module sits beside `models.py`, on the ground floor, so every layer may
name these records. The site index, the resolved-from details and the HTTP
answers are classes of higher layers: they are named for the type checker
only, and the module imports nothing above models and config at run time.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from omnilinks.config import Config
from omnilinks.models import Identity, ImageInfo, Page, Profile

if TYPE_CHECKING:
    from omnilinks.discover import Site
    from omnilinks.fetch.types import Response
    from omnilinks.identity.resolve import Observed

# Another site's page (URL without fragment) → (the ids a #fragment of it can name, whether JavaScript builds it).
ExternalIds = dict[str, tuple[frozenset[str], bool]]


@dataclass(frozen=True)
class SiteContext:
    """The site as read: its pages and index, its public URL, the identity its pages state."""

    config: Config
    pages: tuple[Page, ...]
    identity: Identity
    site_url: str
    site: Site  # internal URL → Page, what is served, the folder or the crawl behind it
    offline: bool = False
    # field → every value the pages state for it, with where (what the identity was resolved from)
    identity_sources: dict[str, list[Observed]] = field(default_factory=dict)


@dataclass(frozen=True)
class Context(SiteContext):
    """Everything the rules judge: the site, and what the channel, link and image checks found."""

    profiles: tuple[Profile, ...] = ()
    link_results: dict[str, Response] = field(default_factory=dict)  # URL without fragment → result
    images: dict[str, ImageInfo] = field(default_factory=dict)  # image URL → what it turned out to be
    external_ids: ExternalIds = field(default_factory=dict)  # online: for links to a #fragment of another site

    @classmethod
    def checked(cls, site: SiteContext, *, profiles: tuple[Profile, ...], link_results: dict[str, Response],
                images: dict[str, ImageInfo], external_ids: ExternalIds) -> Context:
        """The rules' context: the site context and what was checked from it."""
        known = {f.name: getattr(site, f.name) for f in fields(SiteContext)}
        return cls(**known, profiles=profiles, link_results=link_results, images=images, external_ids=external_ids)
