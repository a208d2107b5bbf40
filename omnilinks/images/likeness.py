"""Do two pictures show the same logo, as a customer sees them? Pillow alone.

Platforms show avatars round and re-encode them at their own sizes, so only
the central disc of the central square is compared: the image is put on white
(transparent logos), cropped to its central square, shrunk to 32×32 grey, and
the ~750 pixels inside the disc are its fingerprint. Two fingerprints are the
same face when their pixels correlate (Pearson, so brightness and contrast
shifts from recompression do not matter) and the disc's mean colour agrees.

Why not a 64-bit pHash like imagehash's: its bits are signs of DCT coefficients
against their median, and on smooth or finely patterned images most
coefficients sit near the median, so resizing alone flipped 10–26 of 63 bits
in our tests (a photo-like gradient, a striped mark), beyond any threshold
that still told logos apart. The correlation stayed ≥ 0.99 for every resize,
round crop and JPEG-60 copy and ≤ 0.65 between different logos.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported only when an image is read
    from PIL.Image import Image

SIZE = 32
DISC = 0.47  # radius of the compared disc, as a share of the side: inside the round crop's edge
SAME_CORRELATION = 0.85  # copies of one logo: ≥ 0.99 measured; different logos: ≤ 0.65
MIN_SIDE = 48  # pixels: a 16-pixel favicon blown up to compare says nothing
SAME_COLOUR = 60.0  # RGB distance of the disc's mean colours above which two pictures are told apart


@dataclass(frozen=True)
class Fingerprint:
    """A picture reduced to its central disc, as logos and avatars are compared."""

    grey: bytes  # the disc's pixels, row by row
    colour: tuple[int, int, int]  # the disc's mean colour

    def hex(self) -> str:
        return self.grey.hex()


def fingerprint(image: Image) -> Fingerprint:
    from PIL import Image as PILImage

    square = _central_square(on_white(image))
    rgb = square.resize((SIZE, SIZE), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    grey = rgb.convert("L").tobytes()
    inside = _inside()
    return Fingerprint(bytes(grey[i] for i in inside), _mean_colour(rgb.tobytes(), inside))


def correlation(a: bytes, b: bytes) -> float:
    """Pearson correlation of two fingerprints' pixels; 0 when either is flat or they differ in length."""
    if len(a) != len(b) or not a:
        return 0.0
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    da = [x - mean_a for x in a]
    db = [y - mean_b for y in b]
    spread = math.sqrt(sum(x * x for x in da) * sum(y * y for y in db))
    if spread == 0:
        return 1.0 if not any(da) and not any(db) else 0.0  # two flat discs are alike only in colour
    return sum(x * y for x, y in zip(da, db, strict=True)) / spread


def colour_distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    return math.dist(a, b)


def same_face(a: Fingerprint, b: Fingerprint) -> bool:
    return correlation(a.grey, b.grey) >= SAME_CORRELATION and colour_distance(a.colour, b.colour) <= SAME_COLOUR


def on_white(image: Image) -> Image:
    """RGB, with any transparency composited on white (how a logo sits on a page)."""
    from PIL import Image as PILImage

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        canvas = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        canvas.alpha_composite(rgba)
        return canvas.convert("RGB")
    return image.convert("RGB")


def _central_square(image: Image) -> Image:
    width, height = image.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    return image.crop((left, top, left + side, top + side))


@lru_cache(maxsize=1)
def _inside() -> tuple[int, ...]:
    """Indexes of the 32×32 pixels inside the compared disc."""
    centre, radius = (SIZE - 1) / 2, DISC * SIZE
    return tuple(y * SIZE + x for y in range(SIZE) for x in range(SIZE)
                 if math.hypot(x - centre, y - centre) <= radius)


def _mean_colour(rgb: bytes, inside: tuple[int, ...]) -> tuple[int, int, int]:
    totals = [0, 0, 0]
    for i in inside:
        for channel in range(3):
            totals[channel] += rgb[3 * i + channel]
    count = len(inside)
    return (totals[0] // count, totals[1] // count, totals[2] // count)
