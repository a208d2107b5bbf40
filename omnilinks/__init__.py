"""omnilinks: the site links every channel, every channel links back, and the
business's name, address, phone, email and hours agree everywhere."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from omnilinks.version import __version__

if TYPE_CHECKING:
    from omnilinks.models import Finding, Identity, Link, Location, Page, Profile, Report

RECORDS = ("Finding", "Identity", "Link", "Location", "Page", "Profile", "Report")


def __getattr__(name: str) -> Any:
    # The records are imported on first use: `import omnilinks` alone (the command's entry point,
    # a plugin being loaded) costs nothing until then.
    if name in RECORDS:
        from omnilinks import models

        return getattr(models, name)
    raise AttributeError(f"module 'omnilinks' has no attribute {name!r}")


def check(target: str, **options):  # type: ignore[no-untyped-def]
    """Check a built site folder or a live URL; returns a `Report`. See `omnilinks.pipeline.check`."""
    from omnilinks.pipeline import check as run

    return run(target, **options)


__all__ = ["check", "Finding", "Identity", "Link", "Location", "Page", "Profile", "Report", "__version__"]
