"""Folder mode, side by side: omnilinks, lychee, linkinator and LinkChecker on the
same generated sites (internal links and #fragments, no network).

    python benchmarks/run_folder.py --sizes 200 2000 20000 --repeat 3

Writes benchmarks/results/folder.json and prints a Markdown table.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_site import generate  # noqa: E402
from measure import (  # noqa: E402
    Run,
    linkchecker_reported,
    linkinator_reported,
    lychee_reported,
    omnilinks_reported,
    run_measured,
    score,
    url_roots,
)
from peers import REPO, commit, compile_checkout, machine, omnilinks_command, omnilinks_env, tool_path, versions  # noqa: E402

TOOLS = ("omnilinks", "lychee", "linkinator", "linkchecker")
LINKCHECKER_RC = "[AnchorCheck]\n"  # LinkChecker checks #fragments only with this plugin on


def command_for(tool: str, site: Path, work: Path) -> tuple[list[str], Path, dict[str, str]] | None:
    if tool == "omnilinks":
        return (omnilinks_command() + ["check", str(site), "--offline", "--format", "json", "--no-progress",
                                       "--no-cache"], site, omnilinks_env())
    path = tool_path(tool)
    if path is None:
        return None
    if tool == "lychee":
        return [path, "--offline", "--include-fragments", "--no-progress", "--format", "json", str(site)], work, {}
    if tool == "linkinator":
        return [path, "site", "--recurse", "--check-fragments", "--format", "json"], work, {}
    rc = work / "linkcheckerrc"
    rc.write_text(LINKCHECKER_RC)
    return [path, "-f", str(rc), "--no-status", "-o", "csv", f"file://{site}/index.html"], work, {}


PARSERS = {"omnilinks": omnilinks_reported, "lychee": lychee_reported, "linkinator": linkinator_reported,
           "linkchecker": linkchecker_reported}


def bench_size(pages: int, work_root: Path, tools: tuple[str, ...], timeout: float, repeat: int,
               previous: dict[str, tuple[int, float]]) -> list[dict]:
    work = work_root / str(pages)
    manifest_path = work / "manifest.json"
    if manifest_path.exists() and json.loads(manifest_path.read_text()).get("pages") == pages + 1:
        manifest = json.loads(manifest_path.read_text())
    else:
        manifest = generate(pages, work, seed=1)
    site = (work / "site").resolve()
    roots = url_roots(f"file://{site}", "http://localhost", "site") + (str(site) + "/",)
    rows: dict[str, dict] = {}
    specs = {}
    for tool in tools:
        spec = command_for(tool, site, work)
        if spec is None:
            rows[tool] = {"tool": tool, "pages": pages, "skipped": "not installed"}
            continue
        if tool in previous:
            size, seconds = previous[tool]
            projected = seconds * pages / size
            if projected > timeout:
                rows[tool] = {"tool": tool, "pages": pages, "skipped": (
                    f"not run: {seconds:.0f} s at {size:,} pages projects to ~{projected / 60:.0f} min "
                    f"here (> {timeout / 60:.0f} min limit)")}
                continue
        specs[tool] = spec
    # The tools take turns, one run each a round: a machine that slows down for a while (a shared
    # host) slows every tool's runs alike, not the runs of whichever tool came then.
    runs: dict[str, list[Run]] = {tool: [] for tool in specs}
    for _ in range(repeat):
        for tool, (command, cwd, env) in specs.items():
            if runs[tool] and (runs[tool][-1].timed_out or runs[tool][-1].wall > 60):
                continue  # one long run is enough to show where it stands
            run = run_measured(tool, command, cwd, timeout, env)
            if not run.timed_out:
                try:
                    score(run, PARSERS[tool](run.stdout, roots), manifest)
                except (ValueError, KeyError) as exc:
                    run.stderr += f"\n[benchmark] could not read the output: {exc}"
            runs[tool].append(run)
            print(f"  {pages:>6} {tool:<12} {run.wall:8.2f} s  {run.tree_pss_mb:7.1f} MB  "
                  f"found {run.found}/{run.planted} extra {len(run.extra)}"
                  + ("  TIMED OUT" if run.timed_out else ""), file=sys.stderr, flush=True)
    for tool, measured in runs.items():
        best = sorted(measured, key=lambda r: r.wall)[len(measured) // 2]  # the median run
        rows[tool] = best.summary() | {"pages": pages, "walls": [round(r.wall, 3) for r in measured],
                                       "median_wall": round(statistics.median(r.wall for r in measured), 3)}
        if not best.timed_out:
            previous[tool] = (pages, best.wall)
    return [rows[tool] for tool in tools if tool in rows]


def markdown(rows: list[dict]) -> str:
    lines = ["| pages | tool | wall (s) | CPU (s) | peak RSS, largest process (MB) | peak PSS, process tree (MB) "
             "| broken found / planted | on the wrong page | extra reports |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        if row.get("skipped"):
            lines.append(f"| {row['pages']:,} | {row['tool']} | — | — | — | — | — | — | {row['skipped']} |")
            continue
        wall = f"{row['median_wall']:.2f}" + (" (timed out)" if row["timed_out"] else "")
        walls = row["walls"]
        if len(walls) > 1:
            wall += f" ({'/'.join(f'{w:.2f}' for w in walls)})"
        found = "—" if row["found"] is None else f"{row['found']} / {row['planted']}"
        lines.append(f"| {row['pages']:,} | {row['tool']} | {wall} | {row['cpu']:.1f} | {row['max_rss_mb']:.0f} | "
                     f"{row['tree_pss_mb']:.0f} | {found} | {row['wrong_page']} | {row['extra_count']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 20000])
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument("--work", type=Path, default=Path("/tmp/omnilinks-bench/folder"))
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is killed")
    parser.add_argument("--repeat", type=int, default=1, help="runs per tool and size (the median is reported)")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results" / "folder.json")
    args = parser.parse_args(argv)
    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    compile_checkout()
    meta = {"started": started, "commit": commit(), "machine": machine(), "versions": versions()}
    rows: list[dict] = []
    previous: dict[str, tuple[int, float]] = {}
    for pages in sorted(args.sizes):
        rows += bench_size(pages, args.work, tuple(args.tools), args.timeout, args.repeat, previous)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(meta | {"rows": rows}, indent=1) + "\n")
    print(json.dumps(meta, indent=1))
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
