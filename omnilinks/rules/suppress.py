"""`ignore` resolved once against the rule catalogue: rule ids, categories, URL patterns."""
from __future__ import annotations

import re
from dataclasses import dataclass

from omnilinks.config import Config
from omnilinks.errors import ConfigError
from omnilinks.models import CATEGORIES as CATEGORY_NAMES
from omnilinks.models import Finding
from omnilinks.rules import CHECKS  # noqa: F401  (importing the registry declares every rule)
from omnilinks.rules.base import RULES

CATEGORIES: frozenset[str] = frozenset(CATEGORY_NAMES)


@dataclass(frozen=True)
class Suppressions:
    """What `ignore` hides, resolved once: the findings that never reach the report."""

    rules: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    urls: tuple[re.Pattern[str], ...] = ()

    def hides(self, finding: Finding) -> bool:
        if finding.rule in self.rules or finding.category in self.categories:
            return True
        target = finding.target
        return bool(target) and any(p.search(target) for p in self.urls)  # type: ignore[arg-type]  # bool() checked it


def suppressions(config: Config) -> Suppressions:
    """Raise ConfigError (file, line, entry) for a name that is neither a rule id nor a category."""
    rules: set[str] = set()
    categories: set[str] = set()
    urls: list[re.Pattern[str]] = []
    for index, entry in enumerate(config.ignore_entries):
        key = f"ignore[{index}]"
        if entry.kind == "url":
            urls.append(re.compile(entry.value))
        elif entry.kind == "category" or (entry.kind == "name" and entry.value in CATEGORIES):
            if entry.value not in CATEGORIES:
                raise ConfigError(config.path or "omnilinks.yml",
                                  f"unknown category {entry.value!r} (known: {', '.join(sorted(CATEGORIES))})",
                                  entry.line, key)
            categories.add(entry.value)
        elif entry.value in RULES:
            rules.add(entry.value)
        elif entry.kind == "rule":
            raise ConfigError(config.path or "omnilinks.yml", f"unknown rule id {entry.value!r} "
                              "(`omnilinks rules` lists them)", entry.line, key)
        else:
            raise ConfigError(config.path or "omnilinks.yml",
                              f"{entry.value!r} is neither a rule id nor a category; write `rule: {entry.value}` "
                              f"or `url: {entry.value}` (a URL regular expression)", entry.line, key)
    return Suppressions(frozenset(rules), frozenset(categories), tuple(urls))
