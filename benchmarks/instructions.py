"""Instructions, not seconds: what omnilinks's per-page work costs, counted by valgrind's
callgrind, the same on a busy shared host as on a quiet one (wall time there drifts by 10-20 %
within a minute, more than most single changes save).

    python benchmarks/instructions.py SITE [--pages 300]       # the parse, instructions a page
    python benchmarks/instructions.py SITE --whole             # a whole `check --offline`, per process
                                                               # (a worker's count starts from its parent's at the fork)

The parse is counted as two runs' difference (N pages read, and none), so start-up and imports
drop out. PYTHONHASHSEED is fixed; what is left of run-to-run spread (dicts keyed by element
proxies, whose addresses vary) is ~0.5 %. omnilinks runs from this checkout. Needs `valgrind`.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# One child reads the first N files of the site as the folder workers do (and pickles them, as a
# worker sends them back); with N = 0 it does everything else.
PARSE = """
import gc, pickle, sys
import omnilinks.discover as discover
from omnilinks.discover.folder import FolderSite
folder = FolderSite(sys.argv[1], None, None)
files = [str(path) for path in folder.html_files()][:int(sys.argv[2])]
discover._READING = discover.Reading(folder, "ID", 10_000_000)
gc.disable()
pickle.dumps(discover._parse_files(files), protocol=5)
"""
COLLECTED = re.compile(r"==(\d+)== Collected : (\d+)")


def counted(args: list[str]) -> dict[str, int]:
    """Instructions each process of the command ran (valgrind follows forked workers)."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(REPO))
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *args],
                          capture_output=True, text=True, env=env, check=False)
    found = {pid: int(n) for pid, n in COLLECTED.findall(done.stderr)}
    if not found:
        sys.exit(f"valgrind counted nothing: {done.stderr.strip()[-300:]}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--pages", type=int, default=300, help="files read for the per-page count")
    parser.add_argument("--whole", action="store_true", help="count a whole check --offline, process by process")
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt install valgrind)")
    site = str(options.site.resolve())
    if options.whole:
        with tempfile.TemporaryDirectory() as scratch:
            found = counted([sys.executable, "-m", "omnilinks", "check", site, "--offline", "--format", "json",
                             "--output", os.path.join(scratch, "report.json"), "--no-progress", "--no-cache"])
        first = min(found, key=int)  # the main process starts first
        for pid, n in sorted(found.items(), key=lambda item: int(item[0])):
            print(f"{'main' if pid == first else 'worker':6} {n / 1e9:7.3f} G instructions")
        print(f"{'total':6} {sum(found.values()) / 1e9:7.3f} G")
        # valgrind's counters are copied into a forked child with the rest of its memory.
        print("(each worker's count includes what the main process ran before forking it: start-up, imports)")
        return
    base = sum(counted([sys.executable, "-c", PARSE, site, "0"]).values())
    read = sum(counted([sys.executable, "-c", PARSE, site, str(options.pages)]).values())
    print(f"{(read - base) / options.pages / 1e6:.3f} M instructions a page ({options.pages} pages of {site})")


if __name__ == "__main__":
    main()
