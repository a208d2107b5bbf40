"""Where a folder check's time goes: one process (OMNILINKS_WORKERS=1) under cProfile, each stage's
cumulative seconds (profiled: about 1.6x the unprofiled time, the same for every stage).

    python benchmarks/profile_folder.py SITE [--repo CHECKOUT]

--repo profiles another checkout (an older commit, for a before/after table) with this script.
"""
from __future__ import annotations

import argparse
import os
import pstats
import site
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# (label, file suffix, function name): the first function matching each, by cumulative time.
STAGES = [
    ("start-up imports", "omnilinks/cli.py", "<module>"),
    ("whole run", "omnilinks/pipeline.py", "run"),
    ("read and parse every page", "omnilinks/discover/__init__.py", "_parse_all"),
    ("  lxml parse", "lxml/html/__init__.py", "document_fromstring"),
    ("  links (every reference, resolved, located)", "omnilinks/extract/html.py", "_links"),
    ("  contact facts (phones, e-mails, addresses, hours)", "omnilinks/extract/contacts.py", "contact_facts"),
    ("  structured data (JSON-LD, microdata, h-card, meta)", "omnilinks/extract/structured.py", "structured_facts"),
    ("resolve identity", "omnilinks/identity/resolve.py", "resolve_identity"),
    ("rules", "omnilinks/rules/__init__.py", "run_rules"),
    ("  links rule", "omnilinks/rules/links.py", "check"),
    ("  attribution (site links)", "omnilinks/rules/attribution_site.py", "check"),
    ("  cross-references", "omnilinks/rules/crossref.py", "check"),
    ("  structured data rules", "omnilinks/rules/schema.py", "check"),
    ("  share previews", "omnilinks/rules/previews.py", "check"),
    ("  brand", "omnilinks/rules/brand.py", "check"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to profile (default: this one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / "run.prof"
        # -S: no site hooks, so an editable install of another checkout cannot shadow the one asked for.
        path = os.pathsep.join([str(args.repo.resolve()), *site.getsitepackages()])
        env = dict(os.environ, OMNILINKS_WORKERS="1", PYTHONPATH=path)
        subprocess.run([sys.executable, "-S", "-m", "cProfile", "-o", str(profile), "-m", "omnilinks", "check",
                        str(args.site.resolve()), "--offline", "--format", "json", "--no-progress", "--no-cache"],
                       env=env, cwd=work, stdout=subprocess.DEVNULL, check=False)  # cwd: `-m` puts it first on the path
        stats = pstats.Stats(str(profile)).stats  # type: ignore[attr-defined]
    print(f"{'stage':55} {'seconds (profiled)':>18}")
    for label, suffix, name in STAGES:
        times = [value[3] for (filename, _, function), value in stats.items()
                 if filename.endswith(suffix) and function == name]
        print(f"{label:55} {max(times):18.2f}" if times else f"{label:55} {'—':>18}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
