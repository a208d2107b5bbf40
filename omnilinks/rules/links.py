"""Category `link`: what a link checker checks, with the fix for each."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import compress, count
from operator import not_
from sys import intern
from urllib.parse import unquote, urljoin, urlsplit

from omnilinks.context import SiteContext
from omnilinks.discover.live import canonical
from omnilinks.discover.redirects import Rewritten
from omnilinks.extract.urls import url_path, without_fragment
from omnilinks.fetch.types import ErrorKind, Response
from omnilinks.models import Finding, Link, Location, Page
from omnilinks.normalize.email import normalize_email
from omnilinks.normalize.phone import normalize_phone
from omnilinks.rules.base import Context, rule

MISSING = rule("link-internal-missing", "link", "error", "Internal link to a page or file that does not exist",
              why="Visitors who click the link land on a 'page not found' and usually leave; search engines waste their visit on the dead link and may show the missing page as an error in Search Console.",
              how_to_fix='Point the link at the page that exists (the finding names the closest match when there is one), restore the missing page or file, or remove the link.',
              example='`<a href="/tim.html">Our team</a>` when the site has no `tim.html` (the page is `/team/`).')
FRAGMENT = rule("link-fragment-missing", "link", "error", "Link to a #fragment that is not on the target page",
               why='The page opens at the top instead of the promised section (a menu item, a price list), so the visitor has to search for it; after a page is redesigned such links often point nowhere.',
               how_to_fix='Add `id="…"` to the element the link should jump to, or change the `#part` of the link to an id that exists on the target page.',
               example='`<a href="/menu/#promo">` while `/menu/` has no element with `id="promo"`.')
BROKEN = rule("link-broken", "link", "error", "External link answers with an HTTP error",
             why="A customer who follows the link meets an error page of another site (404 Not Found, 410 Gone, 500); it makes your site look unmaintained and search engines count dead links against a page's quality.",
             how_to_fix="Find the page's new address and link it, or remove the link. A 5xx answer can be temporary: check it again before removing it.",
             example='A press article linked as `https://media.example.com/2019/kopi-senja` that now answers HTTP 404.')
UNREACHABLE = rule("link-unreachable", "link", "error", "External link cannot be reached (DNS, TLS, timeout, refused)",
                  why='The linked site does not answer at all (its domain is gone, its certificate is invalid, or it times out): visitors see a browser error instead of the page.',
                  how_to_fix='Open the link in a browser. If the domain has expired or moved, link the new address or remove the link; if it was a short outage, run the check again.',
                  example='A link to `https://old-partner.example/` whose domain no longer resolves (DNS error).')
REDIRECT = rule("link-redirect", "link", "warning", "Link is redirected; link the final URL",
               why='Every redirect is a detour that slows the visitor down, and a chain of them can end somewhere unexpected; search engines prefer links to the final address.',
               how_to_fix='Replace the link with the final address the redirect leads to (the finding names it).',
               example='`http://instagram.com/kopisenja` redirects to `https://www.instagram.com/kopisenja/`.')
INSECURE = rule("link-insecure", "link", "warning", "http: link from an https: site",
               why='An http:// link leaves the secure connection: browsers may warn the visitor, and the page they reach can be tampered with on the way.',
               how_to_fix='Change `http://` to `https://` when the other site supports it (almost every site does today).',
               example='`<a href="http://blog.example.org/review">` on a site served over https.')
MAILTO = rule("link-mailto-malformed", "link", "error", "mailto: link without a valid address",
             why='Tapping the e-mail link opens an e-mail app with no usable address, so a customer who wanted to write to you cannot.',
             how_to_fix='Write the full address after `mailto:`, with the @ and the domain: `mailto:name@example.com`.',
             example='`<a href="mailto:halo@kopisenja">` (no domain ending).')
TEL = rule("link-tel-malformed", "link", "error", "tel: link without a valid phone number",
          why='Tapping the phone link on a mobile phone dials nothing or a wrong number, so a customer who wanted to call you cannot.',
          how_to_fix='Write the whole number with its country code after `tel:`, digits only or with + and spaces: `tel:+62215550123`.',
          example='`<a href="tel:555">Call us</a>`.')
WALLED = rule("link-unverifiable", "link", "notice", "The host answered with a bot wall; the link could not be verified",
             why='The other site answered with a bot check or a login wall, so the link could not be verified automatically; it may work for people, or be broken.',
             how_to_fix='Open the link in a browser and confirm it works. Nothing needs to change if it does.',
             example='A link to a shop whose server answers automated checks with a captcha page.')
PRIVATE = rule("link-private-address", "link", "warning", "Link to a private or reserved address; not checked",
              why='The link points to a private or local network address (192.168.…, localhost) that visitors on the internet cannot open; it is usually left over from a test setup.',
              how_to_fix='Replace it with the public address of the page, or remove it.',
              example='`<a href="http://192.168.1.20/menu.pdf">`.')
MALFORMED = rule("link-malformed", "link", "error", "Link whose URL cannot be parsed (a bad host, IPv6 address or port)",
                why="The link's address cannot be read by any browser (a bad host name, port or IPv6 address), so clicking it does nothing or shows an error.",
                how_to_fix='Correct the typing mistake in the address; the finding shows the link as written.',
                example='`<a href="https://kopisenja..id/menu">` (two dots in the host name).')
SKIPPED = rule("link-not-checked", "link", "notice", "Link not checked before the run's deadline",
              why='The check ran out of time before this link could be tested, so nothing is known about it yet: it is neither broken nor fine.',
              how_to_fix='Run the check again, or allow it more time (`check.deadline` in omnilinks.yml).',
              example='A large site checked with a short deadline: the last few hundred external links are listed as not checked.')
LOCAL_FILE = rule(
    "link-local-file", "link", "error", "Link to a file: address on the author's own computer",
    why="A file:// address names a file on the computer the page was written on. Browsers refuse to open "
        "it from a web page (Chrome: \"Not allowed to load local resource\"), and no visitor has that file.",
    how_to_fix="Publish the file with the site and link it by its web address (`/files/menu.pdf`), "
               "or remove the link.",
    example='`<a href="file:///C:/Users/owner/Desktop/menu.pdf">Our menu</a>`.')
INVISIBLE = rule(
    "link-invisible-character", "link", "error", "Link with an invisible character in its address",
    why="A zero-width space, byte-order mark or direction mark pasted into an address is invisible in the "
        "editor but is sent with the request, so the link leads to a page that does not exist.",
    how_to_fix="Retype the address, or delete the character at the position the finding names.",
    example='<a href="/menu\u200b/">: a zero-width space after "menu".')
PAGE_FAILED = rule(
    "page-unreachable", "link", "error", "A page of the site could not be read during the crawl",
    why="A page that fails, times out or stops half-way for the crawler does the same for visitors and search "
        "engines; when it is the start page, nothing else on the site was checked.",
    how_to_fix="Open the page: fix the server error or what makes it slow, then run the check again.",
    example="The start page answers 200 but sends its body so slowly that it is cut after the time budget.")
# A cut or failed read after the status line: the status says nothing about the page.
READ_ERRORS_WITH_STATUS_OK: frozenset[ErrorKind] = frozenset({"too_large"})

# Hosts whose whole job is to redirect: linking the short form is deliberate.
SHORTENERS = {"maps.app.goo.gl", "goo.gl", "g.page", "g.co", "bit.ly", "s.id", "tinyurl.com", "wa.me", "t.me",
              "m.me", "fb.me", "youtu.be", "lnkd.in", "forms.gle", "t.co", "ow.ly", "buff.ly", "shope.ee",
              "tokopedia.link", "vt.tiktok.com", "vm.tiktok.com", "spoti.fi", "amzn.to"}
# Fragments browsers handle without a matching id ("top" in any case scrolls to the top).
BUILTIN_FRAGMENTS = {"", "top", "!"}
# Elements whose #fragment a browser acts on: it scrolls to, embeds or draws the target element.
FRAGMENT_TAGS = {"a", "area", "iframe", "use", "meta"}
# Characters that cannot be seen in an editor yet change the address a browser requests.
INVISIBLE_CHARS = {"\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
                   "\u2060": "word joiner", "\ufeff": "byte-order mark (zero-width no-break space)",
                   "\u00ad": "soft hyphen", "\u200e": "left-to-right mark", "\u200f": "right-to-left mark",
                   "\u061c": "Arabic letter mark", "\u202a": "left-to-right embedding",
                   "\u202b": "right-to-left embedding", "\u202c": "pop directional formatting",
                   "\u202d": "left-to-right override", "\u202e": "right-to-left override",
                   "\u2066": "left-to-right isolate", "\u2067": "right-to-left isolate",
                   "\u2068": "first strong isolate", "\u2069": "pop directional isolate"}
# How a finding names each kind of reference, so it says what is broken.
KINDS = {("img", "srcset"): "image srcset candidate", ("source", "srcset"): "<source> srcset candidate",
         ("video", "poster"): "video poster", ("object", "data"): "<object> data", ("input", "src"): "image button",
         ("meta", "content"): "refresh redirect target", ("form", "action"): "form action",
         ("use", "href"): "SVG <use> reference", ("use", "xlink:href"): "SVG <use> reference"}


def external_urls(ctx: SiteContext) -> set[str]:
    """URLs the network stage must check: http(s) links that are not the site's own files."""
    urls = set()
    for page in checked_pages(ctx):
        for url, kind in page.links.targets():
            if kind.tag == "form":
                continue  # a form's action answers POSTs; a GET of it proves nothing either way
            if url.partition(":")[0].lower() in ("http", "https") and not _served_locally(ctx, url):
                urls.add(without_fragment(url))
    return urls


def fragment_pages(ctx: SiteContext) -> set[str]:
    """Other sites' pages linked with a #fragment a browser looks for (online mode reads them)."""
    urls = set()
    for page in ctx.pages:
        for link_url, kind in page.links.targets():
            url, _, fragment = link_url.partition("#")
            if fragment and kind.tag in ("a", "area", "iframe") and url.startswith(("http://", "https://")) \
                    and unquote(fragment).lower() not in BUILTIN_FRAGMENTS and not fragment.startswith(("!", ":~:")) \
                    and not _served_locally(ctx, link_url) and not ctx.site.is_internal(link_url):
                urls.add(url)
    return urls


def _served_locally(ctx: SiteContext, url: str) -> bool:
    return ctx.site.folder is not None and ctx.site.is_internal(url)


def checked_pages(ctx: SiteContext) -> tuple[Page, ...]:
    """The HTML pages and the site's own stylesheets (their url() references)."""
    return ctx.pages + tuple(ctx.site.stylesheets)


def check(ctx: Context) -> Iterator[Finding]:
    https_site = ctx.site_url.startswith("https:")
    pages_by_name = _pages_by_name(ctx)
    # A link's URL without its fragment → what `_target` says of it (apart for URLs with a "#": the
    # results of external links key on urldefrag's URL, which is not always the text before it)
    targets: dict[str, dict[str, object]] = {"": {}, "#": {}}
    # URLs whose every link is quiet, whatever its tag (ASCII ones only): most links of a site, each
    # skipped by a set lookup run in C over the page's URLs; the loop below sees the rest.
    quiet_urls: set[str] = set()
    for page in checked_pages(ctx):
        for link in page.malformed:
            yield MALFORMED.finding(f"{link.raw} is not a valid URL: {_parse_error(link.raw)}", link.location,
                                    target=link.raw, fix="Correct the address (host, [IPv6] brackets and port) "
                                                         "or remove the link.")
        links = page.links
        urls = links.urls
        written = links.written_indices()
        unsettled: Iterable[int] = compress(count(), map(not_, map(quiet_urls.__contains__, urls)))
        if written:  # (a source kept as written is read for invisible characters, whatever its URL)
            unsettled = sorted(set(unsettled).union(written))
        for index in unsettled:
            url, kind = urls[index], links.kind(index)
            # Most links of a site share a few thousand targets: each target is judged once.
            base, hash_sign, fragment = url.partition("#")
            known = targets[hash_sign]
            target = known.get(base)
            if target is None:
                # (the site's caches already share the string of a URL without its fragment)
                target = known[intern(base) if hash_sign else base] = _target(ctx, base + hash_sign, https_site)
            always = False  # whether every link to the URL is quiet, whatever its tag
            if target is FINE or target is ANY_ID or target.__class__ is frozenset:
                if not fragment:
                    quiet = always = True
                elif kind.tag not in FRAGMENT_TAGS:
                    quiet = True
                elif "%" in fragment:
                    quiet = False
                else:
                    if target is FINE:  # its ids, the page's own set (or ANY_ID: not a page whose ids are known)
                        ids = ctx.site.ids_for(url)
                        target = known[base] = ANY_ID if ids is None else ids
                    quiet = always = target is ANY_ID or fragment in target  # type: ignore[operator]
            else:
                always = target is QUIET
                quiet = always or target is CHECKED and kind.tag == "form"
            # (a source with other than ASCII in it is read for invisible characters; a URL in ASCII
            # ends with its source unless the source is written down apart)
            if quiet and url.isascii():
                if always and len(quiet_urls) < QUIET_URLS_KEPT:
                    quiet_urls.add(url)
                if index not in written:
                    continue
            if quiet and links.raw(index).isascii():
                continue
            link = links[index]  # a Link is built only for the few links that may have a finding
            invisible = _invisible(link.raw)
            if invisible:
                yield INVISIBLE.finding(f"{describe(link)} {link.raw!r} has an invisible {invisible}", link.location,
                                        target=link.url, fix="Retype the address without the invisible character.")
                continue
            # Links are already absolute: the scheme is what precedes the first colon (urlsplit costs
            # more than the rest of this rule on a big site).
            scheme = link.url.partition(":")[0].lower()
            if link.tag == "form" and not (scheme in ("http", "https") and ctx.site.is_internal(link.url)):
                continue
            if scheme == "mailto":
                yield from _mailto(link)
            elif scheme == "tel":
                yield from _tel(link, ctx.identity.country)
            elif scheme == "file":
                yield LOCAL_FILE.finding(f"{describe(link)} {link.raw} is a file on the author's computer; "
                                         "browsers do not open file: links from a web page",
                                         link.location, target=link.raw,
                                         fix="Publish the file with the site and link its web address.")
            elif scheme in ("http", "https"):
                if https_site and scheme == "http":
                    yield INSECURE.finding(f"insecure link {link.raw} from an https site", link.location,
                                           target=link.url, fix=f"Link {'https' + link.url[4:]} instead.")
                if ctx.site.is_internal(link.url):
                    if not _plainly_fine(ctx, link.url, link.tag):
                        yield from _internal(ctx, link, pages_by_name)
                else:
                    yield from _external(ctx, link)
    yield from _failed_pages(ctx)


def _parse_error(raw: str) -> str:
    try:
        urlsplit(raw).port  # noqa: B018 - raises with the reason
    except ValueError as exc:
        return str(exc)
    return "it cannot be resolved against the page"


def describe(link: Link) -> str:
    """What the reference is, in words: "page", "image srcset candidate", "web font url(…) in style.css"."""
    if link.tag in ("a", "area", "iframe"):
        return "page"
    if link.tag == "css":
        return "@import" if link.attr == "@import" else _css_kind(link.raw)
    if link.attr.endswith(("url()", "@import")):
        where = "style attribute" if link.attr.startswith("style ") else "<style>"
        kind = "@import" if link.attr.endswith("@import") else _css_kind(link.raw)
        return f"{kind} in a {where}"
    if link.tag == "link" and link.rel:
        return "<link rel=" + " ".join(link.rel) + ">"
    return KINDS.get((link.tag, link.attr)) or f"{link.tag} source"


FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".eot")


def _css_kind(raw: str) -> str:
    path = raw.partition("?")[0].partition("#")[0].lower()
    return "web font url()" if path.endswith(FONT_SUFFIXES) else "url()"


INVISIBLE_CHAR = re.compile("[" + "".join(INVISIBLE_CHARS) + "]")


def _invisible(raw: str) -> str | None:
    if raw.isascii():  # nearly every link, decided in C
        return None
    match = INVISIBLE_CHAR.search(raw)
    if match is None:
        return None
    char = match.group()
    return f"{INVISIBLE_CHARS[char]} (U+{ord(char):04X}) at character {match.start() + 1}"


FINE, QUIET, CHECKED, LOUD = object(), object(), object(), object()
QUIET_URLS_KEPT = 500_000  # ~20 MB of set at most (the URL strings are the pages' own)
ANY_ID = object()  # a FINE target whose ids cannot be known (any fragment may be right); else its frozenset of ids


def _target(ctx: Context, url: str, https_site: bool) -> object:
    """What links to an http(s) URL (with any fragment cut to "#") have to say, whatever their tag: FINE, an
    internal target that exists (a fragment, if any, is still to be found in it); QUIET, an external
    one with no result recorded; CHECKED, an external one with a result to report (but for a
    form's action); LOUD, anything else, which `check` reads link by link."""
    if not url.startswith("http"):
        return LOUD
    scheme = url.partition(":")[0]
    if scheme == "http" and https_site or scheme not in ("http", "https"):
        return LOUD
    if ctx.site.is_internal(url):
        return FINE if ctx.site.exists(url) is True else LOUD
    return QUIET if ctx.link_results.get(without_fragment(url)) is None else CHECKED


def _plainly_fine(ctx: Context, url: str, tag: str) -> bool:
    """The common case, answered without `_internal`'s generator (a site's worth of them is
    a tenth of the rules' time): the target exists and any plain #fragment names one of its ids."""
    if ctx.site.exists(url) is not True:
        return False
    if tag not in FRAGMENT_TAGS:
        return True
    fragment = url.partition("#")[2]
    if not fragment:
        return True  # "" is a built-in fragment: the top of the page
    if "%" in fragment:
        return False
    ids = ctx.site.ids_for(url)
    return ids is None or fragment in ids


def _internal(ctx: Context, link: Link, pages_by_name: dict[str, str]) -> Iterator[Finding]:
    exists = ctx.site.exists(link.url)
    if exists is None:
        yield from _external(ctx, link)
        return
    if not exists:
        locked = ctx.site.folder.unreadable_folder_for(link.url) if ctx.site.folder is not None else None
        if locked is not None:  # not missing: the walk was refused the folder (permissions)
            yield PAGE_FAILED.finding(f"{link.raw} is in the folder {locked}/, which cannot be read",
                                      link.location, target=link.url, actual="unreadable",
                                      fix=f"Make {locked}/ readable (chmod -R a+rX) and run the check again.")
            return
        redirect = ctx.site.redirect_for(link.url) if ctx.site.folder is not None else None
        if redirect is not None:
            yield from _redirected(ctx, link, redirect)
            return
        finding = MISSING.finding(f"{describe(link)} {link.raw} does not exist", link.location, target=link.url,
                                  fix=_missing_fix(link, pages_by_name))
        # A form's action is often answered by a server function the static folder does not hold.
        yield replace(finding, severity="notice") if link.tag == "form" else finding
        return
    if link.tag not in FRAGMENT_TAGS:
        return
    fragment = unquote(link.url.partition("#")[2])
    if fragment.lower() in BUILTIN_FRAGMENTS or fragment.startswith(":~:"):
        return
    ids = ctx.site.ids_for(link.url)
    if ids is not None and fragment not in ids:
        where = ctx.site.display_for(link.url)
        close = _closest(fragment, ids)
        hint = f" Did you mean #{close}?" if close else ""
        kind = "" if link.tag in ("a", "area") else f" ({describe(link)})"
        yield FRAGMENT.finding(f"#{fragment} is not an id or anchor on {where}{kind}", link.location,
                               target=link.url,
                               fix=f"Add id=\"{fragment}\" to the target element in {where}, or change the link.{hint}")


def _redirected(ctx: Context, link: Link, redirect: Rewritten) -> Iterator[Finding]:
    """A path the host redirects or rewrites (_redirects, netlify.toml, vercel.json): not missing
    while the target exists."""
    target = redirect.target
    if target.startswith(("http://", "https://")) and ctx.site.is_internal(target) or target.startswith("/"):
        absolute = urljoin(link.url, target)
        if ctx.site.exists(absolute) is False:
            yield MISSING.finding(f"{describe(link)} {link.raw} is redirected by {redirect.source} to {target}, "
                                  "which does not exist", link.location, target=link.url,
                                  fix=f"Correct the rule at {redirect.source}, or link a page that exists.")
            return
    if redirect.status in (200, None) or not 300 <= redirect.status < 400:
        return  # a rewrite: the host serves the target at the linked address
    yield replace(REDIRECT.finding(f"{link.raw} is redirected by {redirect.source} to {target}", link.location,
                                   target=link.url, expected=target, actual=link.url,
                                   fix=f"Link {target} directly."), severity="notice")


def _pages_by_name(ctx: Context) -> dict[str, str]:
    """Last path segment → page URL, to suggest the page a broken link probably meant."""
    names: dict[str, str] = {}
    for page in ctx.pages:
        name = url_path(page.url).rstrip("/").rsplit("/", 1)[-1]
        if name:
            names.setdefault(name, page.url)
            names.setdefault(name.rsplit(".", 1)[0], page.url)
    return names


def _missing_fix(link: Link, pages_by_name: dict[str, str]) -> str:
    name = urlsplit(link.url).path.rstrip("/").rsplit("/", 1)[-1]
    candidate = pages_by_name.get(name) or pages_by_name.get(name.rsplit(".", 1)[0])
    if candidate and candidate != link.url:
        return f"Link {candidate} (the page with that name), or create the missing page."
    return "Create the page or file, or remove or correct the link."


def _closest(fragment: str, ids: frozenset[str]) -> str | None:
    lowered = fragment.lower().replace("_", "-")
    for candidate in sorted(ids):
        if candidate.lower().replace("_", "-") == lowered:
            return candidate
    return None


def _external(ctx: Context, link: Link) -> Iterator[Finding]:
    result = ctx.link_results.get(without_fragment(link.url))
    if result is None or _accepted(ctx, link.url, result.status):
        return
    if result.wall:
        yield WALLED.finding(f"{link.raw} could not be verified: {result.wall}", link.location, target=link.url,
                             actual=result.wall, fix="Open the link in a browser to confirm it; omnilinks does not get past bot walls.")
    elif result.error == "private":
        yield PRIVATE.finding(f"{link.raw} points at a private or reserved address; not checked", link.location,
                              target=link.url, actual=result.detail,
                              fix="Link a public address, or run with --allow-private for a local preview.")
    elif result.error == "deadline":
        yield SKIPPED.finding(f"{link.raw} was not checked: {result.detail or 'the run stopped first'}", link.location,
                              target=link.url, fix="Raise check.deadline or check fewer links.")
    elif _unreachable(result):
        yield UNREACHABLE.finding(f"{link.raw} cannot be reached: {result.describe()}", link.location,
                                  target=link.url, actual=result.error,
                                  fix="Check the address for typos; if the site has moved, link its new address.")
    elif result.status is not None and result.status >= 400:
        yield BROKEN.finding(f"{link.raw} answers HTTP {result.status}", link.location, target=link.url,
                             actual=str(result.status), fix=_broken_fix(result.status))
    elif result.redirects and _meaningful_redirect(link.url, result.final_url):
        yield REDIRECT.finding(f"{link.raw} redirects to {result.final_url}", link.location, target=link.url,
                               expected=result.final_url, actual=link.url, fix=f"Link {result.final_url} directly.")
    yield from _external_fragment(ctx, link)


def _external_fragment(ctx: Context, link: Link) -> Iterator[Finding]:
    url, _, fragment = link.url.partition("#")
    known = ctx.external_ids.get(url) if fragment else None
    if known is None:
        return
    ids, scripted = known
    fragment = unquote(fragment)
    if fragment.lower() in BUILTIN_FRAGMENTS or fragment.startswith(":~:"):
        return
    # GitHub renders README headings as id="user-content-x" and its script scrolls #x to them.
    if fragment in ids or "user-content-" + fragment in ids:
        return
    if scripted:
        yield WALLED.finding(f"#{fragment} on {url} could not be verified: the page is built by JavaScript",
                             link.location, target=link.url, actual="javascript",
                             fix="Open the link in a browser to confirm the section exists.")
        return
    close = _closest(fragment, ids)
    hint = f" Did you mean #{close}?" if close else ""
    yield FRAGMENT.finding(f"#{fragment} is not an id or anchor on {url}", link.location, target=link.url,
                           fix=f"Link a section that exists on that page, or link the page without #{fragment}.{hint}")


def _accepted(ctx: Context, url: str, status: int | None) -> bool:
    """check.accept: a status the user says is fine for this URL (a host that answers bots 403)."""
    return status is not None and any(status in codes and _compiled(pattern).search(url)
                                      for pattern, codes in ctx.config.check.accept)


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _unreachable(result: Response) -> bool:
    """No usable answer: no status, a redirect loop, or a body cut off (timeout, reset) under a
    status that would otherwise pass; an oversized body still answered."""
    if result.error is None or result.error in READ_ERRORS_WITH_STATUS_OK:
        return False
    return result.status is None or result.status < 400 or result.error in ("redirect_loop", "too_many_redirects")


def _failed_pages(ctx: Context) -> Iterator[Finding]:
    """Crawled pages that could not be read and that no page read links to (those get a link finding)."""
    failed = ctx.site.failed
    if not failed:
        return
    linked = {canonical(without_fragment(url)) for page in ctx.pages for url in page.links.urls
              if url.startswith(("http:", "https:"))}
    for url in sorted(failed):
        if url not in linked:
            response = failed[url]
            yield PAGE_FAILED.finding(f"page {url} could not be read: {response.describe()}", Location(url=url),
                                      target=url, actual=response.error or str(response.status),
                                      fix="Open the page and fix the server error or its slowness.")


def _meaningful_redirect(start: str, final: str) -> bool:
    a, b = urlsplit(without_fragment(start)), urlsplit(final)
    if (a.hostname or "").lower() in SHORTENERS:
        return False
    # A trailing-slash or same-page redirect is noise, not a fix anyone wants.
    return (a.scheme, a.netloc, a.path.rstrip("/"), a.query) != (b.scheme, b.netloc, b.path.rstrip("/"), b.query)


def _broken_fix(status: int) -> str:
    if status in (404, 410):
        return "The page is gone: link its new address or remove the link."
    if status >= 500:
        return "The server failed; if it keeps failing, link another source or remove the link."
    return f"The server refused the request (HTTP {status}); check the address."


def _mailto(link: Link) -> Iterator[Finding]:
    address = unquote(link.raw[7:].split("?", 1)[0])
    if not all(normalize_email(part) for part in address.split(",") if part.strip()) or not address.strip():
        yield MAILTO.finding(f"mailto: link with no valid address: {link.raw}", link.location, target=link.raw,
                             field="email", fix="Write mailto:name@example.com with a complete address.")


def _tel(link: Link, region: str) -> Iterator[Finding]:
    if not dialable(unquote(link.raw[4:]), region):
        yield TEL.finding(f"tel: link with no valid phone number: {link.raw}", link.location, target=link.raw,
                          field="phone", fix="Write tel:+<country code><number>, e.g. tel:+622155500123.")


# RFC 3966: a tel: URI is a number with visual separators, then ;parameters (ext, isub,
# phone-context…); dialers also take pauses and waits (",", "p", "w") followed by more digits.
TEL_NUMBER = re.compile(r"^(\+?)[\d\-.()\s]*\d[\d\-.()\s]*$")
TEL_PAUSE = re.compile(r"[,pPwW;].*$", re.S)


def dialable(number: str, region: str) -> bool:
    """Whether a phone will dial the tel: number: a global number of a possible length for its country, or
    a local number (with phone-context, or valid in the site's region). Pauses, extensions and other
    RFC 3966 parameters are not part of the number."""
    main, _, parameters = number.strip().partition(";")
    context = re.search(r"(?:^|;)phone-context=([^;]+)", parameters, re.I)
    main = TEL_PAUSE.sub("", main).strip()
    if not TEL_NUMBER.match(main):
        return False
    if context or normalize_phone(main, region) is not None:
        return True
    if main.startswith("+"):
        import phonenumbers  # loaded already by normalize_phone above

        try:
            return phonenumbers.is_possible_number(phonenumbers.parse(main, None))
        except phonenumbers.NumberParseException:
            return False
    return False
