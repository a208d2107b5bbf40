"""The package's version, in a module of its own: the HTTP client's User-Agent and the report read it
without importing the package's front door (`omnilinks.check` reaches the whole pipeline)."""
from __future__ import annotations

__version__ = "0.1.0"
