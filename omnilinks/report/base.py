"""What a report format is: a name, a file extension and a render function."""
from __future__ import annotations

import glob
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from omnilinks.models import Report


@dataclass(frozen=True)
class RenderOptions:
    """How a report is rendered, the same for every format of one run."""

    color: bool = False
    repo_root: str | None = None  # where source mapping looks for the files that built a page


@dataclass(frozen=True)
class Format:
    """One report format: what it is called and how it renders a report."""

    name: str
    extension: str
    description: str
    render: Callable[[Report, RenderOptions], str]
    # The same text in pieces, for a format whose report can be tens of MB (JSON at 60,000 findings).
    render_pieces: Callable[[Report, RenderOptions], Iterable[str]] | None = None

    def pieces(self, report: Report, options: RenderOptions) -> Iterable[str]:
        """The rendered text, in pieces to write one after the other."""
        if self.render_pieces is not None:
            return self.render_pieces(report, options)
        return (self.render(report, options),)


def write_atomic(path: str | os.PathLike[str], text: str | Iterable[str]) -> None:
    """Write beside the target and rename over it: a reader never sees half a report.

    The file gets the mode a plain open() would give it (the umask's, 0644 by default) or, when
    it exists, keeps its own. The temporary file's name carries this process's id, so the
    leftovers of a writer killed mid-write (SIGKILL) are removed by the next write.

    What is not a file is written through, never replaced: a symbolic link stays and the file it
    names gets the report; a device or a pipe (`-o /dev/null`, `/dev/stdout`, a FIFO) is written
    to as it is (renaming over /dev/null made it a plain file, for every program after)."""
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        kind = target.stat().st_mode
    except OSError:
        kind = None
    if kind is not None and not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.writelines((text,) if isinstance(text, str) else text)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_orphans(target)
    import tempfile  # only a report written to a file needs it; stdout does not

    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(temp, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines((text,) if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0o022)  # the only way to read the umask; set back at once
        os.umask(mask)
        return 0o666 & ~mask


def _remove_orphans(target: Path) -> None:
    """Temporary files of this report whose writer no longer runs."""
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        pid = leftover.name[len(target.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":  # Windows' os.kill would end the process, not probe it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process, or no way to tell: leave its file alone
    return True
