"""A file: link on a web page never opens (Chromium: "Not allowed to load local resource"), whether or
not the file exists on this machine. Found by LinkChecker's own case http_file.html
(benchmarks/peer_cases.py), where omnilinks said nothing."""
from __future__ import annotations

from pathlib import Path

import omnilinks


def test_file_links_are_reported_and_web_links_beside_them_are_not(tmp_path: Path) -> None:
    (tmp_path / "menu.pdf").write_bytes(b"%PDF-1.4")
    existing = (tmp_path / "menu.pdf").resolve().as_uri()  # exists here, still blocked in a browser
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>t</title>\n"
        '<a href="file:///example/file">a</a>\n'
        '<a href="FILE:///C:/Users/owner/Desktop/menu.pdf">b</a>\n'
        f'<img src="{existing}" alt="c">\n'
        '<a href="/menu.pdf">d</a> <a href="filed.html">e</a> <a href="file.html">f</a>\n',
        encoding="utf-8")
    (tmp_path / "filed.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    (tmp_path / "file.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")

    report = omnilinks.check(str(tmp_path), offline=True, use_cache=False)

    found = sorted((f.rule, f.severity, f.location.line, f.target) for f in report.findings if f.category == "link")
    assert found == [
        ("link-local-file", "error", 2, "file:///example/file"),
        ("link-local-file", "error", 3, "FILE:///C:/Users/owner/Desktop/menu.pdf"),
        ("link-local-file", "error", 4, existing),
    ]
    messages = [f.message for f in report.findings if f.rule == "link-local-file"]
    assert messages[0].startswith("page file:///example/file is a file on the author's computer")
    assert any(m.startswith("img source file:///") for m in messages)


def test_the_rule_is_in_the_catalogue_with_plain_words() -> None:
    from omnilinks.report.problems import PLAIN
    from omnilinks.rules.links import LOCAL_FILE

    assert LOCAL_FILE.id == "link-local-file" and LOCAL_FILE.severity == "error"
    assert "file" in PLAIN["link-local-file"]
