"""The audit's parts: the clients file, shards, the portfolio page, the CSV, progress."""
from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
import responses

from omnilinks.audit import load_clients, parse_shard
from omnilinks.audit.csv_export import cell, render_csv
from omnilinks.audit.portfolio import render_portfolio
from omnilinks.audit.progress import AuditProgress
from omnilinks.audit.summary import score, top_fixes
from omnilinks.errors import ConfigError, OmnilinksError

PORTFOLIO = Path(__file__).resolve().parents[2] / "fixtures" / "portfolio"


def finding(rule: str, severity: str, target: str, fix: str = "Fix it.", message: str = "m") -> dict:
    return {"rule": rule, "category": "link", "severity": severity, "message": message, "target": target, "fix": fix,
            "location": {"path": "index.html", "line": 3, "column": 1, "url": None}, "platform": None,
            "field": None, "expected": None, "actual": None}


def result(name: str, findings: list[dict], channels: list[dict] | None = None, status: str = "done") -> dict:
    report = {"summary": {"error": sum(f["severity"] == "error" for f in findings),
                          "warning": sum(f["severity"] == "warning" for f in findings),
                          "notice": sum(f["severity"] == "notice" for f in findings), "pages": 2, "links": 9},
              "findings": findings, "channels": channels or [], "complete": True}
    return {"audit_schema": 1, "client": {"name": name, "slug": name.lower(), "target": "site", "fingerprint": "x"},
            "status": status, "error": None if status == "done" else "site down: refused",
            "report": report if status == "done" else None, "html": None}


def test_clients_from_a_folder_of_client_folders():
    clients = {c.name: c for c in load_clients(PORTFOLIO)}
    assert set(clients) == {"Kopi Senja", "Toko Kue Ibu Sari"}  # the folders holding an omnilinks.yml
    assert clients["Kopi Senja"].target == str(PORTFOLIO / "kopi-senja" / "site")
    assert clients["Kopi Senja"].config_path == str(PORTFOLIO / "kopi-senja" / "omnilinks.yml")


def test_clients_file_forms_and_errors(tmp_path):
    by_name = tmp_path / "by-name.yml"
    by_name.write_text("Kopi Senja:\n  target: https://kopisenja.example.id/\n"
                       "  config: {brand: {name: Kopi Senja}}\n", encoding="utf-8")
    [client] = load_clients(by_name)
    assert client.slug == "kopi-senja" and client.inline_config and "Kopi Senja" in client.inline_config
    cases = {
        "- name: A\n  target: 5\n": ":2: A.target: expected a string",
        "- name: A\n  config: nope.yml\n": ":2: A.config: config file nope.yml not found",
        "- target: site\n": ":1: client: missing required key 'name'",
        "- name: A\n  allow_private: maybe\n": ":2: A.allow_private: expected true or false",
        "- [1, 2]\n": ":1: client: expected a mapping",
        "clients: [\n": "invalid YAML",
    }
    for text, message in cases.items():
        bad = tmp_path / "bad.yml"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as info:
            load_clients(bad)
        assert message in str(info.value), text
    twins = tmp_path / "twins.yml"
    twins.write_text("- name: Kopi Senja\n- name: kopi senja!\n", encoding="utf-8")
    with pytest.raises(OmnilinksError, match="same results folder 'kopi-senja'"):
        load_clients(twins)


def test_shard_assignment_is_stable_and_complete():
    slugs = [f"client-{i}" for i in range(200)]
    shards = [parse_shard(f"{k}/4") for k in range(1, 5)]
    owners = [[s for s in shards if s.takes(slug)] for slug in slugs]
    assert all(len(o) == 1 for o in owners)
    sizes = [sum(o[0] is s for o in owners) for s in shards]
    assert min(sizes) > 20  # spread, not all on one shard
    assert [s.takes("client-7") for s in shards] == [parse_shard(f"{k}/4").takes("client-7") for k in range(1, 5)]
    for text in ("0/4", "5/4", "x/4", "2", "2/0"):
        with pytest.raises(OmnilinksError, match="--shard"):
            parse_shard(text)


def test_score_counts_a_repeated_problem_once_and_top_fixes_rank_by_severity():
    footer = [finding("link-broken", "error", "https://x.example/", "Relink the footer.") for _ in range(50)]
    other = [finding("link-redirect", "warning", "https://y.example/", "Link y directly."),
             finding("link-unverifiable", "notice", "https://z.example/", "Open it.")]
    assert score(footer + other) == 100 - 10 - 3 - 1
    assert score([finding(f"r{i}", "error", f"t{i}") for i in range(20)]) == 0
    assert top_fixes(other + footer) == (("error", "Relink the footer.", 50), ("warning", "Link y directly.", 1),
                                         ("notice", "Open it.", 1))


def test_portfolio_escapes_crawled_text_and_shows_channels():
    evil = "<script>alert(1)</script>"
    page = render_portfolio([
        result("Evil", [finding("link-broken", "error", "t", fix=evil)],
               channels=[{"platform": "instagram", "status": "unverifiable", "url": "https://instagram.com/a"}]),
        result("Down", [], status="down"),
    ])
    assert evil not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "instagram: unverifiable" in page and "site down: refused" in page
    assert page.index("Down") < page.index("Evil")  # unchecked clients first
    assert "<link" not in page and "src=" not in page  # self-contained


def test_csv_defuses_formulas_and_lists_unchecked_clients():
    assert cell("=HYPERLINK(\"http://x\")").startswith("'=") and cell("+1") == "'+1" and cell(None) == ""
    text = render_csv([result("A", [finding("link-broken", "error", "=cmd|' /C calc'!A0")]),
                       result("B", [], status="down")])
    lines = text.splitlines()
    assert lines[0].startswith("client,client_target,rule") and len(lines) == 3
    assert "'=cmd" in lines[1] and lines[2].startswith("B,site,audit-client-down,,error,site down: refused")


def test_progress_lines_only_on_a_terminal():
    stream = io.StringIO()
    progress = AuditProgress(2, enabled=True, stream=stream)
    progress.start()
    counters = progress.client_started("Kopi Senja")
    counters.step("pages", 3)
    progress.client_finished("Kopi Senja", result("Kopi Senja", [finding("r", "error", "t")]))
    progress.skipped("Toko Kue")
    progress.close()
    text = stream.getvalue()
    assert "[1/2] Kopi Senja: 1 errors, 0 warnings, 0 notices\n" in text
    assert "[2/2] Toko Kue: done earlier (resumed)\n" in text
    quiet = io.StringIO()  # StringIO is not a terminal: nothing is drawn
    hidden = AuditProgress(1, stream=quiet)
    hidden.start()
    hidden.client_finished("A", result("A", []))
    hidden.close()
    assert quiet.getvalue() == ""


@responses.activate
def test_site_down_is_asked_with_the_clients_own_http_settings(tmp_path, monkeypatch):
    """The second look at a site that gave no page goes through the client the pipeline builds from the
    client's config (here: its per-URL headers), once, without retries."""
    from omnilinks.audit.clients import Client
    from omnilinks.audit.runner import _why_down

    monkeypatch.setenv("AUDIT_TOKEN", "s3cret")
    config = tmp_path / "omnilinks.yml"
    config.write_text('check:\n  retries: 3\n  headers:\n    "^https://down\\\\.example\\\\.id/":\n'
                      '      Authorization: "Bearer ${AUDIT_TOKEN}"\n', encoding="utf-8")
    responses.get("https://down.example.id/", status=503)
    client = Client(name="Down", slug="down", target="https://down.example.id/", config_path=str(config))
    why = _why_down("https://down.example.id/", client, False, str(config),
                    threading.Event(), None)
    assert why == "https://down.example.id/: HTTP 503"
    assert [call.request.headers.get("Authorization") for call in responses.calls] == ["Bearer s3cret"]
