"""Live mode, side by side: omnilinks, linkinator and LinkChecker crawl the generated
site over HTTP on 127.0.0.1, with external links to a second local host that
answers after 50 ms (1 % of those URLs answer 404).

    python benchmarks/run_live.py --pages 2000 --timeout 600

Writes benchmarks/results/live.json and prints a Markdown table. lychee is left
out: it does not crawl (it checks the links of the pages it is given).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_site import generate  # noqa: E402
from measure import linkchecker_reported, linkinator_reported, omnilinks_reported, run_measured, score, url_roots  # noqa: E402
from peers import REPO, commit, compile_checkout, machine, omnilinks_command, omnilinks_env, tool_path, versions  # noqa: E402
from serve import Servers  # noqa: E402

TOOLS = ("omnilinks", "linkinator", "linkchecker")
PARSERS = {"omnilinks": omnilinks_reported, "linkinator": linkinator_reported, "linkchecker": linkchecker_reported}


def command_for(tool: str, start: str, work: Path) -> list[str] | None:
    if tool == "omnilinks":
        return omnilinks_command() + ["check", start, "--allow-private", "--no-cache", "--format", "json",
                                      "--no-progress"]
    path = tool_path(tool)
    if path is None:
        return None
    if tool == "linkinator":
        return [path, start, "--recurse", "--check-fragments", "--format", "json"]
    rc = work / "linkcheckerrc"
    rc.write_text("[AnchorCheck]\n")
    return [path, "-f", str(rc), "--no-status", "-o", "csv", "--check-extern", start]


def bench(pages: int, work: Path, tools: tuple[str, ...], timeout: float, per_host: int | None) -> list[dict]:
    rows = []
    with Servers(work / "site") as servers:
        manifest = generate(pages, work, seed=1, external_base=servers.external_base)
        roots = url_roots(servers.site_url)
        variants = [(tool, tool, None) for tool in tools]
        if per_host and "omnilinks" in tools:
            variants.insert(1, ("omnilinks", f"omnilinks (check.per_host: {per_host})", per_host))
        for tool, label, host_limit in variants:
            command = command_for(tool, servers.site_url, work)
            if command is None:
                rows.append({"tool": label, "pages": pages, "skipped": "not installed"})
                continue
            if tool == "omnilinks":
                # The config of a URL target is looked up in the working directory.
                config = work / "omnilinks.yml"
                config.unlink(missing_ok=True)
                if host_limit:
                    config.write_text(f"check:\n  per_host: {host_limit}\n")
            run = run_measured(tool, command, work, timeout, omnilinks_env() if tool == "omnilinks" else {})
            run.tool = label
            if not run.timed_out:
                try:
                    score(run, PARSERS[tool](run.stdout, roots), manifest)
                except (ValueError, KeyError) as exc:
                    run.stderr += f"\n[benchmark] could not read the output: {exc}"
            print(f"  live {pages:>6} {label:<12} {run.wall:8.2f} s  {run.tree_pss_mb:7.1f} MB  "
                  f"found {run.found}/{run.planted} extra {len(run.extra)}"
                  + ("  TIMED OUT" if run.timed_out else ""), file=sys.stderr, flush=True)
            rows.append(run.summary() | {"pages": pages, "external_urls": manifest["external_urls"],
                                         "timeout": timeout})
    return rows


def markdown(rows: list[dict]) -> str:
    lines = ["| pages | tool | wall (s) | CPU (s) | peak PSS, process tree (MB) | broken found / planted "
             "| on the wrong page | extra reports |", "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        if row.get("skipped"):
            lines.append(f"| {row['pages']:,} | {row['tool']} | — | — | — | — | — | {row['skipped']} |")
        elif row["timed_out"]:
            lines.append(f"| {row['pages']:,} | {row['tool']} | did not finish in {row['timeout']:.0f} s "
                         f"(killed) | {row['cpu']:.1f} | {row['tree_pss_mb']:.0f} | — | — | — |")
        else:
            found = "—" if row["found"] is None else f"{row['found']} / {row['planted']}"
            lines.append(f"| {row['pages']:,} | {row['tool']} | {row['wall']:.2f} | {row['cpu']:.1f} | "
                         f"{row['tree_pss_mb']:.0f} | {found} | {row['wrong_page']} | {row['extra_count']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[2000])
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument("--work", type=Path, default=Path("/tmp/omnilinks-bench/live"))
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--per-host", type=int, default=16,
                        help="also run omnilinks with this check.per_host (its default of 4 is polite to one "
                             "external host; the peers have no per-host limit); 0 to skip")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results" / "live.json")
    args = parser.parse_args(argv)
    compile_checkout()
    meta = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "commit": commit(), "machine": machine(),
            "versions": versions()}
    rows: list[dict] = []
    for pages in args.pages:
        rows += bench(pages, args.work / str(pages), tuple(args.tools), args.timeout, args.per_host)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(meta | {"rows": rows}, indent=1) + "\n")
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
