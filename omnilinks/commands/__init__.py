"""Subcommands beyond check and demo; each module registers itself with omnilinks.cli.register."""
