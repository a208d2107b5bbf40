"""Read one image safely: bounded in bytes before it is read and in pixels before
it is decoded (a 100-byte PNG can claim 50,000 × 50,000 pixels), then its size,
its perceptual hash and a thumbnail for the HTML report."""
from __future__ import annotations

import base64
import io
import threading
from typing import TYPE_CHECKING, Any

from omnilinks.models import ImageInfo

if TYPE_CHECKING:
    from PIL import Image

MAX_BYTES = 8 * 1024 * 1024  # Facebook's own limit for og:image
MAX_PIXELS = 25_000_000  # 5000×5000: larger than any real logo or preview image; decoding more is an attack
HASH_SIDE = 256  # JPEGs are decoded at a reduced scale near this: the hash needs 32×32
THUMB_SIDE = 64
# A decoded image holds 4 bytes a pixel: two at a time bounds the memory, whatever the thread count.
_DECODING = threading.BoundedSemaphore(2)


def looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head) or b"<svg" in head[:300]


def read_image(url: str, data: bytes, content_type: str = "", compare: bool = True) -> ImageInfo:
    """The image's facts, or ImageInfo.error saying in plain words why it is not one.

    Only a picture that is compared (a logo, an avatar) is decoded, fingerprinted and
    thumbnailed; a share-preview image needs only its size, which the header gives."""
    from PIL import Image, UnidentifiedImageError

    from omnilinks.images.likeness import fingerprint, on_white

    if not data:
        return ImageInfo(url, error="the file is empty")
    if "svg" in content_type or looks_like_svg(data):
        return ImageInfo(url, format="SVG", error="an SVG image, which Facebook, WhatsApp, LinkedIn and X do not show")
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            width, height = image.size
            fmt = image.format
            if width * height > MAX_PIXELS:
                return ImageInfo(url, width, height, fmt,
                                 error=f"{width}×{height} pixels: more than {MAX_PIXELS:,} (not decoded)")
            if not compare:
                return ImageInfo(url, width, height, fmt)
            with _DECODING:
                image.draft("RGB", (HASH_SIDE, HASH_SIDE))  # JPEG only: decode at 1/2…1/8 scale
                image.load()
                print_ = fingerprint(image)
                thumb = _thumbnail(on_white(image))
    except UnidentifiedImageError:
        return ImageInfo(url, error=f"not an image ({content_type or 'unknown format'})")
    except Image.DecompressionBombError:  # Pillow's own limit, hit in the header before ours
        return ImageInfo(url, error=f"claims more than {MAX_PIXELS:,} pixels: a decompression bomb (not decoded)")
    # A hostile or damaged file can raise almost anything from a decoder (OSError, ValueError,
    # SyntaxError, struct.error, EOFError, DecompressionBombError…): every one means "unreadable".
    except Exception as exc:  # noqa: BLE001
        return ImageInfo(url, error=f"the image cannot be decoded ({type(exc).__name__})")
    return ImageInfo(url, width, height, fmt, fingerprint=print_.hex(), colour=print_.colour, thumbnail=thumb)


def _thumbnail(image: Image.Image) -> str:
    small = image.copy()
    small.thumbnail((THUMB_SIDE, THUMB_SIDE))
    buffer = io.BytesIO()
    small.save(buffer, "PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def to_cache(info: ImageInfo) -> dict[str, Any]:
    return {"width": info.width, "height": info.height, "format": info.format, "fingerprint": info.fingerprint,
            "colour": list(info.colour) if info.colour else None, "thumbnail": info.thumbnail}


def from_cache(url: str, row: dict[str, Any]) -> ImageInfo | None:
    """A cached reading, or None when the row is not one this version wrote."""
    try:
        colour = row.get("colour")
        return ImageInfo(url, int(row["width"]), int(row["height"]), str(row["format"]),
                         fingerprint=str(bytes.fromhex(row["fingerprint"]).hex()) if row.get("fingerprint") else None,
                         colour=(int(colour[0]), int(colour[1]), int(colour[2])) if colour else None,
                         thumbnail=str(row["thumbnail"]) if row.get("thumbnail") else None)
    except (KeyError, TypeError, ValueError, IndexError):
        return None
