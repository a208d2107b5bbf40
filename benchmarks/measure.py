"""Run one checker, measure it, and score what it reported against the manifest.

Wall time and CPU come from the child's own rusage (os.wait4). Memory is
reported twice: the largest single process (ru_maxrss, what `/usr/bin/time -v`
prints) and the peak of the whole process tree, sampled every 50 ms as the sum
of each process's PSS (proportional set size: pages a forked worker shares with
its parent are counted once, not twice).
"""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

SAMPLE_SECONDS = 0.05


@dataclass
class Run:
    tool: str
    command: list[str]
    wall: float = 0.0
    cpu: float = 0.0
    max_rss_mb: float = 0.0  # largest single process
    tree_pss_mb: float = 0.0  # peak of the sum over the process tree
    exit_code: int | None = None
    timed_out: bool = False
    stdout: str = field(default="", repr=False)
    stderr: str = field(default="", repr=False)
    found: int | None = None
    planted: int | None = None
    extra: list[str] = field(default_factory=list)
    wrong_page: int = 0

    def summary(self) -> dict:
        data = asdict(self)
        data.pop("stdout")
        data["stderr_tail"] = self.stderr[-400:]
        data.pop("stderr")
        data["extra_count"] = len(self.extra)
        data["extra"] = self.extra[:10]
        return data


def run_measured(tool: str, command: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None) -> Run:
    run = Run(tool, command)
    out, err = (cwd / f".{tool}.stdout").open("w+b"), (cwd / f".{tool}.stderr").open("w+b")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env={**os.environ, **(env or {})},
                               start_new_session=True)  # its own process group, so a timeout ends all of it
    sampler = _TreeSampler(process.pid)
    sampler.start()
    timer = threading.Timer(timeout, _kill_group, (process.pid, run))
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    run.wall = time.perf_counter() - started
    timer.cancel()
    sampler.stop.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    run.exit_code = process.returncode
    run.cpu = usage.ru_utime + usage.ru_stime
    run.max_rss_mb = usage.ru_maxrss / 1024
    run.tree_pss_mb = sampler.peak_kb / 1024
    for handle, name in ((out, "stdout"), (err, "stderr")):
        handle.seek(0)
        setattr(run, name, handle.read().decode("utf-8", "replace"))
        handle.close()
        Path(handle.name).unlink()
    return run


def _kill_group(pid: int, run: Run) -> None:
    run.timed_out = True
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class _TreeSampler(threading.Thread):
    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root = root
        self.peak_kb = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(self.root)))
            self.stop.wait(SAMPLE_SECONDS)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


# --- scoring ---------------------------------------------------------------------------------------

def _key(target: str, page_only: bool) -> str:
    """A missing page is found whether or not the tool kept the link's #fragment."""
    return target.partition("#")[0] if page_only else target


def score(run: Run, reported: list[tuple[str, str]], manifest: dict) -> None:
    """reported: (page, target) pairs, site-relative paths for internal links, URLs for external ones.

    Every planted broken target occurs once in the site, so a report counts as found by its target;
    a target found but never on the page that holds it is counted in `wrong_page`."""
    pages_by_target: dict[str, str] = {}
    for item in manifest["broken"]:
        pages_by_target[_key(item["target"], item["kind"] == "missing_page")] = item["page"]
    matched: set[str] = set()
    extra, on_right_page = [], set()
    for page, target in sorted(set(reported)):
        page = page.partition("#")[0]  # LinkChecker names the parent with the fragment it arrived by
        hit = next((k for k in (target, target.partition("#")[0]) if k in pages_by_target), None)
        if hit is None:
            extra.append(f"{page} -> {target}")
            continue
        matched.add(hit)
        if pages_by_target[hit] == page:
            on_right_page.add(hit)
    run.found, run.planted, run.extra = len(matched), len(pages_by_target), extra
    run.wrong_page = len(matched - on_right_page)


def relative(url_or_path: str, roots: tuple[str, ...]) -> str:
    """Site-relative path (+#fragment) of a file path, file: URL or URL under one of roots; else unchanged."""
    text = url_or_path
    for root in roots:
        if text.startswith(root):
            return unquote(text[len(root):].lstrip("/"))
    return text


def omnilinks_reported(stdout: str, roots: tuple[str, ...]) -> list[tuple[str, str]]:
    rules = {"link-internal-missing", "link-fragment-missing", "link-broken", "link-unreachable"}
    report = json.loads(stdout)
    return [(relative(f["location"]["path"] or f["location"]["url"], roots), relative(f["target"], roots))
            for f in report["findings"] if f["rule"] in rules]


def lychee_reported(stdout: str, roots: tuple[str, ...]) -> list[tuple[str, str]]:
    report = json.loads(stdout)
    return [(relative(source, roots), relative(item["url"], roots))
            for source, items in report.get("error_map", {}).items() for item in items]


def linkinator_reported(stdout: str, roots: tuple[str, ...]) -> list[tuple[str, str]]:
    report = json.loads(stdout)
    return [(relative(link.get("parent") or "", roots), relative(link["url"], roots))
            for link in report["links"] if link["state"] == "BROKEN"]


def linkchecker_reported(stdout: str, roots: tuple[str, ...]) -> list[tuple[str, str]]:
    """Errors (valid=False) and missing-anchor warnings, which AnchorCheck reports as warnings."""
    rows = [line for line in stdout.splitlines() if line and not line.startswith("#")]
    found = []
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        broken = row.get("valid") == "False" or "Anchor `" in (row.get("warningstring") or "")
        if broken and row.get("url"):
            found.append((relative(row["parentname"], roots), relative(row["url"], roots)))
    return found


def url_roots(*urls: str) -> tuple[str, ...]:
    """Prefixes to strip: each URL with and without a trailing slash, and its file-path form."""
    roots = []
    for url in urls:
        roots.append(url.rstrip("/") + "/")
        if url.startswith("file://"):
            roots.append(urlsplit(url).path.rstrip("/") + "/")
    return tuple(roots)
