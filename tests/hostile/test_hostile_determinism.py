"""Identical runs give byte-identical reports, however the server orders its answers."""
from __future__ import annotations

import random
import time
from dataclasses import replace
from pathlib import Path

from hostile_servers import Handler, serve

from omnilinks import check
from omnilinks.report import FORMATS, RenderOptions


def jittery_site(handler: Handler) -> None:
    """Forty pages, each titled with another brand's name, answered after a random pause."""
    name = handler.path.strip("/")
    if name and not name.startswith("p"):
        return handler.answer(404, b"")
    time.sleep(random.uniform(0, 0.05))
    links = "".join(f'<a href="/p{i}">{i}</a>' for i in range(40))
    title = f"Halaman {name or 'utama'} | Kopi Senyap"
    handler.answer(200, f"<html><head><title>{title}</title></head><body>{links}</body></html>".encode())


def test_brand_title_mismatch_and_the_whole_report_are_the_same_between_runs(tmp_path: Path) -> None:
    (tmp_path / "omnilinks.yml").write_text("brand: {name: Kopi Senja}\ncheck: {retries: 0, timeout: 5}\n")
    outputs = []
    with serve(fallback=jittery_site) as site:
        for _ in range(3):
            report = check(site.url("/"), use_cache=False, allow_private=True,
                           config_path=str(tmp_path / "omnilinks.yml"))
            report = replace(report, started_at=None, duration=None)  # the clock, not the findings
            outputs.append({name: FORMATS[name].render(report, RenderOptions()) for name in ("json", "text")})
            titles = [f for f in report.findings if f.rule == "brand-title-mismatch"]
            assert len(titles) == 1 and titles[0].location.url == site.url("/")
    assert outputs[0] == outputs[1] == outputs[2]
