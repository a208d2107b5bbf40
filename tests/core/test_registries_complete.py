"""The registries name their modules so start-up imports only what a run uses; a module
written and not registered would be silently unused. Every adapter module (one that
defines ADAPTER) and every format module must be in its registry."""
from __future__ import annotations

import importlib
import pkgutil

import omnilinks.channels
import omnilinks.report.formats
from omnilinks.channels import ADAPTER_MODULES
from omnilinks.report.formats import MODULES


def test_every_adapter_module_is_registered() -> None:
    defined = {info.name for info in pkgutil.iter_modules(omnilinks.channels.__path__)
               if hasattr(importlib.import_module(f"omnilinks.channels.{info.name}"), "ADAPTER")}
    assert defined == set(ADAPTER_MODULES)


def test_every_format_module_is_registered() -> None:
    written = {f"omnilinks.report.formats.{info.name}" for info in pkgutil.iter_modules(omnilinks.report.formats.__path__)}
    assert written == set(MODULES.values())
