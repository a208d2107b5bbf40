"""A perceptual hash of a logo as a customer sees it, on Pillow alone.

Platforms show avatars round and re-encode them at their own sizes, so the
hash looks only at the central disc of the central square: the image is put
on white (transparent logos), cropped to its central square, shrunk to 32×32
grey, the corners outside the disc set to the disc's mean, and the sign of
the 63 lowest DCT frequencies against their median is kept (pHash). Resizing
and recompression move few of those bits; a different drawing moves about
half. A pure-Python DCT of 8 of 32 frequencies per axis costs well under a
millisecond, which spares the package numpy and scipy.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported only when an image is read
    from PIL.Image import Image

SIZE = 32
LOW = 8  # frequencies kept per axis
DISC = 0.47  # radius of the compared disc, as a share of the side: inside the round crop's edge
SAME_BITS = 12  # at most this many of 63 bits differ between two copies of one logo
SAME_COLOUR = 60.0  # RGB distance of the disc's mean colour above which two logos are told apart


@dataclass(frozen=True)
class Fingerprint:
    bits: int
    colour: tuple[int, int, int]


def fingerprint(image: Image) -> Fingerprint:
    from PIL import Image as PILImage

    square = _central_square(on_white(image))
    rgb = square.resize((SIZE, SIZE), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    grey = rgb.convert("L").tobytes()
    mask = _disc()
    inside = [grey[i] for i in range(SIZE * SIZE) if mask[i]]
    mean = sum(inside) / len(inside)
    values = [grey[i] if mask[i] else mean for i in range(SIZE * SIZE)]
    low = _dct_low(values)
    flat = [low[u][v] for u in range(LOW) for v in range(LOW)][1:]  # the DC term is only brightness
    median = sorted(flat)[len(flat) // 2]
    bits = 0
    for value in flat:
        bits = (bits << 1) | (value > median)
    return Fingerprint(bits, _mean_colour(rgb.tobytes(), mask))


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def colour_distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    return math.dist(a, b)


def same_face(a: Fingerprint, b: Fingerprint) -> bool:
    return distance(a.bits, b.bits) <= SAME_BITS and colour_distance(a.colour, b.colour) <= SAME_COLOUR


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
def _disc() -> tuple[bool, ...]:
    centre, radius = (SIZE - 1) / 2, DISC * SIZE
    return tuple(math.hypot(x - centre, y - centre) <= radius for y in range(SIZE) for x in range(SIZE))


@lru_cache(maxsize=1)
def _cosines() -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(math.cos((2 * x + 1) * u * math.pi / (2 * SIZE)) for x in range(SIZE)) for u in range(LOW))


def _dct_low(values: list[float]) -> list[list[float]]:
    """The LOW×LOW lowest 2-D DCT-II coefficients (unnormalised: only their order matters)."""
    cos = _cosines()
    rows = [[sum(values[y * SIZE + x] * cos[u][x] for x in range(SIZE)) for u in range(LOW)] for y in range(SIZE)]
    return [[sum(rows[y][u] * cos[v][y] for y in range(SIZE)) for u in range(LOW)] for v in range(LOW)]


def _mean_colour(rgb: bytes, mask: tuple[bool, ...]) -> tuple[int, int, int]:
    totals = [0, 0, 0]
    count = 0
    for i, inside in enumerate(mask):
        if inside:
            for channel in range(3):
                totals[channel] += rgb[3 * i + channel]
            count += 1
    return (totals[0] // count, totals[1] // count, totals[2] // count)
