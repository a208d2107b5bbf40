"""Category `brand`: the preview a page shows when a customer shares it on
WhatsApp, Facebook, LinkedIn or X — its og:title, og:image (there, readable,
big enough), og:url (the page's canonical address), twitter:card and
og:site_name. A template mistake repeats on every page: each problem is one
finding listing the pages."""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit

from omnilinks.discover.folder import LOCAL_BASE
from omnilinks.extract.urls import url_path
from omnilinks.identity.compare import where
from omnilinks.images.collect import preview_fact
from omnilinks.models import Fact, Finding, ImageInfo, Location, Page
from omnilinks.rules.base import Context, Rule, is_business_site, rule
from omnilinks.rules.brand import NOT_CONTENT

MIN_SIDE = 200  # Facebook ignores a smaller og:image; WhatsApp shows none
LARGE = (1200, 630)  # the 1.91:1 large card every platform crops to
LARGE_MIN = (600, 315)  # below this Facebook and LinkedIn show a small square thumbnail instead
RATIO_RANGE = (1.6, 2.2)  # a shape the large card shows without cutting much off
SHARE_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP"})  # what Facebook, WhatsApp, LinkedIn and X all show

TITLE_MISSING = rule(
    "brand-preview-title-missing", "brand", "notice", "Pages without og:title",
    why="Without og:title, a shared link shows whatever title the platform guesses, often the bare <title> "
        "with the site's suffix cut differently on each platform.",
    how_to_fix="Add <meta property=\"og:title\" content=\"…\"> to the page template, filled from each page's title.",
    example="A product page whose <head> has <title> but no og:title.")
IMAGE_MISSING = rule(
    "brand-preview-image-missing", "brand", "warning", "Pages without og:image",
    why="When a customer shares the page on WhatsApp, Facebook or LinkedIn, the preview has no picture "
        "(or a random one from the page): a plain grey link gets far fewer clicks.",
    how_to_fix="Add <meta property=\"og:image\" content=\"https://…/share.jpg\"> (an absolute URL, 1200×630) "
               "to the page template; a site-wide default image is better than none.",
    example="The contact page's <head> has og:title but no og:image.")
IMAGE_BROKEN = rule(
    "brand-preview-image-broken", "brand", "warning", "og:image is missing, unreadable or not a picture platforms show",
    why="A share preview whose image does not load shows an empty frame or no picture at all on WhatsApp, "
        "Facebook and LinkedIn.",
    how_to_fix="Point og:image at an existing JPEG or PNG file by its absolute URL, and publish that file.",
    example="og:image is https://example.com/img/share.jpg but that file was renamed to share-2024.jpg.")
IMAGE_TOO_SMALL = rule(
    "brand-preview-image-too-small", "brand", "warning", "og:image smaller than 200×200 pixels",
    why="Facebook rejects og:image files smaller than 200×200 pixels and WhatsApp shows no picture for them: "
        "the share preview ends up without an image.",
    how_to_fix="Use an image of 1200×630 pixels (at least 600×315) for og:image.",
    example="og:image points at the 64×64 favicon.")
IMAGE_SHAPE = rule(
    "brand-preview-image-shape", "brand", "notice", "og:image is not the 1200×630 shape of a large share card",
    why="Below 600×315 pixels Facebook and LinkedIn show a small square thumbnail instead of the large card; "
        "an image far from 1.91:1 (a square logo, a tall photo) is cropped, often cutting the logo or text off.",
    how_to_fix="Make a 1200×630 share image with the logo and text inside its central area.",
    example="og:image is the 512×512 square logo: the large card crops its top and bottom.")
URL_MISMATCH = rule(
    "brand-preview-url-mismatch", "brand", "warning", "og:url is not the page's canonical URL",
    why="Facebook and LinkedIn treat og:url as the page's address: shares, likes and the preview are gathered "
        "for that URL, so a template that writes the home page's URL on every page makes every shared page "
        "show the home page's preview.",
    how_to_fix="Write each page's own canonical URL in og:url (the same as <link rel=\"canonical\">).",
    example="/menu has <link rel=\"canonical\" href=\"https://example.com/menu\"> but og:url https://example.com/.")
CARD_MISSING = rule(
    "brand-preview-card-missing", "brand", "notice", "Pages without twitter:card",
    why="X shows a large image card only when the page declares twitter:card; without it a shared link may "
        "appear as bare text.",
    how_to_fix="Add <meta name=\"twitter:card\" content=\"summary_large_image\"> to the page template.",
    example="A page with og:title and og:image but no twitter:card.")
SITE_NAME_MISSING = rule(
    "brand-preview-site-name-missing", "brand", "notice", "Pages without og:site_name",
    why="og:site_name is the brand name Facebook and LinkedIn print above the shared page's title; without it "
        "they show the bare domain.",
    how_to_fix="Add <meta property=\"og:site_name\" content=\"<the brand name>\"> to the page template.",
    example="A page with og:title but no og:site_name.")


def check(ctx: Context) -> Iterator[Finding]:
    pages = shared_pages(ctx)
    if not pages:
        return
    meta = {p.url: dict(p.meta) for p in pages}
    with_image = {p.url: preview_fact(p) for p in pages}
    if is_business_site(ctx):
        yield from _missing_tags(ctx, pages, meta, with_image)
    yield from _images(ctx, [(p, f) for p in pages if (f := with_image[p.url]) is not None])
    for page in pages:
        finding = _og_url(ctx, page, meta[page.url])
        if finding is not None:
            yield finding


def _missing_tags(ctx: Context, pages: list[Page], meta: dict[str, dict[str, str]],
                  with_image: dict[str, Fact | None]) -> Iterator[Finding]:
    yield from _missing(TITLE_MISSING, [p for p in pages if not meta[p.url].get("og:title")], len(pages),
                        "og:title", '<meta property="og:title" content="<the page title>">')
    yield from _missing(IMAGE_MISSING, [p for p in pages if with_image[p.url] is None], len(pages),
                        "og:image", '<meta property="og:image" content="https://…/share.jpg"> (1200×630)')
    yield from _missing(CARD_MISSING, [p for p in pages if not meta[p.url].get("twitter:card")], len(pages),
                        "twitter:card", '<meta name="twitter:card" content="summary_large_image">')
    brand = ctx.identity.name or "<the brand name>"
    yield from _missing(SITE_NAME_MISSING, [p for p in pages if not meta[p.url].get("og:site_name")], len(pages),
                        "og:site_name", f'<meta property="og:site_name" content="{brand}">')


def shared_pages(ctx: Context) -> list[Page]:
    """Pages people share: HTML content pages that load; not error pages, not noindex redirect stubs."""
    return [p for p in ctx.pages if p.is_html and p.status < 400
            and not NOT_CONTENT.search(url_path(p.url).rstrip("/"))
            and "noindex" not in dict(p.meta).get("robots", "").lower()]


def _plural(count: int, word: str = "page") -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _missing(spec: Rule, lacking: list[Page], total: int, tag: str, snippet: str) -> Iterator[Finding]:
    if not lacking:
        return
    locations = [p.location for p in lacking]
    yield spec.finding(
        f"{len(lacking)} of {_plural(total)} {'has' if len(lacking) == 1 else 'have'} no {tag} ({where(locations)})",
        locations[0], field=tag, actual=f"{_plural(len(lacking))} without {tag}", related=tuple(locations[1:]),
        fix=f"Add {snippet} to the <head> of the shared page template, so every page has it.")


def _images(ctx: Context, pages: list[tuple[Page, object]]) -> Iterator[Finding]:
    by_image: dict[str, list[Location]] = {}
    for _, fact in pages:
        by_image.setdefault(str(fact.value), []).append(fact.location)  # type: ignore[attr-defined]
    for url, locations in by_image.items():
        info = ctx.images.get(url)
        if info is None or info.skipped:
            continue  # not read (offline): nothing is known about it
        finding = _image_finding(info, locations)
        if finding is not None:
            yield finding


def _image_finding(info: ImageInfo, locations: list[Location]) -> Finding | None:
    used = f"({_plural(len(locations))}: {where(locations)})"
    common = {"target": info.url, "field": "og:image", "related": tuple(locations[1:])}
    error = info.error or (None if info.format in SHARE_FORMATS else
                           f"the {info.format} format, which share previews do not show (use JPEG or PNG)")
    if error:
        return IMAGE_BROKEN.finding(
            f"og:image {info.url} cannot be shown: {error} {used}", locations[0], actual=error,
            fix=f"Publish a 1200×630 JPEG or PNG at {info.url}, or point og:image at one that exists.", **common)
    width, height = info.width or 0, info.height or 0
    size = f"{width}×{height}"
    if width < MIN_SIDE or height < MIN_SIDE:
        return IMAGE_TOO_SMALL.finding(
            f"og:image {info.url} is {size} pixels, below the 200×200 platforms require {used}", locations[0],
            expected=f"{LARGE[0]}×{LARGE[1]}", actual=size,
            fix=f"Replace {info.url} with a {LARGE[0]}×{LARGE[1]} image (at least {LARGE_MIN[0]}×{LARGE_MIN[1]}).",
            **common)
    ratio = width / height
    small = width < LARGE_MIN[0] or height < LARGE_MIN[1]
    if small or not RATIO_RANGE[0] <= ratio <= RATIO_RANGE[1]:
        why = ("shown as a small thumbnail, not a large card" if small
               else f"cropped to 1.91:1 by every platform (it is {ratio:.2f}:1)")
        return IMAGE_SHAPE.finding(
            f"og:image {info.url} is {size} pixels: {why} {used}", locations[0],
            expected=f"{LARGE[0]}×{LARGE[1]}", actual=size,
            fix=f"Make a {LARGE[0]}×{LARGE[1]} share image with the logo and text in its centre, and use it for og:image.",
            **common)
    return None


def _og_url(ctx: Context, page: Page, meta: dict[str, str]) -> Finding | None:
    written = meta.get("og:url")
    if not written:
        return None
    og_url = urljoin(page.url, written)
    canonical = meta.get("canonical")
    if canonical:
        expected = urljoin(page.url, canonical)
        if same_url(og_url, expected):
            return None
        what = "the canonical URL"
    else:
        if _leads_to(ctx, og_url, page):
            return None
        expected, what = page.url, "this page's URL"
    return URL_MISMATCH.finding(
        f"og:url is {og_url}, not {what} {expected}: shares of this page are counted for, and previewed as, "
        "another address", page.location, field="og:url", expected=expected, actual=og_url, target=og_url,
        fix=f"Set <meta property=\"og:url\" content=\"{expected}\"> on {page.location.short()} "
            "(the template should write each page's own canonical URL).")


def same_url(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


def _norm(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)):
        host += f":{port}"
    path = parts.path or "/"
    if path.endswith(("/index.html", "/index.htm")):
        path = path.rsplit("/", 1)[0] + "/"
    return urlunsplit((parts.scheme.lower(), host, path, parts.query, ""))


def _leads_to(ctx: Context, og_url: str, page: Page) -> bool:
    """Without a canonical link, og:url must at least be an address of this very page. A folder
    checked without its public base URL cannot know the host: then the path decides."""
    folder = ctx.site.folder
    if folder is not None and folder.base == LOCAL_BASE:
        parts = urlsplit(og_url)
        og_url = urljoin(LOCAL_BASE, parts.path + (f"?{parts.query}" if parts.query else ""))
    return ctx.site.page_for(og_url) is page or same_url(og_url, page.url)
