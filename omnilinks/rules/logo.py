"""Category `brand`, field `logo`: one face on every channel. Each channel's
profile picture is compared with the site's logo by a perceptual fingerprint
(omnilinks.images.likeness), so a resized, recompressed or round-cropped copy of
the logo matches and another picture does not. The avatar matches when it
looks like any of the site's own pictures of its logo (JSON-LD logo, home page
icons, home page og:image); the finding names the first as the reference."""
from __future__ import annotations

from collections.abc import Iterator

from omnilinks.channels.base import label
from omnilinks.channels.sitelinks import channel_location, link_index
from omnilinks.images.collect import home_page, logo_candidates
from omnilinks.images.likeness import MIN_SIDE, Fingerprint, same_face
from omnilinks.models import Finding, ImageInfo
from omnilinks.rules.base import Context, rule

LOGO_MISMATCH = rule(
    "brand-logo-mismatch", "brand", "warning", "A channel's profile picture is not the site's logo",
    why="Customers recognise a business by its logo before they read its name: a profile picture that differs "
        "from the site's logo (an old logo, a photo, another business's picture) makes the channel look like "
        "someone else's and weakens the trust that carries a customer from one channel to the next.",
    how_to_fix="Upload the site's current logo (a square version, with the mark inside the central circle that "
               "platforms show) as the channel's profile picture, or update the site if the channel shows the "
               "newer logo.",
    example="The site's JSON-LD logo is a coffee cup; the TikTok avatar is a leaf from an old design.")


def check(ctx: Context) -> Iterator[Finding]:
    if not ctx.profiles or not ctx.images:
        return
    logos = [info for url in logo_candidates(ctx.identity, home_page(ctx.site))
             if (info := ctx.images.get(url)) is not None and _hashed(info)]
    if not logos:
        return  # no readable logo on the site: nothing to compare with
    index = None
    for profile in ctx.profiles:
        avatar = ctx.images.get(profile.avatar) if profile.avatar else None
        if avatar is None or not _hashed(avatar) or profile.status == "unreachable":
            continue
        if any(same_face(_print(logo), _print(avatar)) for logo in logos):
            continue
        if index is None:
            index = link_index(ctx.pages, ctx.site)
        reference = logos[0]
        name = label(profile.platform)
        yield LOGO_MISMATCH.finding(
            f"{name}'s profile picture {avatar.url} does not look like the site's logo {reference.url}",
            channel_location(profile, ctx, index), target=profile.url, platform=profile.platform, field="logo",
            expected=reference.url, actual=avatar.url,
            fix=f"Upload the logo {reference.url} (square, the mark inside the central circle) as the {name} profile "
                f"picture at {profile.url}; if the {name} picture is the current logo, update the site's logo instead.")


def _hashed(info: ImageInfo) -> bool:
    """Read, fingerprinted, and big enough to judge: a 16-pixel favicon blown up to compare says nothing."""
    return info.readable and info.fingerprint is not None and info.colour is not None \
        and min(info.width or 0, info.height or 0) >= MIN_SIDE


def _print(info: ImageInfo) -> Fingerprint:
    return Fingerprint(bytes.fromhex(info.fingerprint or ""), info.colour or (0, 0, 0))
