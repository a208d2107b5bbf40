"""The bundled demo, end to end, against a golden JSON report.

Regenerate after an intended change: OMNILINKS_UPDATE_GOLDEN=1 pytest tests/core/test_demo_golden.py
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden_files import golden_json

from omnilinks.cli import DEMO_DIR
from omnilinks.pipeline import RunOptions, run
from omnilinks.report.json_format import to_dict

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden" / "demo.json"


def demo_report(monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.chdir(REPO)
    report = run(str(DEMO_DIR / "site"), RunOptions(config_path=str(DEMO_DIR / "omnilinks.yml"),
                                                    har=str(DEMO_DIR / "recorded.har"), replay_only=True,
                                                    use_cache=False))
    text = json.dumps(to_dict(report), indent=2, ensure_ascii=False).replace(str(REPO) + "/", "")
    data = json.loads(text)
    data["tool"]["version"] = "*"
    data["run"] = {key: "*" for key in data["run"]}  # the clock, not the report
    return data


def test_demo_matches_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    data = demo_report(monkeypatch)
    assert data == golden_json(GOLDEN, data)


def test_demo_covers_every_category_and_channel_status(monkeypatch: pytest.MonkeyPatch) -> None:
    data = demo_report(monkeypatch)
    assert {f["category"] for f in data["findings"]} == {"link", "crossref", "nap", "schema", "brand", "attribution"}
    statuses = {c["platform"]: c["status"] for c in data["channels"]}
    assert statuses["instagram"] == "unverifiable"  # a login wall is never "broken" nor "fine"
    assert statuses["tiktok"] == "verified"
    assert statuses["google_business"] == "unverifiable"
    assert all(c["evidence"] == "demo recording" for c in data["channels"] if c["platform"] not in ("whatsapp", "google_business"))
    assert data["complete"] is True
