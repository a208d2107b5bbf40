"""brand-logo-mismatch on small sites: which of the site's pictures is the
reference, and when nothing is judged (a favicon only, an unreadable avatar)."""
from __future__ import annotations

import json
from pathlib import Path

import responses
from logo_kit import cup_logo, encoded, leaf_logo, round_avatar

import omnilinks

AVATAR = "https://p16-sign-sg.tiktokcdn.com/avt/kopi~c5_1080x1080.jpeg"


def _site(root: Path, head: str, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).write_bytes(data)
    (root / "omnilinks.yml").write_text("site: {url: 'https://kopisenja.id'}\nbrand: {name: Kopi Senja, country: ID}\n"
                                        "channels: ['https://www.tiktok.com/@kopisenja']\ncheck: {external: false}\n")
    (root / "index.html").write_text(f"<html><head><title>Kopi Senja</title>{head}</head><body>"
                                     "<a href='tel:+62215550123'>021 555 0123</a></body></html>")
    return root


def _tiktok_page() -> str:
    user = {"uniqueId": "kopisenja", "nickname": "Kopi Senja", "bioLink": {"link": "kopisenja.id"}, "avatarLarger": AVATAR}
    data = {"__DEFAULT_SCOPE__": {"webapp.user-detail": {"userInfo": {"user": user}, "statusCode": 0}}}
    return f'<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">{json.dumps(data)}</script>'


def _logo_findings(root: Path, avatar: bytes | None, status: int = 200, notes: list | None = None) -> list:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(responses.GET, "https://www.tiktok.com/@kopisenja", body=_tiktok_page(), content_type="text/html")
        mock.add(responses.GET, AVATAR, body=avatar or b"", status=status, content_type="image/jpeg")
        report = omnilinks.check(str(root), use_cache=False)
    if notes is not None:
        notes.extend(report.notes)
    return [f for f in report.findings if f.rule == "brand-logo-mismatch"]


def test_an_svg_logo_falls_back_to_the_apple_touch_icon(tmp_path: Path) -> None:
    head = ("<link rel='icon' href='/logo.svg'><link rel='apple-touch-icon' href='/apple-touch-icon.png'>"
            '<script type="application/ld+json">{"@type": "CafeOrCoffeeShop", "name": "Kopi Senja", '
            '"logo": "https://kopisenja.id/logo.svg"}</script>')
    root = _site(tmp_path, head, {"logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
                                  "apple-touch-icon.png": encoded(cup_logo(180))})
    leaf = encoded(round_avatar(leaf_logo(1080)), "JPEG", quality=60)
    [finding] = _logo_findings(root, leaf)
    assert (finding.expected, finding.actual, finding.platform, finding.field) == \
        ("https://kopisenja.id/apple-touch-icon.png", AVATAR, "tiktok", "logo")
    assert finding.location.path.endswith("omnilinks.yml") and finding.location.line == 3
    cup = encoded(round_avatar(cup_logo(1080)), "JPEG", quality=60)
    assert _logo_findings(root, cup) == []


def test_a_favicon_alone_is_too_small_to_judge_by(tmp_path: Path) -> None:
    root = _site(tmp_path, "<link rel='icon' href='/favicon.png'>", {"favicon.png": encoded(cup_logo(16))})
    notes: list[str] = []
    assert _logo_findings(root, encoded(leaf_logo(400), "JPEG"), notes=notes) == []
    assert notes == ["the site shows no logo that could be read (https://kopisenja.id/favicon.png: 16×16 pixels, "
                     "too small to compare): channel pictures were not compared with it"]


def test_an_unreadable_avatar_is_not_judged(tmp_path: Path) -> None:
    root = _site(tmp_path, "<link rel='apple-touch-icon' href='/apple-touch-icon.png'>",
                 {"apple-touch-icon.png": encoded(cup_logo(180))})
    notes: list[str] = []
    assert _logo_findings(root, None, status=404, notes=notes) == []
    assert notes == [f"the TikTok picture {AVATAR} could not be read (HTTP 404): not compared with the site's logo"]
    notes.clear()
    assert _logo_findings(root, b"<html>denied</html>", notes=notes) == []
    assert notes == [f"the TikTok picture {AVATAR} could not be read (not an image (image/jpeg)): "
                     "not compared with the site's logo"]


def test_without_a_readable_logo_the_report_says_so(tmp_path: Path) -> None:
    root = _site(tmp_path, "<link rel='icon' href='/logo.svg'>", {"logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"})
    notes: list[str] = []
    assert _logo_findings(root, encoded(leaf_logo(400), "JPEG"), notes=notes) == []
    assert notes == ["the site shows no logo that could be read (https://kopisenja.id/logo.svg: an SVG image, which "
                     "Facebook, WhatsApp, LinkedIn and X do not show): channel pictures were not compared with it"]
