"""Subcommands beyond check and demo; each module registers itself with omnilinks.cli.register."""
from omnilinks.commands import (
    audit_cmd,  # noqa: F401  (registers audit and merge)
    init_cmd,  # noqa: F401
    rules_cmd,  # noqa: F401
)
