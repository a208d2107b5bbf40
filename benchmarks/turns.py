"""The 2,000-page comparison on a noisy host: tools (and other omnilinks checkouts) take turns,
the order reversed every other round, and each pair is compared within its round.

    python benchmarks/turns.py /tmp/omnilinks-bench/folder/2000/site --rounds 21 \\
        --checkout start=/tmp/headwt            # a `git worktree` of an earlier commit, compiled

Prints min, first quartile and median of each, and how often this checkout beat each other.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--checkout", action="append", default=[], metavar="NAME=DIR")
    parser.add_argument("--lychee", default="lychee")
    args = parser.parse_args()
    args.site = str(Path(args.site).resolve())  # (the tools run from another folder)
    env = dict(os.environ, NO_COLOR="1")
    omnilinks = [sys.executable, "-m", "omnilinks", "check", args.site, "--offline", "--format", "json",
                 "--no-progress", "--no-cache"]
    commands = {"omnilinks": (omnilinks, dict(env, PYTHONPATH=str(REPO)))}
    for named in args.checkout:
        name, _, folder = named.partition("=")
        commands[name] = (omnilinks, dict(env, PYTHONPATH=folder))
    commands["lychee"] = ([args.lychee, "--offline", "--include-fragments", "--no-progress", "--format", "json",
                           args.site], env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    # Run from an empty folder: `python -m` puts the working folder first on the path, so run from
    # a checkout it would import that checkout's omnilinks whatever PYTHONPATH names.
    with tempfile.TemporaryDirectory() as neutral:
        for round_ in range(args.rounds):
            for name in (list(commands) if round_ % 2 == 0 else list(commands)[::-1]):
                command, environment = commands[name]
                started = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment,
                               cwd=neutral, check=False)
                times[name].append(time.perf_counter() - started)
    for name, values in times.items():
        ordered = sorted(values)
        print(f"{name:12} min {ordered[0]:.3f}  q1 {ordered[len(ordered) // 4]:.3f}  "
              f"median {statistics.median(ordered):.3f}")
    for name in list(commands)[1:]:
        wins = sum(mine < theirs for mine, theirs in zip(times["omnilinks"], times[name], strict=True))
        ratio = statistics.median(mine / theirs for mine, theirs in zip(times["omnilinks"], times[name], strict=True))
        print(f"omnilinks faster than {name} in {wins}/{args.rounds} rounds; median ratio {ratio:.3f}")


if __name__ == "__main__":
    main()
