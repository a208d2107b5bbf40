"""Crawled text is untrusted: it must never become a terminal escape sequence
or a CI log command when printed."""
from __future__ import annotations

import re

# U+2028/U+2029 end a line for some log viewers and editors, so they are shown escaped too.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def clean_text(value: object, keep_newlines: bool = False) -> str:
    """Printable text: control, bidi and escape characters shown as \\xNN / \\uNNNN."""
    text = "" if value is None else str(value)
    if not keep_newlines:
        text = text.replace("\n", " ").replace("\r", " ")
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", text)


LEGACY_COMMAND = "##["
LEADING_COMMAND = re.compile(r"^(\s*):(?=:)", re.MULTILINE)


def defuse_commands(text: str) -> str:
    """No CI runner reads this text as a workflow command.

    The runner honours `##[command]` anywhere in a line and `::command::` at the
    start of one; a space breaks both without hiding what the text said.
    """
    while LEGACY_COMMAND in text:
        text = text.replace(LEGACY_COMMAND, "# #[")
    return LEADING_COMMAND.sub(r"\1: ", text)


def log_safe(value: object, keep_newlines: bool = False) -> str:
    """Crawled text for a format that may be printed in a CI log: printable and command-free.

    With keep_newlines, every line is defused, since the runner strips a line's leading
    spaces before it looks for `::`."""
    return defuse_commands(clean_text(value, keep_newlines=keep_newlines))
