"""The agency audit end to end on fixtures/portfolio: one client with broken links
and channels, one clean, one whose site is down, one never built."""
from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path

import pytest
import responses

from omnilinks.audit import AuditOptions, load_clients, merge, parse_shard, run_audit, write_outputs
from omnilinks.audit import runner as audit_runner
from omnilinks.cli import main as cli_main

PORTFOLIO = Path(__file__).resolve().parents[2] / "fixtures" / "portfolio"
CLIENTS = PORTFOLIO / "clients.yml"
DIREKTORI_PAGE = ("<html><head><title>Kopi Senja · Direktori</title></head><body><h1>Kopi Senja</h1>"
                  "<a href='https://kopisenja.example.id/'>Situs resmi</a> Telepon +62 21 5550 123</body></html>")


@pytest.fixture
def web():
    """The only internet the audit sees; klinikgigisehat.example.id is not answered: that site is down."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        for method in ("HEAD", "GET"):
            mock.add(method, "https://www.tokopedia.com/kopisenja-lama", status=404, content_type="text/html",
                     body="<html><title>Toko tidak ditemukan</title></html>")
            mock.add(method, "https://direktori.example.id/kopi-senja", status=200, content_type="text/html",
                     body=DIREKTORI_PAGE)
        yield mock


def audit(outdir: Path, **options) -> list[dict]:
    outcome = run_audit(load_clients(CLIENTS), AuditOptions(outdir=outdir, progress=False, **options))
    write_outputs(outdir, outcome.results)
    return outcome.results


def by_name(results: list[dict]) -> dict[str, dict]:
    return {r["client"]["name"]: r for r in results}


def outputs(outdir: Path) -> tuple[str, str]:
    return (outdir / "portfolio.html").read_text(encoding="utf-8"), (outdir / "findings.csv").read_text(encoding="utf-8")


def test_each_client_checked_with_its_own_config(web, tmp_path):
    results = by_name(audit(tmp_path / "out"))
    assert set(results) == {"Kopi Senja", "Toko Kue Ibu Sari", "Klinik Gigi Sehat", "Warung Bu Tini"}

    broken = results["Kopi Senja"]
    assert broken["status"] == "done"
    rules = {(f["rule"], f["target"]) for f in broken["report"]["findings"]}
    assert ("channel-unreachable", "https://www.tokopedia.com/kopisenja-lama") in rules
    assert ("link-internal-missing", "https://kopisenja.example.id/menu/") in rules
    channels = {c["platform"]: c["status"] for c in broken["report"]["channels"]}
    assert channels["tokopedia"] == "unreachable"
    assert broken["report"]["identity"]["name"] == "Kopi Senja"

    clean = results["Toko Kue Ibu Sari"]
    assert clean["status"] == "done" and clean["report"]["summary"]["error"] == 0
    assert clean["report"]["identity"]["name"] == "Toko Kue Ibu Sari"

    down = results["Klinik Gigi Sehat"]
    assert down["status"] == "down" and down["report"] is None
    assert "https://klinikgigisehat.example.id/" in down["error"]
    assert results["Warung Bu Tini"]["status"] == "down"
    assert "does not exist" in results["Warung Bu Tini"]["error"]


def test_portfolio_csv_and_per_client_reports(web, tmp_path):
    out = tmp_path / "out"
    results = by_name(audit(out))
    portfolio, findings_csv = outputs(out)
    for name in results:
        assert name in portfolio
    assert "site down" in portfolio and "tokopedia: unreachable" in portfolio
    assert "<script>" in portfolio and "aria-sort" in portfolio and "http" not in portfolio.split("<script>")[1]
    # Worst first: the two unchecked clients, then Kopi Senja (errors) before the clean Toko Kue.
    order = [portfolio.index(name) for name in ("Kopi Senja", "Toko Kue Ibu Sari")]
    assert order == sorted(order)
    assert 'data-v=100>100</td>' in portfolio  # the clean client scores 100

    rows = list(csv.DictReader(io.StringIO(findings_csv)))
    kopi = [r for r in rows if r["client"] == "Kopi Senja"]
    assert len(kopi) == len(results["Kopi Senja"]["report"]["findings"])
    assert {r["rule"] for r in rows if r["client"] == "Klinik Gigi Sehat"} == {"audit-client-down"}
    assert not [r for r in rows if r["client"] == "Toko Kue Ibu Sari" and r["severity"] == "error"]

    for slug in ("kopi-senja", "toko-kue-ibu-sari"):
        html = out / "clients" / slug / "report.html"
        assert html.is_file() and "<html" in html.read_text(encoding="utf-8").lower()
        assert f'href="clients/{slug}/report.html"' in portfolio
    assert json.loads((out / "clients" / "klinik-gigi-sehat" / "result.json").read_text())["status"] == "down"


def test_interrupted_run_resumes_to_the_same_report(web, tmp_path, monkeypatch):
    reference = tmp_path / "reference"
    audit(reference)

    real_run = audit_runner.run
    calls: list[str] = []

    def crash_on_second(target, opts):
        calls.append(target)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C landing while the second client runs
        return real_run(target, opts)

    monkeypatch.setattr(audit_runner, "run", crash_on_second)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        audit(out, jobs=1)
    written = sorted(p.parent.name for p in (out / "clients").glob("*/result.json"))
    assert written == ["kopi-senja"]  # finished before the crash, and nothing half-written
    assert not list((out / "clients").glob("*/.*.tmp"))

    calls.clear()
    monkeypatch.setattr(audit_runner, "run", lambda target, opts: calls.append(target) or real_run(target, opts))
    audit(out, jobs=1, resume=True)
    assert str(PORTFOLIO / "kopi-senja" / "site") not in calls  # done before: skipped
    assert outputs(out) == outputs(reference)


def test_resume_reruns_a_client_whose_config_changed(web, tmp_path):
    out = tmp_path / "out"
    audit(out)
    clients = load_clients(CLIENTS)
    store_file = out / "clients" / "kopi-senja" / "result.json"
    stamp = store_file.stat().st_mtime_ns
    outcome = run_audit(clients, AuditOptions(outdir=out, resume=True, progress=False))
    assert sorted(outcome.skipped) == sorted(c.slug for c in clients) and outcome.ran == []
    assert store_file.stat().st_mtime_ns == stamp


def test_cancel_stops_new_clients_and_lists_them_unfinished(web, tmp_path, monkeypatch):
    cancel = threading.Event()
    real_run = audit_runner.run

    def run_then_cancel(target, opts):
        report = real_run(target, opts)
        cancel.set()  # as the first Ctrl-C does: the running client is dropped, no new one starts
        return report

    monkeypatch.setattr(audit_runner, "run", run_then_cancel)
    outcome = run_audit(load_clients(CLIENTS), AuditOptions(outdir=tmp_path, jobs=1, progress=False), cancel)
    assert outcome.ran == [] and len(outcome.unfinished) == 4
    assert not list(tmp_path.glob("clients/*/result.json"))


def test_shards_merged_equal_an_unsharded_run(web, tmp_path):
    whole = tmp_path / "whole"
    audit(whole)
    shard_dirs = []
    seen: list[str] = []
    for k in (1, 2, 3):
        folder = tmp_path / f"shard{k}"
        results = audit(folder, shard=parse_shard(f"{k}/3"))
        seen += [r["client"]["slug"] for r in results]
        shard_dirs.append(folder)
    assert sorted(seen) == sorted(c.slug for c in load_clients(CLIENTS))  # each client in exactly one shard
    merged = tmp_path / "merged"
    merge(shard_dirs, merged)
    assert outputs(merged) == outputs(whole)
    assert (merged / "clients" / "kopi-senja" / "report.html").is_file()


def test_cli_audit_and_merge(web, tmp_path, capsys):
    second = [c.name for c in load_clients(CLIENTS) if parse_shard("2/2").takes(c.slug)]
    for shard, folder, fail_on in (("1/2", "a", "never"), ("2/2", "b", "error")):
        with pytest.raises(SystemExit) as exit_info:
            cli_main(["audit", str(CLIENTS), "-o", str(tmp_path / folder), "--no-progress", "--shard", shard,
                      "--fail-on", fail_on])
        # Only Toko Kue Ibu Sari is clean: any other client in shard 2 fails --fail-on error.
        expected = 0 if fail_on == "never" or second == ["Toko Kue Ibu Sari"] else 1
        assert exit_info.value.code == expected
    cli_main(["merge", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "all")])
    assert "merged 4 clients from 2 folders" in capsys.readouterr().err
    assert "4 clients, 2 not checked" in (tmp_path / "all" / "portfolio.html").read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["audit", str(CLIENTS), "-o", str(tmp_path / "c"), "--no-progress", "--fail-on", "error"])
    assert exit_info.value.code == 1  # Kopi Senja has errors and two clients could not be checked
    assert "run again with --resume" not in capsys.readouterr().err


def test_cli_bad_shard_and_bad_clients_file_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["audit", str(CLIENTS), "-o", str(tmp_path), "--shard", "3/2"])
    assert exit_info.value.code == 2 and "--shard '3/2'" in capsys.readouterr().err
    bad = tmp_path / "clients.yml"
    bad.write_text("- name: A\n  target: site\n  colour: blue\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["audit", str(bad), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and f"{bad}:3: colour: unknown key" in err and "Traceback" not in err


def test_second_audit_shows_new_fixed_and_the_score_trend(web, tmp_path):
    """Audit, edit the sites, audit into the same folder: each client's new and fixed findings and its
    score trend; the client's own report marks what is new."""
    import shutil

    portfolio = tmp_path / "portfolio"
    shutil.copytree(PORTFOLIO, portfolio)
    clients = load_clients(portfolio / "clients.yml")
    out = tmp_path / "out"
    write_outputs(out, run_audit(clients, AuditOptions(outdir=out, progress=False)).results)
    first = by_name([json.loads(p.read_text()) for p in out.glob("clients/*/result.json")])
    assert "first audit" in outputs(out)[0]
    kopi_before = first["Kopi Senja"]["scores"]
    assert len(kopi_before) == 1 and first["Toko Kue Ibu Sari"]["scores"] == [100]

    # Kopi Senja fixes its broken menu link; Toko Kue Ibu Sari breaks a link.
    for kopi in (portfolio / "kopi-senja" / "site").rglob("*.html"):
        kopi.write_text(kopi.read_text(encoding="utf-8").replace('href="/menu/"', 'href="/kontak/"'), encoding="utf-8")
    toko = portfolio / "toko-kue-ibu-sari" / "site" / "index.html"
    toko.write_text(toko.read_text(encoding="utf-8").replace('href="/tentang/#alamat"', 'href="/lokasi/"'),
                    encoding="utf-8")
    write_outputs(out, run_audit(clients, AuditOptions(outdir=out, progress=False)).results)
    second = by_name([json.loads(p.read_text()) for p in out.glob("clients/*/result.json")])

    kopi_since = second["Kopi Senja"]["report"]["baseline"]
    fixed_targets = {f["target"] for f in kopi_since["fixed"]}
    assert "https://kopisenja.example.id/menu/" in fixed_targets and kopi_since["new"] == 0
    assert second["Kopi Senja"]["scores"][0] == kopi_before[0] and len(second["Kopi Senja"]["scores"]) == 2
    assert second["Kopi Senja"]["scores"][1] > kopi_before[0]
    toko_since = second["Toko Kue Ibu Sari"]["report"]["baseline"]
    assert toko_since["new"] == 1 and second["Toko Kue Ibu Sari"]["scores"] == [100, 90]
    assert second["Klinik Gigi Sehat"]["scores"] == []  # never checked: no trend

    page = outputs(out)[0]
    assert "<th scope=col>Trend</th>" in page and "<th scope=col>Since last audit</th>" in page
    assert "since the last audit: 1 new and " in page
    assert "▼10" in page and "100 → 90" in page and "1 new</span> · <span class=good>0 fixed" in page
    assert f"{kopi_before[0]} → {second['Kopi Senja']['scores'][1]}" in page
    report = (out / "clients" / "toko-kue-ibu-sari" / "report.html").read_text(encoding="utf-8")
    assert '<span class="new">new</span>' in report
    rows = list(csv.DictReader(io.StringIO(outputs(out)[1])))
    assert [r["rule"] for r in rows if r["client"] == "Toko Kue Ibu Sari" and r["change"] == "new"] == \
        ["link-internal-missing"]
