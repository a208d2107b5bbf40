"""omnilinks: the site links every channel, every channel links back, and the
business's name, address, phone, email and hours agree everywhere."""
from __future__ import annotations

from omnilinks.models import Finding, Identity, Link, Location, Page, Profile, Report
from omnilinks.version import __version__


def check(target: str, **options):  # type: ignore[no-untyped-def]
    """Check a built site folder or a live URL; returns a `Report`. See `omnilinks.pipeline.check`."""
    from omnilinks.pipeline import check as run

    return run(target, **options)


__all__ = ["check", "Finding", "Identity", "Link", "Location", "Page", "Profile", "Report", "__version__"]
