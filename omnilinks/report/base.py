"""What a report format is: a name, a file extension and a render function."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from omnilinks.models import Report


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    repo_root: str | None = None  # where source mapping looks for the files that built a page


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    description: str
    render: Callable[[Report, RenderOptions], str]


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write beside the target and rename over it: a reader never sees half a report."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
