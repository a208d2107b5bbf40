"""Attribution hygiene on a whole presence — a Mexico City bakery's site, its
omnilinks.yml and every channel's answer recorded (fixtures/attribution):
channel links back tagged inconsistently, UTM tags on the site's own links,
WhatsApp texts that differ, a landing redirect that drops the tags. The
findings are golden.

Regenerate after an intended change: OMNILINKS_UPDATE_GOLDEN=1 pytest tests/channels/test_attribution_golden.py
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import responses

from omnilinks.pipeline import check
from omnilinks.report.json_format import to_dict

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "attribution"
GOLDEN = Path(__file__).resolve().parent / "golden" / "attribution.json"


def _serve(mock: responses.RequestsMock, methods: tuple[str, ...] = ("GET", "HEAD")) -> None:
    manifest = json.loads((FIXTURE / "responses" / "manifest.json").read_text(encoding="utf-8"))
    for key, answer in manifest.items():
        method, url = key.split(" ", 1)
        if method not in methods:
            continue
        body = (FIXTURE / "responses" / answer["file"]).read_bytes() if "file" in answer else b""
        mock.add(method, url, status=answer.get("status", 200), body=body, headers=answer.get("headers", {}),
                 content_type="text/html; charset=utf-8", match=[responses.matchers.query_string_matcher(url.partition("?")[2])])


def _run(config: Path, offline: bool = False) -> dict:
    with responses.RequestsMock(assert_all_requests_are_fired=not offline) as mock:
        _serve(mock)
        report = check(str(FIXTURE / "site"), config_path=str(config), use_cache=False, offline=offline or None)
    data = to_dict(report)
    data["tool"].pop("version")
    return json.loads(json.dumps(data).replace(str(FIXTURE), "fixtures/attribution"))


def _attribution(data: dict) -> list[dict]:
    return [f for f in data["findings"] if f["category"] == "attribution"]


def test_attribution_presence_matches_golden() -> None:
    data = _run(FIXTURE / "omnilinks.yml")
    if os.environ.get("OMNILINKS_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert _attribution(data) == _attribution(expected)
    assert data == expected
