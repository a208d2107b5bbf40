"""Reading images safely: sizes, broken files, SVG, decompression bombs, byte caps,
the SSRF guard, the cache, and offline."""
from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import pytest
import responses
from logo_kit import cup_logo, encoded

from omnilinks.discover.folder import FolderSite
from omnilinks.fetch import HttpClient, HttpOptions, ResultCache
from omnilinks.images import probe
from omnilinks.images.collect import SKIPPED_OFFLINE, probe_image
from omnilinks.images.probe import MAX_PIXELS, read_image


def _with_size(png: bytes, width: int, height: int) -> bytes:
    """The same PNG claiming another size in its header (CRC fixed): what a bomb looks like to a reader."""
    ihdr = bytearray(png[8:33])  # length, type, 13 data bytes, CRC
    ihdr[8:16] = struct.pack(">II", width, height)
    ihdr[21:25] = struct.pack(">I", zlib.crc32(bytes(ihdr[4:21])) & 0xFFFFFFFF)
    return png[:8] + bytes(ihdr) + png[33:]


def test_a_png_and_a_jpeg_are_measured_and_fingerprinted() -> None:
    for fmt in ("PNG", "JPEG", "WEBP", "GIF"):
        info = read_image("https://x.test/logo", encoded(cup_logo(300).convert("RGB"), fmt))
        assert info.readable, (fmt, info)
        assert (info.width, info.height, info.format) == (300, 300, fmt)
        assert info.fingerprint and info.colour and info.thumbnail.startswith("data:image/png;base64,")


@pytest.mark.parametrize(("data", "content_type", "says"), [
    (b"", "image/png", "empty"),
    (b"<html><body>Not found</body></html>", "text/html", "not an image"),
    (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "", "SVG"),
    (b"<svg viewBox='0 0 1 1'></svg>", "image/svg+xml", "SVG"),
])
def test_what_is_not_a_raster_image_says_so(data: bytes, content_type: str, says: str) -> None:
    info = read_image("https://x.test/i", data, content_type)
    assert not info.readable and says in info.error


def test_a_truncated_image_is_unreadable_not_a_crash() -> None:
    data = encoded(cup_logo(400).convert("RGB"), "JPEG", quality=90)
    info = read_image("https://x.test/i.jpg", data[: len(data) // 3])
    assert not info.readable and "cannot be decoded" in info.error


@pytest.mark.parametrize(("width", "height"), [(6000, 6000), (50_000, 50_000), (1, 2_000_000_000)])
def test_a_decompression_bomb_is_refused_before_decoding(width: int, height: int) -> None:
    bomb = _with_size(encoded(cup_logo(64)), width, height)
    started = time.perf_counter()
    info = read_image("https://x.test/bomb.png", bomb)
    assert time.perf_counter() - started < 1.0  # nothing was decoded
    assert not info.readable and ("pixels" in info.error) and info.fingerprint is None


def test_a_real_large_image_over_the_pixel_cap_is_not_decoded() -> None:
    from PIL import Image

    side = int(MAX_PIXELS ** 0.5) + 10
    data = encoded(Image.new("L", (side, side)), "PNG")  # compresses to a few dozen kB
    assert len(data) < 200_000
    info = read_image("https://x.test/big.png", data)
    assert info.error and f"{side}×{side}" in info.error


def _folder(tmp_path: Path) -> FolderSite:
    site = FolderSite(tmp_path, "https://kopisenja.id")
    list(site.html_files())  # the walk indexes every file
    return site


class _Site:
    def __init__(self, folder: FolderSite | None):
        self.folder = folder

    def is_internal(self, url: str) -> bool:
        return self.folder is not None and self.folder.is_internal(url)


def test_folder_images_are_read_from_disk_and_missing_ones_reported(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "logo.png").write_bytes(encoded(cup_logo(256)))
    (tmp_path / "index.html").write_text("<p>hi</p>")
    site = _Site(_folder(tmp_path))
    client = HttpClient()
    found = probe_image("https://kopisenja.id/img/logo.png", site, client, network=False)
    assert (found.width, found.height, found.format) == (256, 256, "PNG")
    missing = probe_image("https://kopisenja.id/img/share.jpg", site, client, network=False)
    assert missing.error == "no file in the site folder serves this URL"
    assert client.requests_made == 0


def test_a_folder_image_over_the_byte_cap_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "big.png").write_bytes(encoded(cup_logo(256)))
    monkeypatch.setattr("omnilinks.images.collect.MAX_BYTES", 100)
    info = probe_image("https://kopisenja.id/big.png", _Site(_folder(tmp_path)), HttpClient(), network=False)
    assert "larger than" in info.error


def test_a_symlink_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(encoded(cup_logo(64)))
    root = tmp_path / "site"
    root.mkdir()
    try:
        (root / "logo.png").symlink_to(outside / "secret.png")
    except OSError:
        pytest.skip("no symlinks here")
    info = probe_image("https://kopisenja.id/logo.png", _Site(_folder(root)), HttpClient(), network=False)
    # The folder walk does not list a file symlinked out of the site, and the reader refuses it too.
    assert info.width is None and info.error is not None
    assert "outside the site folder" in info.error or "no file in the site folder" in info.error


def test_offline_an_external_image_is_skipped_not_judged() -> None:
    client = HttpClient()
    info = probe_image("https://cdn.example/logo.png", _Site(None), client, network=False)
    assert info.skipped == SKIPPED_OFFLINE and info.error is None and not info.readable
    assert client.requests_made == 0


@responses.activate
def test_online_images_go_through_the_client_with_its_caps() -> None:
    png = encoded(cup_logo(300))
    responses.add(responses.GET, "https://cdn.example/logo.png", body=png, content_type="image/png")
    responses.add(responses.GET, "https://cdn.example/gone.png", status=404)
    responses.add(responses.GET, "https://cdn.example/huge.png", body=b"\x89PNG" + b"0" * 5000, content_type="image/png")
    client = HttpClient(HttpOptions(retries=0))
    assert probe_image("https://cdn.example/logo.png", _Site(None), client, network=True).width == 300
    assert probe_image("https://cdn.example/gone.png", _Site(None), client, network=True).error == "HTTP 404"
    old = probe.MAX_BYTES
    try:
        import omnilinks.images.collect as collect

        collect.MAX_BYTES = 1000
        assert "larger than" in probe_image("https://cdn.example/huge.png", _Site(None), client, network=True).error
    finally:
        collect.MAX_BYTES = old


def test_an_image_on_a_private_address_is_refused_by_the_guard() -> None:
    client = HttpClient(HttpOptions(retries=0, timeout=2))
    info = probe_image("http://127.0.0.1:9/logo.png", _Site(None), client, network=True)
    assert info.error.startswith("refused to connect to 127.0.0.1") and "private" in info.error


def test_a_readable_image_is_cached_between_runs(tmp_path: Path) -> None:
    png = encoded(cup_logo(300))
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, "https://cdn.example/logo.png", body=png, content_type="image/png")
        first = probe_image("https://cdn.example/logo.png", _Site(None), HttpClient(cache=ResultCache(tmp_path)), True)
    with responses.RequestsMock():  # nothing registered: a request would fail the test
        again = probe_image("https://cdn.example/logo.png", _Site(None), HttpClient(cache=ResultCache(tmp_path)), True)
    assert again == first


def test_a_replay_only_run_does_not_call_an_unrecorded_image_broken() -> None:
    from omnilinks.fetch.replay import ReplayAdapter

    client = HttpClient(HttpOptions(retries=0), transport=ReplayAdapter({}, None, label="demo recording"))
    info = probe_image("https://cdn.example/share.jpg", _Site(None), client, network=True)
    assert info.error is None and info.skipped and not info.readable
