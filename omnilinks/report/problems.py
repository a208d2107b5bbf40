"""Findings as a client reads them: problems, in four plain groups, and channel verdicts.

A *problem* is one thing to fix, however many rules and pages report it: the
findings about one link target (an http link that also redirects), one channel,
or one wrongly written value (a title and og:site_name both naming "Kopi
Senyap") are one problem. Each problem sits in the group of its most severe
finding: customers can't reach you, your details disagree, broken pages,
search engines and shared links, where your visitors come from.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from omnilinks.models import SEVERITY_ORDER, Finding, Profile, Report
from omnilinks.report.locate import url_key as _url_key

url_key = lru_cache(maxsize=65_536)(_url_key)  # thousands of findings share a few hundred targets


@dataclass(frozen=True)
class Group:
    """One of the plain groups a client's report sorts problems into."""

    id: str
    title: str
    blurb: str


GROUPS: tuple[Group, ...] = (
    Group("reach", "Customers can't reach you",
          "Contact links that do not work, and channels that do not lead customers to you."),
    Group("details", "Your details disagree",
          "Your name, address, phone, e-mail or opening hours written differently in different places."),
    Group("broken", "Broken pages and links", "Links that lead nowhere, to an error, or through a detour."),
    Group("search", "Search engines and shared links",
          "What Google and other search engines read about your business, and what a shared page shows."),
    Group("tracking", "Where your visitors come from",
          "Links whose tags decide which channel your analytics credits for a visit."),
)
GROUP_BY_ID = {group.id: group for group in GROUPS}
CATEGORY_GROUP = {"crossref": "reach", "nap": "details", "brand": "details", "link": "broken", "schema": "search",
                  "attribution": "tracking"}
RULE_GROUP = {
    "link-tel-malformed": "reach", "link-mailto-malformed": "reach", "nap-whatsapp-mismatch": "reach",
    "channel-whatsapp-differs": "reach", "listing-closed": "reach", "listing-no-website": "reach",
    "listing-website-differs": "reach", "brand-no-contact-route": "reach",
    **{f"brand-preview-{kind}": "search" for kind in ("image-missing", "image-broken", "image-too-small", "image-shape",
                                                      "url-mismatch", "title-missing", "card-missing", "site-name-missing")},
}

# The headline of a problem, as a shop owner would say it; a rule missing here shows its summary.
PLAIN: dict[str, str] = {
    "link-invisible-character": "A link has an invisible character in its address",
    "link-local-file": "A link points to a file on the author's own computer",
    "brand-logo-mismatch": "A channel shows a different logo than your site",
    "brand-preview-image-missing": "A shared page shows no picture",
    "brand-preview-image-broken": "The picture shown when a page is shared is broken",
    "brand-preview-image-too-small": "The picture shown when a page is shared is too small",
    "brand-preview-image-shape": "The picture shown when a page is shared gets cropped or shown small",
    "brand-preview-url-mismatch": "A page tells sharing apps the wrong address",
    "brand-preview-title-missing": "A page gives sharing apps no title",
    "brand-preview-card-missing": "A page gives X (Twitter) no preview card",
    "brand-preview-site-name-missing": "A page gives sharing apps no site name",
    "attribution-untagged": "A channel's link to your site carries no tracking tags",
    "attribution-inconsistent": "Tracking tags are spelled differently on different channels",
    "attribution-internal-utm": "A link between your own pages resets where a visitor came from",
    "attribution-redirect-drops-tags": "A redirect loses a channel link's tracking tags",
    "attribution-whatsapp-text": "WhatsApp buttons start chats with different messages",
    "link-internal-missing": "A link on your site leads to a page that does not exist",
    "link-fragment-missing": "A link jumps to a section that is not on the page",
    "link-broken": "A link leads to an error page",
    "link-unreachable": "A link leads to a site that does not answer",
    "link-redirect": "A link takes a detour (redirect) before it arrives",
    "link-insecure": "A link uses an insecure http:// address",
    "link-mailto-malformed": "An e-mail link is incomplete: tapping it cannot write to you",
    "link-tel-malformed": "A phone link is wrong: tapping it cannot call you",
    "link-unverifiable": "A linked site blocked the check; open it by hand",
    "link-private-address": "A link points to a private address visitors cannot open",
    "link-malformed": "A link address is written wrongly",
    "link-not-checked": "A link was not checked in the time allowed",
    "nap-phone-mismatch": "Your site shows another phone number",
    "nap-whatsapp-mismatch": "A WhatsApp button opens a chat with the wrong number",
    "nap-email-mismatch": "Your site shows another e-mail address",
    "nap-address-mismatch": "Your site shows another address",
    "nap-hours-mismatch": "Your site shows other opening hours",
    "brand-name-mismatch": "Search engines are given another business name",
    "brand-site-name-mismatch": "Link previews (WhatsApp, Facebook) show another business name",
    "brand-title-mismatch": "Page titles name another business",
    "brand-no-contact-route": "Some pages give no way to contact you",
    "channel-name-differs": "A channel shows another business name",
    "channel-phone-differs": "A channel shows another phone number",
    "channel-whatsapp-differs": "A WhatsApp link opens a chat with the wrong number",
    "channel-email-differs": "A channel shows another e-mail address",
    "channel-address-differs": "A channel shows another address",
    "channel-hours-differ": "A channel shows other opening hours",
    "listing-closed": "Google shows your business as closed",
    "listing-no-website": "Your Google listing has no website",
    "listing-website-differs": "Your Google listing points to another website",
    "channel-not-linked": "Your site does not link to this channel",
    "channel-undeclared": "Your site links an account that is not on your list",
    "channel-duplicate-account": "Your site links two accounts on the same platform",
    "channel-inconsistent-url": "The same account is linked in different ways",
    "channel-handle-differs": "A profile uses another handle than your brand",
    "channel-not-on-home": "Your home page does not link this channel",
    "channel-wrong-site": "This channel sends visitors to another website",
    "channel-no-link-back": "This channel does not link back to your site",
    "channel-unreachable": "This channel cannot be opened",
    "channel-unverifiable": "This channel could not be checked automatically",
    "schema-jsonld-invalid": "Search engines cannot read a block of your business details",
    "schema-business-missing": "Your home page does not describe your business to search engines",
    "schema-localbusiness-incomplete": "Your business details for Google lack the name or address",
    "schema-telephone-no-country-code": "Your phone number for search engines lacks the country code",
    "schema-value-unreadable": "Search engines cannot read a phone, e-mail or hours value",
    "schema-sameas-missing": "Search engines are not told about all your profiles",
    "schema-sameas-unlisted": "Search engines are told about a profile you do not list",
    "schema-url-not-site": "Search engines are given another website address",
}


def plain_title(rule_id: str) -> str:
    if rule_id in PLAIN:
        return PLAIN[rule_id]
    from omnilinks.rules.catalogue import rule_catalogue

    declared = rule_catalogue().get(rule_id)
    return declared.summary if declared else rule_id


def group_of(finding: Finding) -> str:
    return RULE_GROUP.get(finding.rule) or CATEGORY_GROUP.get(finding.category, "broken")


@dataclass(frozen=True)
class Problem:
    """One thing to fix, however many rules and pages report it."""

    key: tuple[str, ...]
    findings: tuple[Finding, ...]  # most severe first

    @property
    def lead(self) -> Finding:
        return self.findings[0]

    @property
    def severity(self) -> str:
        return self.lead.severity

    @property
    def group(self) -> str:
        return group_of(self.lead)

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.rule for f in self.findings))

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(plain_title(rule) for rule in self.rules))


def _is_url(text: str | None) -> bool:
    if not text:
        return False
    return "://" in text[:12] or text.split(":", 1)[0] in ("mailto", "tel")


def _channels_by_key(report: Report) -> dict[tuple[str, str, str], Profile]:
    return {url_key(c.url): c for c in report.channels}


def problem_key(finding: Finding, channels: dict[tuple[str, str, str], Profile]) -> tuple[str, ...]:
    channel = channels.get(url_key(finding.target)) if finding.target else None
    if channel is not None:
        return ("channel", channel.url)
    if _is_url(finding.target):
        return ("target", finding.target or "")
    if finding.field and finding.actual:
        return ("value", finding.field, finding.actual.casefold())
    loc = finding.location
    return ("rule", finding.rule, loc.path or loc.url or "", str(loc.line or ""))


def problems(report: Report) -> list[Problem]:
    channels = _channels_by_key(report)
    grouped: dict[tuple[str, ...], list[Finding]] = {}
    for finding in report.findings:
        grouped.setdefault(problem_key(finding, channels), []).append(finding)
    made = [Problem(key, tuple(sorted(found, key=lambda f: SEVERITY_ORDER[f.severity]))) for key, found in grouped.items()]
    return sorted(made, key=lambda p: (SEVERITY_ORDER[p.severity], p.lead.sort_key()))


def severities_by_channel(report: Report) -> dict[str, set[str]]:
    """Channel URL → severities of the findings about it: its URL is their target, or (a finding with no URL
    target, not about a link) it is the only channel on their platform. A finding about another URL on the
    same platform, such as an undeclared second account, is not about it."""
    channels = _channels_by_key(report)
    on_platform: dict[str, list[Profile]] = {}
    for profile in report.channels:
        on_platform.setdefault(profile.platform, []).append(profile)
    found: dict[str, set[str]] = {c.url: set() for c in report.channels}
    for finding in report.findings:
        channel = channels.get(url_key(finding.target)) if finding.target else None
        if channel is None and finding.platform and not _is_url(finding.target) and finding.category != "link":
            alone = on_platform.get(finding.platform, [])
            channel = alone[0] if len(alone) == 1 else None
        if channel is not None:
            found[channel.url].add(finding.severity)
    return found


# What a channel box says, from the channel's status and the findings about it: a channel with an
# error or warning about it is never drawn as fine, whatever its status says.
VERDICTS = {
    "ok": ("OK", "links back and agrees"),
    "problem": ("Needs fixing", "see the problems below"),
    "attention": ("Check", "see the problems below"),
    "unknown": ("Could not check", "the platform does not show this to visitors"),
    "na": ("No link-back expected", "this platform does not allow a link to your site"),
}


def channel_verdicts(report: Report) -> dict[str, str]:
    """Channel URL → verdict (a key of VERDICTS), for every channel of the report."""
    severities = severities_by_channel(report)
    return {c.url: _verdict(c, severities[c.url]) for c in report.channels}


def _verdict(channel: Profile, severities: set[str]) -> str:
    if "error" in severities or channel.status in ("mismatch", "unreachable"):
        return "problem"
    if "warning" in severities or channel.links_back is False:
        return "attention"
    if channel.status == "verified":
        return "ok"
    if channel.status == "not_applicable":
        return "na"
    return "unknown"


def page_address(report: Report, path: str | None, url: str | None) -> str:
    """Where a page is, as a client would open it: its public URL when the site's URL is known."""
    if url:
        return url
    if not path:
        return ""
    if report.site_url and report.root:
        try:
            relative = os.path.relpath(os.path.abspath(path), os.path.abspath(report.root))
        except ValueError:
            relative = ".."
        if not relative.startswith(".."):
            relative = relative.replace(os.sep, "/")
            if relative == "index.html" or relative.endswith("/index.html"):
                relative = relative[: -len("index.html")]
            return urljoin(report.site_url if report.site_url.endswith("/") else report.site_url + "/", relative)
    return display_path(path)


def display_path(path: str) -> str:
    """A file path relative to the working directory when it is inside it."""
    absolute = os.path.abspath(path)
    here = os.getcwd()
    if absolute == here or absolute.startswith(here.rstrip(os.sep) + os.sep):
        return os.path.relpath(absolute, here).replace(os.sep, "/")
    return path
