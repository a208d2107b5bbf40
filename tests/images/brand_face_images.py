"""The pictures of fixtures/brand-face, drawn with Pillow: the site's logo files
(written into a copy of the site) and each channel's profile picture (served
by the test at the URL the recorded page names)."""
from __future__ import annotations

from pathlib import Path

from logo_kit import cup_logo, encoded, leaf_logo, photo_like, round_avatar
from PIL import Image


def write_site_images(site: Path) -> None:
    (site / "img").mkdir(exist_ok=True)
    wide = Image.new("RGBA", (480, 240), (0, 0, 0, 0))  # the header logo: transparent, the cup in the middle
    wide.alpha_composite(cup_logo(240, paper=(0, 0, 0, 0)), (120, 0))
    (site / "img" / "logo.png").write_bytes(encoded(wide))
    (site / "apple-touch-icon.png").write_bytes(encoded(cup_logo(180)))
    (site / "favicon-32.png").write_bytes(encoded(cup_logo(32)))
    share = Image.new("RGB", (1200, 630), (255, 244, 225))
    share.paste(cup_logo(420).convert("RGB"), (390, 105))
    (site / "img" / "share.jpg").write_bytes(encoded(share, "JPEG", quality=85))


def channel_pictures() -> dict[str, bytes]:
    """File name in responses/manifest.json → the bytes the platform's CDN serves."""
    return {
        "cup-round-1080.jpg": encoded(round_avatar(cup_logo(1080)), "JPEG", quality=60),
        "cup-900.jpg": encoded(cup_logo(900), "JPEG", quality=75),
        "leaf-round-150.jpg": encoded(round_avatar(leaf_logo(150)), "JPEG", quality=60),
        "shop-front.jpg": encoded(photo_like(600), "JPEG", quality=70),
    }
