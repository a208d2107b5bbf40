"""The HTML report's two pictures: thumbnails only as base64 PNG data URIs,
escaped captions, and the addresses when a report has no thumbnails."""
from __future__ import annotations

from omnilinks.models import Finding
from omnilinks.report.logo_pair import logo_pair

PNG = "data:image/png;base64,iVBORw0KGgo="


def _finding(**changes: str) -> Finding:
    fields = {"rule": "brand-logo-mismatch", "category": "brand", "severity": "warning", "message": "m",
              "field": "logo", "platform": "tiktok", "expected": "https://a.example/logo.png",
              "actual": "https://b.example/avatar.jpg"} | changes
    return Finding(**fields)  # type: ignore[arg-type]


def test_both_pictures_side_by_side() -> None:
    html = logo_pair(_finding(), {"https://a.example/logo.png": PNG, "https://b.example/avatar.jpg": PNG})
    assert html.count(f'<img src="{PNG}"') == 2 and "on tiktok" in html and "the site" in html


def test_without_thumbnails_the_addresses_are_shown() -> None:
    html = logo_pair(_finding(), {})
    assert "<img" not in html and html.count("not shown") == 2 and "https://b.example/avatar.jpg" in html


def test_only_a_base64_png_data_uri_reaches_a_src_attribute() -> None:
    hostile = {"https://a.example/logo.png": 'data:image/png;base64,AA=="><script>alert(1)</script>',
               "https://b.example/avatar.jpg": "https://tracker.example/pixel.gif"}
    html = logo_pair(_finding(actual='https://b.example/"><script>x</script>'), hostile)
    assert "<script" not in html and "tracker.example" not in html and "<img" not in html


def test_other_findings_get_no_pictures() -> None:
    assert logo_pair(_finding(field="name"), {}) == ""
    assert logo_pair(_finding(expected=""), {}) == ""
