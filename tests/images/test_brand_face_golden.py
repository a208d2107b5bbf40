"""One face on every channel, end to end: fixtures/brand-face (a site, its
channel pages as recorded, every picture drawn with Pillow) checked online
against mocked platforms; the findings and channels are golden.

Regenerate after an intended change: OMNILINKS_UPDATE_GOLDEN=1 pytest tests/images
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import responses
from brand_face_images import channel_pictures, write_site_images
from golden_files import golden_json

from omnilinks.pipeline import check
from omnilinks.report import FORMATS
from omnilinks.report.base import RenderOptions
from omnilinks.report.json_format import to_dict

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "brand-face"
GOLDEN = Path(__file__).resolve().parent / "golden" / "brand-face.json"


def _run(tmp_path: Path):
    site = tmp_path / "brand-face" / "site"
    shutil.copytree(FIXTURE / "site", site)
    shutil.copy(FIXTURE / "omnilinks.yml", site.parent / "omnilinks.yml")
    write_site_images(site)
    pictures = channel_pictures()
    manifest = json.loads((FIXTURE / "responses" / "manifest.json").read_text(encoding="utf-8"))
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        for url, answer in manifest.items():
            if "image" in answer:
                mock.add(responses.GET, url, body=pictures[answer["image"]], content_type="image/jpeg")
            else:
                mock.add(responses.GET, url, body=(FIXTURE / "responses" / answer["file"]).read_bytes(),
                         content_type="text/html; charset=utf-8")
        report = check(str(site), config_path=str(site.parent / "omnilinks.yml"), use_cache=False)
    return report, str(site.parent)


def _data(report, root: str) -> dict:
    data = to_dict(report)
    data["tool"].pop("version")
    data["run"] = {key: "*" for key in data["run"]}  # the clock, not the report
    return json.loads(json.dumps(data).replace(root, "fixtures/brand-face"))


def test_brand_face_matches_golden(tmp_path: Path) -> None:
    report, root = _run(tmp_path)
    data = _data(report, root)
    expected = golden_json(GOLDEN, data)
    assert data["channels"] == expected["channels"]
    assert data["findings"] == expected["findings"]
    assert data == expected


def test_the_intended_findings(tmp_path: Path) -> None:
    """The golden file is reviewed by reading this: which pictures differ, which previews are wrong."""
    report, _ = _run(tmp_path)
    avatars = {c.platform: c.avatar for c in report.channels}
    assert avatars["facebook"] is None  # the login page's og:image is Facebook's logo, not the page's
    assert avatars["tiktok"].endswith("cropcenter:1080:1080.jpeg?x-expires=1767272400&x-signature=def")
    assert avatars["youtube"] == "https://yt3.googleusercontent.com/ytc/aurora=s900-c-k-c0x00ffffff-no-rj"
    logo = sorted((f.platform, f.expected, f.actual.split("/")[2]) for f in report.findings
                  if f.rule == "brand-logo-mismatch")
    assert logo == [("instagram", "https://padariaaurora.com.br/img/logo.png", "scontent-gru2-1.cdninstagram.com"),
                    ("shopee", "https://padariaaurora.com.br/img/logo.png", "down-br.img.susercontent.com")]
    previews = sorted((f.rule, Path(f.location.path or "").parent.name + "/" + Path(f.location.path or "").name)
                      for f in report.findings if f.rule.startswith("brand-preview-"))
    assert previews == [("brand-preview-card-missing", "site/sobre.html"),
                        ("brand-preview-image-broken", "menu/index.html"),
                        ("brand-preview-image-too-small", "site/sobre.html"),
                        ("brand-preview-url-mismatch", "menu/index.html")]


def test_the_html_report_shows_the_two_pictures_side_by_side(tmp_path: Path) -> None:
    report, _ = _run(tmp_path)
    html = FORMATS["html"].render(report, RenderOptions())
    assert html.count('class="logo-pair"') == 2
    assert html.count("data:image/png;base64,") == 4  # the site's logo once per pair, and each channel's picture
    assert "https://padariaaurora.com.br/img/logo.png" in html
