"""Source mapping in a real git repository: generated output and ignored files are never 'sources',
and a committed folder of hand-written HTML is its own source."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from omnilinks.models import Finding, Location, Report
from omnilinks.report import RenderOptions
from omnilinks.report.sourcemap import SourceMap

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def make_repo(root: Path, files: dict[str, str], ignore: str) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / ".gitignore").write_text(ignore, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init")


def finding(page: str) -> Finding:
    url = "https://old.example/menu"
    return Finding("link-broken", "link", "error", "404", Location(page, 3, 1), target=url)


def report(root: Path, built: str) -> Report:
    from omnilinks.models import Identity

    return Report(target=built, findings=(), channels=(), identity=Identity(), pages=1, links=1, version="0",
                  root=str(root / built))


FILES = {
    "public/index.html": '<p>\n\n<a href="https://old.example/menu">x</a>\n',
    "build/lib/copy.html": '<a href="https://old.example/menu">stale copy</a>\n',
    "layouts/footer.html": '<footer><a href="https://old.example/menu">menu</a></footer>\n',
}


def test_ignored_output_is_never_a_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, FILES, "public/\nbuild/\n")
    monkeypatch.chdir(tmp_path)
    found = SourceMap.for_report(report(tmp_path, "public"), RenderOptions()).find(finding("public/index.html"))
    assert found is not None and found.path == tmp_path / "layouts" / "footer.html"


def test_committed_html_is_its_own_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, FILES, "build/\n")
    monkeypatch.chdir(tmp_path)
    assert SourceMap.for_report(report(tmp_path, "public"), RenderOptions()) is None
