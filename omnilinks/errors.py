"""Errors the user can act on. Each becomes one line on stderr and exit code 2."""
from __future__ import annotations


class OmnilinksError(Exception):
    """A usage, input or configuration problem; the message names the file, line or key."""

    exit_code = 2


class ConfigError(OmnilinksError):
    def __init__(self, path: str, message: str, line: int | None = None, key: str | None = None):
        where = f"{path}:{line}" if line else path
        what = f"{key}: {message}" if key else message
        super().__init__(f"{where}: {what}")
        self.path, self.line, self.key = path, line, key


class Interrupted(Exception):
    """Raised inside the pipeline when SIGINT/SIGTERM asks it to stop early."""


# The hard stop after SIGINT/SIGTERM (armed by the CLI): a stage still busy shortly after the
# signal gets an Interrupted exception. Disarmed before anything that must not be cut (the report).
_hard_stop = {"armed": False}


def arm_hard_stop() -> None:
    _hard_stop["armed"] = True


def hard_stop_armed() -> bool:
    return _hard_stop["armed"]


def disarm_hard_stop() -> None:
    import signal

    if _hard_stop["armed"] and hasattr(signal, "setitimer"):  # a library caller's own timer is not ours
        signal.setitimer(signal.ITIMER_REAL, 0)
    _hard_stop["armed"] = False
