"""Preview images of a live site are downloaded through the one client: a real
local server, the SSRF guard for other hosts, a bomb refused before decoding;
and the start-up stays light (Pillow only when an image is read)."""
from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from logo_kit import cup_logo, encoded
from PIL import Image
from test_probe import _with_size

import omnilinks

HEAD = ("<title>{t} · Kopi Senja</title><meta property='og:title' content='{t}'>"
        "<meta property='og:site_name' content='Kopi Senja'><meta name='twitter:card' content='summary_large_image'>"
        "<meta property='og:image' content='{image}'>")
SHARE = Image.new("RGB", (1200, 630), (250, 240, 220))
FILES = {
    "/share.jpg": (encoded(SHARE, "JPEG", quality=80), "image/jpeg"),
    "/bomb.png": (_with_size(encoded(cup_logo(64)), 50_000, 50_000), "image/png"),
}
PAGES = {
    "/": HEAD.format(t="Kopi Senja", image="/share.jpg") + "<a href='/menu'>menu</a> <a href='/promo'>promo</a>"
         " <a href='/kontak'>kontak</a>",
    "/menu": HEAD.format(t="Menu", image="/gone.jpg"),
    "/promo": HEAD.format(t="Promo", image="/bomb.png"),
    "/kontak": HEAD.format(t="Kontak", image="http://127.0.0.2:9/share.jpg"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path in PAGES:
            data, kind = f"<html><head>{PAGES[self.path]}</head><body>hi</body></html>".encode(), "text/html"
        elif self.path in FILES:
            data, kind = FILES[self.path]
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_live_preview_images_are_fetched_measured_and_guarded(server: str) -> None:
    report = omnilinks.check(server + "/", use_cache=False)
    broken = sorted((f.location.url or f.location.path or "").removeprefix(server) + " " + (f.actual or "")
                    for f in report.findings if f.rule == "brand-preview-image-broken")
    assert broken == [
        "/kontak refused to connect to 127.0.0.2 (127.0.0.2): private or reserved address",
        "/menu HTTP 404",
        "/promo claims more than 25,000,000 pixels: a decompression bomb (not decoded)",
    ]
    # the good image was read and found right: no size or shape finding for it
    assert not [f for f in report.findings if f.target == server + "/share.jpg"]


def test_offline_an_external_image_is_not_downloaded(tmp_path: Path) -> None:
    report = omnilinks.check(str(_one_page(tmp_path, "https://cdn.example/share.jpg")), offline=True, use_cache=False)
    assert not [f for f in report.findings if f.rule.startswith("brand-preview-image")]
    assert any("not downloaded (offline" in n for n in report.notes)


def _one_page(root: Path, image: str | None) -> Path:
    head = HEAD.format(t="Kopi Senja", image=image) if image else "<title>Kopi Senja</title>"
    (root / "index.html").write_text(f"<html><head>{head}</head><body>hi</body></html>", encoding="utf-8")
    return root


@pytest.mark.parametrize(("image", "pillow"), [(None, False), ("https://cdn.example/x.jpg", False), ("/x.jpg", False),
                                              ("/real.png", True)])
def test_an_offline_check_of_a_page_imports_no_image_library_it_does_not_need(
        tmp_path: Path, image: str | None, pillow: bool) -> None:
    site = _one_page(tmp_path, image)
    (site / "real.png").write_bytes(encoded(cup_logo(64)))
    code = ("import sys; from omnilinks.cli import main\n"
            "try:\n    main([ 'check', sys.argv[1], '--offline', '--no-cache', '--format', 'json', '-o', sys.argv[2]])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('PIL', 'numpy', 'scipy', 'pywt', 'imagehash') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(site), str(tmp_path / "r.json")],
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == str(["PIL"] if pillow else []), out.stderr
