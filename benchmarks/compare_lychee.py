"""omnilinks beside lychee on a real documentation site, built offline, every disagreement listed.

    python benchmarks/compare_lychee.py --work /tmp/lychee-compare            # Sphinx's own docs
    python benchmarks/compare_lychee.py --built path/to/site --work /tmp/x     # any built folder

Without --built: `pip download --no-binary :all: --no-deps sphinx==<installed version>` fetches
Sphinx's sdist (its doc/ folder is the documentation at sphinx-doc.org) and the installed Sphinx
builds it (`-D intersphinx_timeout=2` reaches Sphinx as text, which its inventory fetch refuses, so every
intersphinx inventory is skipped and the build never touches the network). Then the
build is checked twice: as built, and broken on purpose (--break): files deleted and ids removed,
recorded in `broken.json`, so both tools have true positives to find.

Each tool runs offline on the same folder: `omnilinks check DIR --offline --format json` and
`lychee --offline --include-fragments --index-files index.html --root-dir DIR --format json
'**/*.html'`. A finding is (page, target path, #fragment); a disagreement is a finding one tool
reports and the other does not. Who is right is decided by what a static host and a browser do:
the target file exists (as written, as a folder's index.html, or with .html added), and the
fragment is an id (or <a name>) of the target page, or top/empty."""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import omnilinks_command, omnilinks_env, tool_path  # noqa: E402

BASE = "https://docs.example.invalid/"


def build_sphinx_docs(work: Path) -> Path:
    import sphinx

    sdist = work / "sdist"
    sdist.mkdir(parents=True, exist_ok=True)
    version = sphinx.__version__
    archive = sdist / f"sphinx-{version}.tar.gz"
    if not archive.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps",
                        f"sphinx=={version}", "-d", str(sdist)], check=True)
    source = sdist / f"sphinx-{version}"
    if not source.exists():
        shutil.unpack_archive(str(archive), str(sdist))
    built = work / "built"
    if not (built / "index.html").exists():
        subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", "intersphinx_timeout=2",
                        str(source / "doc"), str(built)], check=False)
    return built


def break_site(clean: Path, broken: Path, seed: int = 12) -> dict[str, list[str]]:
    """A copy with 10 referenced files deleted (pages, images, stylesheets) and 10 linked ids removed."""
    if broken.exists():
        shutil.rmtree(broken)
    shutil.copytree(clean, broken, symlinks=True)
    rng = random.Random(seed)
    pages = sorted(p for p in broken.rglob("*.html") if "_modules" not in p.parts)
    deletable = sorted(p for p in broken.rglob("*") if p.is_file() and p.suffix in (".png", ".svg", ".css", ".html")
                       and p.name != "index.html" and "_modules" not in p.parts)
    deleted = rng.sample(deletable, 10)
    for path in deleted:
        path.unlink()
    removed = []
    for page in rng.sample([p for p in pages if p.exists()], 30):
        text = page.read_text(encoding="utf-8")
        ids = re.findall(r'<section id="([^"]+)"', text)
        if len(ids) > 1 and len(removed) < 10:
            target = rng.choice(ids[1:])
            page.write_text(text.replace(f'<section id="{target}"', "<section", 1), encoding="utf-8")
            removed.append(f"{page.relative_to(broken).as_posix()}#{target}")
    record = {"deleted": [p.relative_to(broken).as_posix() for p in deleted], "ids_removed": removed}
    (broken.parent / "broken.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    return record


def run_omnilinks(site: Path, work: Path) -> Counter[tuple[str, str]]:
    out = work / f"{site.name}-omnilinks.json"  # never beside the site: it may be a committed fixture
    subprocess.run([*omnilinks_command(), "check", str(site), "--offline", "--base-url", BASE, "--format", "json",
                    "-o", str(out), "--fail-on", "never", "--no-progress"],
                   env={**os.environ, **omnilinks_env()}, check=True, cwd=site)
    report = json.loads(out.read_text(encoding="utf-8"))
    found: Counter[tuple[str, str]] = Counter()
    for finding in report["findings"]:
        # Errors, and the missing form targets omnilinks grades as notices; not redirect notices.
        if finding["category"] != "link" or not finding["target"] or \
                finding["severity"] != "error" and finding["rule"] != "link-internal-missing":
            continue
        page = finding["location"]["path"] or ""
        found[(_page(page, site), _target(finding["target"].removeprefix(BASE.rstrip("/"))))] += 1
    return found


def run_lychee(site: Path) -> Counter[tuple[str, str]]:
    lychee = tool_path("lychee") or "lychee"
    done = subprocess.run([lychee, "--offline", "--include-fragments", "--index-files", "index.html", "--root-dir",
                           str(site), "--format", "json", "--no-progress", "**/*.html"],
                          cwd=site, capture_output=True, text=True)
    report = json.loads(done.stdout)
    found: Counter[tuple[str, str]] = Counter()
    for page, errors in report.get("error_map", {}).items():
        for error in errors:
            found[(_page(page, site), _target(error["url"].removeprefix("file://").removeprefix(str(site))))] += 1
    return found


def _page(path: str, site: Path) -> str:
    return Path(path).resolve().relative_to(site.resolve()).as_posix() if Path(path).is_absolute() \
        else (site / path).resolve().relative_to(site.resolve()).as_posix()


def _target(url: str) -> str:
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path.rstrip("/") + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


class Truth:
    """What a static host and a browser do with a target."""

    def __init__(self, site: Path):
        self.site = site
        self.ids: dict[Path, set[str]] = {}

    def broken(self, page: str, target: str) -> tuple[bool, str]:
        path, _, fragment = target.partition("#")
        file = self._file(path, page)
        if file is None and path in self._redirected():
            return False, f"the host redirects {path} (_redirects)"
        if file is None:
            return True, f"no file serves {path or '/'}"
        if not fragment or fragment.lower() == "top":
            return False, f"{file.relative_to(self.site).as_posix()} exists"
        ids = self._ids(file)
        if ids is None:
            return False, "not an HTML page: fragment not applicable"
        return (fragment not in ids, f"#{fragment} {'is not' if fragment not in ids else 'is'} an id of "
                                     f"{file.relative_to(self.site).as_posix()}")

    def unseen_by_lychee(self, page: str, target: str) -> str:
        """Why lychee did not report a broken reference: where and how the page holds it."""
        root = lxml_html.fromstring((self.site / page).read_bytes())
        path, _, fragment = target.partition("#")
        name = path.rsplit("/", 1)[-1] + (f"#{fragment}" if fragment else "")
        for element in root.iter():
            values = [v for k, v in element.attrib.items() if name and name in unquote(v)]
            if not values:
                continue
            if any(a.tag in ("pre", "code") for a in element.iterancestors()):
                return f"the <{element.tag}> is inside <pre>/<code>: lychee skips verbatim sections by default"
            attrs = [k for k, v in element.attrib.items() if name in unquote(v)]
            return f"<{element.tag} {' '.join(attrs)}>: a reference lychee does not extract"
        return "in CSS (url()/@import): lychee does not read stylesheets"

    def _file(self, path: str, page: str) -> Path | None:
        base = self.site if path.startswith("/") else (self.site / page).parent
        candidate = (base / path.lstrip("/")) if path else self.site / page
        for option in (candidate, candidate / "index.html", candidate.with_name(candidate.name + ".html")):
            if option.is_file():
                return option
        return None

    def _redirected(self) -> set[str]:
        rules = self.site / "_redirects"
        lines = rules.read_text(encoding="utf-8").splitlines() if rules.is_file() else []
        return {line.split()[0].rstrip("/") for line in lines if line.strip() and not line.startswith("#")}

    def _ids(self, file: Path) -> set[str] | None:
        if file.suffix == ".svg":
            return set(re.findall(r"""\bid=["']([^"']+)""", file.read_text(encoding="utf-8", errors="replace")))
        if file.suffix not in (".html", ".htm"):
            return None
        if file not in self.ids:
            root = lxml_html.fromstring(file.read_bytes())
            self.ids[file] = set(root.xpath("//@id")) | set(root.xpath("//a/@name"))
        return self.ids[file]


def compare(site: Path, work: Path) -> dict[str, object]:
    ours, theirs = run_omnilinks(site, work), run_lychee(site)
    truth = Truth(site)
    rows = []
    for key in sorted(set(ours) | set(theirs)):
        a, b = ours.get(key, 0), theirs.get(key, 0)
        if bool(a) == bool(b):
            continue
        broken, why = truth.broken(*key)
        right = ("omnilinks" if bool(a) == broken else "lychee")
        if b == 0 and broken:
            why += "; " + truth.unseen_by_lychee(*key)
        rows.append({"page": key[0], "target": key[1], "omnilinks": a, "lychee": b, "right": right, "why": why})
    agreed = sum(1 for key in set(ours) & set(theirs))
    return {"site": str(site), "omnilinks": len(ours), "lychee": len(theirs), "both": agreed, "disagreements": rows}


def markdown(result: dict[str, object]) -> str:
    rows = result["disagreements"]
    lines = [f"Distinct broken (page, target) pairs: omnilinks {result['omnilinks']}, lychee {result['lychee']}, "
             f"both {result['both']}; disagreements {len(rows)} "
             f"(omnilinks right in {sum(r['right'] == 'omnilinks' for r in rows)}, "
             f"lychee right in {sum(r['right'] == 'lychee' for r in rows)}).", "",
             "| page | target | omnilinks | lychee | right | why |", "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['page']} | `{r['target']}` | {'broken' if r['omnilinks'] else '—'} | "
                     f"{'broken' if r['lychee'] else '—'} | {r['right']} | {r['why']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--built", type=Path, help="a built site to compare on instead of Sphinx's docs")
    parser.add_argument("--no-break", action="store_true", help="compare on the clean build only")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    clean = (args.built or build_sphinx_docs(args.work)).resolve()
    results = {"clean": compare(clean, args.work)}
    if not args.no_break:
        broken = args.work / "broken"
        results["broken_on_purpose"] = {"planted": break_site(clean, broken), **compare(broken.resolve(), args.work)}
    (args.work / "compare.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for name, result in results.items():
        print(f"### {name}\n\n{markdown(result)}\n")


if __name__ == "__main__":
    main()
