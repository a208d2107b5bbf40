"""Deep or sloppy nesting: a link after it is still found, as browsers find it."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from omnilinks.cli import cli
from omnilinks.extract.html import parse_page


@pytest.mark.parametrize("depth", [254, 300, 2_000, 5_000, 50_000])
@pytest.mark.parametrize("shape", ["divs", "unclosed"])
def test_a_link_under_deep_nesting_is_found(depth: int, shape: str) -> None:
    opening = "<div class='w'>" * depth if shape == "divs" else "<p><font size=2>" * (depth // 2)
    closing = "</div>" * depth if shape == "divs" else ""
    source = (f"<html><head><title>Toko</title></head><body><h1 id='top'>Toko</h1>\n{opening}\n"
              f"<a href='https://tienda.example/carta'>carta</a>\n{closing}<footer id='kontak'>"
              f"<a href='tel:+34911234567'>tel</a></footer></body></html>")
    started = time.monotonic()
    page = parse_page(source, "https://toko.example/")
    assert time.monotonic() - started < 5
    urls = [link.url for link in page.links]
    assert "https://tienda.example/carta" in urls and "tel:+34911234567" in urls
    carta = next(link for link in page.links if link.url == "https://tienda.example/carta")
    assert carta.location.line == 3  # line numbers survive the fallback
    assert {"top", "kontak"} <= set(page.ids)


def test_a_missed_broken_link_under_nesting_is_reported_by_a_run(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body>" + "<div>" * 254 + "<a href='hilang.html'>x</a>"
                                         + "</div>" * 254 + "</body></html>")
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--offline", "--no-progress", "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["links"] == 1
    assert [f["rule"] for f in report["findings"]] == ["link-internal-missing"]
