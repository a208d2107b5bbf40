"""Category `attribution`, the channels' side: every channel's link back to the
site (bio link, About-panel link, listing website) tagged with one UTM
convention, so analytics can credit each channel — and the tags still there
after the landing page's redirects.

The convention is `attribution:` in omnilinks.yml; without it, the one most
tagged links already follow, and every finding says it was inferred.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from omnilinks.channels.base import label
from omnilinks.channels.sitelinks import channel_location, link_index
from omnilinks.channels.urls import reaches_site
from omnilinks.extract.urls import without_fragment
from omnilinks.models import Finding, Location, Profile
from omnilinks.normalize.utm import utm_tags, with_tags
from omnilinks.rules.base import Context, rule

UNTAGGED = rule(
    "attribution-untagged", "attribution", "notice", "A channel's link to the site carries no UTM tags",
    why="Visits from an untagged bio or listing link arrive as a referral from the platform's domain, or as direct "
        "traffic from apps that hide the referrer (Instagram, TikTok and WhatsApp do), so the channel gets no credit.",
    how_to_fix="Paste the corrected link from the finding into the profile's website field; set `attribution:` in "
               "omnilinks.yml to state the convention (and `required: true` to make this a warning).",
    example="TikTok bio link https://kopisenja.id/ while the other channels use "
            "?utm_source=<platform>&utm_medium=social.")
INCONSISTENT = rule(
    "attribution-inconsistent", "attribution", "warning", "A channel's link uses UTM values that split the reports",
    why="Analytics treats every spelling as a different source or medium: Instagram, instagram and ig are three rows, "
        "utm_medium=Social falls outside the Organic Social channel, and a TikTok link tagged instagram credits the "
        "wrong platform.",
    how_to_fix="Use one spelling per platform and one medium, in lower case; the finding gives the corrected link.",
    example="utm_source=Instagram on the Instagram bio while the convention is instagram; utm_source=instagram on "
            "the TikTok bio.")
DROPPED = rule(
    "attribution-redirect-drops-tags", "attribution", "error",
    "The tagged landing URL redirects to an address without its UTM tags",
    why="The tags only count if they reach the page analytics runs on; a redirect that drops the query string "
        "(http→https, a trailing slash, an old path) makes every visit from that channel untagged.",
    how_to_fix="Link the final address with the tags, or make the redirect keep the query string.",
    example="https://kopisenja.id/promo?utm_source=tiktok redirects to https://kopisenja.id/promo/.")

# Spellings of one platform: any of them on the wrong platform's link, or a second one, splits reports.
SOURCE_ALIASES: dict[str, frozenset[str]] = {
    "instagram": frozenset({"instagram", "ig", "insta", "instagram.com", "l.instagram.com"}),
    "tiktok": frozenset({"tiktok", "tt", "tiktok.com", "tik_tok"}),
    "youtube": frozenset({"youtube", "yt", "youtube.com"}),
    "facebook": frozenset({"facebook", "fb", "facebook.com", "m.facebook.com", "l.facebook.com"}),
    "x": frozenset({"x", "twitter", "x.com", "twitter.com", "t.co"}),
    "linkedin": frozenset({"linkedin", "linkedin.com", "lnkd.in"}),
    "pinterest": frozenset({"pinterest", "pinterest.com"}),
    "google_business": frozenset({"google", "gbp", "gmb", "google_business", "google_business_profile",
                                  "googlemybusiness"}),
    "mastodon": frozenset({"mastodon"}),
    **{m: frozenset({m, f"{m}.com", f"{m}.co.id"}) for m in
       ("tokopedia", "shopee", "lazada", "bukalapak", "amazon", "etsy")},
}
DEFAULT_SOURCE = {"google_business": "google"}
# Where the owner edits the link, so the fix can say where to paste.
WHERE = {
    "instagram": "the Instagram bio link (Edit profile → Links)",
    "tiktok": "the TikTok bio link (Edit profile → Website)",
    "youtube": "the YouTube channel link (Customise channel → Basic info → Links)",
    "facebook": "the website in the Facebook page's About section",
    "x": "the website in the X profile (Edit profile → Website)",
    "linkedin": "the LinkedIn page's Website field",
    "google_business": "the listing's website (Edit profile → Contact → Website)",
    "pinterest": "the website in the Pinterest profile",
    "mastodon": "the website field of the Mastodon profile",
}


@dataclass(frozen=True)
class LinkBack:
    """One channel's link to the site as the platform shows it, with the UTM tags it carries."""

    profile: Profile
    url: str
    tags: dict[str, str]


@dataclass(frozen=True)
class Convention:
    """The UTM convention the channels' links back are held to, declared or inferred."""

    medium: str | None
    sources: dict[str, str] = field(default_factory=dict)  # declared per platform
    required: bool = False
    basis: str = ""  # said in every finding: declared, or inferred from which links

    def source_for(self, platform: str) -> str:
        return self.sources.get(platform) or DEFAULT_SOURCE.get(platform, platform)


def link_backs(profiles: Iterable[Profile], site_url: str) -> list[LinkBack]:
    """Each channel's link to the site as the platform shows it. Directories and partner pages
    (generic) are left out: their owners, not the business, write those links."""
    found = []
    for profile in profiles:
        url = profile.website
        if profile.links_back and url and profile.platform not in ("generic", "whatsapp") \
                and reaches_site(url, site_url):
            found.append(LinkBack(profile, url, utm_tags(url)))
    return found


def convention(ctx: Context, backs: list[LinkBack]) -> Convention | None:
    declared = ctx.config.attribution
    if declared is not None:
        where = f"{ctx.config.path or 'omnilinks.yml'}:{declared.line}" if declared.line else "omnilinks.yml"
        return Convention(declared.utm_medium, dict(declared.utm_source), declared.required,
                          f"convention declared at {where}")
    tagged = [b for b in backs if b.tags]
    if not tagged:
        return None  # nothing to infer from: an untagged presence is a choice, not a mistake
    mediums = [b.tags["utm_medium"] for b in tagged if b.tags.get("utm_medium")]
    medium = _most_common(mediums)
    agree = sum(1 for m in mediums if m == medium)
    basis = (f"convention inferred from the {len(tagged)} tagged channel link{'s' if len(tagged) != 1 else ''}"
             + (f", {agree} with utm_medium={medium}" if medium else "")
             + "; declare it under attribution: in omnilinks.yml")
    return Convention(medium, {}, False, basis)


def _most_common(values: list[str]) -> str | None:
    """The value most links use; a tie goes to the lower-case spelling, then the first seen."""
    if not values:
        return None
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], v == v.lower(), -values.index(v)))


def check(ctx: Context) -> Iterator[Finding]:
    backs = link_backs(ctx.profiles, ctx.site_url)
    rules = convention(ctx, backs)
    if rules is not None:
        campaigns = _campaign_spellings(backs)
        index = link_index(ctx.pages, ctx.site)
        for back in backs:
            where = channel_location(back.profile, ctx, index)
            yield from _judge(back, rules, campaigns, where)
    yield from _dropped_by_redirect(ctx, backs)


def _campaign_spellings(backs: list[LinkBack]) -> dict[str, str]:
    """Lower-cased campaign → the spelling most links use (case variants split a campaign in two)."""
    spellings: dict[str, list[str]] = {}
    for back in backs:
        value = back.tags.get("utm_campaign")
        if value:
            spellings.setdefault(value.lower(), []).append(value)
    return {key: _most_common(values) or key for key, values in spellings.items()}


def _judge(back: LinkBack, rules: Convention, campaigns: dict[str, str], where: Location) -> Iterator[Finding]:
    platform = back.profile.platform
    name = label(platform)
    source = rules.source_for(platform)
    expected = {"utm_source": source} | ({"utm_medium": rules.medium} if rules.medium else {})
    current_source = back.tags.get("utm_source")
    if current_source is not None and not _source_wrong(platform, current_source, rules):
        expected["utm_source"] = current_source  # a source of the site's own choosing stays in the fix
    campaign = back.tags.get("utm_campaign")
    if campaign and campaigns.get(campaign.lower(), campaign) != campaign:
        expected["utm_campaign"] = campaigns[campaign.lower()]
    fixed = with_tags(back.url, expected)
    paste = f"Set {WHERE.get(platform, f'the website link on {name}')} to {fixed}"
    common = {"target": back.profile.url, "platform": platform, "fix": paste}
    if not back.tags:
        finding = UNTAGGED.finding(
            f"the {name} link to the site {back.url} carries no UTM tags, so its visits are not credited to {name} "
            f"(expected {_describe(expected)}; {rules.basis})", where, field="utm_source", expected=source,
            actual=None, **common)
        yield finding if not rules.required else _as_warning(finding)
        return
    for tag, wanted in expected.items():
        actual = back.tags.get(tag)
        if actual == wanted:
            continue
        yield INCONSISTENT.finding(
            f"the {name} link to the site {back.url} has {_why_wrong(tag, actual, wanted, platform)} "
            f"({rules.basis})", where, field=tag, expected=wanted, actual=actual, **common)


def _source_wrong(platform: str, actual: str | None, rules: Convention) -> bool:
    """A declared source must be met exactly. An inferred one only where the value is clearly a
    second name: another platform's, or another spelling of this one (a campaign-specific
    source like `bio_link` is a choice the site made, not a split)."""
    if actual is None or platform in rules.sources:
        return True
    value = actual.lower()
    named = {p for p, names in SOURCE_ALIASES.items() if value in names}
    return bool(named) and (platform not in named or actual != rules.source_for(platform))


def _why_wrong(tag: str, actual: str | None, wanted: str, platform: str) -> str:
    if actual is None:
        return f"no {tag} (expected {tag}={wanted})"
    named = [p for p, names in SOURCE_ALIASES.items() if actual.lower() in names]
    if tag == "utm_source" and named and platform not in named:
        return f"{tag}={actual}, which credits {label(named[0])} with {label(platform)}'s visits; expected {wanted}"
    if tag == "utm_campaign":
        return f"{tag}={actual}; analytics counts it apart from {wanted}, which the other channels use"
    if actual.lower() == wanted.lower():
        return f"{tag}={actual}; analytics counts it apart from {wanted}, which the convention uses"
    return f"{tag}={actual}; the convention uses {wanted}, and analytics counts the two apart"


def _describe(tags: dict[str, str]) -> str:
    return " ".join(f"{k}={v}" for k, v in tags.items())


def _as_warning(finding: Finding) -> Finding:
    return replace(finding, severity="warning")


def landing_urls(profiles: Iterable[Profile], site_url: str) -> list[str]:
    """The tagged links back whose redirects are worth following (the pipeline fetches them live)."""
    return sorted({without_fragment(b.url) for b in link_backs(profiles, site_url) if b.tags})


def _dropped_by_redirect(ctx: Context, backs: list[LinkBack]) -> Iterator[Finding]:
    index = None
    for back in backs:
        if not back.tags:
            continue
        result = ctx.link_results.get(without_fragment(back.url))
        if result is None or not result.redirects or result.error:
            continue
        kept = utm_tags(result.final_url)
        lost = {k: v for k, v in back.tags.items() if kept.get(k) != v}
        if not lost:
            continue
        index = index if index is not None else link_index(ctx.pages, ctx.site)
        name = label(back.profile.platform)
        fixed = with_tags(result.final_url, back.tags)
        yield DROPPED.finding(
            f"the {name} link to the site {back.url} redirects to {result.final_url}, which has lost "
            f"{', '.join(sorted(lost))}: its visits arrive untagged", channel_location(back.profile, ctx, index),
            target=back.url, platform=back.profile.platform,
            field=next((f for f in ("utm_source", "utm_medium", "utm_campaign") if f in lost), None),
            expected=back.url, actual=result.final_url,
            fix=f"Set {WHERE.get(back.profile.platform, f'the website link on {name}')} to {fixed} (the final "
                f"address, tags kept), or make the redirect keep the query string.")
