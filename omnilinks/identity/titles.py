"""Which part of a page title is the brand.

"Menu | Kopi Senja" puts the brand last, "Kopi Senja | Menu" first, and
"Kopi Senja: kopi enak di Kemang" not at all; one page cannot tell. The part a
site repeats on several pages is its template's brand; a part found once is
only taken for the brand on a one-page site.
"""
from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from omnilinks.models import Location, Page
from omnilinks.normalize.name import fold_letters, strip_title_suffix

# Section names sites repeat in titles ("Resep kopi | Blog"): never a brand.
SECTION_WORDS = frozenset({
    "blog", "news", "berita", "artikel", "articles", "menu", "produk", "products", "product", "kontak", "contact",
    "contact us", "hubungi kami", "tentang", "tentang kami", "about", "about us", "galeri", "gallery", "faq",
    "layanan", "services", "promo", "katalog", "catalog", "karir", "careers", "shop", "toko", "lokasi",
    "locations", "portfolio", "portofolio", "testimoni", "reviews", "events", "acara", "page not found",
    "halaman tidak ditemukan", "404", "search", "cari", "tag", "category", "kategori", "archive", "arsip",
})


@dataclass(frozen=True)
class TitleClaim:
    """What one page's title (or og:title) says of the brand, split into its brand and page parts."""

    location: Location
    source: str  # "title" | "og:title"
    text: str  # the whole title
    parts: tuple[str, str]  # (brand part by position, page part)
    claimed: str | None  # the part the site's template marks as the brand, when known


@lru_cache(maxsize=16_384)  # a site's titles repeat its brand part on every page
def fold(text: str) -> str:
    return " ".join(fold_letters(text).split())


_last_claims: tuple[tuple[Page, ...], list[TitleClaim]] | None = None


def title_claims(pages: Iterable[Page]) -> list[TitleClaim]:
    """What each page's title and og:title say of the brand. Identity and the brand rule both ask,
    for the same pages: the last answer is kept for pages that are the very same objects."""
    global _last_claims
    pages = tuple(pages)
    last = _last_claims
    if last is not None and len(last[0]) == len(pages) and all(map(operator.is_, last[0], pages)):
        return list(last[1])
    claims = _title_claims(pages)
    _last_claims = (pages, claims)
    return list(claims)


def forget_title_claims() -> None:
    """Drop the kept answer, and with it the pages it holds (a run's end: the next site's pages
    should not share the memory with the last one's)."""
    global _last_claims
    _last_claims = None


def _title_claims(all_pages: tuple[Page, ...]) -> list[TitleClaim]:
    pages = [p for p in all_pages if p.is_html and p.status < 400]
    claims: list[TitleClaim] = []
    for source in ("title", "og:title"):
        split: list[tuple[Page, str, str, str]] = []
        for page in pages:
            text = page.title if source == "title" else dict(page.meta).get("og:title", "")
            page_part, brand_part = strip_title_suffix(text) if text else ("", None)
            if brand_part:
                split.append((page, text, brand_part, page_part))
        brand_counts = Counter(fold(b) for _, _, b, _ in split)
        page_counts = Counter(fold(p) for _, _, _, p in split)
        for page, text, brand_part, page_part in split:
            claimed = None
            if brand_counts[fold(brand_part)] >= 2 and fold(brand_part) not in SECTION_WORDS:
                claimed = brand_part
            elif page_counts[fold(page_part)] >= 2 and fold(page_part) not in SECTION_WORDS:
                claimed = page_part
            elif len(pages) == 1 and fold(brand_part) not in SECTION_WORDS:
                claimed = brand_part
            where = next((f.location for f in page.facts if f.source == source and f.field == "name"), page.location)
            claims.append(TitleClaim(where, source, text, (brand_part, page_part), claimed))
    return claims


def template_name(pages: Iterable[Page]) -> str | None:
    """The brand a site's title template repeats, when the pages state no name elsewhere."""
    votes = Counter(c.claimed for c in title_claims(pages) if c.claimed and c.source == "title")
    return votes.most_common(1)[0][0] if votes else None
