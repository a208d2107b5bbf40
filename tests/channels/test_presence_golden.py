"""A whole presence — site folder, omnilinks.yml and every channel's answer
recorded — checked end to end; the channel statuses and findings are golden.

Regenerate after an intended change: OMNILINKS_UPDATE_GOLDEN=1 pytest tests/channels
"""
from __future__ import annotations

import json
from pathlib import Path

import responses
from golden_files import golden_json

from omnilinks.pipeline import check
from omnilinks.report.json_format import to_dict

PRESENCE = Path(__file__).resolve().parents[2] / "fixtures" / "presence"
GOLDEN = Path(__file__).resolve().parent / "golden" / "presence.json"


def _serve(mock: responses.RequestsMock) -> None:
    manifest = json.loads((PRESENCE / "responses" / "manifest.json").read_text(encoding="utf-8"))
    for url, answer in manifest.items():
        body = (PRESENCE / "responses" / answer["file"]).read_bytes() if "file" in answer else answer.get("body", "")
        mock.add(responses.GET, url, status=answer.get("status", 200), body=body,
                 headers=answer.get("headers", {}), content_type="text/html; charset=utf-8")


def _run() -> dict:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        _serve(mock)
        report = check(str(PRESENCE / "site"), config_path=str(PRESENCE / "omnilinks.yml"), use_cache=False)
    return to_dict(report)


def _report() -> dict:
    data = _run()
    data["tool"].pop("version")
    data["run"] = {key: "*" for key in data["run"]}  # the clock, not the report
    # Paths as the user typed them; make them independent of where the repository is.
    return json.loads(json.dumps(data).replace(str(PRESENCE), "fixtures/presence"))


def test_presence_matches_golden() -> None:
    data = _report()
    expected = golden_json(GOLDEN, data)
    assert data["channels"] == expected["channels"]
    assert data["findings"] == expected["findings"]
    assert data == expected


def test_presence_statuses_are_the_intended_ones() -> None:
    """The golden file is reviewed by reading this: each channel's intended verdict."""
    channels = {c["url"]: (c["status"], c["evidence"]) for c in _report()["channels"]}
    assert channels == {
        "https://www.instagram.com/kopisenja/": ("verified", "facts (checked 2025-01-10)"),
        "https://www.tiktok.com/@kopisenja.id": ("verified", "fetched"),
        # the header shows Instagram first; the About panel lists the site second
        "https://www.youtube.com/@kopisenja": ("verified", "fetched"),
        "https://wa.me/6281234567890": ("verified", "link"),
        "https://maps.app.goo.gl/KopiSenja1": ("unverifiable", None),
        "https://www.tokopedia.com/kopisenja": ("verified", "fetched"),
        "https://www.linkedin.com/company/kopi-senja/": ("unverifiable", "fetched"),
        # links back, but shows another phone: the channel as a whole is a mismatch
        "https://direktorikafe.example/kafe/kopi-senja": ("mismatch", "fetched"),
        "https://asosiasikopi.example/anggota": ("mismatch", "fetched"),
    }


def test_presence_report_validates_against_the_shipped_schema() -> None:
    import jsonschema

    from omnilinks.report.json_format import schema

    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(_run())
