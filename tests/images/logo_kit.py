"""Logos drawn with Pillow for the image tests: no binary files in the repository."""
from __future__ import annotations

import io

from PIL import Image, ImageDraw


def cup_logo(size: int = 512, ink: tuple[int, int, int] = (120, 60, 20), paper: tuple[int, int, int, int] = (255, 255, 255, 255)) -> Image.Image:
    """A coffee cup with steam: the Kopi Senja mark."""
    image = Image.new("RGBA", (size, size), paper)
    draw = ImageDraw.Draw(image)
    s = size / 100
    draw.rounded_rectangle((25 * s, 45 * s, 65 * s, 80 * s), radius=8 * s, fill=ink)
    draw.ellipse((60 * s, 52 * s, 78 * s, 70 * s), outline=ink, width=int(4 * s))
    draw.rectangle((20 * s, 82 * s, 75 * s, 86 * s), fill=ink)
    for x in (35, 45, 55):
        draw.arc((x * s, 18 * s, (x + 8) * s, 40 * s), 90, 270, fill=ink, width=int(3 * s))
    return image


def leaf_logo(size: int = 512, ink: tuple[int, int, int] = (30, 110, 50)) -> Image.Image:
    """Another business's mark: a leaf on a stem."""
    image = Image.new("RGBA", (size, size), (255, 255, 255, 255))
    draw = ImageDraw.Draw(image)
    s = size / 100
    draw.polygon([(50 * s, 10 * s), (80 * s, 45 * s), (50 * s, 85 * s), (20 * s, 45 * s)], fill=ink)
    draw.line((50 * s, 20 * s, 50 * s, 95 * s), fill=(255, 255, 255), width=int(3 * s))
    return image


def letter_logo(size: int = 512, ink: tuple[int, int, int] = (20, 40, 140)) -> Image.Image:
    """A monogram on a coloured badge: bold blocks forming a K."""
    image = Image.new("RGBA", (size, size), (255, 255, 255, 255))
    draw = ImageDraw.Draw(image)
    s = size / 100
    draw.ellipse((8 * s, 8 * s, 92 * s, 92 * s), fill=ink)
    draw.rectangle((32 * s, 25 * s, 42 * s, 75 * s), fill=(255, 255, 255))
    draw.polygon([(42 * s, 50 * s), (66 * s, 25 * s), (74 * s, 31 * s), (52 * s, 52 * s)], fill=(255, 255, 255))
    draw.polygon([(46 * s, 48 * s), (56 * s, 48 * s), (74 * s, 72 * s), (64 * s, 76 * s)], fill=(255, 255, 255))
    return image


def photo_like(size: int = 512) -> Image.Image:
    """A storefront-ish photo: a gradient sky, a dark door, no logo."""
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):
        draw.line((0, y, size, y), fill=(90 + y * 100 // size, 140, 200 - y * 120 // size))
    draw.rectangle((size * 0.4, size * 0.45, size * 0.6, size), fill=(40, 25, 15))
    return image


def round_avatar(image: Image.Image, corner: tuple[int, int, int, int] = (255, 255, 255, 255)) -> Image.Image:
    """What a platform shows: the square cut to a circle, corners painted (or transparent)."""
    size = image.size
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, size[0] - 1, size[1] - 1), fill=255)
    out = Image.new("RGBA", size, corner)
    out.paste(image.convert("RGBA"), (0, 0), mask)
    return out


def encoded(image: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image = image.convert("RGB")
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
