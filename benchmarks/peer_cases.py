"""omnilinks on html-proofer's and LinkChecker's own test fixtures, against the verdicts their specs expect.

    git clone https://github.com/gjtorikian/html-proofer /tmp/html-proofer
    git clone https://github.com/linkchecker/linkchecker /tmp/linkchecker
    python benchmarks/peer_cases.py --html-proofer /tmp/html-proofer --linkchecker /tmp/linkchecker

omnilinks runs offline in folder mode through `omnilinks.check(folder, offline=True)`: on the folder
that holds a fixture (html-proofer's `:file` cases resolve `/x` from the file's folder, so that folder
is the site root; a page that links `../` gets its fixture group's folder) or on the fixture folder
itself (`:directory` cases). Its verdict on a case is "broken" when it reports a link error (category
link, severity error) on the case's page(s), or, for a LinkChecker record, on that record's target.

What is compared, and what is not, is decided by the rules below, never per case by hand (the one
hand-read table, COUNT_ONLY_KINDS, says what a count-only html-proofer verdict is about):
- html-proofer: each `it "..." do` block of spec/html-proofer/check/{links,images,scripts}_spec.rb,
  one case per `run_proofer(<fixture>, :file|:directory[, options])` in it, whose verdict is stated as
  `expect(proofer.failed_checks).to(eq([]))` (not broken) or as a `.description` match / a non-zero
  `.count`/`.length` (broken, with that message). Options that change the verdict (anything but the
  ones in NEUTRAL_OPTIONS) make a case "not compared"; a broken verdict whose message is about an
  external URL needs the network (skipped); one about a policy rather than a reference (alt text,
  https-only, SRI, file names, an <a> with no href) is out of scope (skipped).
- LinkChecker: every tests/checker/data/*.html with a `.result` file. It lists every URL checked as
  records of `url <as written>`, `real url <resolved>`, then `valid` or `error` (a `valid` record with
  the warning "Anchor ... not found" is a missing fragment: broken). Records whose real url is a file
  of the data folder (as file:// or from its test HTTP server, which serves that folder), another
  file:// URL or a javascript: URL are compared one by one; http/mailto/dns records need the network.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import omnilinks

# html-proofer options that leave the verdict on internal references as omnilinks' defaults give it.
NEUTRAL_OPTIONS = {"check_internal_hash: true", "disable_external: true", "check_external_hash: false",
                   "only_4xx: true", "enforce_https: false", "allow_hash_href: true",
                   # html-proofer fails an <a> without href unless told; a browser shows it as text, as omnilinks does.
                   "allow_missing_href: true", "ignore_missing_alt: false", "ignore_empty_alt: false"}
# An expected failure message is about one of these: (kind, pattern). First match wins.
MESSAGE_KINDS = (
    ("policy", r"alt attribute|terrible filename|no src or srcset|script is empty|HTTPS link|http scheme"
               r"|protocol-relative|CORS|Integrity|SRI"),
    ("network", r"failed|time ?out|timed out|External link"),
    ("reference", r"internally linking|does not exist|the hash|internal hash|mailto:|tel:|invalid URL"),
)
# Specs that state a broken verdict only as a count of failures, with no message: what those failures
# are about, read by hand from the fixture (html-proofer 68a8936, March 2026).
COUNT_ONLY_KINDS = {
    "multiple_links.html": "network",  # the three failures are https://missing.png and https://another.png
    "nodupe.html": "network",  # https://help.github.com/articlezzz
    "empty_href.html": "network",  # https://travel.state.gov/…swf#
    "blank_href_html5.html": "policy",  # an <a> with no href: a placeholder in a browser, not a link
    "blank_href_html4.html": "policy",
    "blank_href_htmlunknown.html": "policy",
    "src_set_check.html": "reference",  # two <source srcset> files that do not exist
}
SPECS = ("check/links_spec.rb", "check/images_spec.rb", "check/scripts_spec.rb")


@dataclass(frozen=True)
class Case:
    peer: str
    name: str  # the spec's description, or "<fixture>: <href>"
    site: Path  # the folder omnilinks checks
    pages: tuple[Path, ...]  # whose findings count; empty = the whole folder
    expected: str  # "broken" / "ok" / "skip:<why>"
    what: str = ""  # the peer's message, or the URL as written
    target: str = ""  # LinkChecker: resolved local target (path#fragment) this record is about


# ---------------------------------------------------------------- html-proofer


def _ruby_blocks(text: str) -> list[tuple[str, str]]:
    """(description, body) of every top-level `it "..." do ... end` (two-space indented in these specs)."""
    return re.findall(r'^  it "(.*?)" do\n(.*?)^  end$', text, flags=re.S | re.M)


def _fixture(expr: str, body: str, fixtures: Path) -> Path | None:
    """`File.join(FIXTURES_DIR, "a", "b.html")` or `"#{FIXTURES_DIR}/a/b.html"`, inline or in a variable."""
    if re.fullmatch(r"\w+", expr):
        assigned = re.findall(rf"^\s*{re.escape(expr)}\s+=\s+(.*)$", body, flags=re.M)
        if not assigned:
            return None
        expr = assigned[-1]
    if expr.startswith('"#{FIXTURES_DIR}/'):
        return fixtures / expr[len('"#{FIXTURES_DIR}/'):].strip('"')
    parts = re.findall(r'"([^"]*)"', expr)
    return fixtures.joinpath(*parts) if expr.startswith("File.join(FIXTURES_DIR") else None


def _options(arg: str, body: str) -> set[str]:
    if re.fullmatch(r"\w+", arg):  # a variable: `options = { ... }` earlier in the block
        match = re.search(rf"^\s*{re.escape(arg)}\s+=\s+(\{{.*?\}})$", body, flags=re.M | re.S)
        arg = match.group(1) if match else "{unreadable}"
    return {part.strip() for part in arg.strip("{} ").split(",") if part.strip()}


def _expected(body: str) -> tuple[str, str]:
    """The verdict as the spec states it: ("ok", ""), ("broken", message) or ("skip:...", "")."""
    if re.search(r"expect\(proofer\.failed_checks\)\.to\(eq\(\[\]\)\)|failed_checks\)\.to\(be_empty\)", body):
        return "ok", ""
    message = re.search(r"\.description\)?\.to\((?:match|include|eq)\((?:/|%r\{|\")(.*?)(?:/|\}|\")\)\)", body)
    if not message:
        message = re.search(r"expect\(failure\)\.to\(match\((?:/|%r\{|\")(.*?)(?:/|\}|\")\)\)", body)
    count = re.search(r"failed_checks\.(?:count|length|size)\)\.to\(eq\((\d+)\)\)", body)
    if message:
        return "broken", message.group(1)
    if count:
        return ("broken", f"{count.group(1)} failures") if int(count.group(1)) else ("ok", "")
    return "skip:verdict not read (the spec asserts something else)", ""


def _html_proofer_case(name: str, body: str, run: str, fixtures: Path) -> Case:
    call = re.search(r"run_proofer\((File\.join\(.*?\)|\"[^\"]*\"|\S+?), :(\w+)(?:, (.*?))?\)$", run, flags=re.M)
    if not call:
        return Case("html-proofer", name, fixtures, (), "skip:not a run_proofer case")
    expr, mode, arg = call.group(1), call.group(2), call.group(3) or ""
    fixture = _fixture(expr, body, fixtures)
    if mode not in ("file", "directory") or fixture is None or not fixture.exists():
        return Case("html-proofer", name, fixtures, (), "skip:not a fixture file or folder")
    # A :file case resolves `/x` from the file's own folder (html-proofer's root_dir is unset), so that
    # folder is the site root; but it reads `../x` from the file system, above that folder: a page
    # linking `../` gets its fixture group's folder (fixtures/links) as root instead.
    site, pages = (fixture, ()) if mode == "directory" else (fixture.parent, (fixture,))
    if mode == "file" and fixture.is_file() and 'href="../' in fixture.read_text(encoding="utf-8", errors="replace"):
        site = fixtures / fixture.relative_to(fixtures).parts[0]
    if _options(arg, body) - NEUTRAL_OPTIONS:
        return Case("html-proofer", name, site, pages, "skip:peer option changes the verdict")
    verdict, message = _expected(run)
    if verdict == "broken":
        kind = next((k for k, pattern in MESSAGE_KINDS if re.search(pattern, message)),
                    COUNT_ONLY_KINDS.get(fixture.name, "unread"))
        if kind == "reference" and "internally" not in message and _hash_is_external(message, fixture):
            kind = "network"
        if kind != "reference":
            verdict = {"policy": "skip:policy, not a reference", "network": "skip:external URL (network)",
                       "unread": "skip:verdict not read (message kind)"}[kind]
    return Case("html-proofer", name, site, pages, verdict, message)


def html_proofer_cases(root: Path) -> list[Case]:
    spec_dir = root / "spec" / "html-proofer"
    fixtures = spec_dir / "fixtures"
    cases = []
    for spec in SPECS:
        for name, block in _ruby_blocks((spec_dir / spec).read_text(encoding="utf-8")):
            # A block may run the proofer more than once; each run's expectations follow it.
            runs = re.split(r"^(?=\s*(?:\w+ = )?run_proofer\()", block, flags=re.M)
            setup, runs = runs[0], runs[1:]
            if not runs:
                cases.append(Case("html-proofer", name, fixtures, (), "skip:not a run_proofer case"))
            for number, run in enumerate(runs, 1):
                label = name if len(runs) == 1 else f"{name} (run {number})"
                # Each segment starts with its run_proofer call: the assignments before that line hold.
                before = setup + "".join(runs[:number - 1]) + run.partition("\n")[0]
                cases.append(_html_proofer_case(label, before, run, fixtures))
    return cases


def _hash_is_external(message: str, fixture: Path) -> bool:
    """`the hash 'x' does not` names no URL: it is external when the fixture links to an http URL #x."""
    name = re.search(r"hash '([^']+)'", message)
    files = [fixture] if fixture.is_file() else list(fixture.rglob("*.htm*"))
    text = "".join(f.read_text(encoding="utf-8", errors="replace") for f in files)
    return bool(name and re.search(rf"https?://[^\"'\s]*#{re.escape(name.group(1))}[\"']", text))


# ---------------------------------------------------------------- LinkChecker


DATA_PREFIXES = ("file://%(curdir)s/%(datadir)s/", "http://localhost:%(port)d/%(datadir)s/",
                 "http://localhost:%(port)d/tests/checker/data/")


def linkchecker_cases(root: Path) -> list[Case]:
    data = root / "tests" / "checker" / "data"
    cases = []
    for page in sorted(data.glob("*.html")):
        result = page.with_name(page.name + ".result")
        if not result.exists():
            continue
        text = result.read_text(encoding="utf-8")
        for record in text.split("\n\n"):
            fields = dict(_record_line(line) for line in record.strip().splitlines())
            # The .result files are Python %-templates: %(curdir)s, %(datadir)s, %(port)d, and %% for %.
            written, real = (fields.get(key, "").replace("%%", "%") for key in ("url", "real url"))
            verdict = "error" if "error" in fields else "valid" if "valid" in fields else ""
            # A missing #anchor is a warning on a record that stays "valid": LinkChecker's way of saying broken.
            if verdict == "valid" and re.match(r"Anchor `.*\bnot found", fields.get("warning", "")):
                verdict = "error"
            name = f"{page.name}: {written}"
            # Pages named http*.html are fetched from LinkChecker's test HTTP server, which serves the
            # same data folder: a URL inside it is the same local file as its file:// form.
            local = next((real[len(prefix):] for prefix in DATA_PREFIXES if real.startswith(prefix)), None)
            expected = "ok" if verdict == "valid" else "broken"
            if not written:
                continue  # a trailing blank record
            if not verdict:
                cases.append(Case("LinkChecker", name, data, (page,), "skip:record without a verdict", written))
            elif real.startswith("javascript:"):
                cases.append(Case("LinkChecker", name, data, (page,), expected, written, real))
            elif local is not None:
                if local.partition("#")[0] != page.name:  # not the start page itself
                    cases.append(Case("LinkChecker", name, data, (), expected, written, unquote(local)))
                elif "#" in local:
                    cases.append(Case("LinkChecker", name, data, (), expected, written, unquote(local)))
            elif real.startswith("http://localhost:%(port)d/"):
                cases.append(Case("LinkChecker", name, data, (page,), "skip:answered by its test HTTP server "
                                  "outside the data folder", written))
            elif real.startswith("file://"):
                cases.append(Case("LinkChecker", name, data, (page,), expected, written, real))
            else:
                cases.append(Case("LinkChecker", name, data, (page,), "skip:external URL (network)", written))
    return cases


def _record_line(line: str) -> tuple[str, str]:
    for key in ("cache key", "real url", "url", "name", "warning", "info", "error", "valid"):
        if line == key or line.startswith(key + " "):
            return key, line[len(key):].strip()
    return line, ""


# ---------------------------------------------------------------- omnilinks and the comparison

_REPORTS: dict[Path, list] = {}


def errors_in(site: Path) -> list:
    if site not in _REPORTS:
        report = omnilinks.check(str(site), offline=True, use_cache=False)
        _REPORTS[site] = [f for f in report.findings if f.category == "link" and f.severity == "error"]
    return _REPORTS[site]


def omnilinks_verdict(case: Case) -> tuple[str, list[str]]:
    errors = errors_in(case.site)
    if case.peer == "LinkChecker":
        # A record is about one resolved target: match findings whose target resolves to it.
        hits = []
        for f in errors:
            target = f.target or ""
            if not target.startswith("http://localhost/"):
                if target == case.what:  # javascript:, file:///elsewhere: reported as written
                    hits.append(f)
                continue
            # Folder mode reports internal targets resolved against http://localhost/ (the folder's root).
            parts = urlsplit(target)
            written = unquote(parts.path).lstrip("/") + (f"#{unquote(parts.fragment)}" if parts.fragment else "")
            if written == case.target:
                hits.append(f)
        return ("broken" if hits else "ok"), [f"{f.rule} {f.target}" for f in hits]
    wanted = {p.resolve() for p in case.pages}
    hits = [f for f in errors if not wanted or Path(f.location.path or "").resolve() in wanted]
    return ("broken" if hits else "ok"), [f"{f.rule} {f.target}" for f in hits]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html-proofer", type=Path, help="a checkout of github.com/gjtorikian/html-proofer")
    parser.add_argument("--linkchecker", type=Path, help="a checkout of github.com/linkchecker/linkchecker")
    parser.add_argument("--list-skipped", action="store_true", help="name every case not compared, and why")
    args = parser.parse_args(argv)
    for flag, root, inside in (("--html-proofer", args.html_proofer, "spec/html-proofer/check"),
                               ("--linkchecker", args.linkchecker, "tests/checker/data")):
        if root and not (root / inside).is_dir():
            parser.error(f"{flag} {root}: no {inside}/ there; give a clone of the peer's repository")
    cases: list[Case] = []
    if args.html_proofer:
        cases += html_proofer_cases(args.html_proofer)
    if args.linkchecker:
        cases += linkchecker_cases(args.linkchecker)
    if not cases:
        parser.error("give --html-proofer and/or --linkchecker checkout folders")
    for peer in dict.fromkeys(c.peer for c in cases):
        mine = [c for c in cases if c.peer == peer]
        compared = [c for c in mine if not c.expected.startswith("skip:")]
        disagreements = []
        for case in compared:
            verdict, why = omnilinks_verdict(case)
            if verdict != case.expected:
                disagreements.append((case, verdict, why))
        skipped: dict[str, int] = {}
        for case in mine:
            if case.expected.startswith("skip:"):
                skipped[case.expected[5:]] = skipped.get(case.expected[5:], 0) + 1
        print(f"\n{peer}: {len(mine)} cases, {len(compared)} compared, "
              f"{len(compared) - len(disagreements)} agree, {len(disagreements)} disagree")
        for reason, count in sorted(skipped.items(), key=lambda kv: -kv[1]):
            print(f"  not compared: {count:3d}  {reason}")
            if args.list_skipped:
                for case in mine:
                    if case.expected == f"skip:{reason}":
                        print(f"      {case.name!r} {case.what!r}")
        for case, verdict, why in disagreements:
            print(f"  DISAGREE  {case.name!r}  peer={case.expected} omnilinks={verdict}  "
                  f"site={case.site.name} peer says: {case.what!r}  omnilinks: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
