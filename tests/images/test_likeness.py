"""The perceptual fingerprint keeps one logo one face through what platforms do to an
avatar (resize, round crop, recompression, transparency) and tells different
logos apart."""
from __future__ import annotations

import itertools

import pytest
from logo_kit import cup_logo, decoded, encoded, leaf_logo, letter_logo, photo_like, round_avatar
from PIL import Image, ImageDraw

from omnilinks.images.likeness import SAME_CORRELATION, colour_distance, correlation, fingerprint, same_face


def star_logo(size: int = 512) -> Image.Image:
    image = Image.new("RGB", (size, size), (250, 250, 245))
    s = size / 100
    ImageDraw.Draw(image).polygon([(50 * s, 5 * s), (61 * s, 38 * s), (95 * s, 38 * s), (67 * s, 58 * s),
                                   (78 * s, 92 * s), (50 * s, 71 * s), (22 * s, 92 * s), (33 * s, 58 * s),
                                   (5 * s, 38 * s), (39 * s, 38 * s)], fill=(200, 30, 30))
    return image


def stripes_logo(size: int = 512) -> Image.Image:
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    for i in range(0, size, size // 8):
        draw.rectangle((i, 0, i + size // 16, size), fill=(10, 10, 10))
    return image


LOGOS = {"cup": cup_logo, "leaf": leaf_logo, "letter": letter_logo, "star": star_logo, "stripes": stripes_logo,
         "photo": photo_like}


@pytest.mark.parametrize("name", sorted(LOGOS))
@pytest.mark.parametrize("change", ["shrunk to 100", "enlarged to 1080", "round, white corners",
                                    "round, transparent corners", "round, black corners", "JPEG quality 60",
                                    "round, 100 px, JPEG 60", "on a wide canvas", "palette GIF"])
def test_one_logo_stays_one_face(name: str, change: str) -> None:
    logo = LOGOS[name]()
    changed = {
        "shrunk to 100": lambda: logo.resize((100, 100), Image.Resampling.BILINEAR),
        "enlarged to 1080": lambda: logo.resize((1080, 1080), Image.Resampling.BICUBIC),
        "round, white corners": lambda: round_avatar(logo),
        "round, transparent corners": lambda: round_avatar(logo, (0, 0, 0, 0)),
        "round, black corners": lambda: round_avatar(logo, (0, 0, 0, 255)),
        "JPEG quality 60": lambda: decoded(encoded(logo, "JPEG", quality=60)),
        "round, 100 px, JPEG 60": lambda: decoded(encoded(round_avatar(logo).resize((100, 100)), "JPEG", quality=60)),
        "on a wide canvas": lambda: _centred_on_wide(logo),
        "palette GIF": lambda: decoded(encoded(logo.convert("RGB"), "GIF")),
    }[change]()
    a, b = fingerprint(logo), fingerprint(changed)
    assert same_face(a, b), (correlation(a.grey, b.grey), colour_distance(a.colour, b.colour))
    assert correlation(a.grey, b.grey) >= 0.97  # with a margin, not at the edge of the threshold


def _centred_on_wide(logo: Image.Image) -> Image.Image:
    """A site header's wide logo image with the square mark in the middle (what a platform crops to)."""
    canvas = Image.new("RGBA", (logo.width * 2, logo.height), (255, 255, 255, 255))
    canvas.paste(logo.convert("RGBA"), (logo.width // 2, 0))
    return canvas


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(sorted(LOGOS), 2)))
def test_different_logos_are_told_apart(first: str, second: str) -> None:
    a, b = fingerprint(LOGOS[first]()), fingerprint(LOGOS[second]())
    assert not same_face(a, b)
    assert correlation(a.grey, b.grey) < SAME_CORRELATION - 0.15  # with a margin
    # Also after the avatar treatment on one side: a round recompressed copy of another logo.
    b_avatar = fingerprint(decoded(encoded(round_avatar(LOGOS[second]()).resize((200, 200)), "JPEG", quality=60)))
    assert not same_face(a, b_avatar)


def test_a_recoloured_badge_is_another_face() -> None:
    navy, orange = fingerprint(letter_logo(ink=(20, 40, 140))), fingerprint(letter_logo(ink=(240, 140, 20)))
    assert not same_face(navy, orange)
    assert colour_distance(navy.colour, orange.colour) > 100


def test_the_fingerprint_ignores_the_corners_a_round_avatar_hides() -> None:
    logo = cup_logo()
    painted = logo.copy()
    draw = ImageDraw.Draw(painted)
    for box in ((0, 0, 60, 60), (452, 0, 512, 60), (0, 452, 60, 512), (452, 452, 512, 512)):
        draw.rectangle(box, fill=(255, 0, 0, 255))
    assert fingerprint(logo) == fingerprint(painted)


def _random_mark(seed: int) -> Image.Image:
    """A random badge: a few coloured polygons and ellipses, the kind of mark small businesses draw."""
    import random

    rng = random.Random(seed)
    image = Image.new("RGB", (256, 256), tuple(rng.randrange(200, 256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randrange(2, 6)):
        colour = tuple(rng.randrange(0, 200) for _ in range(3))
        if rng.random() < 0.5:
            draw.polygon([(rng.randrange(20, 236), rng.randrange(20, 236)) for _ in range(rng.randrange(3, 7))],
                         fill=colour)
        else:
            x, y = rng.randrange(20, 160), rng.randrange(20, 160)
            draw.ellipse((x, y, x + rng.randrange(30, 90), y + rng.randrange(30, 90)), fill=colour)
    return image


def test_forty_random_marks_never_pass_for_one_another() -> None:
    prints = [fingerprint(_random_mark(seed)) for seed in range(40)]
    confused = [(i, j) for i, j in itertools.combinations(range(40), 2) if same_face(prints[i], prints[j])]
    assert confused == []
    # and each survives its own avatar treatment
    for seed in range(0, 40, 4):
        mark = _random_mark(seed)
        avatar = decoded(encoded(round_avatar(mark).resize((110, 110)), "JPEG", quality=60))
        assert same_face(fingerprint(mark), fingerprint(avatar)), seed
